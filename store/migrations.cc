// migrations.cc: numbered schema migrations. A store is created with the
// version-1 DDL (the area files' *_schema(), frozen as shipped) and then
// brought to schema_version() by applying migration N -> N+1 in order, so a
// new store and an upgraded one have the same schema by construction.
// Each open runs the missing steps in the caller's transaction (store.cc),
// so a store is at one version or the next, never in between.
//
// To change the schema: never edit the version-1 DDL or a shipped step;
// append a step here (and its DDL), and document it in docs/schema.md.
#include <string>

#include "store/store_impl.h"

namespace winnow::store {

namespace {

// Version 1 -> 2: documents carry the content hash of their paragraphs and
// document decisions the hash of the document they were made on, so export
// can refuse decisions that no longer match the extraction. Existing
// documents are hashed here; version-1 decisions get "" (unknown), which
// export treats as stale until dedup runs again.
Status v1_to_v2(Store::Impl& im) {
  Status s = im.exec(
      "ALTER TABLE documents ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';"
      "ALTER TABLE document_decisions ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';");
  if (!s) return s;
  // One pass over every document's paragraphs in order (documents with no
  // paragraphs come through the LEFT JOIN with a NULL index).
  std::vector<std::pair<int64_t, std::string>> hashes;
  {
    Stmt q = im.prepare(
        "SELECT d.id, p.idx, p.text FROM documents d "
        "LEFT JOIN paragraphs p ON p.doc_id = d.id ORDER BY d.id, p.idx");
    if (!q.ok()) return im.error("migration 1 to 2");
    int64_t current = -1;
    std::vector<ParagraphRow> paras;
    auto flush = [&] {
      if (current >= 0) hashes.emplace_back(current, document_content_hash(paras));
      paras.clear();
    };
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
      if (q.i64(0) != current) {
        flush();
        current = q.i64(0);
      }
      if (!q.is_null(1)) paras.push_back(ParagraphRow{q.i32(1), "", 0, q.text(2), ""});
    }
    if (rc != SQLITE_DONE) return im.error("migration 1 to 2");
    flush();
  }
  for (const auto& [id, hash] : hashes) {
    Stmt u = im.prepare("UPDATE documents SET content_hash = ?1 WHERE id = ?2");
    if (!u.ok()) return im.error("migration 1 to 2");
    u.bind(1, hash).bind(2, id);
    s = im.check(u.step(), "migration 1 to 2");
    if (!s) return s;
  }
  return Status::ok();
}

using Step = Status (*)(Store::Impl&);
// kSteps[i] takes a store from version i + 1 to i + 2.
constexpr Step kSteps[] = {v1_to_v2};

}  // namespace

int schema_version() { return 1 + static_cast<int>(std::size(kSteps)); }

Status migrate(Store::Impl& im, int from) {
  for (int v = from; v < schema_version(); ++v) {
    Status s = kSteps[v - 1](im);
    if (!s) return s;
  }
  return Status::ok();
}

}  // namespace winnow::store
