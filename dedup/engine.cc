// engine.cc: run_dedup -- sorts documents into the owner order, collapses
// exact and near-duplicate documents, then walks paragraphs so that the
// first holder in that order owns each text, and drops non-article pages
// left with nothing new. Rules: docs/internals/dedup.md.
#include <algorithm>
#include <iterator>
#include <numeric>
#include <optional>
#include <unordered_set>
#include <unordered_map>

#include "dedup/dedup.h"
#include "dedup/dedup_internal.h"

namespace winnow::dedup {

const char* doc_kind_name(DocKind kind) {
  switch (kind) {
    case DocKind::kArticle: return "article";
    case DocKind::kListing: return "listing";
    case DocKind::kNewsletter: return "newsletter";
    case DocKind::kOther: return "other";
  }
  return "other";
}

DocKind classify(parser::PageKind kind, std::string_view url) {
  if (kind == parser::PageKind::kArticle) return DocKind::kArticle;
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start != std::string_view::npos) {
    std::string_view path = url.substr(start);
    path = path.substr(0, path.find_first_of("?#"));
    for (std::string_view seg : split(path, '/')) {
      if (to_lower_ascii(seg).rfind("newsletter", 0) == 0) {
        return DocKind::kNewsletter;
      }
    }
  }
  return kind == parser::PageKind::kListing ? DocKind::kListing
                                            : DocKind::kOther;
}

