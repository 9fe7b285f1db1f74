// cmd_dedup.cc: `winnow dedup --db FILE` -- the dedup stage over a store
// (dedup_store_with, declared in cli/dedup_store.h, also used by `run`).
#include <map>
#include <set>

#include "cli/cli.h"
#include "cli/dedup_store.h"

namespace winnow::cli {

namespace {

dedup::DocInput to_input(const store::DocumentRow& row) {
  dedup::DocInput in;
  in.id = row.id;
  in.url = row.url;
  in.canonical_url = row.canonical_url;
  in.kind = dedup::classify(parser::page_kind_from_name(row.kind), row.url);
  in.date = row.date;
  in.title = row.title;
  for (const auto& p : row.paragraphs) in.paragraphs.push_back(p.text);
  return in;
}

// The stored decision of a settled document (absent paragraph rows = kept).
Result<dedup::DocDecision> load_decision(store::Store& db,
                                         const store::DocumentDecisionRow& r,
                                         size_t paragraphs) {
  dedup::DocDecision d;
  d.id = r.doc_id;
  d.keep = r.keep;
  d.reason = r.reason;
  d.dup_of = r.dup_of;
  d.aliases = r.aliases;
  d.paragraphs.resize(paragraphs);
  auto rows = db.paragraph_decisions(r.doc_id);
  if (!rows) return rows.status();
  for (const auto& p : *rows) {
    if (p.index < 0 || static_cast<size_t>(p.index) >= paragraphs) continue;
    d.paragraphs[static_cast<size_t>(p.index)] =
        dedup::ParagraphDecision{p.keep, p.reason, p.dup_doc, p.dup_index};
  }
  return d;
}

// Writes the decisions in one transaction; with clear, every earlier
// decision is deleted in that same transaction (a failure leaves the old
// decisions as they were). fps and hashes are per input document.
Status write_decisions(store::Store& db, const std::vector<dedup::DocInput>& in,
                       const dedup::Result& res, const std::vector<std::string>& fps,
                       const std::vector<std::string>& hashes, bool clear) {
  Status st = db.begin();
  if (!st) return st;
  if (clear) st = db.clear_decisions();
  for (size_t i = 0; i < in.size() && st; ++i) {
    const dedup::DocDecision& d = res.docs[i];
    if (in[i].settled && in[i].settled->aliases == d.aliases) continue;
    st = db.put_document_decision(
        {d.id, d.keep, d.reason, d.dup_of, d.aliases, fps[i], hashes[i]});
    if (!st || in[i].settled) continue;
    std::vector<store::ParagraphDecisionRow> rows;
    for (size_t k = 0; k < d.paragraphs.size(); ++k) {
      const dedup::ParagraphDecision& p = d.paragraphs[k];
      if (p.keep && p.reason.empty()) continue;
      rows.push_back({d.id, static_cast<int>(k), p.keep, p.reason, p.dup_doc,
                      p.dup_index});
    }
    st = db.put_paragraph_decisions(rows);
  }
  if (!st) {
    (void)db.rollback();
    return st;
  }
  return db.commit();
}

}  // namespace

Status dedup_store_with(store::Store& db, const dedup::Options& options,
                        bool full, DedupStats* stats) {
  auto docs = db.all_documents(true);
  if (!docs) return docs.status();
  auto prior = db.document_decisions();
  if (!prior) return prior.status();
  std::map<int64_t, const store::DocumentDecisionRow*> decided;
  for (const auto& r : *prior) decided[r.doc_id] = &r;

  std::vector<dedup::DocInput> in;
  std::vector<std::string> fps;     // per input document
  std::vector<std::string> hashes;  // per input document
  std::set<int64_t> present;
  for (const auto& row : *docs) {
    in.push_back(to_input(row));
    present.insert(row.id);
    std::string fp = dedup::document_fingerprint(in.back().paragraphs,
                                                 options.normalize).hex();
    auto it = decided.find(row.id);
    if (it != decided.end() && (it->second->fingerprint != fp ||
                                it->second->content_hash != row.content_hash)) {
      full = true;  // a decided document changed: its provenance is stale
    }
    fps.push_back(std::move(fp));
    hashes.push_back(row.content_hash);
  }
  for (const auto& [id, r] : decided) full = full || !present.count(id);
  if (!full) {
    for (size_t i = 0; i < in.size(); ++i) {
      auto it = decided.find(in[i].id);
      if (it == decided.end()) continue;
      auto d = load_decision(db, *it->second, in[i].paragraphs.size());
      if (!d) return d.status();
      in[i].settled = std::move(*d);
    }
  }
  dedup::Result res = dedup::run_dedup(in, options);
  Status st = write_decisions(db, in, res, fps, hashes, /*clear=*/full);
  if (!st) return st;
  if (stats) {
    stats->documents = res.stats.documents;
    stats->removed_documents = res.stats.removed_documents;
    stats->paragraphs = res.stats.paragraphs;
    stats->removed_paragraphs = res.stats.removed_paragraphs;
  }
  return Status::ok();
}

void add_dedup_command(CLI::App& app, Action& action) {
  struct Args {
    std::string db;
    bool full = false;
    dedup::Options options;
  };
  auto a = std::make_shared<Args>();
  a->options.keep_shared_in_articles = true;
  CLI::App* sub = app.add_subcommand(
      "dedup", "Decide duplicate paragraphs and documents in a store "
               "(incremental; re-running changes nothing)");
  sub->add_option("--db", a->db, "The archive store (archive.db)")->required();
  sub->add_flag("--full", a->full, "Recompute every decision from scratch");
  sub->add_flag_callback(
      "--across-articles", [a] { a->options.keep_shared_in_articles = false; },
      "Keep a paragraph once even when several articles hold it (default: each article keeps "
      "its whole text; copies on listings and stale copies go either way)");
  sub->add_option("--min-words", a->options.min_words,
                  "Shorter paragraphs are never deduplicated (default 5)")
      ->check(CLI::Range(1, 100));
  sub->add_flag("--fold-digits", a->options.normalize.fold_digits,
                "Treat all digits as equal when hashing");
  sub->add_option("--near-doc-threshold", a->options.near_doc_threshold,
                  "Jaccard on word 3-shingles for near-duplicate documents "
                  "(default 0.40, 0 = off)")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--near-para-threshold", a->options.near_para_threshold,
                  "Jaccard on word 2-shingles for near-duplicate paragraphs of "
                  "20+ words (default 0.45, 0 = off)")
      ->check(CLI::Range(0.0, 1.0));
  sub->callback([a, &action] {
    action = [a] {
      auto db = store::Store::open(a->db, store::OpenMode::kExisting);
      if (!db) return fail(db.status());
      DedupStats s;
      Status st = dedup_store_with(**db, a->options, a->full, &s);
      if (!st) return fail(st);
      std::printf("documents: %lld (%lld removed)\nparagraphs: %lld (%lld removed)\n",
                  static_cast<long long>(s.documents),
                  static_cast<long long>(s.removed_documents),
                  static_cast<long long>(s.paragraphs),
                  static_cast<long long>(s.removed_paragraphs));
      return kExitOk;
    };
  });
}

}  // namespace winnow::cli
