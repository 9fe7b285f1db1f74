// cmd_import.cc: the `winnow import` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_import_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("import", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "import: not implemented yet")); };
  });
}

}  // namespace winnow::cli
