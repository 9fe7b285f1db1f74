// cmd_run.cc: the `winnow run` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_run_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("run", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "run: not implemented yet")); };
  });
}

}  // namespace winnow::cli
