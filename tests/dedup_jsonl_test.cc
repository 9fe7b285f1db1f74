// dedup_jsonl_test.cc: `winnow dedup-jsonl` end to end (docs/internals/
// dedup.md "dedup-jsonl"): order preserved, first occurrence wins, other
// fields passed through byte for byte, the summary line, exit codes, the
// line-length limit (limits::kMaxJsonlLineBytes) and --format lines (its
// two-thread pipeline: file and pipe input, lines across its 512 KiB
// buffers, more lines than one buffer takes, over-long lines).
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <string>
#include <unordered_set>

#include "base/limits.h"
#include "dedup/dedup.h"
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

namespace {
// What --format lines --raw must write: each line once (first occurrence),
// without a '\r' before its '\n', always ending in '\n'; lines longer than
// max_line bytes (counted with their '\r') dropped. Also the summary counts.
struct LinesWant {
  std::string out;
  int64_t lines = 0, removed = 0, paras = 0, too_long = 0;
};
// key: what two lines must share to count as one (the line itself for
// --raw, its normal form otherwise).
LinesWant lines_filter(const std::string& text, size_t max_line,
                       std::string (*key)(const std::string&) = nullptr) {
  LinesWant w;
  std::unordered_set<std::string> seen;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    std::string line = text.substr(i, j - i);
    i = j + 1;
    ++w.lines;
    if (line.size() > max_line) {
      ++w.too_long;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++w.paras;
    if (seen.insert(key ? key(line) : line).second) {
      w.out += line + "\n";
    } else {
      ++w.removed;
    }
  }
  return w;
}
std::string lines_summary(const std::string& in, const LinesWant& w, size_t max_line) {
  return "winnow: dedup-jsonl: " + in + ": " + std::to_string(w.lines) +
         " lines, 0 documents removed, " + std::to_string(w.removed) + " of " +
         std::to_string(w.paras) + " paragraphs removed, " + std::to_string(w.too_long) +
         " lines over " + std::to_string(max_line) + " bytes skipped, 0 without a "
         "\"text\" string\n";
}
}  // namespace

TEST_CASE("dedup-jsonl --format lines: a file and a pipe give the same "
          "output, across buffer boundaries",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-lines-pipe");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  // ~4 MiB: many 512 KiB buffers (and pipe reads of 64 KiB); lines of every
  // length, CRLF ones, empty ones, two longer than a buffer (one repeated),
  // and a last line without '\n' that repeats an earlier one.
  std::string text;
  std::mt19937 rng(11);
  const std::string huge(700 * 1024, 'h');
  for (int i = 0; i < 40000; ++i) {
    const uint32_t r = rng();
    std::string line = "line " + std::to_string(r % 9000) + std::string(r % 150, 'x');
    if (r % 97 == 0) line.clear();
    if (i == 5000 || i == 30000) line = huge;
    if (i == 17000) line = huge + "y";
    text += line + (r % 5 == 0 ? "\r\n" : "\n");
  }
  text += "line 17";
  const size_t max_line = winnow::limits::kMaxJsonlLineBytes;
  const LinesWant want = lines_filter(text, max_line);
  REQUIRE(want.removed > 10000);
  spit(in, text);
  auto file = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines", "--raw"});
  CHECK(file.exit_code == 0);
  CHECK(slurp(out) == want.out);
  CHECK(file.err == lines_summary(in, want, max_line));
  auto pipe = run_winnow({"dedup-jsonl", "-", "--out", "-", "--format", "lines", "--raw"}, text);
  CHECK(pipe.exit_code == 0);
  CHECK(pipe.out == want.out);
  CHECK(pipe.err == lines_summary("-", want, max_line));
}

TEST_CASE("dedup-jsonl --format lines: more short lines than one buffer takes",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-lines-short");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  // 2-4 byte lines: a 512 KiB buffer holds far more than the 32768 lines
  // one step takes, so the rest of a buffer moves on to the next.
  std::string text;
  std::mt19937 rng(5);
  for (int i = 0; i < 400000; ++i) text += std::to_string(rng() % 2000) + "\n";
  const LinesWant want = lines_filter(text, winnow::limits::kMaxJsonlLineBytes);
  spit(in, text);
  auto r = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines", "--raw"});
  CHECK(r.exit_code == 0);
  CHECK(slurp(out) == want.out);
  CHECK(r.err == lines_summary(in, want, winnow::limits::kMaxJsonlLineBytes));
  auto pipe = run_winnow({"dedup-jsonl", "-", "--out", "-", "--format", "lines", "--raw"}, text);
  CHECK(pipe.out == want.out);
}

