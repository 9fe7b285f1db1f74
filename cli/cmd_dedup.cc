// cmd_dedup.cc: the `winnow dedup` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_dedup_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("dedup", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "dedup: not implemented yet")); };
  });
}

}  // namespace winnow::cli
