// cmd_mirror.cc: `winnow mirror --db FILE --out DIR` -- writes (or updates)
// an offline mirror of the stored pages with links rewritten; prints
// "new N, changed N, unchanged N, removed N".
#include <filesystem>
#include <memory>

#include "cli/cli.h"

namespace winnow::cli {

namespace {
struct MirrorArgs {
  std::string db;
  crawler::MirrorOptions options;
  bool no_convert = false;
};
}  // namespace

void add_mirror_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<MirrorArgs>();
  CLI::App* sub = app.add_subcommand(
      "mirror", "Write an offline mirror of the stored pages (links rewritten)");
  sub->add_option("--db", a->db, "The archive store (SQLite file)")->required();
  sub->add_option("--out", a->options.out_dir, "Mirror folder (created)")->required();
  sub->add_flag("--keep-gone", a->options.keep_gone,
                "Keep files of pages that are gone instead of removing them");
  sub->add_flag("--no-convert-links", a->no_convert,
                "Write pages exactly as fetched (no link rewriting)");
  sub->callback([a, &action] {
    action = [a] {
      auto db = store::Store::open(a->db, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      a->options.convert_links = !a->no_convert;
      crawler::MirrorStats s;
      Status st = crawler::write_mirror(**db, a->options, &s);
      if (!st) return fail(st);
      std::printf("%s\n", crawler::mirror_summary(s).c_str());
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
