// frontier.cc: the crawl frontier (table urls) and fetched responses (table
// fetches) -- adding and claiming URLs, recording fetches with their bodies
// zstd-compressed on disk (stores written before zstd hold zlib; readers
// sniff the format), and reading the latest version of each page.
// Schema and meaning of every column: docs/schema.md ("urls", "fetches").
#include <unordered_map>

#include "store/store_impl.h"

namespace winnow::store {

const char* frontier_schema() {
  return R"sql(
CREATE TABLE IF NOT EXISTS urls(
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL UNIQUE,
  host            TEXT NOT NULL,
  state           INTEGER NOT NULL DEFAULT 0,
  kind            INTEGER NOT NULL DEFAULT 0,
  depth           INTEGER NOT NULL DEFAULT 0,
  referrer        INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  error           TEXT NOT NULL DEFAULT '',
  canonical_link  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS urls_queued ON urls(id) WHERE state = 0;
CREATE INDEX IF NOT EXISTS urls_fetching ON urls(id) WHERE state = 1;
CREATE INDEX IF NOT EXISTS urls_queued_due ON urls(next_attempt_at) WHERE state = 0;
CREATE INDEX IF NOT EXISTS urls_host ON urls(host);
CREATE TABLE IF NOT EXISTS fetches(
  id               INTEGER PRIMARY KEY,
  url_id           INTEGER NOT NULL REFERENCES urls(id),
  fetched_at       INTEGER NOT NULL,
  status           INTEGER NOT NULL,
  final_url        TEXT NOT NULL DEFAULT '',
  http_version     TEXT NOT NULL DEFAULT '',
  request_headers  TEXT NOT NULL DEFAULT '',
  response_headers TEXT NOT NULL DEFAULT '',
  content_type     TEXT NOT NULL DEFAULT '',
  charset          TEXT NOT NULL DEFAULT '',
  content_encoding TEXT NOT NULL DEFAULT '',
  body_z           BLOB,
  body_size        INTEGER NOT NULL DEFAULT 0,
  body_from        INTEGER NOT NULL DEFAULT 0,
  truncated        INTEGER NOT NULL DEFAULT 0,
  content_hash     TEXT NOT NULL DEFAULT '',
  etag             TEXT NOT NULL DEFAULT '',
  last_modified    TEXT NOT NULL DEFAULT '',
  not_modified     INTEGER NOT NULL DEFAULT 0,
  error            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS fetches_url ON fetches(url_id, id);
)sql";
}

namespace {

constexpr const char* kUrlCols =
    "id, url, host, state, kind, depth, referrer, attempts, next_attempt_at, "
    "error, canonical_link";

UrlRow read_url(const Stmt& s) {
  UrlRow r;
  r.id = s.i64(0);
  r.url = s.text(1);
  r.host = s.text(2);
  r.state = static_cast<UrlState>(s.i32(3));
  r.kind = static_cast<UrlKind>(s.i32(4));
  r.depth = s.i32(5);
  r.referrer = s.i64(6);
  r.attempts = s.i32(7);
  r.next_attempt_at = s.i64(8);
  r.seq = r.id;
  r.error = s.text(9);
  r.canonical_link = s.text(10);
  return r;
}

// Columns of fetches f joined with urls u, in read_fetch order.
constexpr const char* kFetchCols =
    "f.id, f.url_id, f.fetched_at, f.status, u.url, f.final_url, "
    "f.http_version, f.request_headers, f.response_headers, f.content_type, "
    "f.charset, f.content_encoding, f.truncated, f.content_hash, f.etag, "
    "f.last_modified, f.not_modified, f.error, f.body_from, f.body_size, "
    "f.body_z";

FetchRow read_fetch(const Stmt& s, int64_t* body_from, bool with_body,
                    Status* st, const std::string& path) {
  FetchRow f;
  f.id = s.i64(0);
  f.url_id = s.i64(1);
  f.fetched_at = s.i64(2);
  f.status = s.i32(3);
  f.url = s.text(4);
  f.final_url = s.text(5);
  f.http_version = s.text(6);
  f.request_headers = s.text(7);
  f.response_headers = s.text(8);
  f.content_type = s.text(9);
  f.charset = s.text(10);
  f.content_encoding = s.text(11);
  f.truncated = s.i32(12) != 0;
  f.content_hash = s.text(13);
  f.etag = s.text(14);
  f.last_modified = s.text(15);
  f.not_modified = s.i32(16) != 0;
  f.error = s.text(17);
  *body_from = s.i64(18);
  size_t size = static_cast<size_t>(s.i64(19));
  if (with_body && *body_from == 0 && !s.is_null(20)) {
    auto body = decompress_any(s.text(20), size + 64);
    if (body) {
      f.body = std::move(*body);
    } else {
      *st = Status::error(ErrorKind::kCorrupt,
                          path + ": fetches row " + std::to_string(f.id) +
                              ": stored body does not decompress");
    }
  }
  return f;
}

}  // namespace

Result<int> Store::add_urls(const std::vector<NewUrl>& urls) {
  Stmt s = impl_->prepare(
      "INSERT OR IGNORE INTO urls(url, host, kind, depth, referrer, state, "
      "error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s.ok()) return impl_->error("add_urls");
  int added = 0;
  for (const NewUrl& u : urls) {
    s.bind(1, u.url).bind(2, u.host).bind(3, static_cast<int>(u.kind));
    s.bind(4, u.depth).bind(5, u.referrer);
    s.bind(6, static_cast<int>(u.state)).bind(7, u.error);
    int rc = s.step();
    if (rc != SQLITE_DONE) return impl_->error("add_urls " + u.url);
    added += sqlite3_changes(impl_->db);
    sqlite3_reset(s.raw());
  }
  return added;
}

Result<std::optional<UrlRow>> Store::find_url(std::string_view url) {
  Stmt s = impl_->prepare(std::string("SELECT ") + kUrlCols +
                          " FROM urls WHERE url = ?1");
  if (!s.ok()) return impl_->error("find_url");
  s.bind(1, url);
  int rc = s.step();
  if (rc == SQLITE_ROW) return std::optional<UrlRow>(read_url(s));
  if (rc == SQLITE_DONE) return std::optional<UrlRow>();
  return impl_->error("find_url " + std::string(url));
}

Result<UrlRow> Store::get_url(int64_t id) {
  Stmt s = impl_->prepare(std::string("SELECT ") + kUrlCols +
                          " FROM urls WHERE id = ?1");
  if (!s.ok()) return impl_->error("get_url");
  s.bind(1, id);
  if (s.step() == SQLITE_ROW) return read_url(s);
  return storage_error(path_ + ": urls row " + std::to_string(id) +
                       " not found");
}

namespace {

// A JSON array of strings (for json_each).
std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& it : items) {
    if (out.size() > 1) out += ',';
    json_quote(out, it);
  }
  return out + "]";
}

}  // namespace

Result<std::vector<UrlRow>> Store::claim_due(
    int64_t now_ms, int limit, int per_host,
    const std::vector<std::pair<std::string, int>>& held) {
  std::vector<UrlRow> rows;
  std::unordered_map<std::string, int> taken;
  std::vector<std::string> full;
  for (const auto& [host, n] : held) {
    taken[host] += n;
    if (per_host > 0 && taken[host] >= per_host) full.push_back(host);
  }
  Status st = begin();
  if (!st) return st;
  {
    // Rows of full hosts are filtered inside SQLite (still visited in id
    // order: cost grows with their backlog ahead of other hosts' rows).
    Stmt s = impl_->prepare(
        std::string("SELECT ") + kUrlCols +
        " FROM urls WHERE state = 0 AND next_attempt_at <= ?1 AND host NOT "
        "IN (SELECT value FROM json_each(?2)) ORDER BY id");
    if (!s.ok()) {
      (void)rollback();
      return impl_->error("claim_due");
    }
    s.bind(1, now_ms).bind(2, json_string_array(full));
    // A host that fills up during this scan is skipped row by row; the scan
    // stops after a bounded number of such skips, or one claim would step
    // over a big single-host backlog every time (quadratic crawl). Other
    // hosts' rows behind it are reached once the full host is in `full`.
    const int max_skips = 4 * limit + 64;
    int skipped = 0;
    int rc = SQLITE_DONE;
    std::string host;
    while (static_cast<int>(rows.size()) < limit &&
           (rc = s.step()) == SQLITE_ROW) {
      if (per_host > 0) {
        host = s.text(2);
        if (++taken[host] > per_host) {
          if (++skipped > max_skips) break;
          continue;
        }
      }
      rows.push_back(read_url(s));
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
      (void)rollback();
      return impl_->error("claim_due");
    }
  }
  Stmt u = impl_->prepare("UPDATE urls SET state = 1 WHERE id = ?1");
  for (UrlRow& r : rows) {
    u.bind(1, r.id);
    if (u.step() != SQLITE_DONE) {
      (void)rollback();
      return impl_->error("claim_due");
    }
    sqlite3_reset(u.raw());
    r.state = UrlState::kFetching;
  }
  st = commit();
  if (!st) return st;
  return rows;
}

Result<int> Store::requeue_in_flight() {
  Status st = impl_->exec("UPDATE urls SET state = 0 WHERE state = 1");
  if (!st) return st;
  return sqlite3_changes(impl_->db);
}

Status Store::update_url(const UrlRow& row) {
  Stmt s = impl_->prepare(
      "UPDATE urls SET state = ?2, attempts = ?3, next_attempt_at = ?4, "
      "error = ?5, canonical_link = ?6 WHERE id = ?1");
  if (!s.ok()) return impl_->error("update_url");
  s.bind(1, row.id).bind(2, static_cast<int>(row.state)).bind(3, row.attempts);
  s.bind(4, row.next_attempt_at).bind(5, row.error).bind(6, row.canonical_link);
  return impl_->check(s.step(), "update_url " + row.url);
}

Result<int64_t> Store::count_urls(std::optional<UrlState> state) {
  Stmt s = impl_->prepare(state ? "SELECT count(*) FROM urls WHERE state = ?1"
                                : "SELECT count(*) FROM urls");
  if (!s.ok()) return impl_->error("count_urls");
  if (state) s.bind(1, static_cast<int>(*state));
  if (s.step() != SQLITE_ROW) return impl_->error("count_urls");
  return s.i64(0);
}

Result<int64_t> Store::count_host_urls(std::string_view host) {
  Stmt s = impl_->prepare("SELECT count(*) FROM urls WHERE host = ?1");
  if (!s.ok()) return impl_->error("count_host_urls");
  s.bind(1, host);
  if (s.step() != SQLITE_ROW) return impl_->error("count_host_urls");
  return s.i64(0);
}

Result<std::vector<std::pair<std::string, int64_t>>> Store::pages_per_host(int64_t since_ms) {
  Stmt s = impl_->prepare(
      "SELECT u.host, count(DISTINCT f.url_id) FROM fetches f "
      "JOIN urls u ON u.id = f.url_id WHERE u.kind != 3 AND f.status != 0 "
      "AND f.fetched_at >= ?1 GROUP BY u.host ORDER BY u.host");
  if (!s.ok()) return impl_->error("pages_per_host");
  s.bind(1, since_ms);
  std::vector<std::pair<std::string, int64_t>> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.emplace_back(s.text(0), s.i64(1));
  if (rc != SQLITE_DONE) return impl_->error("pages_per_host");
  return out;
}

Result<int64_t> Store::earliest_due() {
  Stmt s = impl_->prepare(
      "SELECT min(next_attempt_at) FROM urls WHERE state = 0");
  if (!s.ok()) return impl_->error("earliest_due");
  if (s.step() != SQLITE_ROW) return impl_->error("earliest_due");
  if (s.is_null(0)) return int64_t{-1};
  return s.i64(0);
}

Result<int> Store::requeue_for_refresh() {
  Status st = impl_->exec(
      "UPDATE urls SET state = 0, attempts = 0, next_attempt_at = 0, "
      "error = '' WHERE state IN (2, 3) AND kind != 3");
  if (!st) return st;
  return sqlite3_changes(impl_->db);
}

Result<int64_t> Store::add_fetch(const FetchRow& f) {
  Status st = begin();
  if (!st) return st;
  Stmt s = impl_->prepare(
      "INSERT INTO fetches(url_id, fetched_at, status, final_url, "
      "http_version, request_headers, response_headers, content_type, "
      "charset, content_encoding, body_z, body_size, body_from, truncated, "
      "content_hash, etag, last_modified, not_modified, error) VALUES(?1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
      "?17, ?18, ?19)");
  if (!s.ok()) {
    (void)rollback();
    return impl_->error("add_fetch");
  }
  int64_t body_from = 0;
  if (f.not_modified) {
    // A 304 keeps the body of the last fetch that had one.
    Stmt p = impl_->prepare(
        "SELECT CASE WHEN body_from = 0 THEN id ELSE body_from END "
        "FROM fetches WHERE url_id = ?1 AND (not_modified = 1 OR "
        "(status BETWEEN 200 AND 299)) ORDER BY id DESC LIMIT 1");
    if (p.ok()) {
      p.bind(1, f.url_id);
      if (p.step() == SQLITE_ROW) body_from = p.i64(0);
    }
  }
  s.bind(1, f.url_id).bind(2, f.fetched_at).bind(3, f.status);
  s.bind(4, f.final_url).bind(5, f.http_version).bind(6, f.request_headers);
  s.bind(7, f.response_headers).bind(8, f.content_type).bind(9, f.charset);
  s.bind(10, f.content_encoding);
  if (body_from == 0) {
    s.bind_blob(11, f.body_z.empty() ? zstd_compress(f.body, 1) : f.body_z);
  } else {
    s.bind_null(11);
  }
  s.bind(12, static_cast<int64_t>(f.body.size())).bind(13, body_from);
  s.bind(14, f.truncated ? 1 : 0).bind(15, f.content_hash).bind(16, f.etag);
  s.bind(17, f.last_modified).bind(18, f.not_modified ? 1 : 0);
  s.bind(19, f.error);
  if (s.step() != SQLITE_DONE) {
    (void)rollback();
    return impl_->error("add_fetch " + f.url);
  }
  int64_t id = sqlite3_last_insert_rowid(impl_->db);
  Stmt u = impl_->prepare("UPDATE urls SET state = 2 WHERE id = ?1");
  u.bind(1, f.url_id);
  if (u.step() != SQLITE_DONE) {
    (void)rollback();
    return impl_->error("add_fetch " + f.url);
  }
  st = commit();
  if (!st) return st;
  return id;
}

namespace {

// Fills fetch.body (and the payload description) from the fetch that holds
// the body of a 304 row.
Status load_body_from(Store::Impl& im, int64_t from, FetchRow& f) {
  Stmt s = im.prepare(
      "SELECT body_z, body_size, content_type, charset, content_encoding, "
      "content_hash, truncated FROM fetches WHERE id = ?1");
  if (!s.ok()) return im.error("load body");
  s.bind(1, from);
  if (s.step() != SQLITE_ROW) return Status::ok();
  auto body = decompress_any(s.text(0), static_cast<size_t>(s.i64(1)) + 64);
  if (!body) {
    return Status::error(ErrorKind::kCorrupt,
                         im.path + ": fetches row " + std::to_string(from) +
                             ": stored body does not decompress");
  }
  f.body = std::move(*body);
  if (f.content_type.empty()) f.content_type = s.text(2);
  if (f.charset.empty()) f.charset = s.text(3);
  f.content_encoding = s.text(4);
  if (f.content_hash.empty()) f.content_hash = s.text(5);
  f.truncated = s.i32(6) != 0;
  return Status::ok();
}

}  // namespace

Result<std::optional<FetchRow>> Store::latest_fetch(int64_t url_id,
                                                    bool with_body) {
  Stmt s = impl_->prepare(std::string("SELECT ") + kFetchCols +
                          " FROM fetches f JOIN urls u ON u.id = f.url_id "
                          "WHERE f.url_id = ?1 ORDER BY f.id DESC LIMIT 1");
  if (!s.ok()) return impl_->error("latest_fetch");
  s.bind(1, url_id);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<FetchRow>();
  if (rc != SQLITE_ROW) return impl_->error("latest_fetch");
  Status st;
  int64_t from = 0;
  FetchRow f = read_fetch(s, &from, with_body, &st, impl_->path);
  if (!st) return st;
  if (with_body && from != 0) {
    st = load_body_from(*impl_, from, f);
    if (!st) return st;
  }
  return std::optional<FetchRow>(std::move(f));
}

namespace {

// The row loop of for_each_latest_fetch and for_each_fetch: reads each row
// of s (kFetchCols), with its body when with_body, and calls fn. A 304
// row's body lives in the fetch it names (body_from): loaded when
// resolve_from, else the row is passed without a body (WARC export writes
// the 304 as it was answered).
Status for_each_row(Store::Impl& im, Stmt& s, bool with_body,
                    bool resolve_from,
                    const std::function<bool(const FetchRow&)>& fn,
                    std::string_view what) {
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    Status st;
    int64_t from = 0;
    FetchRow f = read_fetch(s, &from, with_body, &st, im.path);
    if (!st) return st;
    if (with_body && resolve_from && from != 0) {
      st = load_body_from(im, from, f);
      if (!st) return st;
    }
    if (!fn(f)) return Status::ok();
  }
  return im.check(rc, what);
}

}  // namespace

