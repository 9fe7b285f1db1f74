// crawl_results.cc: what the crawl loop does with each answer -- robots.txt
// outcomes (RFC 9309 2.3.1), retries with backoff and Retry-After holds,
// storing responses as received, redirects as new frontier hops, link and
// sitemap discovery, trap/scope admission, and --refresh counting.
#include <algorithm>
#include <cctype>

#include "crawler/crawl_internal.h"

namespace winnow::crawler::internal {

namespace {

bool is_text_type(std::string_view t) {
  return t.rfind("text/", 0) == 0 || t.find("html") != std::string_view::npos ||
         t.find("xml") != std::string_view::npos || t.empty();
}

bool is_html_type(std::string_view t) {
  return t == "text/html" || t == "application/xhtml+xml" || t.empty();
}

}  // namespace

Status CrawlLoop::on_result(FetchResult& r) {
  auto it = inflight_.find(r.token);
  if (it == inflight_.end()) return Status::ok();
  InFlight f = std::move(it->second);
  inflight_.erase(it);
  HostState& h = hosts_[f.authority];
  --h.active;
  stats_->bytes += static_cast<int64_t>(r.body.size());
  Status st = ensure_tx();
  if (!st) return st;
  ++tx_writes_;
  frontier_dirty_ = true;
  if (f.robots) return on_robots(f, r);
  return on_page(f, r);
}

// ---------------------------------------------------------------- robots --

bool CrawlLoop::load_stored_robots(HostState& h, const std::string& origin) {
  auto row = db_.find_url(origin + "/robots.txt");
  if (!row || !*row) return false;
  auto fetch = db_.latest_fetch((*row)->id, true);
  if (!fetch || !*fetch) return false;
  const store::FetchRow& fr = **fetch;
  // Reused for 24 h (RFC 9309 2.4); server errors are asked again.
  if (unix_now_ms() - fr.fetched_at > 24 * 3600 * 1000LL) return false;
  if (fr.status == 0 || fr.status >= 500) return false;
  auto body = decode_content(fr.body, fr.content_encoding,
                             limits::kMaxRobotsBytes * 4);
  h.policy = RobotsPolicy::from_status(fr.status, body ? *body : "");
  return true;
}

Status CrawlLoop::robots_ready(HostState& h, const std::string& origin) {
  h.robots = HostState::Robots::kReady;
  h.delay_s = std::max(0.0, o_.delay);
  if (!o_.ignore_robots) {
    if (auto d = h.policy.crawl_delay(o_.user_agent)) {
      h.delay_s = std::max(h.delay_s, std::min(*d, limits::kMaxCrawlDelaySeconds));
    }
  }
  if (h.sitemaps_seeded || !o_.sitemaps || o_.max_depth == 0) {
    return Status::ok();
  }
  h.sitemaps_seeded = true;
  std::vector<std::string> maps;
  if (!o_.ignore_robots) maps = h.policy.sitemaps();
  maps.push_back(origin + "/sitemap.xml");
  for (const std::string& m : maps) {
    auto c = canonicalize(m);
    if (!c || !is_crawlable(*c) || !in_scope(*c)) continue;
    new_urls_.push_back(new_url(*c, store::UrlKind::kSitemap, 0, 0));
  }
  return flush_admitted();
}

Status CrawlLoop::robots_failed(HostState& h, int status) {
  ++h.robots_failures;
  int64_t now = unix_now_ms();
  if (h.robots_failures > std::max(0, o_.retries)) {
    // Gave up: disallow all (RFC 9309 2.3.1.4); waiting rows fail.
    h.policy = RobotsPolicy::disallow_all();
    h.robots = HostState::Robots::kReady;
    return Status::ok();
  }
  h.robots = HostState::Robots::kUnknown;
  h.hold_until_ms = now + backoff_ms(h.robots_failures, "robots");
  progress_.event("robots-retry", "", status, "");
  // The claimed rows go back to the frontier until the host answers.
  while (!h.waiting.empty()) {
    store::UrlRow row = std::move(h.waiting.front());
    h.waiting.pop_front();
    --buffered_;
    row.state = store::UrlState::kQueued;
    row.next_attempt_at = h.hold_until_ms;
    Status st = db_.update_url(row);
    if (!st) return st;
  }
  return Status::ok();
}

Status CrawlLoop::on_robots(InFlight& f, FetchResult& r) {
  HostState& h = hosts_[f.authority];
  auto next = canonicalize(r.redirect_url);  // drops any user:pass@
  if (r.status >= 300 && r.status < 400 && !r.redirect_url.empty() && next &&
      is_crawlable(*next) && f.robots_hops < 5) {
    h.robots = HostState::Robots::kUnknown;
    return start_robots(h, f.authority, f.origin, *next, f.robots_hops + 1);
  }
  auto body = decode_content(
      r.body, header_value(r.response_headers, "Content-Encoding"),
      limits::kMaxRobotsBytes * 4);
  std::string text = body ? std::move(*body) : std::string();
  int status = r.status;
  std::string robots_url = f.origin + "/robots.txt";
  auto added = db_.add_urls({new_url(robots_url, store::UrlKind::kRobots, 0, 0)});
  if (!added) return added.status();
  auto row = db_.find_url(robots_url);
  if (!row) return row.status();
  if (*row) {
    f.row = **row;
    Status st = store_response(f, r);  // moves r's body and headers
    if (!st) return st;
  }
  if (status == 0 || status >= 500) {
    Status st = robots_failed(h, status);
    if (!st) return st;
    if (h.robots != HostState::Robots::kReady) return Status::ok();
    return robots_ready(h, f.origin);
  }
  h.robots_failures = 0;
  h.policy = RobotsPolicy::from_status(status, text);
  return robots_ready(h, f.origin);
}

// ----------------------------------------------------------------- pages --

Status CrawlLoop::retry_or_fail(InFlight& f, FetchResult& r) {
  HostState& h = hosts_[f.authority];
  int64_t now = unix_now_ms();
  store::UrlRow& row = f.row;
  row.attempts += 1;
  int64_t next = now + backoff_ms(row.attempts, row.url);
  if (r.status == 429 || r.status == 503) {
    auto ra = parse_retry_after(header_value(r.response_headers, "Retry-After"),
                                now / 1000);
    if (ra) {
      // The whole host waits (RFC 9110 10.2.3).
      next = now + static_cast<int64_t>(*ra * 1000);
      h.hold_until_ms = std::max(h.hold_until_ms, next);
    }
  }
  if (row.attempts <= std::max(0, o_.retries)) {
    row.state = store::UrlState::kQueued;
    row.next_attempt_at = next;
    row.error = r.status ? "HTTP " + std::to_string(r.status) : r.error;
    progress_.event("retry", row.url, r.status, row.error);
    return db_.update_url(row);
  }
  ++stats_->errors;
  Status st = store_response(f, r);
  if (!st) return st;
  row.state = store::UrlState::kFailed;
  row.error = r.status ? "HTTP " + std::to_string(r.status) : r.error;
  progress_.event("failed", row.url, r.status, row.error);
  return db_.update_url(row);
}

Status CrawlLoop::on_page(InFlight& f, FetchResult& r) {
  if (r.status == 0 || r.status >= 500 || r.status == 429) {
    return retry_or_fail(f, r);
  }
  if (r.status >= 400 && f.row.kind != store::UrlKind::kSitemap) {
    ++stats_->errors;
  }
  if (r.status / 100 == 2 && f.row.depth == 0 && f.row.kind == store::UrlKind::kPage) {
    Status st = forget_seed_redirect(f.row.url);  // before its links are judged
    if (!st) return st;
  }
  Status st = store_response(f, r);
  if (!st) return st;
  if (r.status >= 300 && r.status < 400 && !r.redirect_url.empty()) {
    st = follow_redirect(f, r);
  }
  if (!st) return st;
  return flush_admitted();
}

Status CrawlLoop::store_response(InFlight& f, FetchResult& r) {
  store::FetchRow row;
  row.url_id = f.row.id;
  row.url = f.row.url;
  row.fetched_at = unix_now_ms();
  row.status = r.status;
  row.final_url = redact_userinfo(r.redirect_url.empty() ? r.url : r.redirect_url);
  row.http_version = r.http_version;
  row.request_headers = std::move(r.request_headers);
  row.response_headers = r.response_headers;
  std::string ctype = header_value(r.response_headers, "Content-Type");
  row.content_type = media_type(ctype);
  row.content_encoding = header_value(r.response_headers, "Content-Encoding");
  row.truncated = r.truncated;
  row.etag = header_value(r.response_headers, "ETag");
  row.last_modified = header_value(r.response_headers, "Last-Modified");
  row.not_modified = r.status == 304;
  row.error = r.error;
  row.body = std::move(r.body);
  row.body_z = std::move(r.body_z);  // compressed by the fetcher's workers
  // Without a Content-Encoding (the usual case) the payload is the body
  // itself: no copy.
  const bool identity = is_identity_coding(row.content_encoding);
  Result<std::string> decoded =
      identity ? Result<std::string>(std::string())
               : decode_content(row.body, row.content_encoding,
                                limits::kMaxBodyBytes);
  std::string_view payload =
      identity || !decoded ? std::string_view(row.body)
                           : std::string_view(*decoded);
  if (!row.not_modified) {
    row.content_hash = hash128(payload).hex();
    if (is_text_type(row.content_type) && r.status != 0) {
      row.charset = detect_charset(payload, ctype);
    }
  }
  if (r.truncated) {
    row.error = std::string(f.robots ? "robots.txt" : "body") + " cut at " +
                std::to_string(r.max_bytes) + " bytes (" +
                (f.robots ? "limit" : "--max-bytes") + ")";
  } else if (!decoded) {
    row.error = decoded.status().message();
  }
  bool page = !f.robots && r.status >= 200 && r.status < 300 && decoded;
  if (page && f.row.kind == store::UrlKind::kSitemap) {
    Status st = add_sitemap_urls(f.row, payload);
    if (!st) return st;
  } else if (page && (f.row.kind == store::UrlKind::kPage ||
                      f.row.kind == store::UrlKind::kRequisite)) {
    std::string canon;
    Status st = add_page_links(f.row, payload, f.row.url, row.content_type,
                               &canon);
    if (!st) return st;
    if (!canon.empty() && canon != f.row.canonical_link) {
      f.row.canonical_link = canon;
      f.row.state = store::UrlState::kDone;
      st = db_.update_url(f.row);
      if (!st) return st;
    }
  }
  if (!f.robots && r.status != 0) {
    ++stats_->fetched;
    traps_.record_page(host_of(f.row.url));
    progress_.event("fetch", f.row.url, r.status, "");
  }
  if (o_.refresh && !f.robots) count_refresh(f, row);
  auto id = db_.add_fetch(row);
  if (!id) return id.status();
  // An answer whose body was cut or cannot be decoded is stored, and its
  // URL says why (network errors: retry_or_fail records them).
  if (r.status != 0 && !row.error.empty()) return record_error(f, row.error);
  return Status::ok();
}

Status CrawlLoop::record_error(InFlight& f, const std::string& error) {
  f.row.error = error;
  f.row.state = store::UrlState::kDone;
  return db_.update_url(f.row);
}

namespace {

// Why a Location was not followed: its scheme is not http(s), or it is no URL.
std::string unfollowed_redirect(const std::string& location) {
  size_t colon = location.find(':');
  std::string scheme = colon == std::string::npos ? "" : location.substr(0, colon);
  bool ok = !scheme.empty() && scheme.size() <= 32;
  for (char c : scheme) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) ||
                                    c == '+' || c == '-' || c == '.');
  if (!ok) return "redirect to an unusable URL (not followed)";
  return "redirect to a " + to_lower_ascii(scheme) + ": URL (not followed)";
}

}  // namespace

