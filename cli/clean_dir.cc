// clean_dir.cc: `winnow clean DIR` -- cleans a folder of saved pages and
// text dumps as one site: learns what recurs across its files (menus,
// footers, running lines; SiteModel for HTML, DumpModel for text dumps),
// strips it, repairs the text, removes duplicate paragraphs and documents
// across the folder (each text kept once, on the page that owns it), and
// writes one JSONL line per file with text left, sorted by path, so the
// output is deterministic.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "chrome/chrome.h"
#include "cli/cli.h"
#include "dedup/dedup.h"
#include "parser/parser.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

enum class FileType { kHtml, kText, kSkip };

FileType file_type(const fs::path& p) {
  std::string ext = to_lower_ascii(p.extension().string());
  if (ext == ".html" || ext == ".htm") return FileType::kHtml;
  if (ext == ".txt" || ext == ".md") return FileType::kText;
  return FileType::kSkip;
}

struct Entry {
  std::string rel;  // path relative to DIR, '/'-separated
  std::string abs;
  FileType type = FileType::kSkip;
  std::string url;        // given URL ("" without --url-prefix)
  std::string model_url;  // the URL the site model files the page under
};

Result<std::vector<Entry>> list_files(const CleanDirOptions& o) {
  std::error_code ec;
  if (!fs::is_directory(o.dir, ec)) {
    return invalid_input("clean: " + o.dir + ": not a directory");
  }
  std::vector<Entry> out;
  fs::recursive_directory_iterator it(o.dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return invalid_input("clean: " + o.dir + ": " + ec.message());
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) {
      log_warn("clean: " + o.dir + ": " + ec.message());
      break;
    }
    FileType t = file_type(it->path());
    if (t == FileType::kSkip) continue;
    std::error_code fec;
    if (!it->is_regular_file(fec)) {
      // A dangling link or a special file named like a page: say so, go on.
      if (!it->is_directory(fec)) {
        log_warn("clean: " + it->path().lexically_relative(o.dir).generic_string() +
                 ": not a readable regular file, skipped");
      }
      continue;
    }
    Entry e;
    e.abs = it->path().string();
    e.rel = it->path().lexically_relative(o.dir).generic_string();
    e.type = t;
    if (!o.url_prefix.empty()) {
      std::string prefix = o.url_prefix;
      if (prefix.back() != '/') prefix += '/';
      e.url = prefix + e.rel;
      e.model_url = e.url;
    } else {
      // No URL to give: the model still files the page by its path, so
      // the folder's sections learn their own templates.
      e.model_url = "file://folder/" + e.rel;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
  return out;
}

// Reads and parses one file; nullopt (after a one-line warning) when the
// file cannot be read, and (quietly) when it is an RSS/Atom feed or a
// sitemap saved under a page's name -- a mirror's feed/index.html: its
// items would compete with the posts for their own text, as in a crawl.
std::optional<parser::ParsedPage> load(const Entry& e, bool warn) {
  Result<std::string> bytes = read_file(e.abs);
  if (!bytes) {
    if (warn) log_warn("clean: " + e.rel + ": " + bytes.status().message());
    return std::nullopt;
  }
  if (e.type == FileType::kHtml && parser::is_xml_feed(*bytes)) return std::nullopt;
  parser::ParseOptions po;
  po.url = e.url;
  po.collect_links = false;
  if (e.type == FileType::kText) {
    po.content_type = to_lower_ascii(fs::path(e.rel).extension().string()) == ".md"
                          ? "text/markdown"
                          : "text/plain";
  }
  parser::ParsedPage page = e.type == FileType::kHtml ? parser::parse_html(*bytes, po)
                                                      : parser::parse_text(*bytes, po);
  if (warn && !page.warnings.empty()) {
    log_warn("clean: " + e.rel + ": " + page.warnings.front());
  }
  return page;
}

std::string json_line(const Entry& e, const parser::Document& d,
                      const std::vector<std::string>& aliases) {
  JsonWriter w;
  w.str("path", e.rel);
  w.str("url", d.url);
  w.str("title", d.title);
  w.str("date", d.date);
  w.str("author", d.author);
  w.str("lang", d.lang);
  w.str("kind", parser::page_kind_name(d.kind));
  w.str("text", parser::document_text(d));
  if (!aliases.empty()) w.str_array("aliases", aliases);
  return w.finish() + "\n";
}

// Both models of the folder: SiteModel for HTML pages, DumpModel for text.
struct Models {
  chrome::SiteModel html;
  chrome::DumpModel text;
};

// Pass 1: learn what recurs. Parsed pages (with their classify_page
// verdicts) are kept for pass 2 up to a memory budget; pages past it are
// parsed again there, so a folder of any size fits.
struct Learned {
  chrome::PageCache cache;
  std::vector<bool> ok;
  // The site keys of kept HTML pages, so pass 2 does not fold their text again.
  std::vector<chrome::SiteKeys> keys;
};

void learn(const std::vector<Entry>& files, Models& m, Learned& l) {
  l.ok.assign(files.size(), false);
  l.keys.resize(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    auto page = load(files[i], true);
    if (!page) continue;
    l.ok[i] = true;
    std::vector<chrome::BlockVerdict> verdicts;
    if (files[i].type == FileType::kHtml) {
      verdicts = chrome::classify_page(*page);
      m.html.add_page(files[i].model_url, *page, verdicts, &l.keys[i]);
    } else {
      m.text.add_page(files[i].model_url, *page);
    }
    if (!l.cache.put(i, chrome::KeptPage{std::move(*page), std::move(verdicts)})) {
      l.keys[i] = {};
    }
  }
}

// The lines of a text dump that may be its headline: the first three it
// keeps and the three above them (a headline repeated in a sidebar is
// chrome, yet it still heads the page).
std::vector<std::string> headline_lines(const parser::ParsedPage& page,
                                        const std::vector<chrome::BlockVerdict>& verdicts) {
  std::vector<std::string> out;
  size_t first = 0;
  while (first < verdicts.size() && verdicts[first].chrome) ++first;
  for (size_t i = first >= 3 ? first - 3 : 0; i < page.blocks.size() && out.size() < 6; ++i) {
    if (i >= first && verdicts[i].chrome) continue;
    out.push_back(page.blocks[i].text);
  }
  return out;
}

// A short line that does not end a sentence: a label, a date, a count.
bool label_line(std::string_view text, size_t max_words) {
  text = trim(text);
  if (text.empty() || count_words(text, max_words + 1) > max_words) return false;
  for (std::string_view end : {".", "!", "?", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                               "\xD8\x9F", "\xDB\x94"}) {
    if (text.ends_with(end)) return false;
  }
  return true;
}

// A text dump has no <title>: its first kept line is its title when it
// reads as one (a short line, no full stop at its end, not a date).
constexpr size_t kDumpTitleWords = 30;  // an ideograph counts as a word
std::string dump_title(const parser::Document& d) {
  if (d.paragraphs.empty()) return {};
  std::string_view first = trim(d.paragraphs.front().text);
  if (first.empty() || count_words(first, kDumpTitleWords + 1) > kDumpTitleWords ||
      chrome::is_date_line(first)) {
    return {};
  }
  // A title may ask or exclaim; it does not end with a full stop.
  for (std::string_view end : {".", "\xE3\x80\x82", "\xDB\x94"}) {
    if (first.ends_with(end) && !first.ends_with("...")) return {};
  }
  return std::string(first);
}

// Pass 2: one Document per readable file, in path order.
void extract(const std::vector<Entry>& files, const Models& m, Learned& l,
             std::vector<parser::Document>& docs, std::vector<const Entry*>& entries,
             std::vector<std::vector<std::string>>& headlines,
             std::vector<chrome::PageSignals>& signals) {
  for (size_t i = 0; i < files.size(); ++i) {
    if (!l.ok[i]) continue;
    const Entry& e = files[i];
    const bool html = e.type == FileType::kHtml;
    std::optional<chrome::KeptPage> kept = l.cache.take(i);
    const chrome::SiteKeys* page_keys = &l.keys[i];
    if (!kept) {
      auto page = load(e, false);
      if (!page) continue;  // vanished between the passes
      kept = chrome::KeptPage{std::move(*page), {}};
      if (html) kept->verdicts = chrome::classify_page(kept->page);
      page_keys = nullptr;  // parsed again: keys computed afresh
    }
    auto verdicts = html ? m.html.classify(e.model_url, kept->page, std::move(kept->verdicts),
                                           page_keys)
                         : m.text.classify(e.model_url, kept->page);
    l.keys[i] = {};
    chrome::ExtractOptions options;
    options.site_mode = html;  // dumps have their own line rules (DumpModel)
    options.date_from_text = false;
    docs.push_back(chrome::build_document(e.url, kept->page, verdicts, options));
    docs.back().url = e.url;
    if (!html) docs.back().title = dump_title(docs.back());
    entries.push_back(&e);
    headlines.push_back(html ? std::vector<std::string>{} : headline_lines(kept->page, verdicts));
    chrome::PageSignals sig;
    sig.og_type = to_lower_ascii(trim(kept->page.meta.og_type));
    sig.schema_type = kept->page.meta.jsonld_type;
    signals.push_back(std::move(sig));
  }
}

// Leaves the folder's standalone pages (chrome::find_site_pages: an about
// or contact page among dated posts at dated addresses) out of the output
// unless with_pages, where they are written with kind "page".
void settle_site_pages(std::vector<parser::Document>& docs, const std::vector<const Entry*>& entries,
                       std::vector<chrome::PageSignals>& signals,
                       std::vector<std::optional<std::vector<std::string>>>& written,
                       bool with_pages) {
  for (size_t i = 0; i < docs.size(); ++i) {
    chrome::PageSignals& s = signals[i];
    s.url = entries[i]->url.empty() ? "/" + entries[i]->rel : entries[i]->url;
    s.kind = docs[i].kind;
    s.has_text = written[i].has_value() && !docs[i].paragraphs.empty();
    s.dated = !docs[i].date.empty();
    s.has_prose = s.has_text && std::any_of(docs[i].paragraphs.begin(), docs[i].paragraphs.end(),
                                            [](const parser::Paragraph& p) {
                                              return count_words(p.text, 15) >= 15;
                                            });
  }
  std::vector<bool> pages = chrome::find_site_pages(signals);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!pages[i]) continue;
    docs[i].kind = parser::PageKind::kPage;
    if (!with_pages) written[i].reset();
  }
}

