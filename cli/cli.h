// cli.h: shared pieces of the winnow binary -- exit codes, error reporting,
// and the registration function of each subcommand (one file per command).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "base/base.h"
#include "chrome/chrome.h"
#include "crawler/crawler.h"

namespace winnow::cli {

// Exit codes (README "Exit codes").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // runtime failure: URL, file, store
inline constexpr int kExitUsage = 2;    // bad flags or arguments

// The work a parsed subcommand will do; returns the exit code.
using Action = std::function<int()>;

// Prints one line and returns the exit code for the status's category:
// kUsage is "winnow: usage error: ..." and exit 2 (kExitUsage), every other
// kind "winnow: error: ..." and exit 1 (kExitFailure).
int fail(const Status& status);

// Adds the crawl options shared by `crawl` and `run` (cli/crawl_options.cc):
// seeds positional, --max-pages, --max-depth, --concurrency, --per-host,
// --delay, --scope, --include, --exclude, --user-agent, --ignore-robots,
// --timeout, --max-bytes, --retries, --sitemaps, --refresh, --quiet, --log,
// --page-requisites, --mirror, --warc.
void add_crawl_options(CLI::App* sub, crawler::CrawlOptions& options,
                       std::vector<std::string>& seeds);
// One registration per subcommand (cli/cmd_<name>.cc).
void add_run_command(CLI::App& app, Action& action);
void add_crawl_command(CLI::App& app, Action& action);
void add_extract_command(CLI::App& app, Action& action);
void add_dedup_command(CLI::App& app, Action& action);
void add_export_command(CLI::App& app, Action& action);
void add_clean_command(CLI::App& app, Action& action);

// `winnow clean DIR` (cli/clean_dir.cc): treats the folder as one site,
// learns its chrome across all .html/.htm/.txt/.md files, removes duplicate
// and near-duplicate paragraphs and documents across the folder, writes
// one JSONL line per file with text left (sorted by path). Returns the
// exit code.
struct CleanDirOptions {
  std::string dir;         // the folder to clean (required)
  std::string out;         // output file; "" = stdout
  std::string url_prefix;  // gives each file the URL prefix + relative path;
                           // "" = files get no URL and the folder is one site
  size_t cache_bytes = chrome::kDefaultPageCacheBytes;  // parsed pages kept
                           // between the two passes (chrome::PageCache);
                           // 0 = parse every file twice
  bool dedup = true;       // false (--no-dedup): every file keeps its text
                           // and gets a line, even when empty
  bool across_articles = false;  // true (--across-articles): a paragraph is
                           // kept once in the folder even when several
                           // articles of their own hold it
  bool with_pages = false; // true (--with-pages): standalone pages
                           // (chrome::find_site_pages) are written, kind
                           // "page"; by default they are left out
};
int clean_dir(const CleanDirOptions& options);
void add_robots_command(CLI::App& app, Action& action);
// The byte range [b, e) of the first top-level member named `field` of the
// JSON object line `s`, when its value is a string (quotes included); false
// when there is none or the line is not a JSON object (cli/jsonl_member.cc).
bool find_member(std::string_view s, std::string_view field, size_t& b, size_t& e);
void add_dedup_jsonl_command(CLI::App& app, Action& action);
void add_mirror_command(CLI::App& app, Action& action);
void add_warc_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, Action& action);
void add_stats_command(CLI::App& app, Action& action);

}  // namespace winnow::cli
