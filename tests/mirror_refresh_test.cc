// mirror_refresh_test.cc: the mirror and WARC after a real `crawl --refresh`
// (issue 6 points 4 and 6, docs/internals/mirror-warc.md "Updates" and
// "WARC output"): a loopback server answers conditional GETs with 304, one
// page changes and one disappears; `winnow mirror` then rewrites only the
// changed file, removes (or with --keep-gone keeps) the gone one, and
// `winnow warc` writes revisit records for the 304s.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/base.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

namespace {

using namespace winnow;
using winnow::test::TestServer;
namespace fs = std::filesystem;

const std::string kReader =
    std::string(WINNOW_SOURCE_DIR) + "/tests/support/warc_reader.py";

// Pages served with an ETag (a hash of the body); If-None-Match with the
// current ETag gets 304, a path not in the map 404.
class Site {
 public:
  explicit Site(TestServer& srv) {
    srv.set_handler("/", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = pages_.find(req.path);
      if (it == pages_.end()) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
      }
      std::string etag = "\"" + hash128(it->second).hex().substr(0, 16) + "\"";
      res.set_header("ETag", etag);
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      res.set_content(it->second, "text/html; charset=utf-8");
    });
  }
  void set(const std::string& path, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    pages_[path] = std::move(body);
  }
  void remove(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    pages_.erase(path);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> pages_;
};

const fs::file_time_type kOld = fs::file_time_type::clock::now() - std::chrono::hours(24 * 400);

// Sets every file under dir to kOld, so a rewrite shows in its mtime.
void age_files(const std::string& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) fs::last_write_time(e.path(), kOld);
  }
}

bool rewritten(const std::string& file) { return fs::last_write_time(file) != kOld; }

test::RunResult mirror(const std::string& db, const std::string& out,
                       bool keep_gone = false) {
  std::vector<std::string> args = {"mirror", "--db", db, "--out", out};
  if (keep_gone) args.push_back("--keep-gone");
  return test::run_winnow(args);
}

// The CDXJ lines of revisit records: "URL STATUS" each, in index order.
std::vector<std::string> revisits_in(const std::string& cdxj) {
  std::vector<std::string> out;
  for (const std::string& line : test::read_lines(cdxj)) {
    if (line.find("\"mime\":\"warc/revisit\"") == std::string::npos) continue;
    auto field = [&](const std::string& name) {
      size_t b = line.find("\"" + name + "\":\"") + name.size() + 4;
      return line.substr(b, line.find('"', b) - b);
    };
    out.push_back(field("url") + " " + field("status"));
  }
  return out;
}

TEST_CASE("mirror and WARC after a real --refresh crawl: 304s, a change, a gone page",
          "[policy][warc][rfc9110]") {
  TestServer srv;
  Site site(srv);
  site.set("/", "<a href=\"/a\">a</a> <a href=\"/b\">b</a> <a href=\"/c/\">c</a>");
  site.set("/a", "<p>A1</p><a href=\"/gone\">old</a>");
  site.set("/b", "<p>B</p><a href=\"/\">home</a>");
  site.set("/c/", "<p>C</p><a href=\"../a\">a</a>");
  site.set("/gone", "<p>soon gone</p>");
  std::string dir = test::make_temp_dir("mirror_refresh");
  std::string db = dir + "/db", m = dir + "/m", kept = dir + "/kept";
  std::vector<std::string> crawl = {"crawl", srv.url("/"), "--db", db, "--delay", "0",
                                    "--sitemaps", "off", "--quiet"};
  auto r = test::run_winnow(crawl);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  r = mirror(db, m);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "new 5, changed 0, unchanged 0, removed 0\n");
  r = mirror(db, kept);
  REQUIRE(r.exit_code == 0);
  r = test::run_winnow({"warc", "--db", db, "--out", dir + "/first.warc.gz"});
  REQUIRE(r.exit_code == 0);
  age_files(m);
  age_files(kept);

  // /a changes (and drops its link to /gone), /gone is removed, the rest
  // answer 304.
  site.set("/a", "<p>A2</p><a href=\"/b\">b</a>");
  site.remove("/gone");
  crawl.push_back("--refresh");
  r = test::run_winnow(crawl);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.substr(r.out.find('\n') + 1) ==
        "refresh: 0 new, 1 changed, 3 unchanged, 1 gone\n");
  for (const char* p : {"/", "/b", "/c/"}) {
    int conditional = 0;
    for (const auto& q : srv.requests()) {
      if (q.path == p && q.headers.count("if-none-match")) ++conditional;
    }
    INFO(p);
    CHECK(conditional == 1);
  }

  std::string h = m + "/127.0.0.1_" + std::to_string(srv.port());
  r = mirror(db, m);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "new 0, changed 1, unchanged 3, removed 1\n");
  CHECK(test::slurp(h + "/a.html") == "<p>A2</p><a href=\"b.html\">b</a>");
  CHECK(rewritten(h + "/a.html"));
  CHECK(test::slurp(h + "/index.html") ==
        "<a href=\"a.html\">a</a> <a href=\"b.html\">b</a> <a href=\"c/index.html\">c</a>");
  CHECK(test::slurp(h + "/c/index.html") == "<p>C</p><a href=\"../a.html\">a</a>");
  for (const char* p : {"/index.html", "/b.html", "/c/index.html"}) {
    INFO(p);
    CHECK(!rewritten(h + p));
  }
  CHECK(!fs::exists(h + "/gone.html"));
  r = mirror(db, m);  // nothing left to do
  CHECK(r.out == "new 0, changed 0, unchanged 4, removed 0\n");

  std::string hk = kept + "/127.0.0.1_" + std::to_string(srv.port());
  r = mirror(db, kept, true);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "new 0, changed 1, unchanged 3, removed 0\n");
  CHECK(test::slurp(hk + "/gone.html") == "<p>soon gone</p>");
  CHECK(!rewritten(hk + "/gone.html"));
  CHECK(rewritten(hk + "/a.html"));

  // WARC of both crawls: the 304s are revisits, checked by the independent
  // reader (digests, references, CDXJ offsets). Responses: robots.txt (404,
  // reused on the refresh), the five pages, /a's new version, /gone's 404.
  r = test::run_winnow({"warc", "--db", db, "--out", dir + "/both.warc.gz"});
  REQUIRE(r.exit_code == 0);
  auto rd = test::run_program("/usr/bin/python3",
                              {kReader, dir + "/both.warc.gz", "--cdxj", dir + "/both.cdxj"});
  INFO(rd.out);
  CHECK(rd.exit_code == 0);
  CHECK(rd.out ==
        "{\"cdxj_lines\": 11, \"errors\": 0, \"records\": 23, \"types\": {\"request\": 11, "
        "\"response\": 8, \"revisit\": 3, \"warcinfo\": 1}}\n");
  CHECK(revisits_in(dir + "/both.cdxj") ==
        std::vector<std::string>{srv.url("/") + " 304", srv.url("/b") + " 304",
                                 srv.url("/c/") + " 304"});
}

}  // namespace
