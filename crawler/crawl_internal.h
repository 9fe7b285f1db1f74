// crawl_internal.h: the crawl loop's state (class CrawlLoop), split over
// crawl.cc (scheduling: claim, politeness, dispatch, transactions) and
// crawl_results.cc (what each answer means: store, retry, links, robots,
// sitemaps, redirects). Not part of the crawler front door.
#pragma once

#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "crawler/fetch_internal.h"

namespace winnow::crawler::internal {

// A frontier row to insert (queued, or skipped with `error` as the reason).
inline store::NewUrl new_url(const std::string& url, store::UrlKind kind,
                             int depth, int64_t referrer,
                             std::string skip_reason = "") {
  store::NewUrl n;
  n.url = url;
  n.host = authority_of(url);
  n.kind = kind;
  n.depth = depth;
  n.referrer = referrer;
  if (!skip_reason.empty()) {
    n.state = store::UrlState::kSkipped;
    n.error = std::move(skip_reason);
  }
  return n;
}

// One request in flight: a frontier row, or a host's robots.txt.
struct InFlight {
  bool robots = false;
  store::UrlRow row;         // the frontier row (robots: its robots row)
  std::string authority;     // politeness key
  std::string origin;        // robots key
  int robots_hops = 0;       // robots.txt redirects followed so far
  // --refresh: what the store held before this fetch.
  bool had_prior = false;
  int prior_status = 0;
  std::string prior_hash;
};

// Runs one crawl on the calling thread. Owns the fetcher and all in-memory
// scheduling state; borrows the store and options for its lifetime.
class CrawlLoop {
 public:
  CrawlLoop(store::Store& db, const CrawlOptions& o, CrawlStats* stats);
  Status run(const std::vector<std::string>& seeds);

 private:
  // crawl.cc
  Status prepare(const std::vector<std::string>& seeds);
  Status count_stored_pages();
  Status fill();
  Status dispatch();
  Status dispatch_host(const std::string& key, HostState& h, int64_t now);
  Status start_url(HostState& h, const std::string& key, store::UrlRow row);
  Status start_robots(HostState& h, const std::string& key,
                      const std::string& origin, const std::string& url,
                      int hops);
  Status ensure_tx();
  Status maybe_commit(bool force);
  int poll_timeout(int64_t now) const;
  bool page_budget_left() const;

  // crawl_results.cc
  Status on_result(FetchResult& r);
  Status on_robots(InFlight& f, FetchResult& r);
  Status robots_ready(HostState& h, const std::string& origin);
  Status robots_failed(HostState& h, int status);
  bool load_stored_robots(HostState& h, const std::string& origin);
  Status on_page(InFlight& f, FetchResult& r);
  Status retry_or_fail(InFlight& f, FetchResult& r);
  Status store_response(InFlight& f, FetchResult& r);
  Status follow_redirect(InFlight& f, const FetchResult& r);
  // Marks f's row done with `error` (an answer stored, but not usable).
  Status record_error(InFlight& f, const std::string& error);
  Status add_page_links(const store::UrlRow& row, std::string_view body,
                        std::string_view base_url, std::string_view type,
                        std::string* canonical);
  Status add_sitemap_urls(const store::UrlRow& row, std::string_view body);
  // Scope, filters, depth, dedup cache and traps; appends to the batches.
  void admit(const std::string& url, store::UrlKind kind, int depth,
             int64_t referrer, bool requisite);
  Status flush_admitted();
  // In `scope` (default o_.scope) of a user seed, or of a redirected
  // seed's target (its host only; its prefix under --scope prefix).
  bool in_scope(std::string_view url) const { return in_scope(url, o_.scope); }
  bool in_scope(std::string_view url, Scope scope) const;
  bool in_seed_scope(std::string_view url, Scope scope) const;
  // A depth-0 page `from` (a seed, or a hop of a seed's redirect chain)
  // redirected to `target`: the chain's last target stands for the seed.
  Status note_seed_redirect(const std::string& from, const std::string& target);
  // A seed answered 2xx: it no longer redirects anywhere.
  Status forget_seed_redirect(const std::string& seed);
  Status save_redirected();
  // --requisite-hosts: may a requisite out of scope be fetched from here?
  bool requisite_host_allowed(std::string_view url) const;
  // How many style sheets in a row lead from a page to `sheet` (1: the
  // page links it), counted up to limits::kMaxStylesheetChain.
  Result<int> stylesheet_chain(const store::UrlRow& sheet);
  void count_refresh(const InFlight& f, const store::FetchRow& row);

  store::Store& db_;
  const CrawlOptions& o_;
  CrawlStats* stats_;
  Fetcher fetcher_;
  Progress progress_;
  TrapCounter traps_;
  std::vector<std::string> seeds_;  // canonical
  // Seeds whose answer redirected off scope, {seed, the chain's last
  // target}: meta "crawl.redirected_seeds", "seed target" a line.
  std::vector<std::pair<std::string, std::string>> redirected_;
  // Credentials of seeds given as user:pass@ (percent-encoded, as written),
  // by origin: sent to that origin only, held in memory only (never in the
  // store: a resumed crawl needs the seed with its credentials again).
  std::unordered_map<std::string, std::string> credentials_;
  const std::string& credentials_for(const std::string& url) const;
  std::vector<std::regex> include_, exclude_;
  std::unordered_map<std::string, HostState> hosts_;
  std::unordered_set<std::string> waiting_hosts_;  // hosts with waiting rows
  std::unordered_map<uint64_t, InFlight> inflight_;
  std::unordered_set<uint64_t> recent_;   // hashes of recently added URLs
  // Per redirect target: the URLs (hash64) its chain went through so far.
  std::unordered_map<std::string, std::vector<uint64_t>> redirect_chains_;
  std::vector<store::NewUrl> new_urls_, skipped_urls_;
  uint64_t next_token_ = 1;
  int buffered_ = 0;           // claimed rows waiting in host queues
  int64_t dispatched_ = 0;     // frontier requests started this run
  int64_t refresh_since_ = 0;  // start of the open --refresh pass (ms), or 0
  bool frontier_dirty_ = true; // writes since the last empty claim
  int64_t recheck_at_ = 0;     // when to claim again after an empty claim
  bool tx_open_ = false;
  int tx_writes_ = 0;
  int64_t tx_start_ms_ = 0;
};

}  // namespace winnow::crawler::internal
