// dedup_store_test.cc: `winnow dedup --db FILE` over a real SQLite store
// (docs/internals/dedup.md "Incremental runs"): decision rows with
// provenance, a re-run changes nothing, a later run with new documents
// decides only them (old text stays owned where it was), and a changed
// document triggers a full recomputation.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/store.h"
#include "support/util.h"

namespace {

using winnow::store::DocumentRow;
using winnow::store::ParagraphRow;
using winnow::store::Store;

DocumentRow row(int64_t url_id, std::string url, std::string kind,
                std::vector<std::string> paras) {
  DocumentRow d;
  d.url_id = url_id;
  d.fetch_id = url_id;
  d.url = std::move(url);
  d.kind = std::move(kind);
  for (size_t i = 0; i < paras.size(); ++i) {
    d.paragraphs.push_back(ParagraphRow{static_cast<int>(i), "paragraph", 0,
                                        paras[i], paras[i]});
  }
  return d;
}

const std::string kP1 = "The river council met in the old school on Monday evening.";
const std::string kP2 = "Families from three villages asked for a new bridge before winter.";
const std::string kQ1 = "A listing-only post about the market and the harvest festival.";
const std::string kN1 = "New today: the clinic opens a second room for children and parents.";

// Every decision in the store as text, for before/after comparisons.
std::string snapshot(Store& db) {
  std::string s;
  auto docs = db.document_decisions();
  REQUIRE(docs.is_ok());
  for (const auto& d : *docs) {
    s += std::to_string(d.doc_id) + " " + std::to_string(d.keep) + " " + d.reason +
         " " + std::to_string(d.dup_of) + " [" + winnow::join(d.aliases, ",") + "]\n";
    auto ps = db.paragraph_decisions(d.doc_id);
    REQUIRE(ps.is_ok());
    for (const auto& p : *ps) {
      s += "  " + std::to_string(p.index) + " " + std::to_string(p.keep) + " " +
           p.reason + " " + std::to_string(p.dup_doc) + ":" +
           std::to_string(p.dup_index) + "\n";
    }
  }
  return s;
}

}  // namespace

TEST_CASE("winnow dedup is incremental and idempotent on a real store",
          "[policy]") {
  const std::string dir = winnow::test::make_temp_dir("dedup-store");
  const std::string path = dir + "/archive.db";
  int64_t art = 0, home = 0, art2 = 0, issue = 0;
  {
    auto db = Store::open(path);
    REQUIRE(db.is_ok());
    art = *(*db)->put_document(row(1, "https://ex.org/en/posts/1", "article", {kP1, kP2}));
    home = *(*db)->put_document(row(2, "https://ex.org/en/", "listing", {kP1, kQ1}));
  }
  auto r1 = winnow::test::run_winnow({"dedup", "--db", path});
  REQUIRE(r1.exit_code == 0);
  CHECK(r1.out == "documents: 2 (0 removed)\nparagraphs: 4 (1 removed)\n");
  std::string first;
  {
    auto db = Store::open(path);
    REQUIRE(db.is_ok());
    first = snapshot(**db);
    CHECK(first == std::to_string(art) + " 1  0 []\n" + std::to_string(home) +
                       " 1  0 []\n  0 0 exact " + std::to_string(art) + ":0\n");
  }
  // Re-running changes nothing.
  auto r2 = winnow::test::run_winnow({"dedup", "--db", path});
  REQUIRE(r2.exit_code == 0);
  CHECK(r2.out == r1.out);
  {
    auto db = Store::open(path);
    CHECK(snapshot(**db) == first);
    // A later crawl adds an article that also carries the listing-only
    // post q1, and a newsletter issue.
    art2 = *(*db)->put_document(row(3, "https://ex.org/en/posts/2", "article", {kQ1, kN1}));
    issue = *(*db)->put_document(row(4, "https://ex.org/en/newsletter/2024-05", "other",
                                   {kP2, kN1, "About us"}));
  }
  auto r3 = winnow::test::run_winnow({"dedup", "--db", path});
  REQUIRE(r3.exit_code == 0);
  CHECK(r3.out == "documents: 4 (1 removed)\nparagraphs: 9 (5 removed)\n");
  {
    auto db = Store::open(path);
    const std::string after = snapshot(**db);
    // Old decisions stay (q1 was already emitted with the listing), the new
    // article's copy of q1 is removed, only n1 is new; the newsletter issue
    // has nothing new and is dropped.
    CHECK(after.substr(0, first.size()) == first);
    CHECK(after.substr(first.size()) ==
          std::to_string(art2) + " 1  0 []\n  0 0 exact " + std::to_string(home) +
              ":1\n" + std::to_string(issue) + " 0 empty " + std::to_string(art) + " []\n  0 0 exact " +
              std::to_string(art) + ":1\n  1 0 exact " + std::to_string(art2) +
              ":1\n");
  }
  // Again: nothing changes.
  auto r4 = winnow::test::run_winnow({"dedup", "--db", path});
  CHECK(r4.out == r3.out);
  // --full recomputes in owner order: now the article owns q1.
  auto r5 = winnow::test::run_winnow({"dedup", "--db", path, "--full"});
  REQUIRE(r5.exit_code == 0);
  {
    auto db = Store::open(path);
    auto ps = (*db)->paragraph_decisions(home);
    REQUIRE(ps.is_ok());
    REQUIRE(ps->size() == 2);
    CHECK((*ps)[1].reason == "exact");
    CHECK((*ps)[1].dup_doc == art2);
  }
}
