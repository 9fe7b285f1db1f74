// pipeline.cc: extract -> dedup -> export over a store (see pipeline.h).
#include "cli/pipeline.h"

#include "cli/dedup_store.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "chrome/chrome.h"
#include "crawler/crawler.h"
#include "dedup/dedup.h"
#include "export/export.h"
#include "parser/parser.h"

namespace winnow::cli {

namespace {

bool is_html(const store::FetchRow& f) {
  return f.status >= 200 && f.status < 300 &&
         (f.content_type == "text/html" ||
          f.content_type == "application/xhtml+xml" || f.content_type.empty());
}

struct PageRef {
  int64_t url_id = 0;
  int64_t fetch_id = 0;
  std::string url;
};

// Calls fn(ref, parsed page) for every HTML page in url-id order; pages are
// numbered 0, 1, 2... in that order, and only those for which want(number)
// is true are decoded and parsed.
template <typename Want, typename Fn>
Status for_each_page(store::Store& db, Want&& want, Fn&& fn) {
  size_t number = 0;
  return db.for_each_latest_fetch([&](const store::FetchRow& f) {
    if (!is_html(f) || !want(number++)) return true;
    auto body = crawler::decode_body(f);
    if (!body) {
      log_warn(body.status().message());
      return true;
    }
    parser::ParseOptions po;
    po.url = f.final_url.empty() ? f.url : f.final_url;
    po.content_type = f.content_type;
    if (!f.charset.empty()) po.content_type += "; charset=" + f.charset;
    // A feed or sitemap served as text/html is not a page: its items
    // would otherwise compete with the articles for their own text.
    if (parser::is_xml_feed(*body)) return true;
    parser::ParsedPage page = parser::parse_html(*body, po);
    // A page that sends the reader on at once (meta refresh) is a stub of
    // its target: no text of its own, and an alias of the target.
    if (auto target = crawler::meta_refresh_target(*body, po.url)) {
      page.meta.canonical = *target;
      page.blocks.clear();
    }
    fn(number - 1, PageRef{f.url_id, f.id, f.url}, page);
    return true;
  });
}

store::DocumentRow to_row(const PageRef& ref, const parser::Document& d) {
  store::DocumentRow row;
  row.url_id = ref.url_id;
  row.fetch_id = ref.fetch_id;
  row.url = d.url;
  row.canonical_url = d.canonical_url;
  row.title = d.title;
  row.date = d.date;
  row.author = d.author;
  row.site_name = d.site_name;
  row.lang = d.lang;
  row.kind = parser::page_kind_name(d.kind);
  row.site = chrome::site_key(d.url);
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    const parser::Paragraph& p = d.paragraphs[i];
    row.paragraphs.push_back(store::ParagraphRow{
        static_cast<int>(i), parser::block_kind_name(p.kind), p.level, p.text,
        p.markdown});
  }
  return row;
}

}  // namespace

namespace {

// One line per block: index, verdict, reason, kind, link share, flags,
// path, text (first 120 bytes, newlines as spaces).
void print_explain(const std::string& url, const parser::ParsedPage& page,
                   const std::vector<chrome::BlockVerdict>& verdicts,
                   const parser::Document& doc) {
  std::printf("# %s kind=%s title=%s canonical=%s\n", url.c_str(),
              parser::page_kind_name(doc.kind), doc.title.c_str(), doc.canonical_url.c_str());
  static const char kFlagLetters[] = "nhfaFAMlgLtHCbcBP";  // NodeFlag bit order
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[i];
    std::string flags;
    for (int bit = 0; bit + 1 < static_cast<int>(sizeof kFlagLetters); ++bit) {
      if (b.ancestor_flags & (1u << bit)) flags += kFlagLetters[bit];
    }
    std::string text = b.text.substr(0, 120);
    for (char& c : text) c = (c == '\n' || c == '\t') ? ' ' : c;
    const chrome::BlockVerdict v = i < verdicts.size() ? verdicts[i] : chrome::BlockVerdict{};
    std::printf("%zu\t%s\t%s\t%s%d\t%.2f\t%s\t%s\t%s\n", i, v.chrome ? "chrome" : "KEEP",
                chrome::reason_name(v.reason), parser::block_kind_name(b.kind), b.level,
                b.text_chars ? double(b.link_chars) / double(b.text_chars) : 0.0,
                flags.c_str(), b.path.c_str(), text.c_str());
  }
}

}  // namespace

