// cmd_warc.cc: `winnow warc --db FILE --out FILE.warc.gz` -- writes every
// stored fetch as WARC/1.1 records plus a CDXJ index (STEM.cdxj).
#include <filesystem>
#include <memory>

#include "cli/cli.h"

namespace winnow::cli {

namespace {
struct WarcArgs {
  std::string db;
  std::string max_size;
  crawler::WarcOptions options;
};

// "1000", "64K", "100M", "1G" -> bytes; -1 when malformed.
int64_t parse_size(const std::string& s) {
  if (s.empty()) return 0;
  int64_t n = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (n > (int64_t{1} << 50)) return -1;
    n = n * 10 + (s[i] - '0');
  }
  if (i == 0) return -1;
  std::string unit = to_lower_ascii(s.substr(i));
  if (unit.empty() || unit == "b") return n;
  if (unit == "k") return n << 10;
  if (unit == "m") return n << 20;
  if (unit == "g") return n << 30;
  return -1;
}
}  // namespace

void add_warc_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<WarcArgs>();
  CLI::App* sub = app.add_subcommand(
      "warc", "Write the stored fetches as WARC/1.1 files with a CDXJ index");
  sub->add_option("--db", a->db, "The archive store (SQLite file)")->required();
  sub->add_option("--out", a->options.path,
                  "WARC file to write (.warc.gz = one gzip member per record)")
      ->required();
  sub->add_option("--warc-max-size", a->max_size,
                  "Roll to a new file after this size (bytes, or K/M/G); "
                  "files become STEM-00000.warc.gz, STEM-00001...");
  sub->callback([a, &action] {
    action = [a] {
      int64_t max = parse_size(a->max_size);
      if (max < 0) {
        std::fprintf(stderr, "winnow: usage error: --warc-max-size '%s' is not a size\n",
                     a->max_size.c_str());
        return kExitUsage;
      }
      a->options.max_size = max;
      auto db = store::Store::open(a->db, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      crawler::WarcStats s;
      Status st = crawler::write_warc(**db, a->options, &s);
      if (!st) return fail(st);
      std::printf("wrote %lld records (%lld responses, %lld revisits) to %lld file(s)\n",
                  static_cast<long long>(s.records), static_cast<long long>(s.responses),
                  static_cast<long long>(s.revisits), static_cast<long long>(s.files));
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
