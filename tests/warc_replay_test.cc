// warc_replay_test.cc: the WARC and CDXJ of a real crawl of a loopback site
// with redirects (issue 12 point 2, docs/internals/mirror-warc.md): a 3xx
// record's WARC-Target-URI is the URL requested, webrecorder's warcio (npm
// `warcio`, installed into the build folder on first use) reads the files and
// the index and replays redirects through them, import keeps final_url's
// meaning, and writing never truncates an earlier WARC or leaves rolled
// files of an earlier run beside a new set.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/base.h"
#include "store/store.h"
#include "support/test_server.h"
#include "support/util.h"

namespace {

using namespace winnow;
using winnow::test::Fault;
using winnow::test::TestServer;
namespace fs = std::filesystem;

const std::string kSupport = std::string(WINNOW_SOURCE_DIR) + "/tests/support";

// The npm program: PATH first, then where Debian and NodeSource put it.
std::string npm_program() {
  const char* path = std::getenv("PATH");
  for (std::string_view dir : split(path ? path : "", ':')) {
    std::string p = std::string(dir) + "/npm";
    if (!dir.empty() && fs::exists(p)) return p;
  }
  return "/usr/bin/npm";
}

// The dist/ folder of warcio as pinned by tests/support/warcio/package-lock.json,
// installed with `npm ci` into BUILD/npm-warcio the first time (scripts/
// install-deps provides npm). A stamp holding the lockfile's hash marks a
// finished install; anything else there is removed and installed again.
std::string warcio_dist() {
  std::string dir = std::string(WINNOW_BINARY_DIR) + "/npm-warcio";
  std::string lock = test::slurp(kSupport + "/warcio/package-lock.json");
  std::string want = hash128(lock).hex();
  std::string stamp = dir + "/.installed";
  if (!fs::exists(stamp) || test::slurp(stamp) != want) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kSupport + "/warcio/package.json", dir + "/package.json");
    fs::copy_file(kSupport + "/warcio/package-lock.json", dir + "/package-lock.json");
    auto r = test::run_program(npm_program(), {"ci", "--prefix", dir, "--no-audit", "--no-fund",
                                               "--ignore-scripts", "--loglevel=error"});
    INFO("npm ci: " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    test::spit(stamp, want);
  }
  return dir + "/node_modules/warcio/dist";
}

test::RunResult warcio_check(const std::string& cdxj, const std::vector<std::string>& warcs,
                             const std::vector<std::string>& replay = {}) {
  std::vector<std::string> args = {kSupport + "/warcio_check.mjs", warcio_dist(), cdxj};
  args.insert(args.end(), warcs.begin(), warcs.end());
  if (!replay.empty()) {
    args.push_back("--replay");
    args.insert(args.end(), replay.begin(), replay.end());
  }
  return test::run_program("/usr/bin/node", args);
}

test::RunResult python_reader(const std::string& cdxj, const std::vector<std::string>& warcs) {
  std::vector<std::string> args = {kSupport + "/warc_reader.py"};
  args.insert(args.end(), warcs.begin(), warcs.end());
  args.push_back("--cdxj");
  args.push_back(cdxj);
  return test::run_program("/usr/bin/python3", args);
}

Fault redirect(const std::string& to, int status) {
  Fault f;
  f.redirect_to = to;
  f.status = status;
  return f;
}

// A site whose links go through a 301 (/about -> /about/) and a chain
// (/chain1 -302-> /chain2 -307-> /p).
void serve_site(TestServer& srv) {
  srv.set_page("/", "<a href=\"/about\">about</a> <a href=\"/chain1\">c</a> <a href=\"/p\">p</a>");
  srv.set_fault("/about", redirect("/about/", 301));
  srv.set_page("/about/", "<p>About us</p>");
  srv.set_fault("/chain1", redirect(srv.url("/chain2"), 302));
  srv.set_fault("/chain2", redirect("/p", 307));
  srv.set_page("/p", "<p>P</p>");
}

std::vector<std::string> crawl_args(const TestServer& srv, const std::string& db) {
  return {"crawl", srv.url("/"), "--db", db, "--delay", "0", "--sitemaps", "off", "--quiet"};
}

// The CDXJ line of url ("" if none).
std::string cdxj_line(const std::string& cdxj, const std::string& url) {
  for (const std::string& line : test::read_lines(cdxj)) {
    if (line.find("{\"url\":\"" + url + "\"") != std::string::npos) return line;
  }
  return "";
}

// name -> bytes of every file in dir.
std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    out[e.path().filename().string()] = test::slurp(e.path().string());
  }
  return out;
}

