// dedup_index.cc: the dedup stage's persisted decisions -- per paragraph and
// per document, with provenance (which kept document and paragraph a removed
// one duplicates).
#include "store/store_impl.h"

namespace winnow::store {

const char* dedup_schema() {
  return R"sql(
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
)sql";
}

Status Store::clear_decisions() {
  return impl_->exec(
      "DELETE FROM paragraph_decisions; DELETE FROM document_decisions;");
}

Status Store::put_paragraph_decisions(
    const std::vector<ParagraphDecisionRow>& rows) {
  Status st = begin();
  if (!st) return st;
  for (const ParagraphDecisionRow& r : rows) {
    Stmt s = impl_->prepare(
        "INSERT OR REPLACE INTO paragraph_decisions(doc_id, idx, keep, reason, "
        "dup_doc, dup_idx) VALUES(?1,?2,?3,?4,?5,?6)");
    if (!s.ok()) {
      st = impl_->error("put_paragraph_decisions");
      break;
    }
    s.bind(1, r.doc_id).bind(2, r.index).bind(3, r.keep ? 1 : 0)
        .bind(4, r.reason).bind(5, r.dup_doc).bind(6, r.dup_index);
    st = impl_->check(s.step(), "put_paragraph_decisions");
    if (!st) break;
  }
  if (!st) {
    (void)rollback();
    return st;
  }
  return commit();
}

Status Store::put_document_decision(const DocumentDecisionRow& r) {
  Stmt s = impl_->prepare(
      "INSERT OR REPLACE INTO document_decisions(doc_id, keep, reason, dup_of, "
      "aliases, fingerprint, content_hash) VALUES(?1,?2,?3,?4,?5,?6,?7)");
  if (!s.ok()) return impl_->error("put_document_decision");
  // Aliases are stored one per line (URLs cannot contain a raw newline).
  s.bind(1, r.doc_id).bind(2, r.keep ? 1 : 0).bind(3, r.reason)
      .bind(4, r.dup_of).bind(5, join(r.aliases, "\n")).bind(6, r.fingerprint)
      .bind(7, r.content_hash);
  return impl_->check(s.step(), "put_document_decision");
}

Result<std::vector<ParagraphDecisionRow>> Store::paragraph_decisions(
    int64_t doc_id) {
  Stmt s = impl_->prepare(
      "SELECT doc_id, idx, keep, reason, dup_doc, dup_idx FROM "
      "paragraph_decisions WHERE doc_id = ?1 ORDER BY idx");
  if (!s.ok()) return impl_->error("paragraph_decisions");
  s.bind(1, doc_id);
  std::vector<ParagraphDecisionRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    ParagraphDecisionRow r;
    r.doc_id = s.i64(0);
    r.index = s.i32(1);
    r.keep = s.i32(2) != 0;
    r.reason = s.text(3);
    r.dup_doc = s.i64(4);
    r.dup_index = s.i32(5);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return impl_->error("paragraph_decisions");
  return out;
}

Result<std::vector<DocumentDecisionRow>> Store::document_decisions() {
  Stmt s = impl_->prepare(
      "SELECT doc_id, keep, reason, dup_of, aliases, fingerprint, "
      "content_hash FROM document_decisions ORDER BY doc_id");
  if (!s.ok()) return impl_->error("document_decisions");
  std::vector<DocumentDecisionRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    DocumentDecisionRow r;
    r.doc_id = s.i64(0);
    r.keep = s.i32(1) != 0;
    r.reason = s.text(2);
    r.dup_of = s.i64(3);
    std::string aliases = s.text(4);
    if (!aliases.empty()) {
      for (std::string_view a : split(aliases, '\n')) r.aliases.emplace_back(a);
    }
    r.fingerprint = s.text(5);
    r.content_hash = s.text(6);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return impl_->error("document_decisions");
  return out;
}

Result<int64_t> Store::stale_decisions() {
  Stmt s = impl_->prepare(
      "SELECT (SELECT count(*) FROM documents d LEFT JOIN document_decisions x "
      "ON x.doc_id = d.id WHERE x.doc_id IS NULL OR x.content_hash = '' OR "
      "x.content_hash != d.content_hash) + (SELECT count(*) FROM "
      "document_decisions x WHERE NOT EXISTS (SELECT 1 FROM documents d "
      "WHERE d.id = x.doc_id))");
  if (!s.ok() || s.step() != SQLITE_ROW) return impl_->error("stale_decisions");
  return s.i64(0);
}

}  // namespace winnow::store
