// lines_main.cc: a winnow binary with only the dedup-jsonl command (the same
// cli/cmd_dedup_jsonl.cc), for benchmarking without building the crawler.
// bench/dedup/lines.sh now uses the real Release binary; this one is kept
// for a machine where that does not build. From the repo root, after
// `cmake --build build-dedup-rel -j2 --target winnow_dedup winnow_parser winnow_base`:
//   c++ -std=c++20 -O3 -DNDEBUG '-DWINNOW_VERSION="0.1.0"' -I.
//     -o bench/work/winnow-lines bench/dedup/lines_main.cc cli/cmd_dedup_jsonl.cc
//     build-dedup-rel/{dedup/libwinnow_dedup.a,parser/libwinnow_parser.a,base/libwinnow_base.a}
//     -lxxhash -lutf8proc -lz   (one command line)
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
