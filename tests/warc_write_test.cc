// warc_write_test.cc: WARC/1.1 output checked by an independent reader
// (tests/support/warc_reader.py, written from the spec), CDXJ, rolling,
// reproducibility, and `import` of our WARCs, wget's, malformed and
// non-WARC files (docs/internals/mirror-warc.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "crawler/crawler.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/test_server.h"
#include "support/util.h"

namespace {

using namespace winnow;
namespace fs = std::filesystem;

const std::string kReader = std::string(WINNOW_SOURCE_DIR) + "/tests/support/warc_reader.py";

void put(store::Store& db, const std::string& path, const std::string& body,
         int status, int64_t at) {
  test::put_page(db, "http://h.test", path, "text/html", body, status, at, "ETag: \"e1\"\r\n");
}

std::unique_ptr<store::Store> sample_store(const std::string& dir) {
  auto db = store::Store::open(dir + "/s.db");
  REQUIRE(db);
  put(**db, "/", "<a href=\"/a\">a</a>", 200, 1700000000000);
  put(**db, "/a", "<p>A</p>", 200, 1700000001000);
  put(**db, "/a", "", 304, 1700000101000);
  return std::move(*db);
}

test::RunResult read_back(const std::vector<std::string>& files, const std::string& cdxj) {
  std::vector<std::string> args = {kReader};
  args.insert(args.end(), files.begin(), files.end());
  args.push_back("--cdxj");
  args.push_back(cdxj);
  return test::run_program("/usr/bin/python3", args);
}

TEST_CASE("WARC digests and record ids", "[warc]") {
  CHECK(crawler::warc_digest("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  std::string id = crawler::warc_record_id("seed");
  CHECK(id == crawler::warc_record_id("seed"));
  CHECK(id != crawler::warc_record_id("seed2"));
  CHECK(std::regex_match(id, std::regex("<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-"
                                        "[89ab][0-9a-f]{3}-[0-9a-f]{12}>")));
  crawler::WarcRecord r;
  r.fields = {{"WARC-Type", "resource"}};
  r.block = "abc";
  CHECK(crawler::serialize_warc_record(r) ==
        "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n");
}

TEST_CASE("SURT keys for the CDXJ index", "[policy]") {
  CHECK(crawler::surt("http://www.Example.com/a?b=1&a=2") == "com,example)/a?a=2&b=1");
  CHECK(crawler::surt("https://h.test:8443/X") == "test,h:8443)/x");
  CHECK(crawler::surt("http://h.test") == "test,h)/");
}

TEST_CASE("write_warc output passes the independent reader, reproducibly", "[warc]") {
  std::string dir = test::make_temp_dir("warc_write");
  auto db = sample_store(dir);
  crawler::WarcOptions o;
  o.path = dir + "/out.warc.gz";
  crawler::WarcStats s;
  REQUIRE(crawler::write_warc(*db, o, &s));
  CHECK(s.records == 7);
  CHECK(s.responses == 2);
  CHECK(s.revisits == 1);
  CHECK(s.files == 1);
  auto r = read_back({o.path}, dir + "/out.cdxj");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "{\"cdxj_lines\": 3, \"errors\": 0, \"records\": 7, \"types\": {\"request\": 3, "
        "\"response\": 2, \"revisit\": 1, \"warcinfo\": 1}}\n");
  std::vector<std::string> cdx = test::read_lines(dir + "/out.cdxj");
  REQUIRE(cdx.size() == 3);
  CHECK(cdx[0].substr(0, 30) == "test,h)/ 20231114221320 {\"url\"");
  CHECK(cdx[1].find("\"mime\":\"text/html\",\"status\":\"200\"") != std::string::npos);
  CHECK(cdx[2].find("\"mime\":\"warc/revisit\",\"status\":\"304\"") != std::string::npos);
  std::string first = test::slurp(o.path);
  REQUIRE(crawler::write_warc(*db, o, &s));
  CHECK(test::slurp(o.path) == first);  // reproducible byte for byte
}

TEST_CASE("--warc-max-size rolls files STEM-00000, STEM-00001", "[policy]") {
  std::string dir = test::make_temp_dir("warc_roll");
  auto db = sample_store(dir);
  crawler::WarcOptions o;
  o.path = dir + "/roll.warc.gz";
  o.max_size = 300;
  crawler::WarcStats s;
  REQUIRE(crawler::write_warc(*db, o, &s));
  CHECK(s.files == 3);
  REQUIRE(s.paths.size() == 3);
  CHECK(s.paths[0] == dir + "/roll-00000.warc.gz");
  CHECK(s.paths[2] == dir + "/roll-00002.warc.gz");
  auto r = read_back(s.paths, dir + "/roll.cdxj");
  INFO(r.out);
  CHECK(r.exit_code == 0);
}

TEST_CASE("import reads our WARC back into a store", "[policy]") {
  std::string dir = test::make_temp_dir("warc_import_ours");
  auto db = sample_store(dir);
  crawler::WarcOptions o;
  o.path = dir + "/out.warc";  // plain, uncompressed
  REQUIRE(crawler::write_warc(*db, o, nullptr));
  auto db2 = store::Store::open(dir + "/t.db");
  REQUIRE(db2);
  crawler::ImportStats st;
  REQUIRE(crawler::import_warc(**db2, o.path, &st));
  CHECK(st.records == 7);
  CHECK(st.responses == 2);
  CHECK(st.revisits == 1);
  CHECK(*(*db2)->count_fetches() == 3);
  auto u = (*db2)->find_url("http://h.test/a");
  REQUIRE(u);
  REQUIRE(*u);
  auto f = (*db2)->latest_fetch((*u)->id);
  REQUIRE(f);
  REQUIRE(*f);
  CHECK((*f)->body == "<p>A</p>");
  CHECK((*f)->etag == "\"e1\"");
  CHECK((*f)->request_headers == "GET /a HTTP/1.1\r\nHost: h.test\r\n\r\n");
}

TEST_CASE("import: a non-WARC file fails and stores nothing", "[policy]") {
  std::string dir = test::make_temp_dir("warc_import_bad");
  test::spit(dir + "/x.warc", "<html>not a warc</html>");
  auto db = store::Store::open(dir + "/t.db");
  REQUIRE(db);
  Status st = crawler::import_warc(**db, dir + "/x.warc", nullptr);
  CHECK(st.kind() == ErrorKind::kInvalidInput);
  CHECK(st.message() == dir + "/x.warc: not a WARC file (no WARC/1.x record at offset 0)");
  CHECK(*(*db)->count_fetches() == 0);
  auto r = test::run_winnow({"import", dir + "/x.warc", "--db", dir + "/t.db"});
  CHECK(r.exit_code == 1);
}

std::string response_record(const std::string& url, const std::string& body) {
  crawler::WarcRecord r;
  r.fields = {{"WARC-Type", "response"},
              {"WARC-Record-ID", crawler::warc_record_id(url)},
              {"WARC-Date", "2024-01-02T03:04:05Z"},
              {"WARC-Target-URI", url}};
  r.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body;
  return crawler::serialize_warc_record(r);
}

TEST_CASE("import: a malformed record is warned about and skipped", "[policy]") {
  std::string dir = test::make_temp_dir("warc_import_malformed");
  std::string good1 = response_record("http://h.test/1", "one");
  std::string bad = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nxx\r\n\r\n";
  std::string good2 = response_record("http://h.test/2", "two");
  test::spit(dir + "/m.warc", good1 + bad + good2);
  std::vector<std::string> warnings;
  std::vector<std::string> targets;
  REQUIRE(crawler::read_warc(
      dir + "/m.warc",
      [&](const crawler::WarcRecord& r, int64_t) {
        targets.push_back(r.get("WARC-Target-URI"));
        return Status::ok();
      },
      [&](const std::string& w) { warnings.push_back(w); }));
  CHECK(targets == std::vector<std::string>{"http://h.test/1", "http://h.test/2"});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == dir + "/m.warc: malformed WARC record at offset " +
                           std::to_string(good1.size()) +
                           ": bad header line or Content-Length; skipped");
  // gzip multi-member form reads the same.
  test::spit(dir + "/m.warc.gz", gzip_member(good1) + gzip_member(good2));
  auto db = store::Store::open(dir + "/t.db");
  REQUIRE(db);
  crawler::ImportStats st;
  REQUIRE(crawler::import_warc(**db, dir + "/m.warc.gz", &st));
  CHECK(st.responses == 2);
}

TEST_CASE("import: a record over kMaxWarcRecordBytes is skipped", "[policy]") {
  // limits::kMaxWarcRecordBytes, lowered to 10 bytes here.
  std::string dir = test::make_temp_dir("warc_import_limit");
  test::spit(dir + "/l.warc", response_record("http://h.test/big", std::string(50, 'x')) +
                                  response_record("http://h.test/s", ""));
  std::vector<std::string> warnings;
  int n = 0;
  REQUIRE(crawler::read_warc(
      dir + "/l.warc", [&](const crawler::WarcRecord&, int64_t) { ++n; return Status::ok(); },
      [&](const std::string& w) { warnings.push_back(w); }, 60));
  CHECK(n == 1);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("block of 94 bytes exceeds the limit of 60") != std::string::npos);
}

