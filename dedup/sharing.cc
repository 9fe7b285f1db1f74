// sharing.cc: rank_by_sharing -- which page of a folder owns a paragraph
// that several pages carry, decided from how the pages share text, for
// input that has no markup to say what a page is (text dumps). Rules and
// reasons: docs/internals/dedup.md ("Owners from shared text").
#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "dedup/dedup.h"
#include "dedup/dedup_internal.h"

namespace winnow::dedup {
namespace {

// Paragraphs shorter than this (normalised code points) are left out of
// the analysis: dates, "Read more", one-word headings say nothing about
// which page owns what.
constexpr size_t kMinChars = 12;
// A page whose largest nested group of shared paragraphs is under this
// share of its shared text is a concatenation of other pages (a listing).
constexpr double kListingBelow = 0.6;
// A unit must hold this share of a page's shared text to head a group.
constexpr double kMinCore = 0.25;
// At or above this share a page is plainly one piece of content.
constexpr double kStrongShare = 0.85;

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A set of paragraphs of one page that occur on exactly the same pages.
struct Unit {
  const std::vector<uint32_t>* occ = nullptr;  // sorted page indexes
  double weight = 0;
};

// The tokens of a URL's last path segment ("/2009/06/05/ginger-beer/" ->
// ginger, beer; "index" and file extensions dropped).
std::vector<std::string> slug_tokens(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    size_t slash = url.find('/', scheme + 3);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  url = url.substr(0, url.find_first_of("?#"));
  std::vector<std::string_view> segs;
  for (std::string_view s : split(url, '/'))
    if (!s.empty()) segs.push_back(s);
  while (!segs.empty()) {
    std::string_view last = segs.back();
    size_t dot = last.rfind('.');
    if (dot != std::string_view::npos && dot > 0) last = last.substr(0, dot);
    if (to_lower_ascii(last) != "index") break;
    segs.pop_back();
  }
  std::vector<std::string> out;
  if (segs.empty()) return out;
  std::string_view last = segs.back();
  size_t dot = last.rfind('.');
  if (dot != std::string_view::npos && dot > 0) last = last.substr(0, dot);
  std::string cur;
  for (char c : last) {
    if (c == '-' || c == '_' || c == '+' || c == '.' || c == ' ') {
      if (!cur.empty()) out.push_back(normalize(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(normalize(cur));
  std::erase_if(out, [](const std::string& t) { return t.empty(); });
  return out;
}

// "%C3%A9" -> the bytes; other characters as they are.
std::string percent_decoded(std::string_view s) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// True when the URL's last segment spells at least half the words (and two
// unless it has one) of a line that may be the page's headline: such a page is that
// headline's permalink ("/2016/09/camping-dana-biosphere-reserve/" for
// "Camping in the Dana Biosphere Reserve"; "/tags/camping/" spells one
// word in six). Slugs often run words together ("multipathrouting"), so a
// headline word of 3+ letters also counts when found inside the slug (not
// a two-letter Persian "در" inside "دریای").
// The line the URL's slug spells (normalised), or "".
std::string spelled_headline(const SharingInput& page) {
  std::vector<std::string> slug = slug_tokens(percent_decoded(page.url));
  std::erase_if(slug, [](const std::string& t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  });
  if (slug.empty()) return {};
  // Words compare without their marks: a slug drops them ("Braşov" in
  // /brasov-panorama/).
  NormalizeOptions bare;
  bare.strip_marks = true;
  for (std::string& t : slug) t = normalize(t, bare);
  std::string packed;
  for (const std::string& t : slug) packed += t;
  std::vector<std::string_view> heads;
  for (size_t i = 0; i < page.paragraphs.size() && i < 3; ++i) heads.push_back(page.paragraphs[i]);
  if (!page.headlines.empty()) heads.assign(page.headlines.begin(), page.headlines.end());
  for (std::string_view line : heads) {
    std::string head = normalize(line);
    const std::string plain = normalize(line, bare);
    size_t words = 0, found = 0;
    for (std::string_view w : split(plain, ' ')) {
      if (w.empty()) continue;
      ++words;
      found += std::find(slug.begin(), slug.end(), w) != slug.end() ||
               (code_points(w) >= 3 && packed.find(w) != std::string::npos);
    }
    // Half the words, and two of them unless the headline is one word
    // ("Home bes" is a breadcrumb, not the headline of /tag/bes/).
    if (words >= 1 && words <= 30 && found * 2 >= words && found >= std::min<size_t>(2, words)) {
      return head;
    }
  }
  return {};
}

bool slug_spells_title(const SharingInput& page) { return !spelled_headline(page).empty(); }

}  // namespace

// The folder a URL sits in, with runs of digits as "0": the kind of
// address ("/0/0/0/" for dated permalinks, "/tags/", "/page/") whose pages
// are built alike.
std::string url_shape(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    size_t slash = url.find('/', scheme + 3);
    url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
  }
  url = url.substr(0, url.find_first_of("?#"));
  // Drop "index.*" and a trailing slash, then the last segment.
  std::string_view path = url;
  size_t last = path.rfind('/');
  if (last != std::string_view::npos && path.substr(last + 1).rfind("index.", 0) == 0) {
    path = path.substr(0, last);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  path = path.substr(0, path.rfind('/') + 1);
  std::string out;
  for (char c : path) {
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '0') out += '0';
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

size_t url_depth(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t n = 0;
  for (std::string_view s : split(url, '/')) n += !s.empty();
  return n;
}

// The weight of page p's largest nested group of shared paragraphs: a
// unit c and every unit found on all the pages c is on (a post's body and
// the boilerplate its copies carry too). A listing's posts are on
// different pages (each on its own article), so no group holds most of it.
double largest_group(const std::vector<Unit>& units, double shared) {
  double best = 0;
  for (const Unit& c : units) {
    best = std::max(best, c.weight);
    // A core must be a real piece of the page: a small unit on only a few
    // of the pages (two listings showing the same posts share their
    // pagination line) would pull every post into its group.
    if (c.weight < kMinCore * shared) continue;
    double sum = 0;
    for (const Unit& u : units) {
      if (std::includes(u.occ->begin(), u.occ->end(), c.occ->begin(), c.occ->end())) {
        sum += u.weight;
      }
    }
    best = std::max(best, sum);
  }
  return best;
}

}  // namespace

std::vector<SharingRank> rank_by_sharing(const std::vector<SharingInput>& pages) {
  const size_t n = pages.size();
  Normalizer normalizer;
  // Distinct paragraph keys of each page with their weights.
  std::vector<std::vector<std::pair<Hash128, double>>> keys(n);
  std::unordered_map<Hash128, std::vector<uint32_t>, Hash128Hasher> occ;
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& text : pages[i].paragraphs) {
      std::string_view norm = normalizer.normalize(text);
      const size_t chars = code_points(norm);
      if (chars < kMinChars) continue;
      const Hash128 h = hash128(norm);
      std::vector<uint32_t>& o = occ[h];
      if (!o.empty() && o.back() == i) continue;  // repeated in the page
      o.push_back(static_cast<uint32_t>(i));
      keys[i].emplace_back(h, static_cast<double>(chars));
    }
  }
  std::vector<SharingRank> out(n);
  std::vector<double> total(n, 0);
  std::vector<bool> own_text(n, false);  // a quarter or more found nowhere else
  for (size_t i = 0; i < n; ++i) {
    double unique = 0;
    std::unordered_map<const std::vector<uint32_t>*, double> by_occ;
    for (const auto& [h, w] : keys[i]) {
      total[i] += w;
      const std::vector<uint32_t>& o = occ[h];
      if (o.size() == 1) {
        unique += w;
      } else {
        by_occ[&o] += w;
      }
    }
    // Paragraphs with equal page sets are one unit: merge by content.
    std::vector<Unit> units;
    for (const auto& [o, w] : by_occ) {
      auto same = std::find_if(units.begin(), units.end(),
                               [o = o](const Unit& u) { return *u.occ == *o; });
      if (same != units.end()) {
        same->weight += w;
      } else {
        units.push_back(Unit{o, w});
      }
    }
    SharingRank& r = out[i];
    r.text_chars = static_cast<int64_t>(total[i]);
    own_text[i] = unique > 0 && unique * 4 >= total[i];
    if (total[i] <= 0) {
      r.kind = DocKind::kOther;
      continue;
    }
    const double group = largest_group(units, total[i] - unique);
    const double shared = total[i] - unique;
    r.own_share = (unique + group) / total[i];
    // A listing: its shared text comes from several sources, none holding
    // most of it, and it has not much text of its own (text found nowhere
    // else, such as a feed's merged lines, does not make a page an article).
    const bool listing = shared > 0 && group < kListingBelow * shared && unique * 2 < total[i];
    r.kind = listing ? DocKind::kListing : DocKind::kArticle;
  }
  // How much of each page another article holds (a listing shows whole
  // posts; a tag page showing one post is that post's copy).
  for (size_t i = 0; i < n; ++i) {
    if (total[i] <= 0) continue;
    std::unordered_map<uint32_t, double> with;  // article -> weight of text shared with it
    double found = 0;
    for (const auto& [h, w] : keys[i]) {
      bool in_article = false;
      for (uint32_t j : occ[h]) {
        if (j != i && out[j].kind == DocKind::kArticle) {
          out[i].contained = std::max(out[i].contained, with[j] += w);
          in_article = true;
        }
      }
      if (in_article) found += w;
    }
    out[i].contained /= total[i];
    out[i].in_articles = found / total[i];
  }
  // The owner order: pages mostly their own before concatenations of other
  // pages; then an address that spells the headline; pages with text of
  // their own (a quarter found nowhere else: the article whose excerpt a
  // listing shows); an address in a folder of articles (a post whose page
  // shares a note with another post has less of its text its own than a
  // tag page showing the post alone); most of the page its own
  // (kStrongShare: finer differences are leftovers such as a translation
  // box, not structure); more text (the page
  // holding an excerpt and more before the page holding the excerpt); a
  // deeper address; the address.
  std::vector<bool> slug(n);
  for (size_t i = 0; i < n; ++i) slug[i] = slug_spells_title(pages[i]);
  // Share of the pages of each address shape that read as articles: the
  // permalinks' folder is mostly articles, a tag or month folder mostly
  // listings, so between two copies of one post the permalink wins.
  std::unordered_map<std::string, std::pair<int, int>> shapes;  // articles, pages
  std::vector<std::string> shape(n);
  for (size_t i = 0; i < n; ++i) {
    if (out[i].kind == DocKind::kOther) continue;
    shape[i] = url_shape(pages[i].url);
    auto& [articles, all] = shapes[shape[i]];
    articles += out[i].kind == DocKind::kArticle;
    ++all;
  }
  std::vector<double> shape_share(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (out[i].kind == DocKind::kOther) continue;
    const auto& [articles, all] = shapes[shape[i]];
    shape_share[i] = static_cast<double>(articles) / all;
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    auto key = [&](size_t i) {
      return std::make_tuple(out[i].kind == DocKind::kListing, !slug[i], !own_text[i],
                             -shape_share[i], out[i].own_share < kStrongShare, -total[i],
                             -static_cast<int64_t>(url_depth(pages[i].url)),
                             std::string_view(pages[i].url), i);
    };
    return key(a) < key(b);
  });
  for (size_t k = 0; k < n; ++k) out[order[k]].priority = static_cast<int64_t>(k);
  return out;
}

}  // namespace winnow::dedup

namespace winnow::dedup {

// A paragraph removed as a copy marks a copied passage: the paragraphs
// around it that repeat, in order, the owner's paragraphs around the kept
// copy are copies too, however short ("sudo reboot", "Thanks", a code
// line). Below min_words the engine keeps repeats ("short-kept"); inside a
// copied passage they are removed the same way as the long ones.
void drop_copied_runs(const std::vector<DocInput>& docs, Result& result) {
  std::unordered_map<int64_t, size_t> by_id;
  for (size_t i = 0; i < docs.size(); ++i) by_id.emplace(docs[i].id, i);
  Normalizer normalizer;
  std::vector<std::vector<Hash128>> hashes(docs.size());
  auto hashes_of = [&](size_t i) -> const std::vector<Hash128>& {
    std::vector<Hash128>& h = hashes[i];
    if (h.empty() && !docs[i].paragraphs.empty()) {
      for (const std::string& p : docs[i].paragraphs) h.push_back(hash128(normalizer.normalize(p)));
    }
    return h;
  };
  for (size_t i = 0; i < docs.size(); ++i) {
    DocDecision& d = result.docs[i];
    if (!d.keep) continue;
    const size_t n = d.paragraphs.size();
    for (size_t k = 0; k < n; ++k) {
      const ParagraphDecision anchor = d.paragraphs[k];
      if (anchor.keep || (anchor.reason != "exact" && anchor.reason != "near")) continue;
      auto it = by_id.find(anchor.dup_doc);
      if (it == by_id.end() || it->second == i) continue;
      const size_t o = it->second;
      const DocDecision& od = result.docs[o];
      const std::vector<Hash128>& mine = hashes_of(i);
      const std::vector<Hash128>& theirs = hashes_of(o);
      for (int step : {-1, 1}) {
        long a = static_cast<long>(k) + step, b = anchor.dup_index + step;
        while (a >= 0 && b >= 0 && a < static_cast<long>(n) &&
               b < static_cast<long>(theirs.size()) && mine[a] == theirs[b] &&
               od.paragraphs[b].keep) {
          ParagraphDecision& p = d.paragraphs[a];
          if (p.keep) {
            p = ParagraphDecision{false, "exact", anchor.dup_doc, static_cast<int>(b)};
            ++result.stats.removed_paragraphs;
          }
          a += step;
          b += step;
        }
      }
    }
  }
}

}  // namespace winnow::dedup

namespace winnow::dedup {

namespace {

// The normal form of a line without a site's name after the last title
// separator (" | ", " - ", " \u2013 ", " \u2014 ", " \u00B7 ") when that
// name is short (up to 6 words), or "" when there is none.
std::string without_site_name(std::string_view text, std::string* site = nullptr) {
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x93 ",
                                                     " \xE2\x80\x94 ", " \xC2\xB7 "};
  size_t cut = std::string_view::npos, sep_len = 0;
  for (std::string_view sep : kSeparators) {
    size_t at = text.rfind(sep);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
      cut = at;
      sep_len = sep.size();
    }
  }
  if (cut == std::string_view::npos || cut == 0) return {};
  if (count_words(text.substr(cut + sep_len), 7) > 6) return {};
  if (site != nullptr) *site = normalize(text.substr(cut));
  return normalize(text.substr(0, cut));
}

// Words of a line for a title's length: an ideograph weighs half a word,
// as in a shingle (a Chinese title runs to 24 characters where an English
// one runs to 12 words).
double title_words(std::string_view line) {
  double words = 0;
  for_each_word(line, [&](std::string_view w) {
    size_t at = 0;
    const char32_t c = next_code_point(w, at);
    words += at == w.size() && word_class(c) == WordClass::kIdeograph ? 0.5 : 1.0;
  });
  return words;
}

// The headline after a short label glued before it, as a listing prints a
// post's category and title ("Linux <title>", "技术杂谈<title>"): the
// normalised line cut after at most four words (a word's end, or any
// ideograph) where the rest, as long as the label at least and two words
// or more, is one of `headlines`; else "". The label has a letter: a
// number before a title ("1.2-<title>") is a table of contents' entry,
// part of the text.
template <typename Map>
std::string_view after_label(std::string_view norm, const Map& headlines) {
  double label = 0;
  bool letter = false;
  size_t at = 0;
  while (at < norm.size()) {
    size_t next = at;
    const char32_t c = next_code_point(norm, next);
    const bool ideograph = word_class(c) == WordClass::kIdeograph;
    if (ideograph) {
      label += 0.5;
    } else if (c != ' ' && (at == 0 || norm[at - 1] == ' ')) {
      label += 1;
    }
    letter = letter || ideograph || (c >= 'a' && c <= 'z') || c >= 0x80;
    at = next;
    if (label > 4) break;
    const bool cut = ideograph || at == norm.size() || norm[at] == ' ';
    if (!cut || !letter) continue;
    std::string_view rest = trim(norm.substr(at));
    if (rest.empty()) break;
    const double words = title_words(rest);
    if (words >= 2 && words >= label && headlines.count(std::string(rest)) > 0) return rest;
  }
  return {};
}

}  // namespace

