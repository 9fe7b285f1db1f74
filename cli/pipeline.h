// pipeline.h: the stages wired over a store -- extract (parse + chrome),
// dedup, export -- shared by `winnow run` and the per-stage commands.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/base.h"
#include "store/store.h"

namespace winnow::cli {

// Writes the outputs a crawl asked for with --mirror DIR and --warc FILE
// (nothing when both are empty) and prints one summary line for each.
Status write_crawl_outputs(store::Store& db, const std::string& mirror_dir,
                           const std::string& warc_path);

// After a crawl: an error naming the first seed and what went wrong when
// no seed could be crawled -- every seed failed (connection refused, DNS,
// timeout: the crawler's recorded error), was refused (robots.txt) or
// answered an HTTP error (4xx/5xx). Seeds the store does not know are not
// judged. `winnow crawl` and `winnow run` then exit non-zero instead of
// writing an empty dataset as if the site had no text.
Status check_seeds(store::Store& db, const std::vector<std::string>& seeds);

struct ExtractStats {
  int64_t pages = 0;           // fetches parsed
  int64_t documents = 0;       // documents stored
  int64_t blocks = 0;          // text blocks seen
  int64_t chrome_blocks = 0;   // blocks judged chrome
  int64_t warnings = 0;        // pages with parse warnings
};
// Parses the latest successful fetch of every HTML page, learns the site
// model over all of them, and stores one document per page. With
// `explain_url` set, also prints that page's blocks with their verdicts to
// stdout (one tab-separated line each: see docs/internals/chrome.md).
Status extract_store(store::Store& db, ExtractStats* stats,
                     const std::string& explain_url = "");

struct DedupStats {
  int64_t paragraphs = 0;          // paragraphs considered
  int64_t removed_paragraphs = 0;  // removed as duplicates
  int64_t documents = 0;
  int64_t removed_documents = 0;   // collapsed or emptied
};
// across_articles: keep a paragraph once even when several articles hold
// it (dedup::Options::keep_shared_in_articles false); by default each
// article keeps its whole text.
Status dedup_store(store::Store& db, DedupStats* stats, bool across_articles = false);

struct ExportOptions {
  std::string dataset_path;      // JSONL of kept documents
  std::string provenance_path;   // "" = none
  bool with_markdown = false;
  // Also write the site's standalone pages (PageKind::kPage: about,
  // contact...); by default they are left out, with provenance reason "page".
  bool with_pages = false;
};
struct ExportStats {
  int64_t documents = 0;
  int64_t provenance_records = 0;
};
Status export_store(store::Store& db, const ExportOptions& options,
                    ExportStats* stats);

}  // namespace winnow::cli
