// cmd_clean.cc: the `winnow clean` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_clean_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("clean", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "clean: not implemented yet")); };
  });
}

}  // namespace winnow::cli
