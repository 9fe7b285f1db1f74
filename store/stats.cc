// stats.cc: Store::stats, the counts `winnow stats` prints -- URLs by kind
// and state, fetches by status, documents, paragraphs and what dedup
// removed (counted as export would).
#include "store/store_impl.h"

namespace winnow::store {

namespace {

// The single integer a query returns.
Result<int64_t> count(Store::Impl& im, std::string_view sql) {
  Stmt s = im.prepare(sql);
  if (!s.ok() || s.step() != SQLITE_ROW) return im.error("stats");
  return s.i64(0);
}

}  // namespace

Result<StoreStats> Store::stats() {
  StoreStats st;
  st.schema_version = schema_version();
  {
    Stmt s = impl_->prepare("SELECT kind, state, count(*) FROM urls GROUP BY kind, state");
    if (!s.ok()) return impl_->error("stats");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      int kind = s.i32(0), state = s.i32(1);
      if (kind >= 0 && kind < 4 && state >= 0 && state < 5) st.urls[kind][state] = s.i64(2);
    }
    if (rc != SQLITE_DONE) return impl_->error("stats");
  }
  {
    Stmt s = impl_->prepare("SELECT status, count(*) FROM fetches GROUP BY status ORDER BY status");
    if (!s.ok()) return impl_->error("stats");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) st.fetches_by_status.emplace_back(s.i32(0), s.i64(1));
    if (rc != SQLITE_DONE) return impl_->error("stats");
  }
  const std::pair<int64_t*, const char*> counts[] = {
      {&st.documents, "SELECT count(*) FROM documents"},
      {&st.paragraphs, "SELECT count(*) FROM paragraphs"},
      {&st.decided_documents, "SELECT count(*) FROM document_decisions"},
      {&st.removed_documents, "SELECT count(*) FROM document_decisions WHERE keep = 0"},
      {&st.removed_paragraphs,
       "SELECT (SELECT count(*) FROM paragraphs p JOIN document_decisions d "
       "ON d.doc_id = p.doc_id WHERE d.keep = 0) + (SELECT count(*) FROM "
       "paragraph_decisions p JOIN document_decisions d ON d.doc_id = p.doc_id "
       "WHERE d.keep = 1 AND p.keep = 0)"},
  };
  for (const auto& [field, sql] : counts) {
    auto n = count(*impl_, sql);
    if (!n) return n.status();
    *field = *n;
  }
  auto stale = stale_decisions();
  if (!stale) return stale.status();
  st.stale_documents = *stale;
  return st;
}

}  // namespace winnow::store