Status CrawlLoop::follow_redirect(InFlight& f, const FetchResult& r) {
  auto target = canonicalize(r.redirect_url);
  if (!target || !is_crawlable(*target)) {
    return record_error(f, unfollowed_redirect(r.redirect_url));
  }
  // The URLs this chain went through: those before f.row, then f.row.
  std::vector<uint64_t> chain;
  if (auto it = redirect_chains_.find(f.row.url); it != redirect_chains_.end()) {
    chain = std::move(it->second);
    redirect_chains_.erase(it);
  }
  chain.push_back(hash64(f.row.url));
  if (std::find(chain.begin(), chain.end(), hash64(*target)) != chain.end()) {
    return record_error(f, "redirect-loop");  // back to a URL of this chain
  }
  if (static_cast<int>(chain.size()) > limits::kMaxRedirects) {
    skipped_urls_.push_back(new_url(*target, f.row.kind, f.row.depth,
                                    f.row.id, "too-many-redirects"));
    return Status::ok();
  }
  if (redirect_chains_.size() > 100000) redirect_chains_.clear();
  redirect_chains_[*target] = std::move(chain);
  if (f.row.depth == 0 && f.row.kind == store::UrlKind::kPage) {
    Status st = note_seed_redirect(f.row.url, *target);
    if (!st) return st;
  }
  // A redirect hop is the same page: same depth, the filters still apply.
  recent_.erase(hash64(*target));
  admit(*target, f.row.kind, f.row.depth, f.row.id,
        f.row.kind == store::UrlKind::kRequisite);
  return Status::ok();
}

