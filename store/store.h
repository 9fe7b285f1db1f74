// store: the SQLite archive file (WAL mode) -- frontier, fetched responses,
// extracted documents and the dedup index. The only code in winnow that
// speaks SQL; every other stage sees typed rows. Schema: docs/schema.md.
//
// Threading: a Store is one SQLite connection; use it from one thread at a
// time. Open several Stores on one file for several threads (WAL allows one
// writer and many readers).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"

namespace winnow::store {

// ---------------------------------------------------------------- frontier --
enum class UrlState : int {
  kQueued = 0,    // waiting; next_attempt_at says when it may go
  kFetching = 1,  // handed to the fetcher; reset to kQueued on resume
  kDone = 2,      // a fetch is stored (any HTTP status we keep)
  kFailed = 3,    // gave up after retries, or a permanent error
  kSkipped = 4,   // refused: robots, scope, a trap limit (see error)
};

enum class UrlKind : int {
  kPage = 0,       // in-scope page, links followed
  kRequisite = 1,  // page requisite (css, image, script, font): not parsed
  kSitemap = 2,    // sitemap or sitemap index
  kRobots = 3,     // a host's /robots.txt (fetched by the robots logic)
};

struct UrlRow {
  int64_t id = 0;
  std::string url;        // canonical form
  std::string host;
  UrlState state = UrlState::kQueued;
  UrlKind kind = UrlKind::kPage;
  int depth = 0;
  int64_t referrer = 0;   // urls.id of the page that linked here, 0 = seed
  int attempts = 0;
  int64_t next_attempt_at = 0;  // unix ms
  int64_t seq = 0;              // discovery order
  std::string error;            // why failed/skipped
  std::string canonical_link;   // rel=canonical the page declared
};

struct NewUrl {
  std::string url;
  std::string host;
  UrlKind kind = UrlKind::kPage;
  int depth = 0;
  int64_t referrer = 0;
  // Normally kQueued; kSkipped records a refused URL (trap, robots) with
  // `error` saying why, so it is never queued later.
  UrlState state = UrlState::kQueued;
  std::string error;
};

// ------------------------------------------------------------------ fetches --
struct FetchRow {
  int64_t id = 0;
  int64_t url_id = 0;
  int64_t fetched_at = 0;        // unix ms
  int status = 0;                // HTTP status; 0 = network error
  std::string url;               // requested URL (joined from urls)
  std::string final_url;         // after redirects
  std::string http_version;      // "HTTP/1.1", "HTTP/2"
  std::string request_headers;   // as sent, CRLF-separated, request line first
  std::string response_headers;  // as received, status line first
  std::string content_type;      // media type, lower-case, no parameters
  std::string charset;           // charset found (header/BOM/meta/detected)
  std::string content_encoding;  // Content-Encoding of `body` as stored
  std::string body;              // payload as received (not compressed
                                 // here: the store compresses on disk)
  std::string body_z;            // add_fetch only: zstd_compress(body, 1)
                                 // done by the caller, or "" (the store
                                 // compresses); never filled on reads
  bool truncated = false;        // cut at --max-bytes
  std::string content_hash;      // XXH3-128 hex of the decoded payload
  std::string etag;
  std::string last_modified;
  bool not_modified = false;     // a 304 answer to a conditional GET
  std::string error;             // network error text, if any
};

// ---------------------------------------------------------------- documents --
struct ParagraphRow {
  int index = 0;
  std::string kind;      // parser::block_kind_name
  int level = 0;
  std::string text;
  std::string markdown;
};

struct DocumentRow {
  int64_t id = 0;
  int64_t url_id = 0;
  int64_t fetch_id = 0;
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string date;
  std::string author;
  std::string site_name;
  std::string lang;
  std::string kind;      // "article" | "listing" | "other"
  std::string site;      // chrome::site_key
  // XXH3-128 hex of the paragraph texts in order (document_content_hash);
  // filled on reads, computed by put_document (any value given is ignored).
  std::string content_hash;
  std::vector<ParagraphRow> paragraphs;
};

// -------------------------------------------------------------- dedup index --
// One decision per paragraph of a document, and per document.
struct ParagraphDecisionRow {
  int64_t doc_id = 0;
  int index = 0;
  bool keep = true;
  std::string reason;    // "", "exact", "near", "in-page", "short-kept", "shared-kept"
  int64_t dup_doc = 0;   // kept document that owns the text
  int dup_index = -1;    // paragraph index there
};

struct DocumentDecisionRow {
  int64_t doc_id = 0;
  bool keep = true;
  std::string reason;    // "", "exact-doc", "near-doc", "empty"
  int64_t dup_of = 0;
  std::vector<std::string> aliases;  // other URLs collapsed into this one
  std::string fingerprint;  // dedup::document_fingerprint hex when decided
  std::string content_hash;  // DocumentRow::content_hash of the document
                             // the decision was made on ("" = unknown,
                             // as in stores migrated from version 1)
};

// Paragraph texts as the store fingerprints them: XXH3-128 hex over each
// text, length-prefixed, in order ("" paragraphs hash like any other).
std::string document_content_hash(const std::vector<ParagraphRow>& paragraphs);

// What `winnow stats` reports (Store::stats). Counts are rows in the store.
struct StoreStats {
  int schema_version = 0;
  // urls by kind (index UrlKind) and state (index UrlState).
  int64_t urls[4][5] = {};
  // fetches by HTTP status, ascending; status 0 = no response.
  std::vector<std::pair<int, int64_t>> fetches_by_status;
  int64_t documents = 0;
  int64_t paragraphs = 0;
  // Dedup decisions; meaningful when stale_documents == 0.
  int64_t decided_documents = 0;
  int64_t removed_documents = 0;
  int64_t removed_paragraphs = 0;  // of removed documents, and removed
                                   // paragraphs of kept ones (as export)
  int64_t stale_documents = 0;     // see Store::stale_decisions
};

// How Store::open treats a path with no store behind it.
enum class OpenMode {
  kCreate,    // create the file and schema (crawl, import, run)
  kExisting,  // the file must already be a winnow store (later stages)
};

class Store {
 public:
  // Opens (kCreate: or creates) the file, enables WAL, applies the schema
  // migrations (store/migrations.cc). A file that is not a winnow store (or
  // is corrupt) gives kStorage/kCorrupt naming it; with kExisting a missing
  // file gives kInvalidInput "<path>: no such store ..." and nothing is
  // created.
  static Result<std::unique_ptr<Store>> open(const std::string& path,
                                             OpenMode mode = OpenMode::kCreate);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // Transactions: batch writes. Nested begin() calls are counted.
  Status begin();
  Status commit();
  Status rollback();

