// documents.cc: extracted documents and their paragraphs (what chrome/
// produced for the latest fetch of each URL).
#include "store/store_impl.h"

namespace winnow::store {

const char* documents_schema() {
  return R"sql(
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
)sql";
}

std::string document_content_hash(const std::vector<ParagraphRow>& paragraphs) {
  std::string all;
  for (const ParagraphRow& p : paragraphs) {
    all += std::to_string(p.text.size());
    all += ':';
    all += p.text;
  }
  return hash128(all).hex();
}

Result<int64_t> Store::put_document(const DocumentRow& d) {
  Status st = begin();
  if (!st) return st;
  auto fail = [&](std::string_view what) -> Status {
    Status e = impl_->error(what);
    (void)rollback();
    return e;
  };
  int64_t id = 0;
  {
    Stmt s = impl_->prepare(
        "INSERT INTO documents(url_id, fetch_id, url, canonical_url, title, "
        "date, author, site_name, lang, kind, site, content_hash) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
        "ON CONFLICT(url_id) DO UPDATE SET fetch_id=excluded.fetch_id, "
        "url=excluded.url, canonical_url=excluded.canonical_url, "
        "title=excluded.title, date=excluded.date, author=excluded.author, "
        "site_name=excluded.site_name, lang=excluded.lang, "
        "kind=excluded.kind, site=excluded.site, "
        "content_hash=excluded.content_hash RETURNING id");
    if (!s.ok()) return fail("put_document");
    s.bind(1, d.url_id).bind(2, d.fetch_id).bind(3, d.url)
        .bind(4, d.canonical_url).bind(5, d.title).bind(6, d.date)
        .bind(7, d.author).bind(8, d.site_name).bind(9, d.lang)
        .bind(10, d.kind).bind(11, d.site)
        .bind(12, document_content_hash(d.paragraphs));
    if (s.step() != SQLITE_ROW) return fail("put_document");
    id = s.i64(0);
  }
  {
    Stmt del = impl_->prepare("DELETE FROM paragraphs WHERE doc_id = ?1");
    if (!del.ok()) return fail("put_document");
    del.bind(1, id);
    if (del.step() != SQLITE_DONE) return fail("put_document");
  }
  for (const ParagraphRow& p : d.paragraphs) {
    Stmt s = impl_->prepare(
        "INSERT INTO paragraphs(doc_id, idx, kind, level, text, markdown) "
        "VALUES(?1,?2,?3,?4,?5,?6)");
    if (!s.ok()) return fail("put_document paragraph");
    s.bind(1, id).bind(2, p.index).bind(3, p.kind).bind(4, p.level)
        .bind(5, p.text).bind(6, p.markdown);
    if (s.step() != SQLITE_DONE) return fail("put_document paragraph");
  }
  st = commit();
  if (!st) return st;
  return id;
}

Status Store::delete_documents_except(const std::vector<int64_t>& keep) {
  Status st = begin();
  if (!st) return st;
  st = impl_->exec("CREATE TEMP TABLE IF NOT EXISTS keep_urls(id INTEGER PRIMARY KEY); DELETE FROM keep_urls;");
  for (int64_t id : keep) {
    if (!st) break;
    Stmt s = impl_->prepare("INSERT OR IGNORE INTO keep_urls(id) VALUES(?1)");
    s.bind(1, id);
    st = impl_->check(s.step(), "delete_documents_except");
  }
  if (st) {
    st = impl_->exec(
        "DELETE FROM documents WHERE url_id NOT IN (SELECT id FROM keep_urls)");
  }
  if (!st) {
    (void)rollback();
    return st;
  }
  return commit();
}

namespace {

DocumentRow read_document(const Stmt& s) {
  DocumentRow d;
  d.id = s.i64(0);
  d.url_id = s.i64(1);
  d.fetch_id = s.i64(2);
  d.url = s.text(3);
  d.canonical_url = s.text(4);
  d.title = s.text(5);
  d.date = s.text(6);
  d.author = s.text(7);
  d.site_name = s.text(8);
  d.lang = s.text(9);
  d.kind = s.text(10);
  d.site = s.text(11);
  d.content_hash = s.text(12);
  return d;
}

}  // namespace

Result<std::vector<DocumentRow>> Store::all_documents(bool with_paragraphs) {
  std::vector<DocumentRow> docs;
  {
    Stmt s = impl_->prepare(
        "SELECT id, url_id, fetch_id, url, canonical_url, title, date, "
        "author, site_name, lang, kind, site, content_hash FROM documents "
        "ORDER BY id");
    if (!s.ok()) return impl_->error("all_documents");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) docs.push_back(read_document(s));
    if (rc != SQLITE_DONE) return impl_->error("all_documents");
  }
  if (!with_paragraphs || docs.empty()) return docs;
  Stmt s = impl_->prepare(
      "SELECT doc_id, idx, kind, level, text, markdown FROM paragraphs "
      "ORDER BY doc_id, idx");
  if (!s.ok()) return impl_->error("all_documents");
  size_t di = 0;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    int64_t doc_id = s.i64(0);
    while (di < docs.size() && docs[di].id < doc_id) ++di;
    if (di == docs.size()) break;
    if (docs[di].id != doc_id) continue;
    ParagraphRow p;
    p.index = s.i32(1);
    p.kind = s.text(2);
    p.level = s.i32(3);
    p.text = s.text(4);
    p.markdown = s.text(5);
    docs[di].paragraphs.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return impl_->error("all_documents");
  return docs;
}

Result<int64_t> Store::count_documents() {
  Stmt s = impl_->prepare("SELECT count(*) FROM documents");
  if (!s.ok() || s.step() != SQLITE_ROW) return impl_->error("count_documents");
  return s.i64(0);
}

}  // namespace winnow::store