Status CrawlLoop::add_page_links(const store::UrlRow& row,
                                 std::string_view body,
                                 std::string_view base_url,
                                 std::string_view type,
                                 std::string* canonical) {
  if (row.kind == store::UrlKind::kRequisite) {
    if (type != "text/css" || !o_.page_requisites) return Status::ok();
    auto chain = stylesheet_chain(row);
    if (!chain) return chain.status();
    if (*chain >= limits::kMaxStylesheetChain) return Status::ok();
    for (const Link& l : extract_css_links(body, base_url)) {
      admit(l.url, store::UrlKind::kRequisite, row.depth + 1, row.id, true);
    }
    return Status::ok();
  }
  if (!is_html_type(type)) return Status::ok();
  PageLinks pl = extract_links(body, base_url);
  *canonical = pl.canonical;
  for (const Link& l : pl.links) {
    bool req = l.kind == LinkKind::kRequisite;
    if (req && !o_.page_requisites) continue;
    admit(l.url, req ? store::UrlKind::kRequisite : store::UrlKind::kPage,
          row.depth + 1, row.id, req);
  }
  return Status::ok();
}

Status CrawlLoop::add_sitemap_urls(const store::UrlRow& row,
                                   std::string_view body) {
  auto sm = parse_sitemap(body, row.url);
  if (!sm) {
    progress_.event("sitemap-error", row.url, 0, sm.status().message());
    return Status::ok();
  }
  for (const std::string& u : sm->urls) {
    auto c = canonicalize(u);
    if (!c) continue;
    if (sm->is_index) {
      if (in_scope(*c)) {
        new_urls_.push_back(
            new_url(*c, store::UrlKind::kSitemap, row.depth, row.id));
      }
    } else {
      admit(*c, store::UrlKind::kPage, 1, row.id, false);
    }
  }
  return Status::ok();
}

