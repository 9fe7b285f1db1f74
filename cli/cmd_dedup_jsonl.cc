// cmd_dedup_jsonl.cc: the `winnow dedup-jsonl` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_dedup_jsonl_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("dedup-jsonl", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "dedup-jsonl: not implemented yet")); };
  });
}

}  // namespace winnow::cli