namespace {

// A paragraph prepared for deciding. Only the document being decided holds
// its normal forms; verification re-normalises earlier documents from the
// caller's text, so memory does not grow with the corpus's text.
struct Para {
  std::string norm;
  Hash128 hash;
  int words = 0;
};

struct Prepared {
  std::vector<Para> paras;
  Hash128 fingerprint;
  bool has_text = false;
};

Prepared prepare(const DocInput& d, Normalizer& normalizer) {
  Prepared p;
  std::string all;
  for (const std::string& text : d.paragraphs) {
    Para para;
    normalizer.normalize(text, para.norm);
    para.hash = hash128(para.norm);
    para.words = para.norm.empty() ? 0 : static_cast<int>(count_words(para.norm));
    if (!para.norm.empty()) {
      all += para.norm;
      all += '\n';
      p.has_text = true;
    }
    p.paras.push_back(std::move(para));
  }
  p.fingerprint = hash128(all);
  return p;
}

// Whether the document's first paragraph is its title: a post opens with
// its headline, a tag or month page showing one post is titled for the
// tag or month. Among listings it says nothing (a month page opens with
// "Month: September 2023", its title too).
bool headed_by_title(const DocInput& d) {
  return d.kind != DocKind::kListing && d.kind != DocKind::kNewsletter && !d.title.empty() &&
         !d.paragraphs.empty() && trim(d.paragraphs.front()) == trim(d.title);
}

// The owner order: settled documents first, then the caller's priority,
// then article < other < listing < newsletter; a page headed by its own
// title first; a page that names itself canonical, then one that declares
// no canonical, then one whose canonical is another page; https before
// http; dated before undated, earlier date first; shorter URL first; URL
// bytes; id.
bool owner_less(const DocInput& a, const DocInput& b) {
  auto key = [](const DocInput& d) {
    const int canon = d.canonical_url.empty() ? 1 : same_page_url(d.canonical_url, d.url) ? 0 : 2;
    const bool https = d.url.rfind("https://", 0) == 0;
    return std::make_tuple(d.settled ? 0 : 1, d.priority, static_cast<int>(d.kind),
                           headed_by_title(d) ? 0 : 1, canon, https ? 0 : 1,
                           d.date.empty() ? 1 : 0,
                           std::string_view(d.date), d.url.size(),
                           std::string_view(d.url), d.id);
  };
  return key(a) < key(b);
}

struct Owner {
  int64_t doc = 0;
  int index = -1;
};

// A paragraph indexed for near-duplicate search: its owner, and where its
// text is (position in the input, paragraph index) for verification.
struct NearPara {
  Owner owner;
  size_t pos = 0;
};

// Normal forms of a document's non-empty paragraphs, each followed by ' '.
std::string joined(const Prepared& p) {
  std::string all;
  for (const Para& para : p.paras) {
    if (para.norm.empty()) continue;
    all += para.norm;
    all += ' ';
  }
  return all;
}

// A paragraph its page closes with a link onward: an arrow at its end
// ("… Continue reading →", "Read more »"). Such a teaser holds no text of
// its own, whatever page shows it. (An ellipsis alone does not mark one:
// prose uses it, in Persian and Chinese most of all.)
bool marked_truncated(std::string_view raw) {
  raw = trim(raw);
  // "→", or a guillemet after a space ("Read more »"): one glued to a
  // word closes a quotation («...») in Persian, French, Russian.
  // In right-to-left text the arrow onward points left ("بیشتر بخوانید ←").
  return raw.ends_with("\xE2\x86\x92") || raw.ends_with(" \xC2\xBB") ||
         raw.ends_with(" \xE2\x80\xBA") || raw.ends_with(" \xE2\x86\x90");
}

// A page whose rel=canonical names the page itself.
bool self_canonical(const DocInput& d) { return same_page_url(d.canonical_url, d.url); }

// A document that is a work of its own: it names itself canonical, or the
// caller says so (DocInput::own_work).
bool own_work(const DocInput& d) { return d.own_work || self_canonical(d); }

// The shape of a URL's path: per segment 'D' (all digits before any
// extension) or 'w', then the last segment's extension or a final '/'
// ("/2016/09/slug/" -> "DDw/", "/posts/x.html" -> "ww.html").
std::string address_shape(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return "";
  std::string_view path = url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  std::string shape;
  std::string_view last;
  for (std::string_view seg : split(path, '/')) {
    if (seg.empty()) continue;
    last = seg;
    std::string_view stem = seg.substr(0, seg.find('.'));
    const bool digits = !stem.empty() && std::all_of(stem.begin(), stem.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    shape += digits ? 'D' : 'w';
  }
  if (!path.empty() && path.back() == '/') return shape + '/';
  const size_t dot = last.rfind('.');
  if (dot != std::string_view::npos) shape += last.substr(dot);
  return shape;
}

// Addresses of one shape (address_shape) in one folder, digits aside
// (url_shape: /2014/10/ and /2015/07/ are one; /posts/ and /archive/ two).
bool same_kind_of_address(std::string_view a, std::string_view b) {
  return address_shape(a) == address_shape(b) && url_shape(a) == url_shape(b);
}

// Two posts of one site under titles, both known, that are not one title
// (under a quarter of their distinct words in common, so "the" or "of" do
// not tie them; "Trip" and "Trip (updated)" stay one), at addresses of one
// shape: a month or tag archive showing one post whole has its own title
// too, but not a post's address.
bool titled_apart(const DocInput& a, const DocInput& b) {
  if (a.title.empty() || b.title.empty()) return false;
  if (!same_kind_of_address(a.url, b.url)) return false;
  std::vector<std::string> wa, wb;
  for_each_word(a.title, [&](std::string_view w) { wa.push_back(to_lower_ascii(w)); });
  for_each_word(b.title, [&](std::string_view w) { wb.push_back(to_lower_ascii(w)); });
  std::sort(wa.begin(), wa.end());
  wa.erase(std::unique(wa.begin(), wa.end()), wa.end());
  std::sort(wb.begin(), wb.end());
  wb.erase(std::unique(wb.begin(), wb.end()), wb.end());
  std::vector<std::string> common;
  std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(common));
  const size_t all = wa.size() + wb.size() - common.size();
  return all > 0 && common.size() * 4 < all;
}

// Two posts of one site under two titles, both known, and two dates, both
// to the day, at addresses of one kind: a post published again later
// under a new title (a series part reworked from an older post), though
// the titles share words. A tag or month page showing a post carries the
// post's date and sits in a folder of its own; a copy republished under
// the same title is the same post.
bool dated_apart(const DocInput& a, const DocInput& b, Normalizer& normalizer) {
  if (a.date.size() < 10 || b.date.size() < 10) return false;
  if (a.date.compare(0, 10, b.date, 0, 10) == 0) return false;
  if (a.title.empty() || b.title.empty()) return false;
  std::string ta, tb;
  normalizer.normalize(a.title, ta);
  normalizer.normalize(b.title, tb);
  return ta != tb && same_kind_of_address(a.url, b.url);
}

class Decider {
 public:
  Decider(const std::vector<DocInput>& docs, const Options& o)
      : docs_(docs), o_(o), normalizer_(o.normalize),
        near_articles_(o.doc_shingle, o.near_doc_threshold),
        near_others_(o.doc_shingle, o.near_doc_threshold),
        near_paras_(o.para_shingle, o.near_para_threshold) {}

