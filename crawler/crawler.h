// crawler: fetches an archive site politely into the store -- libcurl multi
// fetcher, on-disk frontier, per-host politeness, robots.txt (RFC 9309),
// URL canonicalisation (RFC 3986), trap defences, sitemaps -- and writes it
// back out as an offline mirror or WARC files. Depends on base and store.
//
// This is the stage's one front door; the headers it includes below are
// parts of it, not separate entry points.
//
// Threading: crawl() runs one event loop on the calling thread. The pure
// helpers (url, robots, mirror paths, WARC records) are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/base.h"
#include "crawler/mirror.h"
#include "crawler/robots.h"
#include "crawler/url.h"
#include "crawler/warc.h"
#include "store/store.h"

namespace winnow::crawler {

enum class Scope { kHost, kDomain, kPrefix };

// Options for crawl(); field by field: effect, unit, default, range.
struct CrawlOptions {
  int max_pages = 0;          // pages fetched this run; 0 = no limit
  int max_depth = -1;         // link hops from a seed; -1 = no limit
  int concurrency = 8;        // total connections; 1..256
  int per_host = 2;           // parallel connections per host; 1..64
  double delay = 1.0;         // min seconds between requests to one host
  Scope scope = Scope::kHost; // which discovered URLs are in scope
  std::vector<std::string> include;  // ECMAScript regexes; any must match
  std::vector<std::string> exclude;  // none may match
  std::string user_agent = "winnow/" WINNOW_VERSION;
  bool ignore_robots = false;
  double timeout = 30.0;      // seconds per request (total)
  double connect_timeout = 10.0;
  double low_speed_time = 15.0;  // abort when < 1 KB/s for this long
  size_t max_bytes = limits::kMaxBodyBytes;  // per response body
  int retries = 3;            // retries after the first attempt
  bool sitemaps = true;       // read Sitemap: lines and /sitemap.xml
  bool refresh = false;       // conditional re-fetch of stored pages
  bool page_requisites = false;  // also fetch css/img/js/fonts pages use:
                              // in scope, or on requisite_hosts
  // Hosts whose requisites are fetched though out of scope (CDNs): "host"
  // (any port; also its subdomains) or "host:port"; lower-case, as in
  // canonical URLs. Empty: in-scope requisites only.
  std::vector<std::string> requisite_hosts;
  bool quiet = false;         // no progress line
  bool log_json = false;      // progress and events as JSON lines on stderr
  std::string warc_path;      // also write WARC here ("" = no)
  std::string mirror_dir;     // also write an offline mirror here ("" = no)
  TrapLimits traps;           // trap defences; defaults from base/limits.h
};

struct CrawlStats {
  int64_t fetched = 0;        // responses stored this run
  int64_t errors = 0;         // network errors and 4xx/5xx gave up
  int64_t skipped = 0;        // robots/scope/trap refusals
  int64_t bytes = 0;          // payload bytes received
  int64_t queued = 0;         // left in the frontier at the end
  // --refresh only:
  int64_t new_pages = 0, changed = 0, unchanged = 0, gone = 0;
};

// The payload of a stored fetch with its Content-Encoding undone (gzip,
// deflate, br, identity), bounded by limits::kMaxBodyBytes and the
// decompression-ratio limit. Implemented in crawler/decode.cc.
Result<std::string> decode_body(const store::FetchRow& fetch);

// Crawls from `seeds` (and the frontier already in the store, so the same
// command resumes an interrupted crawl) until the frontier is empty or a
// limit is reached. Errors on individual URLs are recorded, not returned;
// the Status is for failures that stop the crawl (store, bad options).
Status crawl(store::Store& db, const std::vector<std::string>& seeds,
             const CrawlOptions& options, CrawlStats* stats);

}  // namespace winnow::crawler