namespace {

// True when node `n` of the page lies inside node `ancestor`.
bool inside(const parser::ParsedPage& page, int n, int ancestor) {
  for (int guard = 0; n >= 0 && guard < 4096; ++guard) {
    if (n == ancestor) return true;
    n = page.nodes[static_cast<size_t>(n)].parent;
  }
  return false;
}

// For a listing: per paragraph, the page named by the post unit it belongs
// to, else "". A unit opens at a heading that links to a page as a whole
// (chrome::heading_link; kept or judged chrome: a linked title is
// link-dense). It holds the element around the
// heading that holds no other such heading (the post's <article> or
// <div>, headings of its own sections included); where the posts are not
// wrapped (the heading's parent holds them all), what follows inside the
// parent up to the next heading of the unit's level or higher. A heading
// linking to a folder above the page (the site's title) opens none; the
// element is never <body>. Empty for any other page.
std::vector<std::string> linked_headings(const parser::ParsedPage& page,
                                         const parser::Document& doc) {
  std::vector<std::string> out;
  if (doc.kind != parser::PageKind::kListing) return out;
  // A heading linking to a folder above the page (the site's title linking
  // home) opens no unit.
  const std::string_view self = page_of_url(doc.url);
  std::vector<std::string> links(page.blocks.size());  // chrome::heading_link per block
  for (size_t i = 0; i < page.blocks.size(); ++i) links[i] = chrome::heading_link(page.blocks[i]);
  auto is_unit_heading = [&](size_t i) {
    const parser::Block& b = page.blocks[i];
    if (links[i].empty() || b.node < 0) return false;
    std::string_view t = page_of_url(links[i]);
    t = t.substr(0, t.find('?'));
    return !(t.size() < self.size() && !t.empty() && t.back() == '/' && self.substr(0, t.size()) == t);
  };
  // Linked headings inside each node.
  std::vector<int> count(page.nodes.size(), 0);
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[i];
    if (!is_unit_heading(i)) continue;
    for (int n = b.node, guard = 0; n >= 0 && guard < 4096; ++guard) {
      ++count[static_cast<size_t>(n)];
      n = page.nodes[static_cast<size_t>(n)].parent;
    }
  }
  std::vector<std::string_view> unit(page.blocks.size());
  std::string_view target;
  int level = 0, container = -1;
  bool wrapped = false;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[i];
    if (!target.empty() &&
        ((!wrapped && b.kind == parser::BlockKind::kHeading && b.level <= level) || b.node < 0 ||
         !inside(page, b.node, container))) {
      target = {};
    }
    if (is_unit_heading(i)) {
      target = page_of_url(links[i]);
      level = std::max(b.level, 1);
      int a = b.node;
      for (int guard = 0; guard < 4096; ++guard) {
        const int up = page.nodes[static_cast<size_t>(a)].parent;
        if (up < 0 || count[static_cast<size_t>(up)] != 1) break;
        const std::string& tag = page.nodes[static_cast<size_t>(up)].tag;
        if (tag == "body" || tag == "html") break;
        a = up;
      }
      wrapped = a != b.node;
      container = wrapped ? a : page.nodes[static_cast<size_t>(b.node)].parent;
    }
    unit[i] = target;
  }
  out.resize(doc.paragraphs.size());
  for (size_t k = 0; k < doc.paragraphs.size(); ++k) {
    const int block = doc.paragraphs[k].block;
    if (block >= 0 && static_cast<size_t>(block) < unit.size()) out[k] = std::string(unit[static_cast<size_t>(block)]);
  }
  return out;
}

// A listing's post unit -- a heading linking to a page, and what follows
// it up to the next heading of its level or higher -- belongs to that page
// when the crawl holds it as a page of its own (an article, or a short
// post such as a photo with its caption: any page that is not itself a
// listing): that page keeps the text, so the unit (title, date line,
// summary, "read more") leaves the listing. Units of posts the crawl does
// not hold, or that link to another listing, stay.
void drop_units_of_articles(std::vector<parser::Document>& docs,
                            const std::vector<std::vector<std::string>>& unit_links) {
  std::set<std::string_view> articles;
  for (const parser::Document& d : docs) {
    if (d.kind == parser::PageKind::kListing) continue;
    articles.insert(page_of_url(d.url));
    if (!d.canonical_url.empty()) articles.insert(page_of_url(d.canonical_url));
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    const std::vector<std::string>& links = unit_links[i];
    if (links.empty()) continue;
    std::vector<parser::Paragraph>& paras = docs[i].paragraphs;
    std::vector<parser::Paragraph> kept;
    const std::string_view self = page_of_url(docs[i].url);
    for (size_t k = 0; k < paras.size(); ++k) {
      if (links[k].empty() || links[k] == self || !articles.count(links[k])) kept.push_back(std::move(paras[k]));
    }
    paras = std::move(kept);
  }
}

