// cmd_crawl.cc: the `winnow crawl` subcommand. (Not implemented yet.)
#include "cli/cli.h"

namespace winnow::cli {

void add_crawl_command(CLI::App& app, Action& action) {
  CLI::App* sub = app.add_subcommand("crawl", "(not implemented yet)");
  sub->callback([&action] {
    action = [] { return fail(Status::error(ErrorKind::kInternal, "crawl: not implemented yet")); };
  });
}

}  // namespace winnow::cli