  Result run();

 private:
  void decide_document(size_t i, const Prepared& p);
  void decide_paragraphs(size_t i, const Prepared& p);
  void replay_settled(size_t i, const Prepared& p);
  void drop_if_nothing_new(size_t i, const Prepared& p);
  int64_t most_similar_doc(NearIndex& near, const std::vector<uint64_t>& sh,
                           const NearIndex::Bands& bands, size_t i);
  int64_t most_similar_para(const std::vector<uint64_t>& sh,
                            const NearIndex::Bands& bands, int64_t self);
  void index_excerpt_source(size_t i, const Prepared& p, size_t k);
  std::optional<Owner> excerpt_of(size_t i, const Para& para);
  Result finish();

  const std::vector<DocInput>& docs_;
  const Options& o_;
  Normalizer normalizer_;
  std::vector<DocDecision> out_;
  std::unordered_map<Hash128, size_t, Hash128Hasher> doc_by_fp_;
  std::unordered_map<Hash128, Owner, Hash128Hasher> para_owner_;
  std::vector<NearPara> near_para_;  // NearIndex id -> paragraph
  std::unordered_map<int64_t, size_t> pos_of_;  // by DocInput::id
  // Document position -> the earlier document it repeats whole (or nearly)
  // under a title sharing no word with its own (titled_apart) or under a
  // date of its own (dated_apart): a repost.
  std::unordered_map<size_t, size_t> repost_of_;
  // Both documents of each pair told apart by their dates (dated_apart):
  // each is a post of its own. (Two tag pages showing one post differ in
  // title only.)
  std::unordered_set<size_t> dated_repost_;
  // Whether document i keeps a paragraph that `owner` holds: both are
  // articles (Options::keep_shared_in_articles), and works of their own
  // when Options::shared_between_works says so.
  bool shares(size_t i, const Owner& owner) const {
    if (!o_.keep_shared_in_articles) return false;
    auto it = pos_of_.find(owner.doc);
    if (it == pos_of_.end()) return false;
    // A post published again under another title keeps what it shares
    // with that post, whatever their page kinds.
    auto r = repost_of_.find(i);
    if (r != repost_of_.end() && r->second == it->second) return true;
    if (docs_[i].kind != DocKind::kArticle || docs_[it->second].kind != DocKind::kArticle) {
      return false;
    }
    // A post in a pair dated apart is a publication of its own, though
    // most of its text is its partner's.
    auto work = [&](size_t j) { return own_work(docs_[j]) || dated_repost_.count(j) > 0; };
    return !o_.shared_between_works || (work(i) && work(it->second));
  }
  // Whether documents i and j are two works however alike.
  bool distinct_works(size_t i, size_t j) const;
  // Kept paragraphs by the first kExcerptKey bytes of the text that runs
  // from them to the end of their document: where a teaser may come from.
  // The value's second: the order of indexing (the owner order), which
  // breaks ties between sources whatever the input order.
  std::unordered_multimap<uint64_t, std::pair<NearPara, size_t>> excerpt_sources_;
  // Near-duplicate documents are looked for among articles and among
  // "other" pages only: listings and newsletter issues are concatenations
  // of posts, and collapsing one into a similar page could lose a post that
  // exists nowhere else; the paragraph level handles them.
  NearIndex* near_docs_for(DocKind k) {
    if (o_.near_doc_threshold <= 0) return nullptr;
    if (k == DocKind::kArticle) return &near_articles_;
    if (k == DocKind::kOther) return &near_others_;
    return nullptr;
  }
  NearIndex near_articles_;
  NearIndex near_others_;
  NearIndex near_paras_;
};

// A teaser ("the first lines of the post… Read more") is recognised by
// the first bytes of its normal form; 24 bytes are some 4 words of Latin
// text or 8 ideographs.
constexpr size_t kExcerptKey = 24;
constexpr size_t kExcerptMinWords = 8;   // shared with the source
constexpr size_t kExcerptMaxTail = 4;    // words after it ("continue reading"),
                                         // or a quarter of the shared words

// The indexed document (a position in docs_) most similar to sh, the text
// of document i, at the threshold or above (ties to the lowest position),
// or -1: each LSH candidate is re-shingled from its text and compared
// exactly.
int64_t Decider::most_similar_doc(NearIndex& near, const std::vector<uint64_t>& sh,
                                  const NearIndex::Bands& bands, size_t i) {
  int64_t best = -1;
  double best_sim = 0;
  std::string norm, all;
  for (int64_t j : near.candidates(bands)) {
    if (distinct_works(i, static_cast<size_t>(j))) continue;
    all.clear();
    for (const std::string& text : docs_[static_cast<size_t>(j)].paragraphs) {
      normalizer_.normalize(text, norm);
      if (norm.empty()) continue;
      all += norm;
      all += ' ';
    }
    const double s = jaccard(sh, shingles(all, o_.doc_shingle));
    if (s >= near.threshold() && s > best_sim) best = j, best_sim = s;
  }
  return best;
}

// Same for near-duplicate paragraphs: the near_para_ id, or -1. Paragraphs
// of document `self` do not count: two alike paragraphs of one page are
// its author's (a list of steps worded alike), unlike an exact repeat.
int64_t Decider::most_similar_para(const std::vector<uint64_t>& sh,
                                   const NearIndex::Bands& bands, int64_t self) {
  int64_t best = -1;
  double best_sim = 0;
  std::string norm;
  for (int64_t j : near_paras_.candidates(bands)) {
    const NearPara& np = near_para_[static_cast<size_t>(j)];
    if (np.owner.doc == self) continue;
    normalizer_.normalize(
        docs_[np.pos].paragraphs[static_cast<size_t>(np.owner.index)], norm);
    const double s = jaccard(sh, shingles(norm, o_.para_shingle));
    if (s >= near_paras_.threshold() && s > best_sim) best = j, best_sim = s;
  }
  return best;
}

// The first kExcerptKey bytes of s with its spaces left out (a Chinese or
// Japanese summary glues the text of two paragraphs without one), or ""
// when s is shorter.
std::string excerpt_key(std::string_view s) {
  std::string key;
  for (size_t at = 0; at < s.size() && key.size() < kExcerptKey; ++at) {
    if (s[at] != ' ') key += s[at];
  }
  return key.size() < kExcerptKey ? std::string() : key;
}

// Indexes the running text from paragraph k of document i (its normal
// forms joined by one space) under excerpt_key.
void Decider::index_excerpt_source(size_t i, const Prepared& p, size_t k) {
  std::string run;
  for (size_t j = k; j < p.paras.size() && run.size() < 2 * kExcerptKey; ++j) {
    if (p.paras[j].norm.empty()) continue;
    if (!run.empty()) run += ' ';
    run += p.paras[j].norm;
  }
  const std::string key = excerpt_key(run);
  if (key.empty()) return;
  excerpt_sources_.emplace(
      hash64(key),
      std::pair{NearPara{Owner{docs_[i].id, static_cast<int>(k)}, i}, excerpt_sources_.size()});
}

// How many bytes of t run equal to the start of src when spaces are left
// out of both (a space in one may be missing in the other).
size_t common_prefix_spaceless(std::string_view t, std::string_view src) {
  size_t a = 0, b = 0, matched = 0;
  while (a < t.size() && b < src.size()) {
    if (t[a] == ' ') { ++a; continue; }
    if (src[b] == ' ') { ++b; continue; }
    if (t[a] != src[b]) break;
    matched = ++a;
    ++b;
  }
  return matched;
}

// When para (of document i) is another document's text cut short -- the
// same words from one of its paragraphs on (spaces aside), at least kExcerptMinWords of
// them, followed by at most kExcerptMaxTail words of its own or a quarter
// of the shared words, whichever is more ("…", "Read more", a word cut in
// the middle) -- the paragraph where that text
// starts; of several, the first indexed (the owner order).
std::optional<Owner> Decider::excerpt_of(size_t i, const Para& para) {
  const std::string& t = para.norm;
  if (static_cast<size_t>(para.words) < kExcerptMinWords) return std::nullopt;
  const std::string key = excerpt_key(t);
  if (key.empty()) return std::nullopt;
  auto range = excerpt_sources_.equal_range(hash64(key));
  std::optional<Owner> best;
  size_t best_seq = SIZE_MAX;
  std::string run, norm;
  for (auto it = range.first; it != range.second; ++it) {
    const NearPara& src = it->second.first;
    if (src.owner.doc == docs_[i].id) continue;
    const std::vector<std::string>& paras = docs_[src.pos].paragraphs;
    run.clear();
    for (size_t j = static_cast<size_t>(src.owner.index); j < paras.size() && run.size() <= t.size();
         ++j) {
      normalizer_.normalize(paras[j], norm);
      if (norm.empty()) continue;
      if (!run.empty()) run += ' ';
      run += norm;
    }
    const size_t common = common_prefix_spaceless(t, run);
    const size_t shared = count_words(std::string_view(t).substr(0, common));
    if (shared < kExcerptMinWords) continue;
    // "続きを読む" is five words where "read more" is two.
    const size_t max_tail = std::max(kExcerptMaxTail, shared / 4);
    if (count_words(std::string_view(t).substr(common), max_tail + 1) > max_tail) continue;
    if (it->second.second < best_seq) best = src.owner, best_seq = it->second.second;
  }
  return best;
}

void Decider::decide_document(size_t i, const Prepared& p) {
  DocDecision& d = out_[i];
  if (!p.has_text) return;
  // A copy under a title apart is a repost: it stays, keeping what it
  // shares with the post it repeats (shares()).
  auto repost = [&](size_t j) {
    const DocInput& a = docs_[i];
    const DocInput& b = docs_[j];
    if (a.kind == DocKind::kListing || b.kind == DocKind::kListing) return false;
    const bool dated = dated_apart(a, b, normalizer_);
    if (!dated && !titled_apart(a, b)) return false;
    repost_of_[i] = j;
    if (dated) {
      dated_repost_.insert(i);
      dated_repost_.insert(j);
    }
    return true;
  };
  auto it = doc_by_fp_.find(p.fingerprint);
  const bool exact = it != doc_by_fp_.end() && !distinct_works(i, it->second);
  if (exact && !repost(it->second)) {
    d.keep = false;
    d.reason = "exact-doc";
    d.dup_of = docs_[it->second].id;
    return;
  }
  NearIndex* near = near_docs_for(docs_[i].kind);
  std::vector<uint64_t> sh;
  NearIndex::Bands bands{};
  if (near) {
    sh = shingles(joined(p), o_.doc_shingle);  // non-empty: has_text
    bands = near->bands(sh);
    int64_t j = exact ? -1 : most_similar_doc(*near, sh, bands, i);
    if (j >= 0 && !repost(static_cast<size_t>(j))) {
      d.keep = false;
      d.reason = "near-doc";
      d.dup_of = docs_[static_cast<size_t>(j)].id;
      return;
    }
  }
  doc_by_fp_.emplace(p.fingerprint, i);
  if (near) near->add_bands(static_cast<int64_t>(i), bands);
}

// Two works of their own (pages that each name themselves canonical, at
// different URLs, or that the caller calls so) are two publications,
// however much text they share (a chapter revised for a new edition, a post
// published twice): both stay, and the paragraph level decides what they
// repeat.
bool Decider::distinct_works(size_t i, size_t j) const {
  const DocInput& a = docs_[i];
  const DocInput& b = docs_[j];
  if (!own_work(a) || !own_work(b)) return false;
  return a.canonical_url.empty() || b.canonical_url.empty() ||
         !same_page_url(a.canonical_url, b.canonical_url);
}

void Decider::decide_paragraphs(size_t i, const Prepared& p) {
  DocDecision& d = out_[i];
  const int64_t id = docs_[i].id;
  for (size_t k = 0; k < p.paras.size(); ++k) {
    const Para& para = p.paras[k];
    ParagraphDecision& pd = d.paragraphs[k];
    if (para.norm.empty()) continue;
    if (k > 0 && p.paras[k - 1].hash == para.hash) {
      // A repeat of the paragraph right before: an editing slip or a
      // caption equal to the alt text. Points at the kept copy.
      const ParagraphDecision& prev = d.paragraphs[k - 1];
      pd.keep = false;
      pd.reason = prev.keep ? "in-page" : prev.reason;
      pd.dup_doc = prev.keep ? id : prev.dup_doc;
      pd.dup_index = prev.keep ? static_cast<int>(k - 1) : prev.dup_index;
      if (prev.keep && prev.reason == "short-kept") pd.reason = "in-page";
      continue;
    }
    auto it = para_owner_.find(para.hash);
    if (para.words < o_.min_words) {
      if (it == para_owner_.end()) {
        para_owner_.emplace(para.hash, Owner{id, static_cast<int>(k)});
        index_excerpt_source(i, p, k);
      } else {
        pd.reason = "short-kept";
        pd.dup_doc = it->second.doc;
        pd.dup_index = it->second.index;
      }
      continue;
    }
    if (it != para_owner_.end()) {
      pd.dup_doc = it->second.doc;
      pd.dup_index = it->second.index;
      if (it->second.doc != id && shares(i, it->second)) {
        pd.reason = "shared-kept";
        continue;
      }
      pd.keep = false;
      pd.reason = it->second.doc == id ? "in-page" : "exact";
      continue;
    }
    // Whether the page marks the paragraph as cut short ("… Continue
    // reading →"): then even an article or a work of its own keeps none of
    // it where another page holds the text.
    auto teaser = [&] { return marked_truncated(docs_[i].paragraphs[k]); };
    std::vector<uint64_t> sh;
    NearIndex::Bands bands{};
    const bool near = o_.near_para_threshold > 0 &&
                      para.words >= o_.near_para_min_words;
    if (near) {
      sh = shingles(para.norm, o_.para_shingle);
      bands = near_paras_.bands(sh);  // non-empty: 20+ words
      int64_t j = most_similar_para(sh, bands, id);
      if (j >= 0) {
        const Owner& own = near_para_[static_cast<size_t>(j)].owner;
        pd.dup_doc = own.doc;
        pd.dup_index = own.index;
        if (own.doc != id && shares(i, own) && !teaser()) {
          pd.reason = "shared-kept";
          continue;
        }
        pd.keep = false;
        pd.reason = "near";
        continue;
      }
    }
    // Teasers are looked for on listings and other pages, and in articles
    // only where marked as cut short: an article that repeats a longer
    // text's opening words holds its own paragraph (a table row, a shared
    // definition), not a teaser.
    std::optional<Owner> from;
    if (docs_[i].kind != DocKind::kArticle || teaser()) from = excerpt_of(i, para);
    if (from) {
      pd.keep = false;
      pd.reason = "excerpt";
      pd.dup_doc = from->doc;
      pd.dup_index = from->index;
      continue;
    }
    para_owner_.emplace(para.hash, Owner{id, static_cast<int>(k)});
    index_excerpt_source(i, p, k);
    if (near) {
      near_paras_.add_bands(static_cast<int64_t>(near_para_.size()), bands);
      near_para_.push_back(NearPara{Owner{id, static_cast<int>(k)}, i});
    }
  }
}

// A settled document's kept text seeds the indexes exactly as if it had
// been decided now.
void Decider::replay_settled(size_t i, const Prepared& p) {
  const DocDecision& d = out_[i];
  if (!d.keep) return;
  if (p.has_text) {
    doc_by_fp_.emplace(p.fingerprint, i);
    if (NearIndex* near = near_docs_for(docs_[i].kind)) {
      near->add_bands(static_cast<int64_t>(i),
                      near->bands(shingles(joined(p), o_.doc_shingle)));
    }
  }
  const int64_t id = docs_[i].id;
  for (size_t k = 0; k < p.paras.size() && k < d.paragraphs.size(); ++k) {
    const Para& para = p.paras[k];
    if (!d.paragraphs[k].keep || para.norm.empty()) continue;
    if (!para_owner_.emplace(para.hash, Owner{id, static_cast<int>(k)}).second) {
      continue;
    }
    index_excerpt_source(i, p, k);
    if (o_.near_para_threshold > 0 && para.words >= o_.near_para_min_words &&
        para.words >= o_.min_words) {
      near_paras_.add_bands(static_cast<int64_t>(near_para_.size()),
                            near_paras_.bands(shingles(para.norm, o_.para_shingle)));
      near_para_.push_back(NearPara{Owner{id, static_cast<int>(k)}, i});
    }
  }
}

// A non-article page whose substantive paragraphs were all removed has
// nothing new: it is dropped (reason "empty"). So is one of short lines
// only (a category's titles and dates, a few widget titles) unless it lost
// none of them and has at least five of its own, most of its lines: a
// short poem.
void Decider::drop_if_nothing_new(size_t i, const Prepared& p) {
  if (docs_[i].kind == DocKind::kArticle) return;
  DocDecision& d = out_[i];
  int64_t first_owner = 0;
  size_t removed = 0, repeated = 0, lines = 0;
  for (size_t k = 0; k < d.paragraphs.size(); ++k) {
    if (p.paras[k].norm.empty()) continue;
    ++lines;
    const bool substantive = p.paras[k].words >= o_.min_words;
    if (d.paragraphs[k].keep && substantive) return;
    if (d.paragraphs[k].reason == "short-kept") ++repeated;
    if (!d.paragraphs[k].keep) {
      ++removed;
      if (first_owner == 0) first_owner = d.paragraphs[k].dup_doc;
    }
  }
  if (removed == 0 && repeated * 2 < lines && lines - repeated >= 5) return;
  d.keep = false;
  d.reason = "empty";
  d.dup_of = first_owner;
}

Result Decider::run() {
  const size_t n = docs_.size();
  out_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (docs_[i].settled) {
      out_[i] = *docs_[i].settled;
    } else {
      out_[i].paragraphs.assign(docs_[i].paragraphs.size(), ParagraphDecision{});
    }
    out_[i].id = docs_[i].id;
    out_[i].paragraphs.resize(docs_[i].paragraphs.size());
  }
  for (size_t i = 0; i < docs_.size(); ++i) pos_of_.emplace(docs_[i].id, i);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return owner_less(docs_[a], docs_[b]);
  });
  for (size_t i : order) {
    const Prepared p = prepare(docs_[i], normalizer_);
    if (docs_[i].settled) {
      replay_settled(i, p);
      continue;
    }
    decide_document(i, p);
    if (!out_[i].keep) continue;
    decide_paragraphs(i, p);
    drop_if_nothing_new(i, p);
  }
  return finish();
}