// Marks the site's standalone pages (chrome::find_site_pages) as kPage.
void mark_site_pages(std::vector<parser::Document>& docs,
                     std::vector<chrome::PageSignals>& signals) {
  for (size_t i = 0; i < docs.size(); ++i) {
    signals[i].url = docs[i].url;
    signals[i].kind = docs[i].kind;
    signals[i].has_text = !docs[i].paragraphs.empty();
    signals[i].has_prose = std::any_of(docs[i].paragraphs.begin(), docs[i].paragraphs.end(),
                                       [](const parser::Paragraph& p) {
                                         return count_words(p.text, 15) >= 15;
                                       });
    signals[i].dated = !docs[i].date.empty();
  }
  std::vector<bool> pages = chrome::find_site_pages(signals);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (pages[i]) docs[i].kind = parser::PageKind::kPage;
  }
}

}  // namespace

Status extract_store(store::Store& db, ExtractStats* stats, const std::string& explain_url) {
  ExtractStats local;
  ExtractStats& s = stats ? *stats : local;
  chrome::SiteModel model;
  // Pass 1: learn what recurs across each site. Parsed pages (and their
  // classify_page verdicts) are kept for pass 2 up to a memory budget;
  // pass 2 reads and parses again only the pages past it.
  chrome::PageCache cache;
  std::vector<std::optional<PageRef>> refs;  // by page number; unset = unreadable
  auto all = [](size_t) { return true; };
  Status st = for_each_page(db, all, [&](size_t n, const PageRef& ref, parser::ParsedPage& page) {
    auto verdicts = chrome::classify_page(page);
    model.add_page(ref.url, page, verdicts);
    refs.resize(n + 1);
    refs[n] = ref;
    cache.put(n, chrome::KeptPage{std::move(page), std::move(verdicts)});
  });
  if (!st) return st;
  // Pass 2: judge every block, build documents, repair text corpus-wide.
  std::vector<PageRef> doc_refs;
  std::vector<parser::Document> docs;
  std::vector<int64_t> keep_urls;
  std::vector<std::vector<std::string>> unit_links;  // per document, see linked_headings
  std::vector<chrome::PageSignals> signals;          // per document
  auto judge = [&](const PageRef& ref, const parser::ParsedPage& page,
                   std::vector<chrome::BlockVerdict> page_verdicts) {
    auto verdicts = model.classify(ref.url, page, std::move(page_verdicts));
    ++s.pages;
    s.blocks += static_cast<int64_t>(page.blocks.size());
    for (const auto& v : verdicts) s.chrome_blocks += v.chrome ? 1 : 0;
    if (!page.warnings.empty()) {
      ++s.warnings;
      log_warn(ref.url + ": " + page.warnings.front());
    }
    chrome::ExtractOptions site;
    site.site_mode = true;
    site.date_from_text = false;
    docs.push_back(chrome::build_document(ref.url, page, verdicts, site));
    doc_refs.push_back(ref);
    unit_links.push_back(linked_headings(page, docs.back()));
    chrome::PageSignals sig;
    sig.og_type = to_lower_ascii(trim(page.meta.og_type));
    sig.schema_type = page.meta.jsonld_type;
    signals.push_back(std::move(sig));
    if (!explain_url.empty() && ref.url == explain_url) print_explain(ref.url, page, verdicts, docs.back());
  };
  // Cached pages are judged as they come in store order; pages past the
  // budget are read and parsed again in between, so documents keep the
  // store order either way.
  size_t next = 0;  // pages before this number have been judged
  auto judge_cached_before = [&](size_t end) {
    for (; next < end && next < refs.size(); ++next) {
      std::optional<chrome::KeptPage> kept = cache.take(next);
      if (kept) judge(*refs[next], kept->page, std::move(kept->verdicts));
    }
  };
  const auto parsed = std::count_if(refs.begin(), refs.end(),
                                    [](const auto& r) { return r.has_value(); });
  if (cache.pages_kept() < static_cast<size_t>(parsed)) {
    auto parse_again = [&](size_t n) { return n < refs.size() && refs[n] && !cache.has(n); };
    st = for_each_page(db, parse_again, [&](size_t n, const PageRef& ref, parser::ParsedPage& page) {
      judge_cached_before(n);
      next = n + 1;
      judge(ref, page, chrome::classify_page(page));
    });
    if (!st) return st;
  }
  judge_cached_before(refs.size());
  drop_units_of_articles(docs, unit_links);
  chrome::repair_text(docs);
  mark_site_pages(docs, signals);
  st = db.begin();
  if (!st) return st;
  for (size_t i = 0; i < docs.size(); ++i) {
    auto id = db.put_document(to_row(doc_refs[i], docs[i]));
    if (!id) {
      (void)db.rollback();
      return id.status();
    }
    keep_urls.push_back(doc_refs[i].url_id);
    ++s.documents;
  }
  st = db.delete_documents_except(keep_urls);
  if (!st) {
    (void)db.rollback();
    return st;
  }
  return db.commit();
}

}  // namespace winnow::cli