TEST_CASE("import reads a WARC written by real wget", "[policy]") {
  if (!fs::exists("/usr/bin/wget")) {
    WARN("SKIP: wget not installed");
    return;
  }
  std::string dir = test::make_temp_dir("warc_import_wget");
  fs::create_directories(dir + "/site/sub");
  test::spit(dir + "/site/index.html", "<a href=\"sub/p.html\">p</a>");
  test::spit(dir + "/site/sub/p.html", "<p>page</p>");
  test::TestServer server(dir + "/site");
  auto w = test::run_program("/usr/bin/wget",
                             {"-q", "-r", "-l", "2", "-e", "robots=off", "-P", dir + "/dl",
                              "--warc-file=" + dir + "/wg", server.url("/")});
  REQUIRE(fs::exists(dir + "/wg.warc.gz"));
  auto r = test::run_winnow({"import", dir + "/wg.warc.gz", "--db", dir + "/t.db"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("imported 2 responses and 0 revisits", 0) == 0);
  auto db = store::Store::open(dir + "/t.db");
  REQUIRE(db);
  auto u = (*db)->find_url(server.url("/sub/p.html"));
  REQUIRE(u);
  REQUIRE(*u);
  auto f = (*db)->latest_fetch((*u)->id);
  REQUIRE(f);
  REQUIRE(*f);
  CHECK((*f)->body == "<p>page</p>");
  CHECK((*f)->status == 200);
}

}  // namespace
