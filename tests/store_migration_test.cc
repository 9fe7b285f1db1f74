// store_migration_test.cc: stores written by an earlier winnow reach the
// current schema through numbered migrations (store/migrations.cc,
// docs/schema.md "Versions and migrations"). The version-1 store here is
// made by the test itself with the version-1 DDL, frozen below as it was
// shipped, so a change to the code's schema cannot hide a broken upgrade.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/base.h"
#include "store/store.h"
#include "support/util.h"

using namespace winnow;
using winnow::test::run_winnow;
using winnow::test::slurp;
using winnow::test::spit;

namespace {

// Schema version 1, byte for byte as winnow created it (user_version 1).
const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
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
CREATE TABLE documents(
  id            INTEGER PRIMARY KEY,
  url_id        INTEGER NOT NULL UNIQUE,
  fetch_id      INTEGER NOT NULL,
  url           TEXT NOT NULL,
  canonical_url TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  date          TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  site_name     TEXT NOT NULL DEFAULT '',
  lang          TEXT NOT NULL DEFAULT '',
  kind          TEXT NOT NULL DEFAULT 'other',
  site          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE paragraphs(
  doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx       INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  level     INTEGER NOT NULL DEFAULT 0,
  text      TEXT NOT NULL,
  markdown  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE paragraph_decisions(
  doc_id     INTEGER NOT NULL,
  idx        INTEGER NOT NULL,
  keep       INTEGER NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  dup_doc    INTEGER NOT NULL DEFAULT 0,
  dup_idx    INTEGER NOT NULL DEFAULT -1,
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE document_decisions(
  doc_id     INTEGER PRIMARY KEY,
  keep       INTEGER NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  dup_of     INTEGER NOT NULL DEFAULT 0,
  aliases    TEXT NOT NULL DEFAULT '',
  fingerprint TEXT NOT NULL DEFAULT ''
);
PRAGMA user_version = 1;
)sql";

const std::string kP1 = "The river council met in the old school on Monday evening.";
const std::string kP2 = "Families from three villages asked for a new bridge before winter.";
const std::string kQ1 = "A listing-only post about the market and the harvest festival.";

// A raw connection for setting up and inspecting files behind winnow.
struct Raw {
  sqlite3* db = nullptr;
  explicit Raw(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~Raw() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  // Every row of a query, columns joined by '|', rows by '\n'.
  std::string rows(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        if (c) out += '|';
        const unsigned char* t = sqlite3_column_text(s, c);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
      }
      out += '\n';
    }
    sqlite3_finalize(s);
    return out;
  }
};

// The store content hash of paragraph texts, as docs/schema.md defines it.
std::string content_hash(const std::vector<std::string>& texts) {
  std::string s;
  for (const auto& t : texts) s += std::to_string(t.size()) + ":" + t;
  return hash128(s).hex();
}

// A version-1 store as winnow 1 left it after crawl, extract and dedup: a
// page, an article and a listing (whose copy of kP1 was removed), and a
// document with no paragraphs.
void make_v1_store(const std::string& path) {
  Raw r(path);
  r.exec(kSchemaV1);
  r.exec(
      "INSERT INTO meta VALUES('seeds', 'https://ex.org/');"
      "INSERT INTO urls(id, url, host, state) VALUES(1, 'https://ex.org/en/posts/1', 'ex.org', 2),"
      " (2, 'https://ex.org/en/', 'ex.org', 2), (3, 'https://ex.org/empty', 'ex.org', 2);"
      "INSERT INTO fetches(id, url_id, fetched_at, status, final_url, content_type)"
      " VALUES(1, 1, 1700000000000, 200, 'https://ex.org/en/posts/1', 'text/html');"
      "INSERT INTO documents(id, url_id, fetch_id, url, kind) VALUES"
      " (1, 1, 1, 'https://ex.org/en/posts/1', 'article'), (2, 2, 2, 'https://ex.org/en/', 'listing'),"
      " (3, 3, 3, 'https://ex.org/empty', 'other');"
      "INSERT INTO paragraphs(doc_id, idx, kind, text) VALUES"
      " (1, 0, 'paragraph', '" + kP1 + "'), (1, 1, 'paragraph', '" + kP2 + "'),"
      " (2, 0, 'paragraph', '" + kP1 + "'), (2, 1, 'paragraph', '" + kQ1 + "');"
      "INSERT INTO document_decisions(doc_id, keep, reason, dup_of) VALUES"
      " (1, 1, '', 0), (2, 1, '', 0), (3, 0, 'empty', 0);"
      "INSERT INTO paragraph_decisions VALUES(2, 0, 0, 'exact', 1, 0);");
}

std::string schema_of(const std::string& path) {
  Raw r(path);
  return r.rows("SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
}

}  // namespace

TEST_CASE("a version-1 store is migrated to the current schema on open", "[policy]") {
  const std::string dir = test::make_temp_dir("store-migrate");
  const std::string path = dir + "/v1.db";
  make_v1_store(path);
  {
    auto db = store::Store::open(path);
    REQUIRE(db);
  }
  Raw r(path);
  CHECK(r.rows("PRAGMA user_version") == "2\n");
  // Everything version 1 held is still there, and documents now carry the
  // content hash of their paragraphs (computed by the migration).
  CHECK(r.rows("SELECT key, value FROM meta") == "seeds|https://ex.org/\n");
  CHECK(r.rows("SELECT id, url, state FROM urls ORDER BY id") ==
        "1|https://ex.org/en/posts/1|2\n2|https://ex.org/en/|2\n3|https://ex.org/empty|2\n");
  CHECK(r.rows("SELECT count(*) FROM fetches") == "1\n");
  CHECK(r.rows("SELECT id, content_hash FROM documents ORDER BY id") ==
        "1|" + content_hash({kP1, kP2}) + "\n2|" + content_hash({kP1, kQ1}) + "\n3|" +
            content_hash({}) + "\n");
  CHECK(r.rows("SELECT doc_id, keep, reason, content_hash FROM document_decisions ORDER BY doc_id") ==
        "1|1||\n2|1||\n3|0|empty|\n");
  CHECK(r.rows("SELECT * FROM paragraph_decisions") == "2|0|0|exact|1|0\n");
  // A migrated store has exactly the schema of a store created today.
  const std::string fresh = dir + "/fresh.db";
  REQUIRE(store::Store::open(fresh));
  CHECK(schema_of(path) == schema_of(fresh));
}

TEST_CASE("decisions from a version-1 store are re-made before export", "[policy]") {
  const std::string dir = test::make_temp_dir("store-migrate-export");
  const std::string path = dir + "/v1.db";
  make_v1_store(path);
  const std::string dataset = dir + "/dataset.jsonl";
  spit(dataset, "last year's export\n");
  // Version-1 decisions carry no content hash: export cannot tell what
  // they were made on, so it asks for dedup and keeps the old dataset.
  auto r = run_winnow({"export", "--db", path, "--out", dataset});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "winnow: error: " + path +
                     ": the dedup decisions do not match the extracted documents (3 documents "
                     "changed since dedup ran); run winnow dedup --db " + path + " first\n");
  CHECK(slurp(dataset) == "last year's export\n");
  auto d = run_winnow({"dedup", "--db", path});
  CHECK(d.exit_code == 0);
  CHECK(d.out == "documents: 3 (1 removed)\nparagraphs: 4 (1 removed)\n");
  auto e = run_winnow({"export", "--db", path, "--out", dataset});
  CHECK(e.exit_code == 0);
  auto lines = test::read_lines(dataset);
  REQUIRE(lines.size() == 2);
  CHECK(slurp(dataset).find(kQ1) != std::string::npos);
}

TEST_CASE("migration happens once and a newer store is refused untouched", "[policy]") {
  const std::string dir = test::make_temp_dir("store-migrate-versions");
  const std::string path = dir + "/v1.db";
  make_v1_store(path);
  REQUIRE(store::Store::open(path));
  const std::string once = schema_of(path);
  REQUIRE(store::Store::open(path));
  CHECK(schema_of(path) == once);

  const std::string newer = dir + "/v9.db";
  {
    Raw r(newer);
    r.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); PRAGMA user_version = 9;");
  }
  const std::string newer_schema = schema_of(newer);
  auto s = store::Store::open(newer);
  REQUIRE(!s);
  CHECK(s.status().message() ==
        newer + ": store schema version 9 is newer than this winnow supports (2)");
  CHECK(schema_of(newer) == newer_schema);
  Raw r(newer);
  CHECK(r.rows("PRAGMA user_version") == "9\n");
}