namespace winnow::cli {

namespace {

parser::Document to_document(const store::DocumentRow& row) {
  parser::Document d;
  d.url = row.url;
  d.canonical_url = row.canonical_url;
  d.title = row.title;
  d.date = row.date;
  d.author = row.author;
  d.site_name = row.site_name;
  d.lang = row.lang;
  d.kind = parser::page_kind_from_name(row.kind);
  for (const auto& p : row.paragraphs) {
    parser::Paragraph para;
    para.kind = parser::block_kind_from_name(p.kind);
    para.level = p.level;
    para.text = p.text;
    para.markdown = p.markdown;
    para.block = p.index;
    d.paragraphs.push_back(std::move(para));
  }
  return d;
}

}  // namespace

namespace {

// What export knows of a written document besides its kept paragraphs.
struct Pending {
  int64_t row_id = 0;
  std::map<int64_t, int> holders;     // document id -> its paragraphs kept there
};

// True when a line has a letter: an ASCII letter or any non-ASCII
// character (every other script). Dates ("2019-06-28"), numbers and
// punctuation have none.
bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
  });
}

// True when nothing but headings and letterless lines is left: a title
// with no text under it, or a listing's heading and its posts' date lines
// once their teasers have gone.
bool nothing_kept(const parser::Document& d) {
  return std::all_of(d.paragraphs.begin(), d.paragraphs.end(), [](const parser::Paragraph& p) {
    return p.kind == parser::BlockKind::kHeading || !has_letter(p.text);
  });
}

// A document with no kept text is not written. Provenance says why:
// "alias" when its canonical URL (or meta refresh target) is a written
// document, which lists it among its aliases; "duplicate" when its text is
// kept elsewhere (the document holding most of it, which lists it as an
// alias when it holds all of it); "chrome-only" when it had no text of its
// own.
template <typename IdOf>
void settle_empty_documents(std::vector<exporter::ExportDoc>& out,
                            const std::vector<Pending>& pending,
                            IdOf&& id_of, std::vector<exporter::Provenance>& prov) {
  std::map<std::string, size_t> written_by_url;
  std::map<int64_t, size_t> written_by_row;
  for (size_t i = 0; i < out.size(); ++i) {
    if (nothing_kept(out[i].doc)) continue;
    written_by_url.emplace(out[i].doc.url, i);
    written_by_row.emplace(pending[i].row_id, i);
  }
  std::vector<bool> drop(out.size(), false);
  for (size_t i = 0; i < out.size(); ++i) {
    const parser::Document& doc = out[i].doc;
    if (!nothing_kept(doc)) continue;
    drop[i] = true;
    exporter::Provenance p{exporter::document_id(doc), doc.url, -1, "", "chrome-only", "", "", -1};
    auto canon = written_by_url.find(doc.canonical_url);
    if (!doc.canonical_url.empty() && doc.canonical_url != doc.url &&
        canon != written_by_url.end()) {
      p.reason = "alias";
      p.kept_doc_id = exporter::document_id(out[canon->second].doc);
      p.kept_url = out[canon->second].doc.url;
      out[canon->second].aliases.push_back(doc.url);
    } else if (!pending[i].holders.empty()) {
      // The holder with most of its paragraphs; ties to the smallest URL
      // (not the store's row id, which follows crawl order).
      const auto& h = pending[i].holders;
      auto best = h.begin();
      std::pair<std::string, std::string> best_id = id_of(best->first);
      for (auto it = std::next(h.begin()); it != h.end(); ++it) {
        if (it->second < best->second) continue;
        auto id = id_of(it->first);
        if (it->second > best->second || id.second < best_id.second) best = it, best_id = id;
      }
      p.reason = "duplicate";
      std::tie(p.kept_doc_id, p.kept_url) = best_id;
      // A copy of one document (not a listing of teasers) is its alias.
      auto w = written_by_row.find(best->first);
      if (h.size() == 1 && w != written_by_row.end() && doc.kind != parser::PageKind::kListing) {
        out[w->second].aliases.push_back(doc.url);
      }
    }
    prov.push_back(std::move(p));
  }
  size_t k = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (drop[i]) continue;
    auto& a = out[i].aliases;
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    if (k != i) out[k] = std::move(out[i]);
    ++k;
  }
  out.resize(k);
}

}  // namespace

