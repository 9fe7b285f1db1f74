// chrome: decides which blocks of a page are navigation chrome and which are
// content, from signals on the page itself (region scoring, boilerplate tags
// and roles, class/id keywords, link and text density) and from what recurs
// across the pages of one site. Also picks the page's metadata (title, date,
// byline, language, kind) and repairs conversion damage in the text.
// Depends on base and parser types only.
//
// Threading: free functions are pure and thread-safe. SiteModel is not
// thread-safe; build it from one thread (or guard it), then classify from
// any thread once frozen.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parser/parser.h"

namespace winnow::chrome {

// Why a block was judged chrome (for reports and tests).
enum class Reason {
  kContent = 0,
  kPageSignals,     // per-page scoring put it outside the main content
  kSiteRecurrence,  // its text recurs on many pages of the site
  kSitePosition,    // its structural position holds chrome on most pages
  kBoilerplateLine, // known boilerplate phrase ("Back to top", share bars)
  kEmpty,
};
const char* reason_name(Reason r);

struct BlockVerdict {
  bool chrome = false;
  Reason reason = Reason::kContent;
  float score = 0;  // per-page content score, higher is more content-like
};

// ------------------------------------------------------------- per page --
// Main-content detection on a lone page of any site.
std::vector<BlockVerdict> classify_page(const parser::ParsedPage& page);

// --------------------------------------------------------- across a site --
// The site a URL belongs to: its host, plus a language-edition path prefix
// ("/ar/", "/fa/", "/en-us/") when present, so editions are their own sites.
std::string site_key(std::string_view url);

struct SiteModelOptions {
  // A normalised block text (or structural position) seen on at least this
  // fraction of a site's pages counts as recurring. Unit: fraction of pages.
  double min_page_fraction = 0.3;
  // ...and on at least this many distinct pages (small sites). Range >= 2.
  int min_pages = 3;
  // Memory bound: once one site holds more than this many counted keys
  // (texts, short-line prefixes, positions; ~40 bytes each), keys seen on a
  // single page are dropped. Unit: keys. Default 4M (~160 MB); 0 = no cap.
  size_t max_keys_per_site = size_t{4} << 20;
};

// Collects block texts and positions over the pages of one or more sites;
// then judges blocks using both recurrence and per-page signals. Each page
// counts in its site (site_key) and in its section, "<site>#<first folder>"
// (e.g. a newsletter's issues); rules in docs/internals/chrome.md.
// Memory: a few dozen bytes per distinct (site, block-text) pair.
// The keys SiteModel::add_page computed from a page's block texts (the
// costly part: one folding pass per block), kept by a caller that
// classifies the same page later so its text is not folded again. Opaque:
// only add_page fills it, only classify reads it.
struct SiteKeys {
  std::vector<uint64_t> text, prefix;  // per block
};

class SiteModel {
 public:
  explicit SiteModel(SiteModelOptions options = {});
  ~SiteModel();
  SiteModel(SiteModel&&) noexcept;
  SiteModel& operator=(SiteModel&&) noexcept;

  // Adds one page's blocks to the counts. Call once per page.
  void add_page(std::string_view url, const parser::ParsedPage& page);
  // Verdicts for one page (which may or may not have been added).
  std::vector<BlockVerdict> classify(std::string_view url,
                                     const parser::ParsedPage& page) const;
  int64_t pages_seen(std::string_view site) const;
  // The same two steps with the page's classify_page verdicts supplied by
  // the caller (one per block; missing entries count as content), for
  // callers that already have them and for tests.
  void add_page(std::string_view url, const parser::ParsedPage& page,
                const std::vector<BlockVerdict>& page_verdicts);
  std::vector<BlockVerdict> classify(std::string_view url,
                                     const parser::ParsedPage& page,
                                     std::vector<BlockVerdict> page_verdicts) const;
  // The same, handing the page's keys out of add_page (`keys` is
  // overwritten) and back into classify (the same page, unchanged; null
  // computes them again). The verdicts do not depend on it.
  void add_page(std::string_view url, const parser::ParsedPage& page,
                const std::vector<BlockVerdict>& page_verdicts, SiteKeys* keys);
  std::vector<BlockVerdict> classify(std::string_view url,
                                     const parser::ParsedPage& page,
                                     std::vector<BlockVerdict> page_verdicts,
                                     const SiteKeys* keys) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// --------------------------------------------------------- text dumps --
// Site-wide chrome for text dumps (pages read with parse_text: a browser's
// text rendering of each page, menus, sidebars and footers included), where
// no markup tells a menu from an article: a line is chrome when it recurs
// across the site's pages (as is, with digits folded, or by its first words
// when short), or by the line rules of docs/internals/chrome.md ("Text
// dumps"). Same groups and thresholds as SiteModel (its options).
// Memory: a few dozen bytes per distinct (group, line key) pair.
// Threading: add_page from one thread; classify is const.
class DumpModel {
 public:
  explicit DumpModel(SiteModelOptions options = {});
  ~DumpModel();
  DumpModel(DumpModel&&) noexcept;
  DumpModel& operator=(DumpModel&&) noexcept;

