// mirror_redirect_test.cc: the offline mirror after real crawls of a
// loopback site (issue 12 point 4, docs/internals/mirror-warc.md): links to
// URLs that redirect (3xx chains, meta refresh, http -> https) reach the
// target's file, a page whose latest fetch cannot be decoded keeps its
// previous file, and a URL ending in .tmp survives its neighbour's rewrite.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "crawler/crawler.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/test_server.h"
#include "support/util.h"

namespace {

using namespace winnow;
using winnow::test::Fault;
using winnow::test::TestServer;
namespace fs = std::filesystem;

std::vector<std::string> crawl_args(const TestServer& srv, const std::string& db) {
  return {"crawl", srv.url("/"), "--db", db, "--delay", "0", "--sitemaps", "off", "--quiet"};
}

test::RunResult mirror(const std::string& db, const std::string& out) {
  return test::run_winnow({"mirror", "--db", db, "--out", out});
}

// Files under dir (relative paths), the manifest left out.
std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).string();
    if (e.is_regular_file() && rel != ".winnow-mirror.json") out.insert(rel);
  }
  return out;
}

Fault redirect(const std::string& to, int status) {
  Fault f;
  f.redirect_to = to;
  f.status = status;
  return f;
}

TEST_CASE("mirror: links to redirecting URLs reach the target's file", "[policy]") {
  // Regression: the docs promised that a redirect target is reached from
  // links to the redirecting URL, but the mirror only aliased a fetch's own
  // final_url (equal to its URL for every 2xx), so links to /about (301 ->
  // /about/) stayed absolute and left the mirror.
  TestServer srv;
  srv.set_page("/",
               "<a href=\"/about\">1</a> <a href=\"/chain1\">2</a> <a href=\"/moved\">3</a> "
               "<a href=\"/slow\">4</a> <a href=\"/lost\">5</a> <a href=\"/new\">6</a>");
  srv.set_fault("/about", redirect("/about/", 301));
  srv.set_page("/about/", "<p>About</p><a href=\"/about\">self</a>");
  srv.set_fault("/chain1", redirect(srv.url("/chain2"), 302));
  srv.set_fault("/chain2", redirect("/about/", 308));
  srv.set_page("/moved",
               "<meta http-equiv=\"refresh\" content=\"0; URL='/new'\"><p>Moved</p>");
  srv.set_page("/slow", "<meta http-equiv=\"refresh\" content=\"5;url=/new\"><p>Wait</p>");
  srv.set_page("/new", "<p>New</p>");
  srv.set_fault("/lost", redirect("/nowhere", 301));  // target answers 404
  std::string dir = test::make_temp_dir("mirror_redirects");
  std::string db = dir + "/db", m = dir + "/m";
  auto r = test::run_winnow(crawl_args(srv, db));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  r = mirror(db, m);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "new 5, changed 0, unchanged 0, removed 0\n");
  std::string host = "127.0.0.1_" + std::to_string(srv.port());
  CHECK(files_in(m) == std::set<std::string>{host + "/index.html", host + "/about/index.html",
                                             host + "/moved.html", host + "/slow.html",
                                             host + "/new.html"});
  // A 0-second meta refresh is a redirect; a delayed one is a page of its
  // own (its file forwards to new.html offline); a redirect to a 404 keeps
  // the link absolute.
  CHECK(test::slurp(m + "/" + host + "/index.html") ==
        "<a href=\"about/index.html\">1</a> <a href=\"about/index.html\">2</a> "
        "<a href=\"new.html\">3</a> <a href=\"slow.html\">4</a> <a href=\"" +
            srv.url("/lost") + "\">5</a> <a href=\"new.html\">6</a>");
  CHECK(test::slurp(m + "/" + host + "/about/index.html") ==
        "<p>About</p><a href=\"index.html\">self</a>");
  CHECK(test::slurp(m + "/" + host + "/moved.html") ==
        "<meta http-equiv=\"refresh\" content=\"0; URL='new.html'\"><p>Moved</p>");
  CHECK(test::slurp(m + "/" + host + "/slow.html") ==
        "<meta http-equiv=\"refresh\" content=\"5;url=new.html\"><p>Wait</p>");
}

