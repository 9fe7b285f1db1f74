// near_bench.cc: near-duplicate document detection speed -- N generated
// articles (~300 words), 20% of them edited copies (1-10% of words changed)
// of another, through dedup::run_dedup at the default options. Prints
// documents/s, precision/recall of "near-doc" against the known copies, and
// the resident memory of the input alone (before run_dedup), so the peak RSS
// that /usr/bin/time reports can be split into input and dedup state.
// Usage: near_bench [N]   (built and run by bench/dedup/near.sh)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "dedup/dedup.h"

namespace {
long rss_kb() {  // VmRSS of this process, from /proc/self/status
  std::ifstream f("/proc/self/status");
  std::string key;
  long kb = 0;
  while (f >> key) {
    if (key == "VmRSS:") return (f >> kb) ? kb : 0;
  }
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  uint64_t x = 7;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  auto word = [&] { return "w" + std::to_string(next() % 20000); };
  std::vector<winnow::dedup::DocInput> docs;
  std::vector<int> copy_of(static_cast<size_t>(n), -1);
  for (int i = 0; i < n; ++i) {
    winnow::dedup::DocInput d;
    d.id = i + 1;
    d.url = "https://ex.org/posts/" + std::to_string(i + 1);
    d.kind = winnow::dedup::DocKind::kArticle;
    if (i > 10 && next() % 100 < 20) {
      const int src = static_cast<int>(next() % static_cast<uint64_t>(i));
      if (copy_of[static_cast<size_t>(src)] < 0) {
        copy_of[static_cast<size_t>(i)] = src;
        d.paragraphs = docs[static_cast<size_t>(src)].paragraphs;
        const int edits = 3 + static_cast<int>(next() % 28);  // 1-10% of 300
        for (int e = 0; e < edits; ++e) {
          std::string& p = d.paragraphs[next() % d.paragraphs.size()];
          const size_t at = p.find(' ', next() % p.size());
          if (at != std::string::npos) p.insert(at, " " + word());
        }
        docs.push_back(std::move(d));
        continue;
      }
    }
    for (int p = 0; p < 6; ++p) {
      std::string s;
      for (int w = 0; w < 50; ++w) s += (w ? " " : "") + word();
      d.paragraphs.push_back(s);
    }
    docs.push_back(std::move(d));
  }
  winnow::dedup::Options o;
  o.near_para_threshold = 0;  // documents only
  const long input_kb = rss_kb();
  const auto t0 = std::chrono::steady_clock::now();
  auto r = winnow::dedup::run_dedup(docs, o);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  int tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    const bool pred = r.docs[i].reason == "near-doc" || r.docs[i].reason == "exact-doc";
    const bool gold = copy_of[i] >= 0;
    tp += pred && gold, fp += pred && !gold, fn += !pred && gold;
  }
  std::printf("documents=%d copies=%d seconds=%.2f docs_per_s=%.0f precision=%.4f recall=%.4f "
              "input_rss_mb=%.1f\n",
              n, tp + fn, secs, n / secs, tp + fp ? double(tp) / (tp + fp) : 1.0,
              tp + fn ? double(tp) / (tp + fn) : 1.0, input_kb / 1024.0);
  return 0;
}
