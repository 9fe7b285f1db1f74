// dedup_index_test.cc: the fast paths of exact dedup (docs/internals/
// dedup.md "dedup-jsonl"): the compact HashSet (104 compared bits, 15-19
// bytes per entry), the caching Normalizer against normalize() on random
// mixed-script text, and `dedup-jsonl --format lines` against a plain
// first-occurrence filter over many read buffers.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "dedup/dedup.h"
#include "support/util.h"

namespace {

using winnow::Hash128;
using winnow::dedup::HashSet;

TEST_CASE("HashSet: first insert true, repeats false, 15-19 bytes per entry",
          "[policy]") {
  HashSet set;
  constexpr int kN = 200000;
  for (int i = 0; i < kN; ++i) {
    CHECK(set.insert(winnow::hash128("line " + std::to_string(i))));
  }
  CHECK(set.size() == kN);
  int repeats_new = 0;
  for (int i = 0; i < kN; ++i) {
    repeats_new += set.insert(winnow::hash128("line " + std::to_string(i)));
  }
  CHECK(repeats_new == 0);
  CHECK(set.size() == kN);
  CHECK(set.memory_bytes() >= 15u * kN);
  CHECK(set.memory_bytes() <= 19u * kN);
}

TEST_CASE("HashSet: which bits tell keys apart", "[policy]") {
  HashSet set;
  CHECK(set.insert(Hash128{0, 0}));   // all-zero (the empty mark) is a key
  CHECK_FALSE(set.insert(Hash128{0, 0}));
  CHECK(set.insert(Hash128{0, 2}));
  CHECK(set.insert(Hash128{1ull << 56, 2}));     // shard bits (top 8 of hi)
  CHECK(set.insert(Hash128{1, 2}));              // low 32 bits of hi
  CHECK(set.insert(Hash128{0, 2 | (1ull << 63)}));  // lo
  // Bits 32-55 of hi are neither stored nor used to pick the shard.
  CHECK_FALSE(set.insert(Hash128{1ull << 40, 2}));
  CHECK(set.size() == 5);
}

TEST_CASE("Normalizer gives normalize()'s result on random mixed text",
          "[policy]") {
  const std::vector<std::string> parts = {
      "word", "Word", "WORD", " ", "  ", "\t", "\r\n", "-", "--", ".", ",",
      "\"", "'", "_", "(x)", "12", "3", "caf\xC3\xA9", "Caf\xC3\xA9",
      "cafe\xCC\x81", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
      "\xE2\x80\x94", "\xC2\xA0", "\xE2\x80\x8B", "\xEF\xAC\x81",
      "\xEF\xBC\xA6", "Stra\xC3\x9F" "e", "\xFF", "\xC3", "\xD9\xA3",
      "\xD9\x85\xD8\xB1", "\xD8\x8C", "\xCC\x81", "$", "\x01", "\x7F"};
  std::mt19937 rng(12345);
  for (bool fold : {false, true}) {
    winnow::dedup::NormalizeOptions o;
    o.fold_digits = fold;
    winnow::dedup::Normalizer cached(o);
    std::string out;
    int mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
      std::string s;
      const size_t n = rng() % 12;
      for (size_t k = 0; k < n; ++k) s += parts[rng() % parts.size()];
      const std::string want = winnow::dedup::normalize(s, o);
      mismatches += cached.normalize(s) != want;
      cached.normalize(s, out);
      mismatches += out != want;
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("dedup-jsonl --format lines equals a first-occurrence filter "
          "across read buffers",
          "[policy]") {
  const std::string dir = winnow::test::make_temp_dir("dedup-lines-big");
  const std::string in = dir + "/in.txt", out = dir + "/out.txt";
  std::string text, want;
  std::unordered_set<std::string> seen;
  std::mt19937 rng(7);
  int kept = 0;
  for (int i = 0; i < 60000; ++i) {  // ~3 MiB: several 1 MiB buffer fills
    std::string line = "paragraph number " + std::to_string(rng() % 40000) +
                       std::string(rng() % 40, 'x');
    text += line + (i % 7 == 0 ? "\r\n" : "\n");
    if (seen.insert(line).second) want += line + "\n", ++kept;
  }
  winnow::test::spit(in, text);
  auto r = winnow::test::run_winnow(
      {"dedup-jsonl", in, "--out", out, "--format", "lines", "--raw"});
  CHECK(r.exit_code == 0);
  CHECK(winnow::test::slurp(out) == want);
  CHECK(r.err.find("60000 lines, 0 documents removed, " +
                   std::to_string(60000 - kept) + " of 60000 paragraphs removed") !=
        std::string::npos);
}

}  // namespace