Status export_store(store::Store& db, const ExportOptions& options,
                    ExportStats* stats) {
  ExportStats local;
  ExportStats& s = stats ? *stats : local;
  auto stale = db.stale_decisions();
  if (!stale) return stale.status();
  if (*stale > 0) {
    return invalid_input(db.path() +
                         ": the dedup decisions do not match the extracted documents (" +
                         std::to_string(*stale) +
                         (*stale == 1 ? " document" : " documents") +
                         " changed since dedup ran); run winnow dedup --db " + db.path() +
                         " first");
  }
  auto rows = db.all_documents(true);
  if (!rows) return rows.status();
  auto doc_decisions = db.document_decisions();
  if (!doc_decisions) return doc_decisions.status();
  std::map<int64_t, store::DocumentDecisionRow> by_doc;
  for (auto& d : *doc_decisions) by_doc[d.doc_id] = d;
  std::map<int64_t, const store::DocumentRow*> row_by_id;
  for (const auto& r : *rows) row_by_id[r.id] = &r;

  std::vector<exporter::ExportDoc> out;
  std::vector<exporter::Provenance> prov;
  auto id_of = [&](int64_t doc_id) -> std::pair<std::string, std::string> {
    auto it = row_by_id.find(doc_id);
    if (it == row_by_id.end()) return {"", ""};
    parser::Document d;
    d.url = it->second->url;
    d.canonical_url = it->second->canonical_url;
    return {exporter::document_id(d), d.url};
  };
  std::vector<Pending> pending_of;  // parallel to out
  for (const auto& row : *rows) {
    parser::Document doc = to_document(row);
    std::string my_id = exporter::document_id(doc);
    auto dd = by_doc.find(row.id);
    // A page with nothing new (reason "empty") goes through the paragraphs
    // like any other and is left out below as an alias, a duplicate of the
    // document holding its text, or chrome only.
    const bool nothing_new = dd != by_doc.end() && !dd->second.keep && dd->second.reason == "empty";
    if (doc.kind == parser::PageKind::kPage && !options.with_pages) {
      prov.push_back({my_id, doc.url, -1, "", "page", "", "", -1});
      continue;
    }
    if (dd != by_doc.end() && !dd->second.keep && !nothing_new) {
      auto [kid, kurl] = id_of(dd->second.dup_of);
      prov.push_back({my_id, doc.url, -1, "", dd->second.reason, kid, kurl, -1});
      continue;
    }
    auto decisions = db.paragraph_decisions(row.id);
    if (!decisions) return decisions.status();
    std::map<int, store::ParagraphDecisionRow> pd;
    for (auto& d : *decisions) pd[d.index] = d;
    std::vector<parser::Paragraph> kept;
    Pending pending{row.id, {}};
    for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
      auto it = pd.find(static_cast<int>(i));
      if (it != pd.end() && !it->second.keep) {
        auto [kid, kurl] = id_of(it->second.dup_doc);
        prov.push_back({my_id, doc.url, static_cast<int>(i), doc.paragraphs[i].text,
                        it->second.reason, kid, kurl, it->second.dup_index});
        if (it->second.dup_doc != 0 && it->second.dup_doc != row.id) {
          ++pending.holders[it->second.dup_doc];
        }
        continue;
      }
      kept.push_back(doc.paragraphs[i]);
    }
    if (nothing_new) kept.clear();
    doc.paragraphs = std::move(kept);
    exporter::ExportDoc ed{std::move(doc), {}};
    if (dd != by_doc.end()) ed.aliases = dd->second.aliases;
    out.push_back(std::move(ed));
    pending_of.push_back(std::move(pending));
  }
  settle_empty_documents(out, pending_of, id_of, prov);
  exporter::sort_for_export(out);
  std::string data;
  for (const auto& d : out) {
    data += exporter::dataset_line(d, options.with_markdown);
    data += '\n';
  }
  // The provenance file first: the dataset is replaced last, only once
  // everything else has been written.
  if (!options.provenance_path.empty()) {
    std::sort(prov.begin(), prov.end(), [](const auto& a, const auto& b) {
      if (a.url != b.url) return a.url < b.url;
      return a.paragraph < b.paragraph;
    });
    std::string p;
    for (const auto& r : prov) {
      p += exporter::provenance_line(r);
      p += '\n';
    }
    Status st = write_file_atomic(options.provenance_path, p);
    if (!st) return st;
    s.provenance_records = static_cast<int64_t>(prov.size());
  }
  Status st = write_file_atomic(options.dataset_path, data);
  if (!st) return st;
  s.documents = static_cast<int64_t>(out.size());
  return Status::ok();
}

}  // namespace winnow::cli

