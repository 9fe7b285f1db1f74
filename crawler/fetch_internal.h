// fetch_internal.h: crawler internals shared by crawl.cc, fetcher.cc,
// fetch_decode.cc, politeness.cc and progress.cc: the libcurl multi fetcher,
// content decoding, per-host politeness state and the progress reporter.
// Not part of the crawler front door.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crawler/crawler.h"

namespace winnow::crawler::internal {

// ---------------------------------------------------------------- Fetcher --
// Options for Fetcher; units as in CrawlOptions.
struct FetcherOptions {
  int max_connections = 8;      // total open connections
  int max_host_connections = 2; // per host (curl's cap; the loop also caps)
  std::string user_agent;
  double timeout = 30.0;        // seconds, whole transfer
  double connect_timeout = 10.0;
  double low_speed_time = 15.0; // abort when < 1 KB/s for this long
  size_t max_bytes = limits::kMaxBodyBytes;
  // Threads that zstd-compress finished bodies (FetchResult::body_z) off
  // the loop thread, so the store need not; 0 = none; 0..4, default 1.
  int compress_threads = 1;
};

struct FetchRequest {
  uint64_t token = 0;           // caller's id, returned in FetchResult
  std::string url;
  std::vector<std::string> headers;  // extra "Name: value" lines
  size_t max_bytes = 0;         // body cut here; 0 = FetcherOptions::max_bytes
  // "user:password" as written in a URL (percent-encoded), sent as HTTP
  // Basic authentication; "" = none. The request headers captured in the
  // result show "Authorization: Basic [redacted]", never the secret.
  std::string userinfo;
};

// One finished transfer: a single hop (redirects are not followed).
struct FetchResult {
  uint64_t token = 0;
  std::string url;
  int status = 0;               // HTTP status; 0 = no response
  std::string http_version;     // "HTTP/1.1", "HTTP/2"
  std::string request_headers;  // as sent, request line first
  std::string response_headers; // as received, status line first
  std::string body;             // as received (content-encoding kept)
  std::string body_z;           // zstd_compress(body, 1), or "" if not done
  bool truncated = false;       // cut at max_bytes
  size_t max_bytes = 0;         // the cut that applied to this request
  std::string redirect_url;     // resolved Location of a 3xx, "" if none
  std::string error;            // curl's message when status == 0
  bool timed_out = false;
  int64_t elapsed_ms = 0;
};

// Runs many transfers on one curl multi handle on the calling thread.
// Easy handles are pooled and reused (connections stay in the multi cache).
// Finished bodies go through compress_threads worker threads (which touch
// only the result they were handed) before poll() returns them; a result
// counts as active() until then. Not thread-safe; owned by the crawl loop.
class Fetcher {
 public:
  explicit Fetcher(const FetcherOptions& options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  Status start(const FetchRequest& request);
  // Waits up to timeout_ms for activity, then appends finished transfers.
  void poll(int timeout_ms, std::vector<FetchResult>* done);
  int active() const { return active_; }

  struct Transfer;  // one in-flight or pooled easy handle (fetcher.cc)
  struct Workers;   // the compression threads (fetcher.cc)

 private:
  void collect(std::vector<FetchResult>* done);  // finished transfers
  void drain(std::vector<FetchResult>* done);    // compressed results
  FetcherOptions options_;
  void* multi_ = nullptr;  // CURLM*
  int active_ = 0;         // in curl or in the workers
  std::unique_ptr<Workers> workers_;
  std::vector<std::unique_ptr<Transfer>> pool_;
  std::unordered_map<void*, std::unique_ptr<Transfer>> running_;
};

// ---------------------------------------------------------------- Decoding --
// Undoes a Content-Encoding (gzip, x-gzip, deflate, br, identity; a list is
// undone right to left). Output is bounded by max_out and by
// limits::kMaxDecompressionRatio times the input.
Result<std::string> decode_content(std::string_view body,
                                   std::string_view encoding, size_t max_out);
// True if the Content-Encoding list names no coding (decode_content would
// return the body unchanged).
bool is_identity_coding(std::string_view encoding);
// Brotli (RFC 7932) decoding bounded by max_out.
Result<std::string> brotli_decode(std::string_view data, size_t max_out);

// Values of header `name` in a raw header block, repeated fields joined
// with ", " ("" if absent).
std::string header_value(std::string_view raw_headers, std::string_view name);
// Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date, as seconds
// from now_s, capped at limits::kMaxRetryAfterSeconds; nullopt if absent/bad.
std::optional<double> parse_retry_after(std::string_view value, int64_t now_s);
// Media type of a Content-Type value, lower-case without parameters.
std::string media_type(std::string_view content_type);

// ------------------------------------------------------------- Politeness --
// What the loop knows about one host (authority "host[:port]"). Plain value
// owned by the crawl loop.
struct HostState {
  int active = 0;                 // requests in flight
  int64_t next_ok_ms = 0;         // earliest start of the next request
  int64_t hold_until_ms = 0;      // Retry-After / robots retry hold
  double delay_s = 0;             // max(--delay, Crawl-delay)
  enum class Robots { kUnknown, kFetching, kReady } robots = Robots::kUnknown;
  RobotsPolicy policy;
  int robots_failures = 0;        // 5xx/unreachable robots answers in a row
  bool sitemaps_seeded = false;
  std::deque<store::UrlRow> waiting;  // claimed, not started yet
};

// Exponential backoff with deterministic jitter for attempt n (1-based):
// base * 2^(n-1) * [0.5, 1.5), capped at 300 s; seeded by `key`.
int64_t backoff_ms(int attempt, std::string_view key, double base_s = 1.0);

// The authority ("host[:port]") of a canonical URL: the politeness key.
std::string authority_of(std::string_view url);
// "scheme://authority" of a canonical URL: the robots.txt key.
std::string origin_of(std::string_view url);

// --------------------------------------------------------------- Progress --
// Live progress on stderr: a rewritten line on a terminal (at most 4 per
// second), JSON lines with --log json, nothing with --quiet. Owned by the
// crawl loop.
class Progress {
 public:
  Progress(bool quiet, bool json);
  // True when tick() would print now (so callers can skip costly counts).
  bool due() const;
  // Called often; prints when due. queued = URLs waiting in the frontier.
  void tick(const CrawlStats& s, int64_t queued, bool force = false);
  // One event (json mode only): {"event":kind,"url":...,"status":...,...}.
  void event(std::string_view kind, std::string_view url, int status,
             std::string_view detail);
  void finish(const CrawlStats& s);

 private:
  bool quiet_, json_, tty_;
  int64_t start_ms_, last_ms_ = 0;
  bool drew_ = false;
};

}  // namespace winnow::crawler::internal
