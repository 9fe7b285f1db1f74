// cmd_export.cc: the `winnow export` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_export_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("export", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "export: not implemented yet")); };
  });
}

}  // namespace winnow::cli
