// dedup_jsonl_test.cc: `winnow dedup-jsonl` end to end (docs/internals/
// dedup.md "dedup-jsonl"): order preserved, first occurrence wins, other
// fields passed through byte for byte, the summary line, exit codes, the
// line-length limit (limits::kMaxJsonlLineBytes) and --format lines.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "base/limits.h"
#include "support/util.h"

namespace {
using winnow::test::make_temp_dir;
using winnow::test::run_winnow;
using winnow::test::slurp;
using winnow::test::spit;

const char* kA = "Para A is long enough to count here.";
const char* kB = "Para B is also long enough to count.";
}  // namespace

TEST_CASE("dedup-jsonl removes repeats, keeps order and other fields",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-jsonl");
  const std::string in = dir + "/in.jsonl", out = dir + "/out.jsonl";
  const std::string l1 = std::string(R"({"id":1,"text":")") + kA + "\\n\\n" + kB +
                         R"(","meta":{"x":[1, 2],"s":"a\"b"}})";
  const std::string l2 = std::string(R"({"id":2, "text" : ")") + kA +
                         R"(\n\nNew para C is here, and it is new.","n":null})";
  const std::string l4 = R"({"id":4,"title":"no text field"})";
  const std::string l5 = std::string(R"({"id":5,"text":"Yes.\n\n)") + kB + R"("})";
  const std::string l6 = std::string(R"({"text":")") + "PARA  a is long enough, to count here!" +
                         R"(","id":6})";
  spit(in, l1 + "\n" + l2 + "\n" + l1 + "\n" + l4 + "\n" + l5 + "\n\n" + l6 + "\n");
  auto r = run_winnow({"dedup-jsonl", in, "--out", out});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "winnow: dedup-jsonl: " + in +
                     ": 7 lines, 3 documents removed, 3 of 7 paragraphs removed, "
                     "0 lines over 67108864 bytes skipped, 1 without a \"text\" string\n");
  CHECK(slurp(out) ==
        l1 + "\n" +
        R"({"id":2, "text" : "New para C is here, and it is new.","n":null})" "\n" +
        l4 + "\n");
  // Document level only: line 2 is new as a whole and stays untouched.
  auto d = run_winnow({"dedup-jsonl", in, "--out", out, "--level", "document"});
  CHECK(d.exit_code == 0);
  CHECK(slurp(out) == l1 + "\n" + l2 + "\n" + l4 + "\n" + l5 + "\n" + l6 + "\n");
  // Raw bytes: the case/punctuation variant of A (line 6) is new.
  auto raw = run_winnow({"dedup-jsonl", in, "--out", out, "--raw"});
  CHECK(raw.exit_code == 0);
  CHECK(slurp(out).find(R"("id":6)") != std::string::npos);
}

TEST_CASE("dedup-jsonl: a non-JSON line is an error naming file and line",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-jsonl-bad");
  const std::string in = dir + "/in.jsonl", out = dir + "/out.jsonl";
  spit(in, "{\"text\":\"ok\"}\n{\"text\":\"also ok\"}\n{not json\n");
  auto r = run_winnow({"dedup-jsonl", in, "--out", out});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "winnow: error: " + in + ":3: not a JSON object\n");
  CHECK_FALSE(std::ifstream(out).good());  // no half-written output
  auto missing = run_winnow({"dedup-jsonl", dir + "/nope.jsonl", "--out", out});
  CHECK(missing.exit_code == 1);
  auto usage = run_winnow({"dedup-jsonl", in, "--out", out, "--level", "bogus"});
  CHECK(usage.exit_code == 2);
}

TEST_CASE("dedup-jsonl: --out - is stdout; a failed run keeps an existing OUT",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-jsonl-out");
  const std::string in = dir + "/in.jsonl", out = dir + "/out.jsonl";
  const std::string a = std::string(R"({"text":")") + kA + R"("})";
  spit(in, a + "\n" + a + "\n");
  auto r = run_winnow({"dedup-jsonl", in, "--out", "-"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == a + "\n");
  CHECK_FALSE(std::ifstream(dir + "/-").good());

  spit(out, "earlier result\n");
  spit(in, a + "\n{broken\n");
  auto bad = run_winnow({"dedup-jsonl", in, "--out", out});
  CHECK(bad.exit_code == 1);
  CHECK(slurp(out) == "earlier result\n");
  CHECK_FALSE(std::ifstream(out + ".partial").good());
}

TEST_CASE("dedup-jsonl skips lines over kMaxJsonlLineBytes and reports them",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-jsonl-long");
  const std::string in = dir + "/in.jsonl", out = dir + "/out.jsonl";
  {
    std::ofstream f(in, std::ios::binary);
    f << R"({"id":1,"text":"first line stays"})" << "\n";
    std::string big = R"({"id":2,"text":")";
    big.append(winnow::limits::kMaxJsonlLineBytes, 'x');
    f << big << "\"}\n";
    f << R"({"id":3,"text":"third line stays"})" << "\n";
  }
  auto r = run_winnow({"dedup-jsonl", in, "--out", out});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("1 lines over 67108864 bytes skipped") != std::string::npos);
  CHECK(slurp(out) == "{\"id\":1,\"text\":\"first line stays\"}\n"
                      "{\"id\":3,\"text\":\"third line stays\"}\n");
  // The same with a lowered limit and no newline at the end of the file.
  spit(in, std::string(R"({"text":"short"})") + "\n" + std::string(300, ' ') + "{}");
  auto s = run_winnow({"dedup-jsonl", in, "--out", out, "--max-line-bytes", "100"});
  CHECK(s.exit_code == 0);
  CHECK(s.err.find("2 lines, 0 documents removed, 0 of 1 paragraphs removed, "
                   "1 lines over 100 bytes skipped") != std::string::npos);
  CHECK(slurp(out) == "{\"text\":\"short\"}\n");
}

TEST_CASE("dedup-jsonl --format lines: one paragraph per line", "[policy]") {
  const std::string dir = make_temp_dir("dedup-lines");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  spit(in, "Alpha beta.\nGamma\nalpha  BETA\nGamma\n\xE2\x80\x9Cgamma\xE2\x80\x9D\n");
  auto r = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines"});
  CHECK(r.exit_code == 0);
  CHECK(slurp(out) == "Alpha beta.\nGamma\n");
  CHECK(r.err.find("5 lines, 0 documents removed, 3 of 5 paragraphs removed") !=
        std::string::npos);
  auto raw = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines", "--raw"});
  CHECK(raw.exit_code == 0);
  CHECK(slurp(out) == "Alpha beta.\nGamma\nalpha  BETA\n\xE2\x80\x9Cgamma\xE2\x80\x9D\n");
}
