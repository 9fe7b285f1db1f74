// cmd_run.cc: `winnow run URL... --out DIR` -- the main job: crawl into
// DIR/archive.db, extract clean text, dedup, export DIR/dataset.jsonl (and
// optionally a mirror and WARC), then print a short summary.
#include <filesystem>
#include <memory>

#include "cli/cli.h"
#include "cli/pipeline.h"

namespace winnow::cli {

namespace {

struct RunArgs {
  crawler::CrawlOptions crawl;
  std::vector<std::string> seeds;
  std::string out;
  bool provenance = false;
  bool markdown = false;
  bool across_articles = false;
  bool pages = false;
};

int run(const RunArgs& a) {
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) return fail(invalid_input(a.out + ": cannot create directory: " + ec.message()));
  auto db = store::Store::open(a.out + "/archive.db");
  if (!db) return fail(db.status());
  crawler::CrawlStats cs;
  Status st = crawler::crawl(**db, a.seeds, a.crawl, &cs);
  if (!st) return fail(st);
  st = check_seeds(**db, a.seeds);
  if (!st) return fail(st);
  ExtractStats es;
  st = extract_store(**db, &es);
  if (!st) return fail(st);
  DedupStats ds;
  st = dedup_store(**db, &ds, a.across_articles);
  if (!st) return fail(st);
  ExportOptions eo;
  eo.dataset_path = a.out + "/dataset.jsonl";
  if (a.provenance) eo.provenance_path = a.out + "/provenance.jsonl";
  eo.with_markdown = a.markdown;
  eo.with_pages = a.pages;
  ExportStats xs;
  st = export_store(**db, eo, &xs);
  if (!st) return fail(st);
  st = write_crawl_outputs(**db, a.crawl.mirror_dir, a.crawl.warc_path);
  if (!st) return fail(st);
  std::printf("pages fetched:               %lld\n", static_cast<long long>(cs.fetched));
  std::printf("pages extracted:             %lld\n", static_cast<long long>(es.pages));
  std::printf("chrome blocks removed:       %lld of %lld\n",
              static_cast<long long>(es.chrome_blocks), static_cast<long long>(es.blocks));
  std::printf("duplicate paragraphs removed: %lld of %lld\n",
              static_cast<long long>(ds.removed_paragraphs),
              static_cast<long long>(ds.paragraphs));
  std::printf("documents kept:              %lld\n", static_cast<long long>(xs.documents));
  std::printf("archive:                     %s/archive.db\n", a.out.c_str());
  std::printf("dataset:                     %s\n", eo.dataset_path.c_str());
  if (!eo.provenance_path.empty()) {
    std::printf("provenance:                  %s\n", eo.provenance_path.c_str());
  }
  if (!a.crawl.mirror_dir.empty()) {
    std::printf("mirror:                      %s\n", a.crawl.mirror_dir.c_str());
  }
  if (!a.crawl.warc_path.empty()) {
    std::printf("warc:                        %s\n", a.crawl.warc_path.c_str());
  }
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* sub = app.add_subcommand(
      "run", "Crawl a site, strip chrome, dedup and export a dataset (the main job)");
  add_crawl_options(sub, args->crawl, args->seeds);
  sub->add_option("--out", args->out, "Output directory (archive.db, dataset.jsonl)")
      ->required();
  sub->add_flag("--provenance", args->provenance,
                "Also write provenance.jsonl: what each removed item duplicates");
  sub->add_flag("--markdown", args->markdown, "Add a markdown field to dataset lines");
  sub->add_flag("--with-pages", args->pages,
                "Also write the site's standalone pages (about, contact...: pages that differ "
                "from its posts), which are left out by default");
  sub->add_flag("--across-articles", args->across_articles,
                "Keep a paragraph once even when several articles hold it (default: each "
                "article keeps its whole text; copies on listings and stale copies go either way)");
  sub->callback([args, &action] { action = [args] { return run(*args); }; });
}

}  // namespace winnow::cli
