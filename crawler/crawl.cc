// crawl.cc: the crawl loop's scheduling -- resume, seeds, claiming due URLs
// from the on-disk frontier in small batches, per-host politeness (delay,
// parallel connections, Retry-After holds, robots first), batched write
// transactions, and crawl() itself. Design: docs/internals/crawler.md.
#include <algorithm>
#include <cstdlib>

#include "crawler/crawl_internal.h"

namespace winnow::crawler {
namespace internal {

namespace {

// meta key: when the open --refresh pass began (ms since the epoch), or "".
constexpr char kRefreshPassKey[] = "refresh.pass_started_at";

FetcherOptions fetcher_options(const CrawlOptions& o) {
  FetcherOptions f;
  f.max_connections = std::clamp(o.concurrency, 1, 256);
  f.max_host_connections = std::clamp(o.per_host, 1, 64);
  f.user_agent = o.user_agent;
  f.timeout = o.timeout;
  f.connect_timeout = std::min(o.connect_timeout, o.timeout);
  f.low_speed_time = std::min(o.low_speed_time, o.timeout);
  f.max_bytes = o.max_bytes;
  return f;
}

// Claimed rows kept in memory at most: bounds RAM whatever the frontier.
int buffer_cap(const CrawlOptions& o) {
  return std::max(64, 4 * std::clamp(o.concurrency, 1, 256));
}

// Claimed rows one host may hold: enough to keep its connections busy.
int host_cap(const CrawlOptions& o) {
  return std::min(buffer_cap(o), std::max(8, 4 * std::clamp(o.per_host, 1, 64)));
}

}  // namespace

CrawlLoop::CrawlLoop(store::Store& db, const CrawlOptions& o,
                     CrawlStats* stats)
    : db_(db), o_(o), stats_(stats), fetcher_(fetcher_options(o)),
      progress_(o.quiet, o.log_json), traps_(o.traps) {}

Status CrawlLoop::prepare(const std::vector<std::string>& seeds) {
  for (const auto& re : o_.include) {
    try {
      include_.emplace_back(re, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return usage_error("--include '" + re + "': bad regex: " + e.what());
    }
  }
  for (const auto& re : o_.exclude) {
    try {
      exclude_.emplace_back(re, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return usage_error("--exclude '" + re + "': bad regex: " + e.what());
    }
  }
  std::vector<store::NewUrl> rows;
  for (const auto& s : seeds) {
    auto parsed = parse_url(s);
    auto c = canonicalize(s);
    if (!parsed || !c || !is_crawlable(*c)) {
      return usage_error(redact_userinfo(s) + ": not an http(s) URL");
    }
    if (parsed->has_userinfo && !parsed->userinfo.empty()) {
      credentials_[origin_of(*c)] = parsed->userinfo;
    }
    seeds_.push_back(*c);
    rows.push_back(new_url(*c, store::UrlKind::kPage, 0, 0));
  }
  // Earlier runs' seeds keep the scope of a resumed crawl.
  if (auto prev = db_.get_meta("crawl.seeds")) {
    for (auto part : split(*prev, '\n')) {
      if (!part.empty() &&
          std::find(seeds_.begin(), seeds_.end(), part) == seeds_.end()) {
        seeds_.emplace_back(part);
      }
    }
  }
  if (auto prev = db_.get_meta("crawl.redirected_seeds")) {
    for (auto line : split(*prev, '\n')) {
      size_t sp = line.find(' ');
      if (sp != std::string_view::npos) {
        redirected_.emplace_back(line.substr(0, sp), line.substr(sp + 1));
      }
    }
  }
  if (seeds_.empty()) return invalid_input("no seed URL given");
  Status st = db_.set_meta("crawl.seeds", join(seeds_, "\n"));
  if (!st) return st;
  auto requeued = db_.requeue_in_flight();
  if (!requeued) return requeued.status();
  // A --refresh pass lasts until its queue is empty, across runs: one that
  // was interrupted (killed, or stopped by --max-pages) is continued by the
  // next --refresh, not started over, so what it already fetched again is
  // not fetched a third time. The pass is re-queued before its start is
  // recorded: killed in between, the next run simply re-queues again.
  auto pass = db_.get_meta(kRefreshPassKey);
  refresh_since_ = pass ? std::strtoll(pass->c_str(), nullptr, 10) : 0;
  if (o_.refresh && refresh_since_ == 0) {
    auto r = db_.requeue_for_refresh();
    if (!r) return r.status();
    refresh_since_ = unix_now_ms();
    st = db_.set_meta(kRefreshPassKey, std::to_string(refresh_since_));
    if (!st) return st;
  }
  auto added = db_.add_urls(rows);
  if (!added) return added.status();
  return count_stored_pages();
}

// The pages-per-host trap limit counts across resumes: earlier runs' pages
// are counted from the store (one per URL with an answer); within an open
// --refresh pass, only the answers fetched since it began.
Status CrawlLoop::count_stored_pages() {
  auto per_host = db_.pages_per_host(refresh_since_);
  if (!per_host) return per_host.status();
  for (const auto& [authority, n] : *per_host) {
    traps_.record_pages(host_of("http://" + authority + "/"), n);
  }
  return Status::ok();
}

bool CrawlLoop::page_budget_left() const {
  return o_.max_pages <= 0 || dispatched_ < o_.max_pages;
}

Status CrawlLoop::fill() {
  int cap = buffer_cap(o_);
  if (buffered_ >= cap / 2 || !page_budget_left()) return Status::ok();
  int64_t now = unix_now_ms();
  if (!frontier_dirty_ && now < recheck_at_) return Status::ok();
  int want = cap - buffered_;
  // Each host holds at most host_cap claimed rows, so a host that is slow
  // or on hold cannot fill the buffer while other hosts' URLs are due.
  std::vector<std::pair<std::string, int>> held;
  bool any_full = false;
  for (const std::string& key : waiting_hosts_) {
    int n = static_cast<int>(hosts_[key].waiting.size());
    held.emplace_back(key, n);
    any_full = any_full || n >= host_cap(o_);
  }
  auto rows = db_.claim_due(now, want, host_cap(o_), held);
  if (!rows) return rows.status();
  if (static_cast<int>(rows->size()) < want) {
    frontier_dirty_ = false;
    auto due = db_.earliest_due();
    if (!due) return due.status();
    recheck_at_ = *due < 0 ? now + 1000 : std::max(*due, now + 5);
    // Due rows of full hosts wait for those hosts to drain (or for new
    // frontier writes): no rescanning every few milliseconds.
    if (any_full) recheck_at_ = std::max(recheck_at_, now + 250);
  }
  for (store::UrlRow& r : *rows) {
    std::string key = r.host.empty() ? authority_of(r.url) : r.host;
    hosts_[key].waiting.push_back(std::move(r));
    waiting_hosts_.insert(key);
    ++buffered_;
  }
  return Status::ok();
}

Status CrawlLoop::dispatch() {
  int64_t now = unix_now_ms();
  std::vector<std::string> keys(waiting_hosts_.begin(), waiting_hosts_.end());
  for (const std::string& key : keys) {
    HostState& h = hosts_[key];
    Status st = dispatch_host(key, h, now);
    if (!st) return st;
    if (h.waiting.empty()) waiting_hosts_.erase(key);
  }
  return Status::ok();
}

Status CrawlLoop::dispatch_host(const std::string& key, HostState& h,
                                int64_t now) {
  int per_host = std::clamp(o_.per_host, 1, 64);
  int total = std::clamp(o_.concurrency, 1, 256);
  while (!h.waiting.empty() && fetcher_.active() < total &&
         h.active < per_host && now >= h.next_ok_ms &&
         now >= h.hold_until_ms) {
    const std::string origin = origin_of(h.waiting.front().url);
    if (h.robots == HostState::Robots::kUnknown) {
      h.delay_s = std::max(h.delay_s, o_.delay);  // robots.txt waits too
      if (o_.ignore_robots || load_stored_robots(h, origin)) {
        Status st = robots_ready(h, origin);
        if (!st) return st;
        continue;
      }
      return start_robots(h, key, origin, origin + "/robots.txt", 0);
    }
    if (h.robots == HostState::Robots::kFetching) return Status::ok();
    if (!page_budget_left()) return Status::ok();
    store::UrlRow row = std::move(h.waiting.front());
    h.waiting.pop_front();
    --buffered_;
    if (!o_.ignore_robots && !h.policy.allowed(o_.user_agent, row.url)) {
      Status st = ensure_tx();
      if (!st) return st;
      bool gave_up = h.robots_failures > 0;
      row.state = gave_up ? store::UrlState::kFailed : store::UrlState::kSkipped;
      row.error = gave_up ? "robots.txt unreachable" : "robots.txt";
      ++(gave_up ? stats_->errors : stats_->skipped);
      progress_.event("skip", row.url, 0, row.error);
      ++tx_writes_;
      st = db_.update_url(row);
      if (!st) return st;
      continue;
    }
    Status st = start_url(h, key, std::move(row));
    if (!st) return st;
  }
  return Status::ok();
}

Status CrawlLoop::start_url(HostState& h, const std::string& key,
                            store::UrlRow row) {
  InFlight f;
  f.row = std::move(row);
  f.authority = key;
  f.origin = origin_of(f.row.url);
  FetchRequest req;
  req.token = next_token_++;
  req.url = f.row.url;
  req.userinfo = credentials_for(f.row.url);
  if (o_.refresh) {
    auto prev = db_.latest_fetch(f.row.id, false);
    if (!prev) return prev.status();
    if (*prev) {
      const store::FetchRow& p = **prev;
      f.had_prior = true;
      f.prior_status = p.not_modified ? 200 : p.status;
      f.prior_hash = p.content_hash;
      if (p.status / 100 == 2 || p.not_modified) {
        if (!p.etag.empty()) req.headers.push_back("If-None-Match: " + p.etag);
        if (!p.last_modified.empty()) {
          req.headers.push_back("If-Modified-Since: " + p.last_modified);
        }
      }
    }
  }
  Status st = fetcher_.start(req);
  if (!st) return st;
  ++dispatched_;
  ++h.active;
  int64_t now = unix_now_ms();
  h.next_ok_ms = now + static_cast<int64_t>(h.delay_s * 1000);
  inflight_.emplace(req.token, std::move(f));
  return Status::ok();
}

const std::string& CrawlLoop::credentials_for(const std::string& url) const {
  static const std::string kNone;
  if (credentials_.empty()) return kNone;
  auto it = credentials_.find(origin_of(url));
  return it == credentials_.end() ? kNone : it->second;
}

Status CrawlLoop::start_robots(HostState& h, const std::string& key,
                               const std::string& origin,
                               const std::string& url, int hops) {
  InFlight f;
  f.robots = true;
  f.authority = key;
  f.origin = origin;
  f.robots_hops = hops;
  f.row.url = url;
  FetchRequest req;
  req.token = next_token_++;
  req.url = url;
  // RFC 9309 2.5: only the first kMaxRobotsBytes are parsed, so no more
  // is downloaded.
  req.max_bytes = std::min(o_.max_bytes, limits::kMaxRobotsBytes);
  req.userinfo = credentials_for(url);
  Status st = fetcher_.start(req);
  if (!st) return st;
  h.robots = HostState::Robots::kFetching;
  ++h.active;
  h.next_ok_ms = unix_now_ms() + static_cast<int64_t>(h.delay_s * 1000);
  inflight_.emplace(req.token, std::move(f));
  return Status::ok();
}

Status CrawlLoop::ensure_tx() {
  if (tx_open_) return Status::ok();
  Status st = db_.begin();
  if (!st) return st;
  tx_open_ = true;
  tx_writes_ = 0;
  tx_start_ms_ = unix_now_ms();
  return Status::ok();
}

Status CrawlLoop::maybe_commit(bool force) {
  if (!tx_open_) return Status::ok();
  if (!force && tx_writes_ < 64 && unix_now_ms() - tx_start_ms_ < 250) {
    return Status::ok();
  }
  tx_open_ = false;
  return db_.commit();
}

int CrawlLoop::poll_timeout(int64_t now) const {
  int64_t wake = now + 250;
  if (fetcher_.active() >= std::clamp(o_.concurrency, 1, 256)) return 250;
  int per_host = std::clamp(o_.per_host, 1, 64);
  for (const std::string& key : waiting_hosts_) {
    auto it = hosts_.find(key);
    if (it == hosts_.end()) continue;
    const HostState& h = it->second;
    // A host that is busy wakes us through the fetcher, not a timer.
    if (h.robots == HostState::Robots::kFetching || h.active >= per_host) {
      continue;
    }
    wake = std::min(wake, std::max(h.next_ok_ms, h.hold_until_ms));
  }
  if (!frontier_dirty_ && buffered_ == 0) wake = std::min(wake, recheck_at_);
  return static_cast<int>(std::clamp<int64_t>(wake - now, 0, 250));
}

Status CrawlLoop::run(const std::vector<std::string>& seeds) {
  Status st = prepare(seeds);
  if (!st) return st;
  std::vector<FetchResult> done;
  bool finished = false;
  for (;;) {
    st = fill();
    if (!st) break;
    st = dispatch();
    if (!st) break;
    // Out of page budget: stop once nothing is in flight (claimed rows
    // still waiting go back to the frontier below).
    if (fetcher_.active() == 0 && !page_budget_left()) break;
    bool idle = fetcher_.active() == 0 && buffered_ == 0;
    if (idle && !frontier_dirty_) {
      auto due = db_.earliest_due();
      if (!due) {
        st = due.status();
        break;
      }
      if (*due < 0) {  // nothing queued: the crawl is finished
        finished = true;
        break;
      }
    }
    done.clear();
    fetcher_.poll(poll_timeout(unix_now_ms()), &done);
    for (FetchResult& r : done) {
      st = on_result(r);
      if (!st) break;
    }
    if (!st) break;
    st = maybe_commit(false);
    if (!st) break;
    if (progress_.due()) {
      auto queued = db_.count_urls(store::UrlState::kQueued);
      progress_.tick(*stats_, queued ? *queued : 0);
    }
  }
  Status end = maybe_commit(true);
  if (!st) {
    (void)db_.rollback();
    return st;
  }
  if (!end) return end;
  auto back = db_.requeue_in_flight();  // claimed but never started
  if (!back) return back.status();
  if (finished && refresh_since_ != 0) {  // the --refresh pass is complete
    st = db_.set_meta(kRefreshPassKey, "");
    if (!st) return st;
  }
  auto queued = db_.count_urls(store::UrlState::kQueued);
  stats_->queued = queued ? *queued : 0;
  progress_.finish(*stats_);
  return Status::ok();
}

}  // namespace internal

Status crawl(store::Store& db, const std::vector<std::string>& seeds,
             const CrawlOptions& options, CrawlStats* stats) {
  CrawlStats local;
  if (!stats) stats = &local;
  internal::CrawlLoop loop(db, options, stats);
  return loop.run(seeds);
}

}  // namespace winnow::crawler