Result<int> CrawlLoop::stylesheet_chain(const store::UrlRow& sheet) {
  int chain = 1;
  int64_t ref = sheet.referrer;
  while (ref != 0 && chain < limits::kMaxStylesheetChain) {
    auto up = db_.get_url(ref);
    if (!up) return up.status();
    if (up->kind != store::UrlKind::kRequisite) break;
    ++chain;
    ref = up->referrer;
  }
  return chain;
}

bool CrawlLoop::requisite_host_allowed(std::string_view url) const {
  if (o_.requisite_hosts.empty()) return false;
  const std::string authority = authority_of(url);
  const std::string host = host_of(url);
  for (const std::string& h : o_.requisite_hosts) {
    if (h == authority || h == host) return true;
    if (host.size() > h.size() && host.compare(host.size() - h.size(), h.size(), h) == 0 &&
        host[host.size() - h.size() - 1] == '.') {
      return true;  // a subdomain of an allowed host
    }
  }
  return false;
}

bool CrawlLoop::in_seed_scope(std::string_view url, Scope scope) const {
  for (const std::string& s : seeds_) {
    if (crawler::in_scope(url, s, scope)) return true;
  }
  return false;
}

bool CrawlLoop::in_scope(std::string_view url, Scope scope) const {
  if (in_seed_scope(url, scope)) return true;
  const Scope narrow = scope == Scope::kPrefix ? Scope::kPrefix : Scope::kHost;
  for (const auto& [seed, target] : redirected_) {
    if (crawler::in_scope(url, target, narrow)) return true;
  }
  return false;
}

