// cmd_import.cc: `winnow import FILE.warc[.gz]... --db FILE` -- reads WARC
// files (ours or other tools') into the store as urls + fetches rows.
#include <memory>

#include "cli/cli.h"

namespace winnow::cli {

namespace {
struct ImportArgs {
  std::string db;
  std::vector<std::string> files;
};
}  // namespace

void add_import_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* sub = app.add_subcommand(
      "import", "Read WARC files (.warc or .warc.gz) into a store");
  sub->add_option("files", a->files, "WARC files")->required();
  sub->add_option("--db", a->db, "The archive store (created if missing)")->required();
  sub->callback([a, &action] {
    action = [a] {
      auto db = store::Store::open(a->db);
      if (!db) return fail(db.status());
      crawler::ImportStats total;
      for (const auto& f : a->files) {
        crawler::ImportStats s;
        Status st = crawler::import_warc(**db, f, &s);
        if (!st) return fail(st);
        total.records += s.records;
        total.responses += s.responses;
        total.revisits += s.revisits;
        total.skipped += s.skipped;
        total.malformed += s.malformed;
      }
      std::printf("imported %lld responses and %lld revisits from %lld records "
                  "(%lld skipped, %lld malformed)\n",
                  static_cast<long long>(total.responses),
                  static_cast<long long>(total.revisits),
                  static_cast<long long>(total.records),
                  static_cast<long long>(total.skipped),
                  static_cast<long long>(total.malformed));
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
