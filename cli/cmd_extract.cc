// cmd_extract.cc: the `winnow extract` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_extract_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("extract", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "extract: not implemented yet")); };
  });
}

}  // namespace winnow::cli