// A seed that redirects elsewhere (example.org -> www.example.org, or a
// move) names the site the user meant, so the crawl does not end at the
// redirect: the target's host joins the scope -- that host only, whatever
// --scope says (a seed redirected to a.github.io does not take in the rest
// of github.io's sites), and only the last host of a redirect chain.
Status CrawlLoop::note_seed_redirect(const std::string& from, const std::string& target) {
  const bool off_scope = !in_seed_scope(target, o_.scope);
  for (size_t i = 0; i < redirected_.size(); ++i) {
    if (redirected_[i].second != from) continue;
    // A hop of a seed's chain: the new target replaces the old one.
    if (off_scope) {
      redirected_[i].second = target;
    } else {
      redirected_.erase(redirected_.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return save_redirected();
  }
  if (std::find(seeds_.begin(), seeds_.end(), from) == seeds_.end()) return Status::ok();
  bool changed = std::erase_if(redirected_, [&](const auto& e) { return e.first == from; }) > 0;
  if (off_scope) {
    redirected_.emplace_back(from, target);
    changed = true;
  }
  return changed ? save_redirected() : Status::ok();
}

Status CrawlLoop::forget_seed_redirect(const std::string& seed) {
  if (std::erase_if(redirected_, [&](const auto& e) { return e.first == seed; }) == 0) {
    return Status::ok();
  }
  return save_redirected();
}

Status CrawlLoop::save_redirected() {
  std::string lines;
  for (const auto& [seed, target] : redirected_) {
    if (!lines.empty()) lines += '\n';
    lines += seed;
    lines += ' ';
    lines += target;
  }
  return db_.set_meta("crawl.redirected_seeds", lines);
}

void CrawlLoop::admit(const std::string& url, store::UrlKind kind, int depth,
                      int64_t referrer, bool requisite) {
  // A URL in recent_ passed every check below and was admitted already:
  // asked first, it spares navigation links (repeated on every page) the
  // scope test and the filters, whose answer could not differ.
  uint64_t h = hash64(url);
  if (recent_.count(h)) return;
  if (o_.max_depth >= 0 && depth > o_.max_depth && !requisite) return;
  if (requisite && !is_crawlable(url)) return;  // http(s) only
  // A requisite needs an in-scope host, not path: under --scope prefix a
  // page in /docs/ may use /static/site.css.
  const Scope scope = requisite && o_.scope == Scope::kPrefix ? Scope::kHost : o_.scope;
  if (!in_scope(url, scope) && !(requisite && requisite_host_allowed(url))) return;
  // std::regex may throw on a hard match (error_complexity, error_stack):
  // the URL is then skipped with a warning rather than ending the crawl.
  try {
    for (const auto& re : exclude_) {
      if (std::regex_search(url, re)) return;
    }
    if (!include_.empty() && !requisite) {
      bool any = false;
      for (const auto& re : include_) any = any || std::regex_search(url, re);
      if (!any) return;
    }
  } catch (const std::regex_error& e) {
    log_warn(url + ": skipped: --include/--exclude match failed: " + e.what());
    return;
  }
  if (recent_.size() > 50000) recent_.clear();  // bounded memory
  recent_.insert(h);
  TrapKind trap = traps_.admit(url);
  if (trap != TrapKind::kNone) {
    skipped_urls_.push_back(
        new_url(url, kind, depth, referrer, trap_kind_name(trap)));
    return;
  }
  new_urls_.push_back(new_url(url, kind, depth, referrer));
}

Status CrawlLoop::flush_admitted() {
  if (!new_urls_.empty()) {
    auto n = db_.add_urls(new_urls_);
    if (!n) return n.status();
    new_urls_.clear();
  }
  if (!skipped_urls_.empty()) {
    auto n = db_.add_urls(skipped_urls_);
    if (!n) return n.status();
    stats_->skipped += *n;
    for (const auto& u : skipped_urls_) {
      progress_.event("skip", u.url, 0, u.error);
    }
    skipped_urls_.clear();
  }
  return Status::ok();
}

void CrawlLoop::count_refresh(const InFlight& f, const store::FetchRow& row) {
  if (f.row.kind != store::UrlKind::kPage) return;
  bool had_good = f.had_prior && f.prior_status / 100 == 2;
  if (row.not_modified) {
    ++stats_->unchanged;
  } else if (row.status / 100 == 2) {
    if (!had_good) {
      ++stats_->new_pages;
    } else if (row.content_hash == f.prior_hash) {
      ++stats_->unchanged;
    } else {
      ++stats_->changed;
    }
  } else if ((row.status == 404 || row.status == 410) && had_good) {
    ++stats_->gone;
  }
}

}  // namespace winnow::crawler::internal
