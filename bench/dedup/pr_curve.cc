// pr_curve.cc: precision/recall of winnow's near-duplicate similarity over
// the fixture generator's labelled pairs, for a range of thresholds and
// shingle sizes. Built and run by bench/dedup/near.sh.
// Usage: pr_curve GOLD.jsonl SHINGLE [THRESHOLD...]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "dedup/dedup.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: pr_curve GOLD.jsonl SHINGLE [THRESHOLD...]\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  const int k = std::atoi(argv[2]);
  std::vector<double> sims;
  std::vector<bool> gold;
  std::string line;
  while (std::getline(in, line)) {
    auto v = winnow::JsonValue::parse(line);
    if (!v) continue;
    sims.push_back(winnow::dedup::text_similarity((*v)["a"].as_string(),
                                                  (*v)["b"].as_string(), k));
    gold.push_back((*v)["duplicate"].as_bool());
  }
  std::vector<double> ts;
  for (int i = 3; i < argc; ++i) ts.push_back(std::atof(argv[i]));
  if (ts.empty()) {
    for (int i = 1; i <= 19; ++i) ts.push_back(i * 0.05);
  }
  std::printf("pairs=%zu shingle=%d\nthreshold precision recall\n", sims.size(), k);
  for (double t : ts) {
    int tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < sims.size(); ++i) {
      const bool p = sims[i] >= t;
      tp += p && gold[i];
      fp += p && !gold[i];
      fn += !p && gold[i];
    }
    std::printf("%.2f %.3f %.3f\n", t, tp + fp ? double(tp) / (tp + fp) : 1.0,
                tp + fn ? double(tp) / (tp + fn) : 1.0);
  }
  return 0;
}
