// cmd_crawl.cc: `winnow crawl SEED_URL... --db FILE` -- crawls into the store
// (resuming whatever the store's frontier holds) and prints a one-line
// summary; with --refresh also new/changed/unchanged/gone counts.
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/cli.h"
#include "cli/pipeline.h"

namespace winnow::cli {

namespace {

struct CrawlArgs {
  crawler::CrawlOptions options;
  std::vector<std::string> seeds;
  std::string db;
};

int run_crawl(const CrawlArgs& a) {
  if (a.options.quiet) set_log_level(LogLevel::kWarn);
  auto db = store::Store::open(a.db);
  if (!db) return fail(db.status());
  auto t0 = std::chrono::steady_clock::now();
  crawler::CrawlStats s;
  Status st = crawler::crawl(**db, a.seeds, a.options, &s);
  if (!st) return fail(st);
  double secs = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - t0).count();
  std::printf("crawled %lld pages (%lld errors, %lld skipped) in %.1f s\n",
              static_cast<long long>(s.fetched),
              static_cast<long long>(s.errors),
              static_cast<long long>(s.skipped), secs);
  if (a.options.refresh) {
    std::printf("refresh: %lld new, %lld changed, %lld unchanged, %lld gone\n",
                static_cast<long long>(s.new_pages),
                static_cast<long long>(s.changed),
                static_cast<long long>(s.unchanged),
                static_cast<long long>(s.gone));
  }
  st = write_crawl_outputs(**db, a.options.mirror_dir, a.options.warc_path);
  if (!st) return fail(st);
  st = check_seeds(**db, a.seeds);
  if (!st) return fail(st);
  return kExitOk;
}

}  // namespace

void add_crawl_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CrawlArgs>();
  CLI::App* sub = app.add_subcommand(
      "crawl", "Crawl sites into an archive store (resumes an interrupted crawl)");
  add_crawl_options(sub, args->options, args->seeds);
  sub->add_option("--db", args->db, "The archive store (SQLite file)")->required();
  sub->callback([args, &action] { action = [args] { return run_crawl(*args); }; });
}

}  // namespace winnow::cli