// The language code opening a translation box's item ("ar: <title>",
// "pt-BR: <title>"): two or three lower-case letters, an optional region,
// then ": ". "" when the line does not open so.
std::string_view language_code(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
  if (i < 2 || i > 3) return {};
  if (i < text.size() && text[i] == '-') {
    size_t j = i + 1;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i - 1 < 2 || j - i - 1 > 4) return {};
    i = j;
  }
  if (text.substr(i, 2) != ": " || i + 2 >= text.size()) return {};
  return text.substr(0, i);
}

// Widens the lines dropped as links (drop[k]) to the lists they make: a
// page of nothing but links and short lines is a list of titles (an
// archive: years, dates, titles) and goes whole; elsewhere the short lines
// between two links and a date line next to one (an entry's date) and the
// label over a list of links that ends the text ("Translations", "Related
// posts") go.
void with_link_lists(const std::vector<parser::Paragraph>& paras, std::vector<bool>& drop) {
  const size_t n = paras.size();
  const auto links = static_cast<size_t>(std::count(drop.begin(), drop.end(), true));
  bool only_list = links >= 2;
  for (size_t k = 0; k < n && only_list; ++k) only_list = drop[k] || label_line(paras[k].text, 6);
  if (only_list) {
    drop.assign(n, true);
    return;
  }
  for (size_t k = 1; k + 1 < n; ++k) {
    if (!drop[k] && drop[k - 1] && drop[k + 1] && label_line(paras[k].text, 6)) drop[k] = true;
  }
  std::vector<bool> dated(n, false);
  for (size_t k = 0; k < n; ++k) {
    const bool by_link = (k > 0 && drop[k - 1]) || (k + 1 < n && drop[k + 1]);
    dated[k] = !drop[k] && by_link && chrome::is_date_line(paras[k].text);
  }
  for (size_t k = 0; k < n; ++k) drop[k] = drop[k] || dated[k];
  size_t tail = n;
  while (tail > 0 && drop[tail - 1]) --tail;
  if (n - tail >= 2 && tail > 0 && label_line(paras[tail - 1].text, 4)) drop[tail - 1] = true;
  // A bulleted list most of whose items name other pages ("Related posts"
  // with titles the folder lacks among them) is a list of links, with its
  // label.
  for (size_t k = 0; k < n;) {
    // One list: items on consecutive lines (a chrome label between two
    // lists, such as "Translations" under the footnotes, parts them).
    size_t end = k;
    while (end < n && paras[end].kind == parser::BlockKind::kListItem &&
           (end == k || paras[end].block == paras[end - 1].block + 1)) {
      ++end;
    }
    if (end == k) {
      ++k;
      continue;
    }
    const auto named = static_cast<size_t>(std::count(drop.begin() + static_cast<ptrdiff_t>(k),
                                                      drop.begin() + static_cast<ptrdiff_t>(end), true));
    // A translation box: items that each open with a language code, two
    // or more codes all different, or one under a short label ending the
    // text ("Translations" / "ar: <title>").
    std::vector<std::string_view> codes;
    for (size_t m = k; m < end; ++m) codes.push_back(language_code(paras[m].text));
    std::sort(codes.begin(), codes.end());
    const bool all_coded = !codes.front().empty();
    const bool distinct = std::adjacent_find(codes.begin(), codes.end()) == codes.end();
    // The line right above the list (the run start's previous paragraph is
    // no item of it when on the line above: the run would hold it).
    const bool above = k > 0 && paras[k - 1].block + 1 == paras[k].block;
    const bool labelled = above && label_line(paras[k - 1].text, 2);
    const bool closing = std::all_of(drop.begin() + static_cast<ptrdiff_t>(end), drop.end(),
                                     [](bool d) { return d; });
    const bool translations =
        all_coded && distinct && (end - k >= 2 || (labelled && closing));
    if ((named >= 2 && named * 2 >= end - k) || translations) {
      std::fill(drop.begin() + static_cast<ptrdiff_t>(k), drop.begin() + static_cast<ptrdiff_t>(end),
                true);
      if (above && label_line(paras[k - 1].text, 4)) drop[k - 1] = true;
    }
    k = end;
  }
}

