// store_safety_test.cc: the stages that read a store never lose what is
// already there (issue 12 point 3): a missing store is an error, not a new
// empty store; export never replaces a dataset unless the whole export
// succeeded and the dedup decisions describe the current extraction; dedup
// --full replaces decisions in one transaction; `winnow stats` summarises a
// store. Real SQLite files and the real winnow binary throughout.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/base.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/util.h"

using namespace winnow;
using winnow::test::run_winnow;
using winnow::test::slurp;
using winnow::test::spit;

namespace {

store::DocumentRow doc_row(int64_t url_id, std::string url, std::string kind,
                           const std::vector<std::string>& paras) {
  store::DocumentRow d;
  d.url_id = url_id;
  d.fetch_id = url_id;
  d.url = std::move(url);
  d.kind = std::move(kind);
  for (size_t i = 0; i < paras.size(); ++i) {
    d.paragraphs.push_back(store::ParagraphRow{static_cast<int>(i), "paragraph", 0,
                                               paras[i], paras[i]});
  }
  return d;
}

const std::string kP1 = "The river council met in the old school on Monday evening.";
const std::string kP2 = "Families from three villages asked for a new bridge before winter.";
const std::string kQ1 = "A listing-only post about the market and the harvest festival.";
const std::string kNew = "A correction notice now opens the article, above everything else.";

// An article and a listing sharing kP1 (the listing's copy is removed).
// Returns {article id, listing id}.
std::pair<int64_t, int64_t> two_documents(const std::string& path) {
  auto db = store::Store::open(path);
  REQUIRE(db);
  auto art = (*db)->put_document(doc_row(1, "https://ex.org/en/posts/1", "article", {kP1, kP2}));
  auto home = (*db)->put_document(doc_row(2, "https://ex.org/en/", "listing", {kP1, kQ1}));
  REQUIRE(art);
  REQUIRE(home);
  return {*art, *home};
}

// Runs SQL on a store file behind winnow's back (test setup only).
void raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

// Every decision row, as text.
std::string decisions(const std::string& path) {
  auto db = store::Store::open(path);
  REQUIRE(db);
  std::string s;
  auto docs = (*db)->document_decisions();
  REQUIRE(docs);
  for (const auto& d : *docs) {
    s += std::to_string(d.doc_id) + " " + std::to_string(d.keep) + " " + d.reason + "\n";
    auto ps = (*db)->paragraph_decisions(d.doc_id);
    REQUIRE(ps);
    for (const auto& p : *ps) {
      s += "  " + std::to_string(p.index) + " " + std::to_string(p.keep) + " " + p.reason +
           " " + std::to_string(p.dup_doc) + ":" + std::to_string(p.dup_index) + "\n";
    }
  }
  return s;
}

}  // namespace

// Regression: extract, dedup and export opened a missing --db with
// SQLITE_OPEN_CREATE, so a typo in the path made a new empty store, and
// export then replaced an existing dataset with an empty file.
TEST_CASE("stages on a missing store fail with one line and create nothing", "[policy][cli]") {
  const std::string dir = test::make_temp_dir("store-missing");
  const std::string db = dir + "/typo.db";
  const std::string dataset = dir + "/dataset.jsonl";
  spit(dataset, "{\"id\":\"kept from last week\"}\n");
  const std::string expected =
      "winnow: error: " + db + ": no such store (crawl or import into it first)\n";
  const std::vector<std::vector<std::string>> commands = {
      {"extract", "--db", db},
      {"dedup", "--db", db},
      {"dedup", "--db", db, "--full"},
      {"export", "--db", db, "--out", dataset},
      {"export", "--db", db, "--out", dataset, "--provenance"},
      {"mirror", "--db", db, "--out", dir + "/mirror"},
      {"warc", "--db", db, "--out", dir + "/site.warc.gz"},
      {"stats", "--db", db},
  };
  for (const auto& args : commands) {
    INFO(args[0] << " " << args.back());
    auto r = run_winnow(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == expected);
    CHECK(r.out.empty());
    CHECK(!std::filesystem::exists(db));
    CHECK(!std::filesystem::exists(db + "-wal"));
    CHECK(slurp(dataset) == "{\"id\":\"kept from last week\"}\n");
    CHECK(!std::filesystem::exists(dir + "/provenance.jsonl"));
    CHECK(!std::filesystem::exists(dir + "/mirror"));
    CHECK(!std::filesystem::exists(dir + "/site.warc.gz"));
  }
  // In a folder that does not exist either: the same one line.
  const std::string deep = dir + "/no/such/dir/a.db";
  auto r = run_winnow({"export", "--db", deep, "--out", dataset});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "winnow: error: " + deep + ": no such store (crawl or import into it first)\n");
  CHECK(!std::filesystem::exists(dir + "/no"));
}