  // Key/value settings (crawl options, schema notes).
  Status set_meta(std::string_view key, std::string_view value);
  std::optional<std::string> get_meta(std::string_view key);

  // ---- frontier (see crawler/) ----
  // Inserts URLs not seen before (by canonical URL); returns how many were
  // new. Existing rows are left as they are.
  Result<int> add_urls(const std::vector<NewUrl>& urls);
  Result<std::optional<UrlRow>> find_url(std::string_view url);
  Result<UrlRow> get_url(int64_t id);
  // Up to `limit` queued rows whose next_attempt_at <= now_ms, oldest seq
  // first, marked kFetching in the same transaction. With per_host > 0 no
  // host (urls.host) gets more than per_host rows counting the `held` rows
  // the caller already has for it (hosts at their cap are skipped), so one
  // busy host cannot fill the caller's buffer while other hosts are due.
  Result<std::vector<UrlRow>> claim_due(
      int64_t now_ms, int limit, int per_host = 0,
      const std::vector<std::pair<std::string, int>>& held = {});
  // Returns rows left kFetching by a killed process to kQueued.
  Result<int> requeue_in_flight();
  Status update_url(const UrlRow& row);  // state, attempts, next, error, canon
  Result<int64_t> count_urls(std::optional<UrlState> state = std::nullopt);
  Result<int64_t> count_host_urls(std::string_view host);
  // Per frontier host (urls.host, "host[:port]"), how many distinct URLs
  // other than robots.txt have a stored answer with a status (network
  // errors excluded): what a crawl counted against the pages-per-host trap
  // limit, so a resumed crawl carries on counting; only answers fetched at
  // or after since_ms (ms since the epoch) count. Sorted by host.
  Result<std::vector<std::pair<std::string, int64_t>>> pages_per_host(int64_t since_ms = 0);
  Result<int64_t> earliest_due();        // min next_attempt_at of queued, -1
  // Re-queues every done page for a new --refresh pass.
  Result<int> requeue_for_refresh();

  // ---- fetches ----
  Result<int64_t> add_fetch(const FetchRow& fetch);  // also marks url done
  // Latest fetch of a URL (what later stages use), if any.
  Result<std::optional<FetchRow>> latest_fetch(int64_t url_id,
                                               bool with_body = true);
  // Calls fn for the latest successful (2xx) fetch of each URL, in url id
  // order. Stop early by returning false.
  Status for_each_latest_fetch(
      const std::function<bool(const FetchRow&)>& fn, bool with_body = true);
  // Calls fn (no body) for each URL that redirects now: its latest fetch
  // among those that settle what the URL is (2xx, a 304 standing for one,
  // 404/410, or a 301/302/303/307/308 with a final_url) is such a redirect.
  // In url id order (the mirror links such URLs to the target's file).
  Status for_each_redirect(const std::function<bool(const FetchRow&)>& fn);
  // Every fetch, oldest first (WARC export).
  Status for_each_fetch(const std::function<bool(const FetchRow&)>& fn);
  Result<int64_t> count_fetches();

  // ---- documents ----
  // Replaces the document for url_id (re-extraction is idempotent).
  Result<int64_t> put_document(const DocumentRow& doc);
  Status delete_documents_except(const std::vector<int64_t>& keep_url_ids);
  Result<std::vector<DocumentRow>> all_documents(bool with_paragraphs = true);
  Result<int64_t> count_documents();

  // ---- dedup index ----
  Status clear_decisions();
  Status put_paragraph_decisions(const std::vector<ParagraphDecisionRow>& rows);
  Status put_document_decision(const DocumentDecisionRow& row);
  Result<std::vector<ParagraphDecisionRow>> paragraph_decisions(int64_t doc_id);
  Result<std::vector<DocumentDecisionRow>> document_decisions();
  // Documents whose decisions do not match the current extraction: a
  // document with no decision row or one made on other content (content
  // hash differs), plus decision rows whose document is gone. 0 = the
  // decisions describe exactly the documents stored (what export needs).
  Result<int64_t> stale_decisions();

  // ---- summary ----
  Result<StoreStats> stats();

  // PRAGMA integrity_check: "ok", or SQLite's problems, one per line.
  Result<std::string> integrity_check();

  // Escape hatch for area files in store/ only (not part of the stable API).
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  Store(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::store