std::vector<std::vector<size_t>> headline_links(const std::vector<SharingInput>& pages,
                                                std::vector<std::string>* titles) {
  // A first paragraph reads as a title up to 12 title_words; a line over
  // the text that heads no more than one other page may run longer (a
  // marketing post's "0 code, 4K images! <product> x <model>: ...").
  constexpr double kTitleWords = 12;
  constexpr double kHeadlineWords = 24;
  // A title: short (up to `most` title_words), and not ending with a full
  // stop (a title may ask or exclaim: "Why rivers move?", "改变用户体验！").
  auto title_like = [](std::string_view line, double most) {
    line = trim(line);
    const bool sentence = !line.empty() && ((line.back() == '.' && !line.ends_with("...")) ||
                                            line.ends_with("\xE3\x80\x82"));
    return !line.empty() && !sentence && title_words(line) <= most;
  };
  // How many pages hold each line among their headline lines: the site's
  // name and menu head every page, a post's title only its own (and the
  // listing it opens).
  std::unordered_map<std::string, int> heading_pages;
  for (const SharingInput& p : pages) {
    std::unordered_set<std::string> seen;
    for (const std::string& h : p.headlines) {
      std::string norm = normalize(h);
      if (!norm.empty() && seen.insert(norm).second) ++heading_pages[norm];
    }
  }
  std::vector<std::string> own(pages.size());
  std::unordered_map<std::string, int> headlines;
  for (size_t i = 0; i < pages.size(); ++i) {
    own[i] = spelled_headline(pages[i]);
    // Else the first paragraph, when it reads as a title.
    if (own[i].empty() && !pages[i].paragraphs.empty() &&
        title_like(pages[i].paragraphs.front(), kTitleWords)) {
      own[i] = normalize(pages[i].paragraphs.front());
    }
    // Else the first headline line that reads as a title and heads at most
    // one other page (a headline repeated as a line of a listing is chrome
    // there, so the page's text starts below it), on a page with text: a
    // feed's head lines name nothing.
    for (size_t k = 0; own[i].empty() && !pages[i].paragraphs.empty() && k < pages[i].headlines.size();
         ++k) {
      std::string norm = normalize(pages[i].headlines[k]);
      if (title_like(pages[i].headlines[k], kHeadlineWords) && heading_pages[norm] <= 2) {
        own[i] = std::move(norm);
      }
    }
    if (!own[i].empty()) ++headlines[own[i]];
  }
  if (titles) {
    // The line as the page prints it.
    titles->assign(pages.size(), std::string());
    for (size_t i = 0; i < pages.size(); ++i) {
      if (own[i].empty()) continue;
      for (const auto* lines : {&pages[i].headlines, &pages[i].paragraphs}) {
        for (size_t k = 0; k < lines->size() && k < 6 && (*titles)[i].empty(); ++k) {
          if (normalize((*lines)[k]) == own[i]) (*titles)[i] = trim((*lines)[k]);
        }
      }
    }
  }
  std::vector<std::vector<size_t>> out(pages.size());
  if (headlines.empty()) return out;
  Normalizer normalizer;
  for (size_t i = 0; i < pages.size(); ++i) {
    // A site map or a list of pages saved with their <title>s: five or
    // more lines, a third of the page or more, end in one site's name after
    // a separator ("<title> | Site"). They name pages, whether or not the
    // folder holds them.
    // Per line of up to 30 words: its text without the site's name (a
    // page's <title>: "<title> | Site", "<title> - Site"), and that name
    // when the line is one line.
    const size_t lines = pages[i].paragraphs.size();
    std::unordered_map<std::string, int> site_names;
    std::vector<bool> short_line(lines);
    std::vector<std::string> titled(lines), site_of(lines);
    for (size_t k = 0; k < lines; ++k) {
      const std::string& text = pages[i].paragraphs[k];
      short_line[k] = count_words(text, 31) <= 30;
      if (!short_line[k]) continue;
      std::string site;
      titled[k] = without_site_name(text, &site);
      if (!titled[k].empty() && !site.empty() && text.find('\n') == std::string::npos) {
        site_of[k] = std::move(site);
        ++site_names[site_of[k]];
      }
    }
    for (size_t k = 0; k < lines; ++k) {
      const std::string& text = pages[i].paragraphs[k];
      if (!short_line[k]) continue;
      const int named = site_of[k].empty() ? 0 : site_names[site_of[k]];
      if (named >= 5 && static_cast<size_t>(named) * 3 >= lines) {
        out[i].push_back(k);
        continue;
      }
      std::string norm(normalizer.normalize(text));
      // A label before the title ("fa: <title>", "Next: <title>").
      size_t colon = text.find(':');
      std::string bare;
      if (colon != std::string::npos && colon > 0 && count_words(text.substr(0, colon)) <= 6) {
        bare = normalize(text.substr(colon + 1));
      }
      bool link = false;
      for (const std::string* t : {&norm, &bare, &titled[k]}) {
        if (t->empty() || *t == own[i]) continue;
        if (headlines.count(*t) > 0) {
          link = true;
          break;
        }
      }
      if (!link) {
        std::string_view labelled = after_label(norm, headlines);
        link = !labelled.empty() && labelled != own[i];
      }
      if (link) out[i].push_back(k);
    }
  }
  return out;
}

}  // namespace winnow::dedup