TEST_CASE("dedup-jsonl --format lines: over-long lines across buffers are "
          "skipped and counted",
          "[policy]") {
  const std::string dir = make_temp_dir("dedup-lines-overlong");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  const size_t max_line = 1000000;
  // Kept: a 600 KB line (longer than a buffer, under the limit). Skipped: a
  // 1.5 MB line in the middle, one of exactly max_line + 1 bytes with its
  // '\r', and an over-long last line without '\n'.
  const std::string kept(600000, 'k');
  std::string text = "first\n" + kept + "\n" + std::string(1500000, 'a') + "\nfirst\n" +
                     std::string(max_line, 'b') + "\r\n" + kept + "\r\nlast\n" +
                     std::string(1200000, 'c');
  const LinesWant want = lines_filter(text, max_line);
  REQUIRE(want.too_long == 3);
  spit(in, text);
  const std::string limit = std::to_string(max_line);
  auto r = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines", "--raw",
                       "--max-line-bytes", limit});
  CHECK(r.exit_code == 0);
  CHECK(slurp(out) == "first\n" + kept + "\nlast\n");
  CHECK(r.err == lines_summary(in, want, max_line));
  auto pipe = run_winnow({"dedup-jsonl", "-", "--out", "-", "--format", "lines", "--raw",
                          "--max-line-bytes", limit}, text);
  CHECK(pipe.out == "first\n" + kept + "\nlast\n");
  // An empty input: no lines, an empty output.
  spit(in, "");
  auto e = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines"});
  CHECK(e.exit_code == 0);
  CHECK(slurp(out).empty());
  CHECK(e.err.find(": 0 lines, 0 documents removed, 0 of 0 paragraphs") != std::string::npos);
}

TEST_CASE("dedup-jsonl --format lines: normalised lines across many buffers, "
          "hashed by either thread",
          "[policy]") {
  // Without --raw each line is normalised before hashing, which the reader
  // thread does itself while the set thread lags two buffers behind, and
  // the set thread does otherwise: the split changes with timing, the
  // output must not. 5.6 MiB of lines, 12 buffers, with case, spacing
  // and punctuation variants of earlier lines (scripts/check tsan runs this
  // under ThreadSanitizer).
  const std::string dir = make_temp_dir("dedup-lines-norm");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  std::string text;
  std::mt19937 rng(23);
  for (int i = 0; i < 200000; ++i) {
    const uint32_t r = rng();
    const std::string n = std::to_string(r % 50000);
    switch (r % 4) {
      case 0: text += "Line " + n + " of the text.\n"; break;
      case 1: text += "line  " + n + " OF THE TEXT\n"; break;
      case 2: text += "\xE2\x80\x9Cline " + n + "\xE2\x80\x9D of the text\r\n"; break;
      default: text += "another line, " + n + std::string(r % 40, '!') + "\n"; break;
    }
  }
  const size_t max_line = winnow::limits::kMaxJsonlLineBytes;
  const LinesWant want = lines_filter(text, max_line, [](const std::string& l) {
    return winnow::dedup::normalize(l);
  });
  REQUIRE(want.removed > 100000);
  REQUIRE(want.out.size() > 1000000);
  spit(in, text);
  auto file = run_winnow({"dedup-jsonl", in, "--out", out, "--format", "lines"});
  CHECK(file.exit_code == 0);
  CHECK(slurp(out) == want.out);
  CHECK(file.err == lines_summary(in, want, max_line));
  auto pipe = run_winnow({"dedup-jsonl", "-", "--out", "-", "--format", "lines"}, text);
  CHECK(pipe.exit_code == 0);
  CHECK(pipe.out == want.out);
  CHECK(pipe.err == lines_summary("-", want, max_line));
}