TEST_CASE("mirror: a link to http:// that redirects to https:// reaches the https file",
          "[policy]") {
  // No TLS server on loopback in the tests: the fetches are stored rows as
  // the crawler writes them (a 301's final_url is its resolved Location).
  std::string dir = test::make_temp_dir("mirror_https_redirect");
  auto db = store::Store::open(dir + "/s.db");
  REQUIRE(db);
  test::put_page(**db, "https://h.test", "/", "text/html",
                 "<a href=\"http://h.test/p\">p</a> <a href=\"http://h.test/q\">q</a>");
  test::put_page(**db, "http://h.test", "/p", "text/html", "", 301, 1700000000000,
                 "Location: https://h.test/p\r\n", "https://h.test/p");
  test::put_page(**db, "https://h.test", "/p", "text/html", "<p>P</p>");
  test::put_page(**db, "http://h.test", "/q", "text/html", "<p>Q old</p>");
  test::put_page(**db, "http://h.test", "/q", "text/html", "", 302, 1700000100000,
                 "Location: https://h.test/p\r\n", "https://h.test/p");  // now a redirect
  crawler::MirrorOptions o;
  o.out_dir = dir + "/m";
  crawler::MirrorStats s;
  REQUIRE(crawler::write_mirror(**db, o, &s));
  CHECK(crawler::mirror_summary(s) == "new 2, changed 0, unchanged 0, removed 0");
  CHECK(test::slurp(o.out_dir + "/h.test/index.html") ==
        "<a href=\"p.html\">p</a> <a href=\"p.html\">q</a>");
  CHECK(files_in(o.out_dir) == std::set<std::string>{"h.test/index.html", "h.test/p.html"});
}

TEST_CASE("mirror: a page whose latest fetch cannot be decoded keeps its previous file",
          "[policy]") {
  // Regression: the undecodable page was left out of the new manifest, so
  // its good file from the last run was deleted as if the page were gone.
  TestServer srv;
  srv.set_page("/", "<a href=\"/p\">p</a>");
  srv.set_page("/p", "<p>good</p><a href=\"/\">home</a>");
  std::string dir = test::make_temp_dir("mirror_undecodable");
  std::string db = dir + "/db", m = dir + "/m";
  auto args = crawl_args(srv, db);
  auto r = test::run_winnow(args);
  REQUIRE(r.exit_code == 0);
  REQUIRE(mirror(db, m).exit_code == 0);
  std::string p = m + "/127.0.0.1_" + std::to_string(srv.port()) + "/p.html";
  CHECK(test::slurp(p) == "<p>good</p><a href=\"index.html\">home</a>");

  Fault broken;  // claims gzip, is not
  broken.headers["Content-Encoding"] = "gzip";
  broken.body = "this is not gzip data";
  srv.set_fault("/p", broken);
  args.push_back("--refresh");
  r = test::run_winnow(args);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  r = mirror(db, m);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "new 0, changed 0, unchanged 1, removed 0, failed 1\n");
  CHECK(r.err.find(srv.url("/p")) != std::string::npos);
  CHECK(test::slurp(p) == "<p>good</p><a href=\"index.html\">home</a>");
  r = mirror(db, m);  // and again: the kept file stays in the manifest
  CHECK(r.out == "new 0, changed 0, unchanged 1, removed 0, failed 1\n");
  CHECK(test::slurp(p) == "<p>good</p><a href=\"index.html\">home</a>");
}

TEST_CASE("mirror: a URL ending in .tmp keeps its file when a neighbour is rewritten",
          "[policy]") {
  // Regression: files were written to PATH + ".tmp" and renamed, so
  // rewriting a.html truncated and moved away the mirrored /a.html.tmp.
  TestServer srv;
  // /a.html.tmp is found first, so it is not written again after a.html.
  srv.set_page("/", "<a href=\"/a.html.tmp\">t</a> <a href=\"/a\">a</a>");
  srv.set_page("/a", "<p>A1</p>");
  srv.set_page("/a.html.tmp", "temporary? no, a real page", "text/plain");
  std::string dir = test::make_temp_dir("mirror_tmp_name");
  std::string db = dir + "/db", m = dir + "/m";
  auto args = crawl_args(srv, db);
  REQUIRE(test::run_winnow(args).exit_code == 0);
  REQUIRE(mirror(db, m).exit_code == 0);
  std::string h = m + "/127.0.0.1_" + std::to_string(srv.port());
  CHECK(test::slurp(h + "/a.html.tmp") == "temporary? no, a real page");
  srv.set_page("/a", "<p>A2</p>");
  args.push_back("--refresh");
  REQUIRE(test::run_winnow(args).exit_code == 0);
  auto r = mirror(db, m);
  CHECK(r.out == "new 0, changed 1, unchanged 2, removed 0\n");
  CHECK(test::slurp(h + "/a.html") == "<p>A2</p>");
  CHECK(test::slurp(h + "/a.html.tmp") == "temporary? no, a real page");
  CHECK(files_in(m) == std::set<std::string>{"127.0.0.1_" + std::to_string(srv.port()) +
                                                 "/index.html",
                                             "127.0.0.1_" + std::to_string(srv.port()) +
                                                 "/a.html",
                                             "127.0.0.1_" + std::to_string(srv.port()) +
                                                 "/a.html.tmp"});
}

}  // namespace