// The longest line (words, an ideograph one) a dump left with that line
// alone may hold and still be only its heading.
constexpr size_t kHeadingOnlyWords = 12;

// The label of a heading "<label>: <name>" ("Monthly Archives: May 2011",
// "Posts tagged: rain", "标签：雨"): up to three words before the first
// colon, with a name after it, in a line of kHeadingOnlyWords at most;
// "" when the line is not so.
std::string heading_label(std::string_view text) {
  text = trim(text);
  if (count_words(text, kHeadingOnlyWords + 1) > kHeadingOnlyWords) return {};
  for (std::string_view colon : {": ", "\xEF\xBC\x9A"}) {  // ":", fullwidth "："
    const size_t at = text.find(colon);
    if (at == std::string_view::npos || at == 0) continue;
    if (count_words(text.substr(0, at), 4) > 3 || trim(text.substr(at + colon.size())).empty()) {
      return {};
    }
    return collapse_whitespace(text.substr(0, at));
  }
  return {};
}

// Dumps whose first line carries the same heading label as this many
// dumps' first lines are a kind of page the site makes many of (its month,
// tag or category pages).
constexpr int kLabelledHeadings = 3;

// An article with this share of its text on one other article, or this
// share on other articles in all, copies them (a tag or month page showing
// one or two posts whole) rather than being a work of its own.
constexpr double kCopiedFromOne = 0.8;
constexpr double kCopiedFromAll = 0.9;

