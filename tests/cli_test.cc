// cli_test.cc: the command-line conventions users and scripts rely on --
// --version, --help, usage errors (one line, exit 2) and runtime failures
// (one line naming the file, exit 1), per README "Exit codes".
#include <catch2/catch.hpp>

#include <filesystem>

#include "base/base.h"
#include "tests/support/util.h"

using namespace winnow::test;

namespace {
size_t lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}
}  // namespace

TEST_CASE("--version prints the version and exits 0", "[policy][cli]") {
  auto r = run_winnow({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string("winnow ") + WINNOW_VERSION + "\n");
}

TEST_CASE("--help lists every subcommand", "[policy][cli]") {
  auto r = run_winnow({"--help"});
  CHECK(r.exit_code == 0);
  for (const char* cmd : {"run", "crawl", "extract", "dedup", "export", "clean",
                          "robots", "dedup-jsonl", "mirror", "warc", "import"}) {
    INFO(cmd);
    CHECK(r.out.find(std::string("  ") + cmd) != std::string::npos);
  }
  auto sub = run_winnow({"crawl", "--help"});
  CHECK(sub.exit_code == 0);
  CHECK(sub.out.find("--per-host") != std::string::npos);
}

TEST_CASE("usage errors are one line and exit 2", "[policy][cli]") {
  auto unknown = run_winnow({"export", "--db", "x.db", "--out", "o.jsonl", "--bogus"});
  CHECK(unknown.exit_code == 2);
  CHECK(lines(unknown.err) == 1);
  CHECK(unknown.err.find("--bogus") != std::string::npos);

  auto missing = run_winnow({"extract"});
  CHECK(missing.exit_code == 2);
  CHECK(lines(missing.err) == 1);
  CHECK(missing.err.find("--db") != std::string::npos);

  auto none = run_winnow({});
  CHECK(none.exit_code == 2);
  CHECK(lines(none.err) == 1);
}

TEST_CASE("runtime failures name the file, are one line and exit 1",
          "[policy][cli]") {
  std::string dir = make_temp_dir("cli-errors");
  auto no_dir = run_winnow({"extract", "--db", dir + "/no/such/dir/a.db"});
  CHECK(no_dir.exit_code == 1);
  CHECK(lines(no_dir.err) == 1);
  CHECK(no_dir.err.find(dir + "/no/such/dir/a.db") != std::string::npos);

  // A file that is not a store is refused and left byte-for-byte as it was.
  std::string not_db = dir + "/notes.txt";
  spit(not_db, "these are my notes, not a database\n");
  auto bad = run_winnow({"extract", "--db", not_db});
  CHECK(bad.exit_code == 1);
  CHECK(lines(bad.err) == 1);
  CHECK(bad.err.find(not_db) != std::string::npos);
  CHECK(slurp(not_db) == "these are my notes, not a database\n");
}
