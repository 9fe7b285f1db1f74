// dedup_accuracy_test.cc: quality floors for near-duplicate detection on the
// fixture generator's labelled pairs (gold/near_dup_docs.jsonl,
// gold/near_dup_paras.jsonl; duplicate = word edit rate <= 0.15). Each pair
// goes through run_dedup itself (MinHash LSH + exact Jaccard) at the
// default options. Floors: precision and recall >= 0.95 (docs/internals/
// dedup.md "Accuracy"); never lowered silently.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "base/base.h"
#include "dedup/dedup.h"
#include "support/util.h"

namespace {

struct Score {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

// Runs each pair as two article pages; `para` puts each text in one
// paragraph and turns near-duplicate documents off.
Score score(const std::string& file, bool para) {
  Score s;
  for (const std::string& line : winnow::test::read_lines(file)) {
    auto v = winnow::JsonValue::parse(line);
    REQUIRE(v.is_ok());
    winnow::dedup::DocInput a, b;
    a.id = 1, a.url = "https://ex.org/a", a.kind = winnow::dedup::DocKind::kArticle;
    b.id = 2, b.url = "https://ex.org/b", b.kind = winnow::dedup::DocKind::kArticle;
    const std::string ta = (*v)["a"].as_string(), tb = (*v)["b"].as_string();
    winnow::dedup::Options o;
    if (para) {
      a.paragraphs = {ta};
      b.paragraphs = {tb};
      o.near_doc_threshold = 0;
    } else {
      for (std::string_view p : winnow::split(ta, '\n')) a.paragraphs.emplace_back(p);
      for (std::string_view p : winnow::split(tb, '\n')) b.paragraphs.emplace_back(p);
    }
    auto r = winnow::dedup::run_dedup({a, b}, o);
    const bool predicted =
        para ? !r.docs[1].paragraphs[0].keep : !r.docs[1].keep;
    const bool gold = (*v)["duplicate"].as_bool();
    s.tp += predicted && gold;
    s.fp += predicted && !gold;
    s.fn += !predicted && gold;
    s.tn += !predicted && !gold;
  }
  return s;
}

}  // namespace

TEST_CASE("near-duplicate documents: precision and recall floors", "[policy]") {
  const Score s = score(winnow::test::fixture_archive() + "/gold/near_dup_docs.jsonl", false);
  std::printf("near-dup docs: tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f\n",
              s.tp, s.fp, s.fn, s.tn, s.precision(), s.recall());
  REQUIRE(s.tp + s.fn >= 50);  // the file holds positives
  REQUIRE(s.fp + s.tn >= 50);  // and negatives
  CHECK(s.precision() >= 0.95);
  CHECK(s.recall() >= 0.95);
}

TEST_CASE("near-duplicate paragraphs: precision and recall floors", "[policy]") {
  const Score s = score(winnow::test::fixture_archive() + "/gold/near_dup_paras.jsonl", true);
  std::printf("near-dup paras: tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f\n",
              s.tp, s.fp, s.fn, s.tn, s.precision(), s.recall());
  REQUIRE(s.tp + s.fn >= 50);
  REQUIRE(s.fp + s.tn >= 50);
  CHECK(s.precision() >= 0.95);
  CHECK(s.recall() >= 0.95);
}
