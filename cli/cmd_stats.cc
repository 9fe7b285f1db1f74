// cmd_stats.cc: `winnow stats --db FILE` -- what a store holds: URLs by kind
// and state, fetches by HTTP status, documents, paragraphs, and what dedup
// kept and removed (or that its decisions are missing or stale).
#include <memory>

#include "cli/cli.h"

namespace winnow::cli {

namespace {

// "N (queued a, fetching b, done c, failed d, skipped e)", or "0".
std::string url_line(const int64_t (&by_state)[5]) {
  int64_t total = 0;
  for (int64_t n : by_state) total += n;
  if (total == 0) return "0";
  return std::to_string(total) + " (queued " + std::to_string(by_state[0]) +
         ", fetching " + std::to_string(by_state[1]) + ", done " +
         std::to_string(by_state[2]) + ", failed " + std::to_string(by_state[3]) +
         ", skipped " + std::to_string(by_state[4]) + ")";
}

std::string fetch_line(const store::StoreStats& s) {
  int64_t total = 0;
  std::string parts;
  for (const auto& [status, n] : s.fetches_by_status) {
    total += n;
    if (!parts.empty()) parts += ", ";
    parts += (status == 0 ? std::string("no response") : "HTTP " + std::to_string(status)) +
             ": " + std::to_string(n);
  }
  return total == 0 ? "0" : std::to_string(total) + " (" + parts + ")";
}

void print_stats(const std::string& path, const store::StoreStats& s) {
  std::printf("store: %s (schema version %d)\n", path.c_str(), s.schema_version);
  const char* kinds[] = {"pages", "requisites", "sitemaps", "robots.txt"};
  for (int k = 0; k < 4; ++k) std::printf("%s: %s\n", kinds[k], url_line(s.urls[k]).c_str());
  std::printf("fetches: %s\n", fetch_line(s).c_str());
  const bool current = s.stale_documents == 0 && (s.decided_documents > 0 || s.documents == 0);
  if (!current) {
    std::printf("documents: %lld\nparagraphs: %lld\n", static_cast<long long>(s.documents),
                static_cast<long long>(s.paragraphs));
    if (s.decided_documents == 0) {
      std::printf("dedup: not run (run winnow dedup)\n");
    } else {
      std::printf("dedup: stale for %lld document%s (run winnow dedup)\n",
                  static_cast<long long>(s.stale_documents), s.stale_documents == 1 ? "" : "s");
    }
    return;
  }
  std::printf("documents: %lld (kept %lld, removed %lld)\n",
              static_cast<long long>(s.documents),
              static_cast<long long>(s.documents - s.removed_documents),
              static_cast<long long>(s.removed_documents));
  std::printf("paragraphs: %lld (kept %lld, removed %lld)\n",
              static_cast<long long>(s.paragraphs),
              static_cast<long long>(s.paragraphs - s.removed_paragraphs),
              static_cast<long long>(s.removed_paragraphs));
  std::printf("dedup: current\n");
}

}  // namespace

void add_stats_command(CLI::App& app, Action& action) {
  auto db_path = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "stats", "Summarise a store: URLs, fetches by status, documents, dedup decisions");
  sub->add_option("--db", *db_path, "The archive store (SQLite file)")->required();
  sub->callback([db_path, &action] {
    action = [db_path] {
      auto db = store::Store::open(*db_path, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      auto s = (*db)->stats();
      if (!s) return fail(s.status());
      print_stats(*db_path, *s);
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
