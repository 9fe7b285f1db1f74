// util.h: test helpers -- fresh temp dirs, running the winnow binary and
// capturing its output and exit code, reading files, generating the fixture
// archive once per test binary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::test {

// A new empty directory under $WINNOW_TEST_TMP (or the system temp dir),
// named after `tag`; removed at the start of the next run, kept after a
// failure for inspection.
std::string make_temp_dir(const std::string& tag);

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  long max_rss_kb = 0;  // the child's peak resident set (VmHWM sampled every 10 ms), KiB
  int64_t wall_ms = 0;  // from fork to exit
};
// Runs build/winnow with args (no shell), optional stdin text.
RunResult run_winnow(const std::vector<std::string>& args,
                     const std::string& stdin_text = "");
// Runs any program with args (no shell).
RunResult run_program(const std::string& program,
                      const std::vector<std::string>& args,
                      const std::string& stdin_text = "");

std::string slurp(const std::string& path);
void spit(const std::string& path, const std::string& data);
std::vector<std::string> read_lines(const std::string& path);

// Generates the default fixture archive (fixturegen --out DIR) once per
// process and returns DIR (it holds site/, gold/, textdump/).
const std::string& fixture_archive();

}  // namespace winnow::test
