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

// Usage errors found after parsing used to exit 1 (fail() mapped every
// kind to 1), and a bad --include/--exclude regex or seed URL was noticed
// only after the store (and run's --out folder) had been created.
TEST_CASE("bad regex, bad seed URL and clean without input exit 2 and create nothing",
          "[policy][cli]") {
  std::string dir = make_temp_dir("cli-usage");
  auto re = run_winnow({"crawl", "http://127.0.0.1:9/", "--db", dir + "/a.db",
                        "--include", "("});
  CHECK(re.exit_code == 2);
  CHECK(lines(re.err) == 1);
  CHECK(re.err.find("--include") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/a.db"));

  auto ex = run_winnow({"run", "http://127.0.0.1:9/", "--out", dir + "/out",
                        "--exclude", "[a"});
  CHECK(ex.exit_code == 2);
  CHECK(lines(ex.err) == 1);
  CHECK(ex.err.find("--exclude") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/out"));

  for (const char* seed : {"not a url", "ftp://127.0.0.1/", "http://", "/relative/path"}) {
    INFO(seed);
    auto bad = run_winnow({"crawl", seed, "--db", dir + "/b.db"});
    CHECK(bad.exit_code == 2);
    CHECK(lines(bad.err) == 1);
    CHECK(bad.err.find(seed) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/b.db"));
    auto run = run_winnow({"run", seed, "--out", dir + "/out2"});
    CHECK(run.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(dir + "/out2"));
  }

  auto clean = run_winnow({"clean"});
  CHECK(clean.exit_code == 2);
  CHECK(lines(clean.err) == 1);
  CHECK(clean.out.empty());
}

// Output written to a full disk through stdout was lost without a word:
// stdio buffered it, the flush at exit failed, and the exit code was 0.
TEST_CASE("a full stdout is a runtime failure: one line, exit 1", "[policy][cli]") {
  std::string dir = make_temp_dir("cli-full");
  spit(dir + "/page.html",
       "<html><body><article><p>" + std::string(2000, 'x') + " words here.</p>"
       "</article></body></html>");
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += "{\"text\":\"paragraph number " + std::to_string(i) + " has words\"}\n";
  }
  spit(dir + "/in.jsonl", jsonl);
  spit(dir + "/robots.txt", "User-agent: *\nDisallow: /private\nSitemap: http://a/s.xml\n");
  const std::string bin = WINNOW_BIN;
  const std::vector<std::string> commands = {
      bin + " clean " + dir + "/page.html",
      bin + " clean --format json " + dir + "/page.html",
      bin + " dedup-jsonl " + dir + "/in.jsonl --out -",
      bin + " dedup-jsonl --format lines " + dir + "/in.jsonl --out -",
      bin + " robots --file " + dir + "/robots.txt --agent winnow http://a/private/x",
      bin + " --version",
  };
  for (const std::string& cmd : commands) {
    INFO(cmd);
    auto r = run_program("/bin/sh", {"-c", "exec " + cmd + " > /dev/full"});
    CHECK(r.exit_code == 1);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("winnow: error:") != std::string::npos);
  }
}
