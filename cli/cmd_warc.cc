// cmd_warc.cc: the `winnow warc` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_warc_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("warc", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "warc: not implemented yet")); };
  });
}

}  // namespace winnow::cli