Status Store::for_each_latest_fetch(
    const std::function<bool(const FetchRow&)>& fn, bool with_body) {
  // Per URL the latest fetch that settles what the page is now (a 2xx, a
  // 304 standing for one, or 404/410 = gone); transient failures (network,
  // 5xx) do not hide the last good version. Gone pages are left out.
  Stmt s = impl_->prepare(
      std::string("SELECT ") + kFetchCols +
      " FROM fetches f JOIN urls u ON u.id = f.url_id WHERE f.id IN (SELECT "
      "max(id) FROM fetches WHERE (status BETWEEN 200 AND 299) OR "
      "(not_modified = 1 AND body_from != 0) OR status IN (404, 410) "
      "GROUP BY url_id) AND ((f.status BETWEEN 200 AND 299) OR "
      "f.not_modified = 1) ORDER BY f.url_id");
  if (!s.ok()) return impl_->error("for_each_latest_fetch");
  return for_each_row(*impl_, s, with_body, true, fn, "for_each_latest_fetch");
}

Status Store::for_each_redirect(const std::function<bool(const FetchRow&)>& fn) {
  Stmt s = impl_->prepare(
      std::string("SELECT ") + kFetchCols +
      " FROM fetches f JOIN urls u ON u.id = f.url_id WHERE f.id IN (SELECT "
      "max(id) FROM fetches WHERE (status BETWEEN 200 AND 299) OR "
      "(not_modified = 1 AND body_from != 0) OR status IN (404, 410) OR "
      "(status IN (301, 302, 303, 307, 308) AND final_url != '') GROUP BY "
      "url_id) AND f.status IN (301, 302, 303, 307, 308) ORDER BY f.url_id");
  if (!s.ok()) return impl_->error("for_each_redirect");
  return for_each_row(*impl_, s, false, false, fn, "for_each_redirect");
}

Status Store::for_each_fetch(const std::function<bool(const FetchRow&)>& fn) {
  Stmt s = impl_->prepare(std::string("SELECT ") + kFetchCols +
                          " FROM fetches f JOIN urls u ON u.id = f.url_id "
                          "ORDER BY f.id");
  if (!s.ok()) return impl_->error("for_each_fetch");
  return for_each_row(*impl_, s, true, false, fn, "for_each_fetch");
}

Result<int64_t> Store::count_fetches() {
  Stmt s = impl_->prepare("SELECT count(*) FROM fetches");
  if (!s.ok()) return impl_->error("count_fetches");
  if (s.step() != SQLITE_ROW) return impl_->error("count_fetches");
  return s.i64(0);
}

}  // namespace winnow::store
