// cmd_mirror.cc: the `winnow mirror` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_mirror_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("mirror", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "mirror: not implemented yet")); };
  });
}

}  // namespace winnow::cli
