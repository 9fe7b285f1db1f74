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
#include <string>
#include <string_view>
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// --------------------------------------------------------------- output --
struct ExtractOptions {
  bool keep_links_in_markdown = false;
};

// Builds the Document: content blocks in order, with metadata picked from
// the page (title without the site name, ISO date, byline, language, kind).
parser::Document build_document(std::string_view url,
                                const parser::ParsedPage& page,
                                const std::vector<BlockVerdict>& verdicts,
                                const ExtractOptions& options = {});

// Repairs conversion damage across a set of documents of one corpus:
// words hyphenated across a line/paragraph break rejoined when the joined
// form occurs elsewhere in the corpus (or the halves are not words on
// their own); Markdown leftovers and bare <https://...> links dropped;
// NBSP and blank runs normalised.
void repair_text(std::vector<parser::Document>& docs);

}  // namespace winnow::chrome