// Records removed documents as aliases of their representative and counts.
Result Decider::finish() {
  std::unordered_map<int64_t, size_t> index_of;
  for (size_t i = 0; i < out_.size(); ++i) index_of.emplace(out_[i].id, i);
  for (size_t i = 0; i < out_.size(); ++i) {
    const DocDecision& d = out_[i];
    if (d.keep || (d.reason != "exact-doc" && d.reason != "near-doc")) continue;
    auto it = index_of.find(d.dup_of);
    if (it != index_of.end()) out_[it->second].aliases.push_back(docs_[i].url);
  }
  Result r;
  for (size_t i = 0; i < out_.size(); ++i) {
    DocDecision& d = out_[i];
    auto& a = d.aliases;
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    a.erase(std::remove(a.begin(), a.end(), docs_[i].url), a.end());
    ++r.stats.documents;
    r.stats.paragraphs += static_cast<int64_t>(d.paragraphs.size());
    if (!d.keep) {
      ++r.stats.removed_documents;
      r.stats.removed_paragraphs += static_cast<int64_t>(d.paragraphs.size());
      continue;
    }
    for (const ParagraphDecision& p : d.paragraphs) {
      r.stats.removed_paragraphs += p.keep ? 0 : 1;
    }
  }
  r.docs = std::move(out_);
  return r;
}

}  // namespace

Result run_dedup(const std::vector<DocInput>& docs, const Options& options) {
  return Decider(docs, options).run();
}

}  // namespace winnow::dedup
