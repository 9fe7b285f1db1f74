// cmd_export.cc: `winnow export --db FILE --out FILE.jsonl` -- writes the
// kept documents (after dedup) as JSON Lines, and with --provenance what
// each removed paragraph or document duplicates.
#include <filesystem>
#include <memory>

#include "cli/cli.h"
#include "cli/pipeline.h"

namespace winnow::cli {

namespace {
struct ExportArgs {
  std::string db;
  std::string out;
  std::string provenance;
  bool markdown = false;
  bool pages = false;
};
}  // namespace

void add_export_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* sub = app.add_subcommand(
      "export", "Write the deduplicated dataset (JSONL) from a store");
  sub->add_option("--db", a->db, "The archive store (SQLite file)")->required();
  sub->add_option("--out", a->out, "Dataset file to write (JSONL)")->required();
  CLI::Option* prov = sub->add_option(
      "--provenance", a->provenance,
      "Also write provenance records (JSONL): to FILE, or without a value to "
      "provenance.jsonl beside the dataset");
  prov->expected(0, 1);
  sub->add_flag("--markdown", a->markdown, "Add a markdown field to each line");
  sub->add_flag("--with-pages", a->pages,
                "Also write the site's standalone pages (about, contact...), left out by default");
  sub->callback([a, prov, &action] {
    if (prov->count() > 0 && a->provenance.empty()) {
      std::filesystem::path p(a->out);
      a->provenance = (p.parent_path() / "provenance.jsonl").string();
    }
    action = [a] {
      auto db = store::Store::open(a->db, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      ExportOptions o;
      o.dataset_path = a->out;
      o.provenance_path = a->provenance;
      o.with_markdown = a->markdown;
      o.with_pages = a->pages;
      ExportStats s;
      Status st = export_store(**db, o, &s);
      if (!st) return fail(st);
      std::printf("exported %lld documents to %s", static_cast<long long>(s.documents),
                  a->out.c_str());
      if (!a->provenance.empty()) {
        std::printf(" and %lld provenance records to %s",
                    static_cast<long long>(s.provenance_records), a->provenance.c_str());
      }
      std::printf("\n");
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
