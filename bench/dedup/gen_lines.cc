// gen_lines.cc: writes N bytes of generated paragraphs, one per line, of
// which about 30% repeat an earlier line (for bench/dedup/lines.sh).
// Usage: gen_lines OUT BYTES [SEED]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  std::FILE* f = std::fopen(argv[1], "wb");
  if (!f) return 1;
  const uint64_t target = std::strtoull(argv[2], nullptr, 10);
  uint64_t x = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  static const char* kWords[] = {
      "the", "council", "river", "village", "families", "winter", "report",
      "school", "bridge", "market", "clinic", "members", "former", "monthly",
      "\xE2\x80\x9Cwater\xE2\x80\x9D", "children", "road", "harvest", "court",
      "letter", "camp", "museum", "station", "budget", "doctor", "history",
      "Caf\xC3\xA9", "garden", "teacher", "radio", "summer", "forest"};
  std::vector<std::string> recent(4096);
  uint64_t written = 0, lines = 0;
  std::string line;
  while (written < target) {
    if (lines > 4096 && next() % 100 < 30) {
      line = recent[next() % recent.size()];
    } else {
      line.clear();
      const int words = 12 + static_cast<int>(next() % 40);
      for (int i = 0; i < words; ++i) {
        if (i) line += ' ';
        line += kWords[next() % 32];
      }
      line += ' ';
      line += std::to_string(next() % 1000000007);  // makes lines distinct
      line += '.';
      recent[next() % recent.size()] = line;
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
    written += line.size();
    line.pop_back();
    ++lines;
  }
  std::fclose(f);
  std::fprintf(stderr, "gen_lines: %llu lines, %llu bytes\n",
               static_cast<unsigned long long>(lines),
               static_cast<unsigned long long>(written));
  return 0;
}