// Removes duplicate paragraphs and documents across the folder. Who owns a
// shared text comes from how the pages share it (dedup::rank_by_sharing):
// a text dump says nothing else about what a page is. Two works of their
// own each keep the text they share unless across_articles. Returns, per
// document, whether to write it and the names of the files it absorbed.
std::vector<std::optional<std::vector<std::string>>> dedup_folder(
    std::vector<parser::Document>& docs, const std::vector<const Entry*>& entries,
    std::vector<std::vector<std::string>>& headlines, bool across_articles) {
  const size_t n = docs.size();
  auto name = [&](size_t i) { return entries[i]->url.empty() ? entries[i]->rel : entries[i]->url; };
  std::vector<dedup::SharingInput> share(n);
  std::vector<dedup::DocInput> in(n);
  std::map<std::string, int> labelled;  // heading label -> dumps opening with it
  for (size_t i = 0; i < n; ++i) {
    share[i].url = name(i);
    share[i].headlines = std::move(headlines[i]);
    for (const parser::Paragraph& p : docs[i].paragraphs) share[i].paragraphs.push_back(p.text);
    if (entries[i]->type != FileType::kHtml && !docs[i].paragraphs.empty()) {
      std::string label = heading_label(docs[i].paragraphs.front().text);
      if (!label.empty()) ++labelled[label];
    }
  }
  // Lines naming other pages go first: they are links, and left in they
  // would make every listing of titles a page of its own text.
  std::vector<std::string> titles;
  std::vector<std::vector<size_t>> links = dedup::headline_links(share, &titles);
  for (size_t i = 0; i < n; ++i) {
    // A dump's title: the line naming the page (a title the template's
    // "recent posts" repeat is chrome on the page, yet names it), else its
    // first kept line (dump_title).
    if (entries[i]->type != FileType::kHtml && !titles[i].empty()) docs[i].title = titles[i];
  }
  for (size_t i = 0; i < n; ++i) {
    if (entries[i]->type == FileType::kHtml) continue;
    std::vector<bool> drop(docs[i].paragraphs.size(), false);
    for (size_t k : links[i]) drop[k] = true;
    with_link_lists(docs[i].paragraphs, drop);
    std::vector<parser::Paragraph> kept;
    std::vector<std::string> texts;
    for (size_t k = 0; k < docs[i].paragraphs.size(); ++k) {
      if (drop[k]) continue;
      texts.push_back(docs[i].paragraphs[k].text);
      kept.push_back(std::move(docs[i].paragraphs[k]));
    }
    docs[i].paragraphs = std::move(kept);
    share[i].paragraphs = std::move(texts);
  }
  std::vector<dedup::SharingRank> ranks = dedup::rank_by_sharing(share);
  for (size_t i = 0; i < n; ++i) {
    in[i].id = static_cast<int64_t>(i) + 1;
    in[i].url = name(i);
    in[i].date = docs[i].date;
    in[i].title = docs[i].title;
    in[i].priority = ranks[i].priority;
    in[i].kind = entries[i]->type == FileType::kHtml ? dedup::classify(docs[i].kind, in[i].url)
                                                     : ranks[i].kind;
    // A work of its own: an article that is not mostly another article's
    // text (a tag or month page showing one or two posts whole) -- two
    // editions of a tutorial, two pages made from one template.
    in[i].own_work = in[i].kind == dedup::DocKind::kArticle && ranks[i].contained < kCopiedFromOne &&
                     ranks[i].in_articles < kCopiedFromAll;
    if (entries[i]->type != FileType::kHtml) {
      docs[i].kind = ranks[i].kind == dedup::DocKind::kArticle   ? parser::PageKind::kArticle
                     : ranks[i].kind == dedup::DocKind::kListing ? parser::PageKind::kListing
                                                                 : parser::PageKind::kOther;
    }
    in[i].paragraphs = std::move(share[i].paragraphs);
  }
  dedup::Options opt;
  opt.keep_shared_in_articles = !across_articles;
  opt.shared_between_works = true;
  dedup::Result r = dedup::run_dedup(in, opt);
  dedup::drop_copied_runs(in, r);
  std::vector<std::optional<std::vector<std::string>>> out(n);
  // Paragraphs whose copies elsewhere went: they stay wherever they are.
  std::set<std::pair<int64_t, int>> owning;
  for (const dedup::DocDecision& d : r.docs) {
    for (const dedup::ParagraphDecision& pd : d.paragraphs) {
      if (!pd.keep && pd.dup_doc != 0) owning.emplace(pd.dup_doc, pd.dup_index);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const dedup::DocDecision& d = r.docs[i];
    if (!d.keep) continue;
    std::vector<parser::Paragraph> kept;
    for (size_t k = 0; k < docs[i].paragraphs.size(); ++k) {
      if (d.paragraphs[k].keep) kept.push_back(std::move(docs[i].paragraphs[k]));
    }
    const size_t removed = docs[i].paragraphs.size() - kept.size();
    docs[i].paragraphs = std::move(kept);
    if (docs[i].paragraphs.empty()) continue;
    // A dump left with its heading alone, once the other pages' text and
    // titles it showed are gone ("Monthly Archives: September 2011" over
    // a post's teaser), has nothing of its own.
    // (It named other pages, or its heading is one of many alike -- "Posts
    // tagged: <tag>" over the one post of a tag, whose title the template
    // already printed elsewhere; a post whose own text another page took
    // keeps its title, so that it stays a record.)
    const bool heading_only = entries[i]->type != FileType::kHtml && removed > 0 &&
                              docs[i].paragraphs.size() == 1 &&
                              label_line(docs[i].paragraphs.front().text, kHeadingOnlyWords);
    auto many_alike = [&] {
      auto it = labelled.find(heading_label(docs[i].paragraphs.front().text));
      return it != labelled.end() && it->second >= kLabelledHeadings;
    };
    if (heading_only && (!links[i].empty() || many_alike())) {
      const auto left = std::find_if(d.paragraphs.begin(), d.paragraphs.end(),
                                     [](const dedup::ParagraphDecision& pd) { return pd.keep; });
      if (owning.count({in[i].id, static_cast<int>(left - d.paragraphs.begin())}) == 0) continue;
    }
    out[i] = d.aliases;
  }
  return out;
}

}  // namespace

int clean_dir(const CleanDirOptions& options) {
  auto files = list_files(options);
  if (!files) return fail(files.status());
  Models models;
  Learned learned{chrome::PageCache(options.cache_bytes), {}, {}};
  learn(*files, models, learned);
  std::vector<parser::Document> docs;
  std::vector<const Entry*> entries;
  std::vector<std::vector<std::string>> headlines;
  std::vector<chrome::PageSignals> signals;
  extract(*files, models, learned, docs, entries, headlines, signals);
  chrome::repair_text(docs);
  std::vector<std::optional<std::vector<std::string>>> written(docs.size(),
                                                               std::vector<std::string>{});
  if (options.dedup) {
    written = dedup_folder(docs, entries, headlines, options.across_articles);
    settle_site_pages(docs, entries, signals, written, options.with_pages);
  }
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (written[i]) out += json_line(*entries[i], docs[i], *written[i]);
  }
  if (options.out.empty()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
  }
  Status st = write_file_atomic(options.out, out);
  return st ? kExitOk : fail(st);
}

}  // namespace winnow::cli