  // Adds one page's lines to the counts. Call once per page.
  void add_page(std::string_view url, const parser::ParsedPage& page);
  // One verdict per block of the page (which may or may not have been added).
  std::vector<BlockVerdict> classify(std::string_view url,
                                     const parser::ParsedPage& page) const;
  int64_t pages_seen(std::string_view group) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ------------------------------------------------ between the two passes --
// A site is judged in two passes: every page is added to a SiteModel, then
// every page is classified. PageCache keeps what the first pass computed --
// the parsed page and its classify_page verdicts -- for the second, so a
// page is parsed and classified once, up to a memory budget; pages beyond
// it are not kept and the caller parses them again (same result, slower).
struct KeptPage {
  parser::ParsedPage page;
  std::vector<BlockVerdict> verdicts;  // classify_page(page)
};

// Default PageCache budget: ~2.5x the HTML it was parsed from, so about
// 100 MB of saved pages (a 2,000-page site) are parsed once. Unit: bytes
// of parser::heap_bytes plus the verdicts.
inline constexpr size_t kDefaultPageCacheBytes = size_t{256} << 20;

// Owns the kept pages; not thread-safe (the first pass runs on one thread).
class PageCache {
 public:
  // budget_bytes: pages are kept while their estimated size (heap_bytes +
  // verdicts) fits in what is left; 0 keeps nothing.
  explicit PageCache(size_t budget_bytes = kDefaultPageCacheBytes);
  // Keeps `kept` under `id` (any number the caller uses to find it again;
  // one page per id) when it fits in the budget; returns whether it did.
  bool put(size_t id, KeptPage&& kept);
  // Hands back the page kept under `id` and frees its share of the budget;
  // nullopt when none was kept (or it was taken already).
  std::optional<KeptPage> take(size_t id);
  bool has(size_t id) const { return pages_.count(id) > 0; }
  size_t bytes_used() const { return used_; }
  size_t pages_kept() const { return pages_.size(); }

 private:
  size_t budget_;
  size_t used_ = 0;
  std::unordered_map<size_t, std::pair<KeptPage, size_t>> pages_;  // id -> page, bytes
};

// --------------------------------------------------------------- output --
struct ExtractOptions {
  bool keep_links_in_markdown = false;
  // Site mode (`winnow run`/`extract`, `clean DIR`): leave out the page's
  // date and post-meta lines (the date is in Document::date) and the
  // headings that end the text over a section that is all chrome. A lone page (`clean PAGE`) keeps its
  // dateline, as single-page extractors do.
  bool site_mode = false;
  // Document::date comes from what dates the page itself: its metadata, a
  // <time>, its dateline by the title or in its article's header or footer
  // (a dump's post footer). With date_from_text, a page with none of these
  // takes the first date in its first lines ("Updated 14 July 2009", a
  // list of dated talks), as single-page extractors do; `run`, `extract`
  // and `clean DIR` turn it off, so that a dated page is a post.
  bool date_from_text = true;
};

// Builds the Document: content blocks in order, with metadata picked from
// the page (title without the site name, ISO date, byline, language, kind).
parser::Document build_document(std::string_view url,
                                const parser::ParsedPage& page,
                                const std::vector<BlockVerdict>& verdicts,
                                const ExtractOptions& options = {});

// The page a heading links to as a whole, else "": the href of a heading
// that is one link; for a heading whose text is mostly links, of the link
// with at least half of their text ("Category [Post title](url)": a post
// title after its category's label or link). Such a heading names a post unit on a listing.
std::string heading_link(const parser::Block& b);

// Whether a line is a date and little else, in any script's digits: a post's
// dateline or a listing entry's date ("Sat Sep 24, 2016 in Nature",
// "۳۱ مرداد ۱۴۰۲"), not a sentence that mentions one.
bool is_date_line(std::string_view text);

// -------------------------------------------------- posts and pages --
// What a page says about itself, for telling a site's posts from its
// standalone pages.
struct PageSignals {
  std::string url;
  parser::PageKind kind = parser::PageKind::kOther;
  bool has_text = false;     // the document kept some text
  bool has_prose = false;    // ...and a paragraph of 15 words or more
  bool dated = false;        // it has a date of its own (ExtractOptions::date_from_text off)
  std::string og_type;       // og:type, "" when absent
  std::string schema_type;   // JSON-LD @type, "" when absent
};
// A site of posts that has standalone pages (about, contact, a list of
// talks) is told apart by what its posts share. Per host, over the pages
// with prose that are not listings (at least kMinSitePosts of them): for
// each signal -- dated or not, og:type, JSON-LD type, and how many path
// segments of the URL are all digits ("/2016/09/slug/", "/9456.html") --
// the value at least 90% of them share, if any. A page with text, not a
// listing, that differs from the shared value on two signals or more is a
// standalone page (true). (Pages without prose -- a category's list of
// titles and dates -- are judged but do not make the shares.)
// Language-independent; a site whose posts share nothing finds none.
constexpr size_t kMinSitePosts = 10;
std::vector<bool> find_site_pages(const std::vector<PageSignals>& pages);

// Repairs conversion damage across a set of documents of one corpus, only
// where it shows (dumps: Document::from_text; HTML: a word broken across
// paragraphs, a running head with page breaks): words hyphenated across a
// line/paragraph break rejoined when the joined form occurs elsewhere in
// the corpus (or the halves are not words on their own); running heads and
// page numbers dropped; in dumps Markdown leftovers and bare <https://...>
// links dropped. NBSP and blank runs are normalised everywhere. Ordinary
// HTML prose is left as written (docs/internals/chrome.md, "Text repair").
void repair_text(std::vector<parser::Document>& docs);

}  // namespace winnow::chrome
