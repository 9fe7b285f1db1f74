// lines_main.cc: a winnow binary with only the dedup-jsonl command (the same
// cli/cmd_dedup_jsonl.cc), for benchmarking without building the crawler.
// Built by hand: see bench/RESULTS.md "Exact paragraph dedup".
#include <cstdio>

#include "cli/cli.h"

namespace winnow::cli {
int fail(const Status& status) {
  std::fprintf(stderr, "winnow: error: %s\n", status.message().c_str());
  return kExitFailure;
}
}  // namespace winnow::cli

int main(int argc, char** argv) {
  CLI::App app{"winnow (dedup-jsonl only)"};
  winnow::cli::Action action;
  winnow::cli::add_dedup_jsonl_command(app, action);
  CLI11_PARSE(app, argc, argv);
  return action ? action() : 2;
}