std::set<std::string> names(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

store::FetchRow latest(const std::string& db_path, const std::string& url) {
  auto db = store::Store::open(db_path);
  REQUIRE(db);
  auto u = (*db)->find_url(url);
  REQUIRE(u);
  REQUIRE(*u);
  auto f = (*db)->latest_fetch((*u)->id, false);
  REQUIRE(f);
  REQUIRE(*f);
  return **f;
}

TEST_CASE("crawl --warc: a 3xx is recorded under the URL requested; warcio replays it",
          "[warc][policy]") {
  // Regression: a 3xx response record carried its Location as
  // WARC-Target-URI, so the CDXJ had no entry for /about at all and replay of
  // a link to /about found nothing (and /about/ had two "responses").
  TestServer srv;
  serve_site(srv);
  std::string dir = test::make_temp_dir("warc_replay");
  std::string db = dir + "/db";
  auto args = crawl_args(srv, db);
  args.insert(args.end(), {"--warc", dir + "/site.warc.gz"});
  auto r = test::run_winnow(args);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string cdxj = dir + "/site.cdxj";
  // Responses: robots.txt (404), /, /about (301), /about/, /chain1 (302),
  // /chain2 (307), /p; each with its request.
  auto py = python_reader(cdxj, {dir + "/site.warc.gz"});
  INFO(py.out << py.err);
  CHECK(py.exit_code == 0);
  CHECK(py.out ==
        "{\"cdxj_lines\": 7, \"errors\": 0, \"records\": 15, \"types\": {\"request\": 7, "
        "\"response\": 7, \"warcinfo\": 1}}\n");
  std::string about = cdxj_line(cdxj, srv.url("/about"));
  CHECK(about.find("\"status\":\"301\"") != std::string::npos);
  std::string chain2 = cdxj_line(cdxj, srv.url("/chain2"));
  CHECK(chain2.find("\"status\":\"307\"") != std::string::npos);

  auto w = warcio_check(cdxj, {dir + "/site.warc.gz"},
                        {srv.url("/about"), srv.url("/chain1"), srv.url("/")});
  INFO(w.out << w.err);
  CHECK(w.exit_code == 0);
  CHECK(w.out ==
        "{\"records\":15,\"types\":{\"request\":7,\"response\":7,\"warcinfo\":1},"
        "\"cdxj_lines\":7,\"warcio_index_lines\":7,\"errors\":[]}\n"
        "replay " + srv.url("/about") + " 301 -> " + srv.url("/about/") + " 200\n"
        "replay " + srv.url("/chain1") + " 302 -> " + srv.url("/chain2") + " 307 -> " +
            srv.url("/p") + " 200\n"
        "replay " + srv.url("/") + " 200\n");
}

TEST_CASE("import: final_url means what it means for crawled rows; the WARC round-trips",
          "[warc][policy]") {
  // Regression: an imported 3xx stored its WARC-Target-URI as final_url,
  // while a crawled 3xx stores its Location.
  TestServer srv;
  serve_site(srv);
  std::string dir = test::make_temp_dir("warc_import_final_url");
  std::string db = dir + "/db";
  REQUIRE(test::run_winnow(crawl_args(srv, db)).exit_code == 0);
  fs::create_directories(dir + "/a");
  fs::create_directories(dir + "/b");
  REQUIRE(test::run_winnow({"warc", "--db", db, "--out", dir + "/a/x.warc.gz"}).exit_code == 0);
  auto r = test::run_winnow({"import", dir + "/a/x.warc.gz", "--db", dir + "/imported.db"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* p : {"/about", "/chain1", "/chain2", "/p"}) {
    INFO(p);
    store::FetchRow crawled = latest(db, srv.url(p));
    store::FetchRow imported = latest(dir + "/imported.db", srv.url(p));
    CHECK(imported.status == crawled.status);
    CHECK(imported.final_url == crawled.final_url);
  }
  CHECK(latest(dir + "/imported.db", srv.url("/about")).final_url == srv.url("/about/"));
  CHECK(latest(dir + "/imported.db", srv.url("/p")).final_url == srv.url("/p"));
  // Written again from the imported store: the same bytes.
  r = test::run_winnow({"warc", "--db", dir + "/imported.db", "--out", dir + "/b/x.warc.gz"});
  REQUIRE(r.exit_code == 0);
  CHECK(test::slurp(dir + "/b/x.warc.gz") == test::slurp(dir + "/a/x.warc.gz"));
  CHECK(test::slurp(dir + "/b/x.cdxj") == test::slurp(dir + "/a/x.cdxj"));
}

// Makes the stored body of the store's last fetch undecodable (raw SQL: the
// store API never writes a bad body), so writing a WARC fails part way.
void corrupt_last_body(const std::string& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  char* msg = nullptr;
  int rc = sqlite3_exec(db,
                        "UPDATE fetches SET body_z = x'28b52ffd00ffffffff' WHERE id = "
                        "(SELECT max(id) FROM fetches)",
                        nullptr, nullptr, &msg);
  sqlite3_free(msg);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

TEST_CASE("warc: a failed run leaves the earlier WARC files and index as they were",
          "[warc][policy]") {
  // Regression: the output was opened with "wb", so an existing WARC was
  // truncated at once and, when writing failed part way, left cut short.
  TestServer srv;
  serve_site(srv);
  std::string dir = test::make_temp_dir("warc_failed_run");
  std::string db = dir + "/db", out = dir + "/out";
  REQUIRE(test::run_winnow(crawl_args(srv, db)).exit_code == 0);
  fs::create_directories(out);
  REQUIRE(test::run_winnow({"warc", "--db", db, "--out", out + "/one.warc.gz"}).exit_code == 0);
  REQUIRE(test::run_winnow({"warc", "--db", db, "--out", out + "/roll.warc.gz",
                            "--warc-max-size", "1K"})
              .exit_code == 0);
  auto before = snapshot(out);
  REQUIRE(before.size() > 4);  // one.warc.gz, one.cdxj, >= 2 rolled, roll.cdxj
  corrupt_last_body(db);
  for (std::vector<std::string> extra : {std::vector<std::string>{},
                                         std::vector<std::string>{"--warc-max-size", "1K"}}) {
    for (const char* name : {"/one.warc.gz", "/roll.warc.gz"}) {
      std::vector<std::string> args = {"warc", "--db", db, "--out", out + name};
      args.insert(args.end(), extra.begin(), extra.end());
      auto r = test::run_winnow(args);
      INFO(name << " " << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("stored body does not decompress") != std::string::npos);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK(snapshot(out) == before);
    }
  }
  // crawl --warc writes through the same path.
  auto args = crawl_args(srv, db);
  args.insert(args.end(), {"--warc", out + "/one.warc.gz"});
  auto r = test::run_winnow(args);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(snapshot(out) == before);
}

// "wrote ... to N file(s)" -> N.
int files_written(const std::string& out) {
  size_t to = out.rfind(" to ");
  REQUIRE(to != std::string::npos);
  return std::atoi(out.c_str() + to + 4);
}

std::set<std::string> rolled_set(const std::string& stem, int n) {
  std::set<std::string> out = {stem + ".cdxj"};
  for (int i = 0; i < n; ++i) {
    char num[16];
    std::snprintf(num, sizeof num, "-%05d", i);
    out.insert(stem + num + ".warc.gz");
  }
  return out;
}

TEST_CASE("warc: a new run replaces the whole set of an earlier one", "[warc][policy]") {
  // Regression: a run that wrote fewer rolled files than the last one left
  // the last one's extra files beside the new set (not in the new CDXJ),
  // and switching between one file and rolled files kept the other kind.
  TestServer srv;
  serve_site(srv);
  std::string dir = test::make_temp_dir("warc_replace_set");
  std::string db = dir + "/db", out = dir + "/out";
  REQUIRE(test::run_winnow(crawl_args(srv, db)).exit_code == 0);
  fs::create_directories(out);
  test::spit(out + "/notes.txt", "not ours");
  test::spit(out + "/s-extra.warc.gz", "not ours either");
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"warc", "--db", db, "--out", out + "/s.warc.gz"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = test::run_winnow(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return files_written(r.out);
  };
  int many = run({"--warc-max-size", "1K"});
  CHECK(many >= 3);
  std::set<std::string> want = rolled_set("s", many);
  want.insert({"notes.txt", "s-extra.warc.gz"});
  CHECK(names(out) == want);
  int fewer = run({"--warc-max-size", "3K"});
  CHECK(fewer < many);
  want = rolled_set("s", fewer);
  want.insert({"notes.txt", "s-extra.warc.gz"});
  CHECK(names(out) == want);
  std::vector<std::string> files;
  for (const auto& n : rolled_set("s", fewer)) {
    if (n != "s.cdxj") files.push_back(out + "/" + n);
  }
  auto w = warcio_check(out + "/s.cdxj", files);
  INFO(w.out << w.err);
  CHECK(w.exit_code == 0);
  CHECK(python_reader(out + "/s.cdxj", files).exit_code == 0);

  CHECK(run({}) == 1);  // one file: the rolled set goes
  CHECK(names(out) ==
        std::set<std::string>{"notes.txt", "s-extra.warc.gz", "s.warc.gz", "s.cdxj"});
  CHECK(run({"--warc-max-size", "3K"}) == fewer);  // rolled again: the single file goes
  want = rolled_set("s", fewer);
  want.insert({"notes.txt", "s-extra.warc.gz"});
  CHECK(names(out) == want);
}

}  // namespace
