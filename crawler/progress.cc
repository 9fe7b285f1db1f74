// progress.cc: the crawl's live progress on stderr -- a rewritten line on a
// terminal (at most 4 per second), one JSON object per tick/event with
// --log json, nothing with --quiet.
#include <unistd.h>

#include <cstdio>

#include "crawler/fetch_internal.h"

namespace winnow::crawler::internal {

Progress::Progress(bool quiet, bool json)
    : quiet_(quiet), json_(json), tty_(isatty(2) != 0),
      start_ms_(unix_now_ms()) {}

bool Progress::due() const {
  if (!json_ && (quiet_ || !tty_)) return false;
  return unix_now_ms() - last_ms_ >= (json_ ? 1000 : 250);
}

void Progress::tick(const CrawlStats& s, int64_t queued, bool force) {
  if (quiet_ && !json_) return;
  int64_t now = unix_now_ms();
  int64_t min_gap = json_ ? 1000 : 250;
  if (!force && now - last_ms_ < min_gap) return;
  if (!json_ && !tty_) return;
  last_ms_ = now;
  double secs = static_cast<double>(now - start_ms_) / 1000.0;
  double rate = secs > 0 ? static_cast<double>(s.fetched) / secs : 0;
  if (json_) {
    JsonWriter w;
    w.str("event", "progress").num("fetched", s.fetched).num("queued", queued);
    w.real("pages_per_s", rate).num("errors", s.errors);
    w.num("skipped", s.skipped).num("bytes", s.bytes);
    std::fprintf(stderr, "%s\n", w.finish().c_str());
    return;
  }
  std::fprintf(stderr,
               "\r\033[Kfetched %lld  queued %lld  %.1f pages/s  errors %lld  "
               "%.1f MB",
               static_cast<long long>(s.fetched),
               static_cast<long long>(queued), rate,
               static_cast<long long>(s.errors),
               static_cast<double>(s.bytes) / 1e6);
  drew_ = true;
}

void Progress::event(std::string_view kind, std::string_view url, int status,
                     std::string_view detail) {
  if (!json_) return;
  JsonWriter w;
  w.str("event", kind).str("url", url).num("status", status);
  if (!detail.empty()) w.str("detail", detail);
  std::fprintf(stderr, "%s\n", w.finish().c_str());
}

void Progress::finish(const CrawlStats& s) {
  if (json_) {
    JsonWriter w;
    w.str("event", "done").num("fetched", s.fetched).num("errors", s.errors);
    w.num("skipped", s.skipped).num("bytes", s.bytes).num("queued", s.queued);
    std::fprintf(stderr, "%s\n", w.finish().c_str());
    return;
  }
  if (drew_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace winnow::crawler::internal