// Regression: export wrote the dataset before the provenance file, so a
// provenance file that could not be written left a new dataset beside the
// old provenance (and an error).
TEST_CASE("export that fails leaves the existing dataset as it was", "[policy]") {
  const std::string dir = test::make_temp_dir("store-export-fail");
  const std::string db = dir + "/archive.db";
  two_documents(db);
  REQUIRE(run_winnow({"dedup", "--db", db}).exit_code == 0);
  const std::string dataset = dir + "/dataset.jsonl";
  spit(dataset, "old dataset\n");
  auto r = run_winnow({"export", "--db", db, "--out", dataset, "--provenance",
                       dir + "/missing-dir/provenance.jsonl"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(dir + "/missing-dir/provenance.jsonl") != std::string::npos);
  CHECK(slurp(dataset) == "old dataset\n");
  CHECK(std::filesystem::directory_iterator(dir) != std::filesystem::directory_iterator());
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    INFO(e.path());
    CHECK(e.path().extension() != ".tmp");
  }
}

// Regression: export applied decisions by paragraph index whatever the
// documents held, so re-extracting after dedup (a paragraph inserted at
// the top of a page) made export remove the wrong paragraphs.
TEST_CASE("export refuses decisions made on other documents", "[policy]") {
  const std::string dir = test::make_temp_dir("store-stale");
  const std::string db = dir + "/archive.db";
  auto [art, home] = two_documents(db);
  REQUIRE(run_winnow({"dedup", "--db", db}).exit_code == 0);
  const std::string dataset = dir + "/dataset.jsonl";
  REQUIRE(run_winnow({"export", "--db", db, "--out", dataset}).exit_code == 0);
  const std::string before = slurp(dataset);
  CHECK(before.find(kQ1) != std::string::npos);
  // Re-extraction: the listing gains a first paragraph, shifting the others.
  {
    auto s = store::Store::open(db);
    REQUIRE(s);
    REQUIRE((*s)->put_document(doc_row(2, "https://ex.org/en/", "listing", {kNew, kP1, kQ1})));
  }
  const std::string expected = "winnow: error: " + db +
                               ": the dedup decisions do not match the extracted documents "
                               "(1 document changed since dedup ran); run winnow dedup --db " +
                               db + " first\n";
  auto r = run_winnow({"export", "--db", db, "--out", dataset});
  CHECK(r.exit_code == 1);
  CHECK(r.err == expected);
  CHECK(slurp(dataset) == before);
  // A document extracted after dedup ran (no decision yet) is refused too.
  {
    auto s = store::Store::open(db);
    REQUIRE(s);
    REQUIRE((*s)->put_document(doc_row(3, "https://ex.org/en/posts/2", "article", {kQ1})));
  }
  auto r2 = run_winnow({"export", "--db", db, "--out", dataset});
  CHECK(r2.exit_code == 1);
  CHECK(r2.err.find("(2 documents changed since dedup ran)") != std::string::npos);
  // After dedup, export works and keeps the new first paragraph.
  REQUIRE(run_winnow({"dedup", "--db", db}).exit_code == 0);
  auto ok = run_winnow({"export", "--db", db, "--out", dataset});
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.empty());
  const std::string after = slurp(dataset);
  CHECK(after.find(kNew) != std::string::npos);
  CHECK(after.find(kQ1) != std::string::npos);
  (void)art;
  (void)home;
}

