// cmd_extract.cc: `winnow extract --db FILE` -- parses every stored HTML page,
// strips chrome (per page and across each site) and stores one document each.
#include <memory>

#include "cli/cli.h"
#include "cli/pipeline.h"

namespace winnow::cli {

void add_extract_command(CLI::App& app, Action& action) {
  auto db_path = std::make_shared<std::string>();
  auto explain = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "extract", "Extract clean documents from every fetched page of a store");
  sub->add_option("--db", *db_path, "The archive store (SQLite file)")->required();
  sub->add_option("--explain", *explain,
                  "Also print this URL's blocks with their verdicts (tab-separated)");
  sub->callback([db_path, explain, &action] {
    action = [db_path, explain] {
      auto db = store::Store::open(*db_path, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      ExtractStats s;
      Status st = extract_store(**db, &s, *explain);
      if (!st) return fail(st);
      std::printf("extracted %lld documents from %lld pages (%lld of %lld blocks were chrome)\n",
                  static_cast<long long>(s.documents), static_cast<long long>(s.pages),
                  static_cast<long long>(s.chrome_blocks),
                  static_cast<long long>(s.blocks));
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
