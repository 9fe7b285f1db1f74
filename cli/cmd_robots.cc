// cmd_robots.cc: the `winnow robots` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_robots_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("robots", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "robots: not implemented yet")); };
  });
}

}  // namespace winnow::cli