// Regression: dedup --full deleted every decision in its own transaction
// and wrote the new ones in another, so a failure in between left the
// store with no decisions at all.
TEST_CASE("dedup --full replaces decisions in one transaction", "[policy]") {
  const std::string dir = test::make_temp_dir("store-full-tx");
  const std::string db = dir + "/archive.db";
  auto [art, home] = two_documents(db);
  REQUIRE(run_winnow({"dedup", "--db", db}).exit_code == 0);
  const std::string before = decisions(db);
  CHECK(before == std::to_string(art) + " 1 \n" + std::to_string(home) + " 1 \n  0 0 exact " +
                      std::to_string(art) + ":0\n");
  // The second document's decision cannot be written.
  raw_sql(db, "CREATE TRIGGER refuse BEFORE INSERT ON document_decisions WHEN NEW.doc_id = " +
                  std::to_string(home) + " BEGIN SELECT RAISE(ABORT, 'disk says no'); END;");
  auto r = run_winnow({"dedup", "--db", db, "--full"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("disk says no") != std::string::npos);
  CHECK(decisions(db) == before);
  raw_sql(db, "DROP TRIGGER refuse");
  CHECK(run_winnow({"dedup", "--db", db, "--full"}).exit_code == 0);
  CHECK(decisions(db) == before);
}

TEST_CASE("winnow stats summarises pages, fetches, documents and decisions", "[policy][cli]") {
  const std::string dir = test::make_temp_dir("store-stats");
  const std::string db = dir + "/archive.db";
  auto [art, home] = two_documents(db);
  {
    auto s = store::Store::open(db);
    REQUIRE(s);
    test::put_page(**s, "http://127.0.0.1:9", "/en/posts/1", "text/html", "<p>a</p>");
    test::put_page(**s, "http://127.0.0.1:9", "/en/", "text/html", "<p>b</p>");
    test::put_page(**s, "http://127.0.0.1:9", "/gone", "text/html", "", 404);
    test::put_page(**s, "http://127.0.0.1:9", "/en/", "text/html", "", 304);
    store::NewUrl q;
    q.url = "http://127.0.0.1:9/later";
    q.host = "127.0.0.1:9";
    store::NewUrl css = q;
    css.url = "http://127.0.0.1:9/site.css";
    css.kind = store::UrlKind::kRequisite;
    REQUIRE((*s)->add_urls({q, css}));
  }
  auto before = run_winnow({"stats", "--db", db});
  CHECK(before.exit_code == 0);
  CHECK(before.err.empty());
  CHECK(before.out ==
        "store: " + db + " (schema version 2)\n"
        "pages: 4 (queued 1, fetching 0, done 3, failed 0, skipped 0)\n"
        "requisites: 1 (queued 1, fetching 0, done 0, failed 0, skipped 0)\n"
        "sitemaps: 0\n"
        "robots.txt: 0\n"
        "fetches: 4 (HTTP 200: 2, HTTP 304: 1, HTTP 404: 1)\n"
        "documents: 2\n"
        "paragraphs: 4\n"
        "dedup: not run (run winnow dedup)\n");
  REQUIRE(run_winnow({"dedup", "--db", db}).exit_code == 0);
  auto after = run_winnow({"stats", "--db", db});
  CHECK(after.exit_code == 0);
  const std::string tail = after.out.substr(after.out.find("documents:"));
  CHECK(tail ==
        "documents: 2 (kept 2, removed 0)\n"
        "paragraphs: 4 (kept 3, removed 1)\n"
        "dedup: current\n");
  {
    auto s = store::Store::open(db);
    REQUIRE(s);
    REQUIRE((*s)->put_document(doc_row(2, "https://ex.org/en/", "listing", {kNew, kP1, kQ1})));
  }
  auto stale = run_winnow({"stats", "--db", db});
  CHECK(stale.out.substr(stale.out.find("documents:")) ==
        "documents: 2\n"
        "paragraphs: 5\n"
        "dedup: stale for 1 document (run winnow dedup)\n");
  (void)art;
  (void)home;
}