namespace winnow::cli {

// Incremental, with the default options (see cli/dedup_store.h).
Status dedup_store(store::Store& db, DedupStats* stats, bool across_articles) {
  dedup::Options o;
  o.keep_shared_in_articles = !across_articles;
  return dedup_store_with(db, o, /*full=*/false, stats);
}

}  // namespace winnow::cli

namespace winnow::cli {

Status check_seeds(store::Store& db, const std::vector<std::string>& seeds) {
  std::string first;
  for (const std::string& seed : seeds) {
    auto canon = crawler::canonicalize(seed);
    if (!canon) continue;
    auto row = db.find_url(*canon);
    if (!row) return row.status();
    if (!row->has_value()) continue;
    const store::UrlRow& u = **row;
    std::string why;
    if (u.state == store::UrlState::kFailed) {
      why = "cannot fetch: " + (u.error.empty() ? std::string("gave up") : u.error);
    } else if (u.state == store::UrlState::kSkipped) {
      why = "not crawled: refused by " + (u.error.empty() ? std::string("the crawl's limits") : u.error);
    } else if (u.state == store::UrlState::kDone) {
      auto fetch = db.latest_fetch(u.id, false);
      if (!fetch) return fetch.status();
      if (!fetch->has_value() || (*fetch)->status < 400) return Status::ok();
      why = "answered HTTP " + std::to_string((*fetch)->status);
    } else {
      return Status::ok();  // still queued: a limit ended the crawl first
    }
    if (first.empty()) first = crawler::redact_userinfo(seed) + ": " + why;
  }
  if (first.empty()) return Status::ok();
  return invalid_input(first + " (no seed could be crawled)");
}

Status write_crawl_outputs(store::Store& db, const std::string& mirror_dir,
                           const std::string& warc_path) {
  if (!mirror_dir.empty()) {
    crawler::MirrorOptions mo;
    mo.out_dir = mirror_dir;
    crawler::MirrorStats ms;
    Status st = crawler::write_mirror(db, mo, &ms);
    if (!st) return st;
    std::printf("mirror %s: %s\n", mirror_dir.c_str(), crawler::mirror_summary(ms).c_str());
  }
  if (!warc_path.empty()) {
    crawler::WarcOptions wo;
    wo.path = warc_path;
    crawler::WarcStats ws;
    Status st = crawler::write_warc(db, wo, &ws);
    if (!st) return st;
    std::printf("warc %s: %lld records in %lld file(s)\n", warc_path.c_str(),
                static_cast<long long>(ws.records), static_cast<long long>(ws.files));
  }
  return Status::ok();
}

}  // namespace winnow::cli
