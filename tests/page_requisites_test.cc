// page_requisites_test.cc: `winnow crawl --page-requisites` against two
// loopback servers (two ports = two hosts): pages on host A use a style
// sheet, images, a script and a font (from the style sheet's url()) on host
// B. With the flag and B named in --requisite-hosts they are fetched, B's
// robots.txt still applies, and the mirror links them locally; without
// either B is never asked; style sheet chains stop at
// limits::kMaxStylesheetChain (docs/internals/mirror-warc.md, crawler.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "base/limits.h"
#include "store/store.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

namespace {

using namespace winnow;
using winnow::test::TestServer;
namespace fs = std::filesystem;

// Host B: the requisites, a page, and a robots.txt that disallows /private/.
void serve_requisites(TestServer& b) {
  b.set_page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
  b.set_page("/s/site.css",
             "@font-face{font-family:F;src:url(../f/font.woff2)}\n"
             "body{background:url(\"/i/bg.png\")}\n",
             "text/css");
  b.set_page("/i/logo.png", "PNG-logo", "image/png");
  b.set_page("/i/bg.png", "PNG-bg", "image/png");
  b.set_page("/j/app.js", "var x = 1;\n", "application/javascript");
  b.set_page("/f/font.woff2", "wOF2-font", "font/woff2");
  b.set_page("/private/secret.png", "PNG-secret", "image/png");
  b.set_page("/page.html", "<p>a page on B, not a requisite</p>");
}

// Host A's two pages, both using B's requisites; "/p2" links back home.
std::string page_a(const TestServer& b, const std::string& link) {
  return "<html><head><link rel=\"stylesheet\" href=\"" + b.url("/s/site.css") +
         "\"><script src=\"" + b.url("/j/app.js") + "\"></script></head><body>"
         "<img src=\"" + b.url("/i/logo.png") + "\"><img src=\"" +
         b.url("/private/secret.png") + "\"><a href=\"" + link +
         "\">next</a> <a href=\"" + b.url("/page.html") + "\">B</a></body></html>";
}

test::RunResult crawl_a(const std::string& dir, const TestServer& a,
                        const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"crawl", a.url("/"), "--db", dir + "/db",
                                   "--delay", "0", "--sitemaps", "off",
                                   "--quiet", "--mirror", dir + "/m"};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_winnow(args);
}

TEST_CASE("--page-requisites fetches css, images, script and font from another host",
          "[policy][rfc9309]") {
  TestServer a, b;
  serve_requisites(b);
  a.set_page("/", page_a(b, "/p2"));
  a.set_page("/p2", page_a(b, "/"));
  std::string dir = test::make_temp_dir("requisites_on");
  auto r = crawl_a(dir, a,
                   {"--page-requisites", "--requisite-hosts", "127.0.0.1:" + std::to_string(b.port())});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);

  // Each requisite once (both pages use them), robots first, nothing else.
  CHECK(b.hits("/robots.txt") == 1);
  for (const char* p : {"/s/site.css", "/i/logo.png", "/j/app.js", "/i/bg.png",
                        "/f/font.woff2"}) {
    INFO(p);
    CHECK(b.hits(p) == 1);
  }
  CHECK(b.hits("/private/secret.png") == 0);  // disallowed by B's robots.txt
  CHECK(b.hits("/page.html") == 0);           // a page, and out of scope
  auto reqs = b.requests();
  REQUIRE(!reqs.empty());
  CHECK(reqs.front().path == "/robots.txt");
  CHECK(reqs.size() == 6);

  // The mirror holds them and links them relatively.
  std::string ha = "127.0.0.1_" + std::to_string(a.port());
  std::string hb = "127.0.0.1_" + std::to_string(b.port());
  std::string m = dir + "/m/";
  CHECK(test::slurp(m + hb + "/i/logo.png") == "PNG-logo");
  CHECK(test::slurp(m + hb + "/i/bg.png") == "PNG-bg");
  CHECK(test::slurp(m + hb + "/j/app.js") == "var x = 1;\n");
  CHECK(test::slurp(m + hb + "/f/font.woff2") == "wOF2-font");
  CHECK(!fs::exists(m + hb + "/private"));
  CHECK(!fs::exists(m + hb + "/page.html"));
  std::string up = "../" + hb;
  CHECK(test::slurp(m + ha + "/index.html") ==
        "<html><head><link rel=\"stylesheet\" href=\"" + up +
            "/s/site.css\"><script src=\"" + up + "/j/app.js\"></script></head><body>"
            "<img src=\"" + up + "/i/logo.png\"><img src=\"" +
            b.url("/private/secret.png") + "\"><a href=\"p2.html\">next</a> <a href=\"" +
            b.url("/page.html") + "\">B</a></body></html>");
  // The style sheet's links already pointed at the right relative files;
  // the root-relative one becomes relative.
  CHECK(test::slurp(m + hb + "/s/site.css") ==
        "@font-face{font-family:F;src:url(../f/font.woff2)}\n"
        "body{background:url(\"../i/bg.png\")}\n");
}

TEST_CASE("without --page-requisites another host's requisites are not fetched",
          "[policy]") {
  TestServer a, b;
  serve_requisites(b);
  a.set_page("/", page_a(b, "/p2"));
  a.set_page("/p2", page_a(b, "/"));
  std::string dir = test::make_temp_dir("requisites_off");
  auto r = crawl_a(dir, a, {});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(b.requests().empty());
  CHECK(a.hits("/") == 1);
  CHECK(a.hits("/p2") == 1);
  std::string ha = "127.0.0.1_" + std::to_string(a.port());
  std::string m = dir + "/m/";
  CHECK(!fs::exists(m + "127.0.0.1_" + std::to_string(b.port())));
  CHECK(test::slurp(m + ha + "/p2.html") ==
        "<html><head><link rel=\"stylesheet\" href=\"" + b.url("/s/site.css") +
            "\"><script src=\"" + b.url("/j/app.js") + "\"></script></head><body>"
            "<img src=\"" + b.url("/i/logo.png") + "\"><img src=\"" +
            b.url("/private/secret.png") + "\"><a href=\"index.html\">next</a> <a href=\"" +
            b.url("/page.html") + "\">B</a></body></html>");
}

// Regression: --page-requisites fetched requisites from any host a page
// named, in or out of scope, so one page could send the crawler anywhere.
TEST_CASE("requisites off scope are fetched only from --requisite-hosts", "[policy]") {
  TestServer a, b, c;
  serve_requisites(b);
  c.set_page("/tracker.png", "PNG-tracker", "image/png");
  a.set_page("/own.css", "body{background:url(own.png)}", "text/css");
  a.set_page("/own.png", "PNG-own", "image/png");
  // B is addressed by name (localhost), C by address: two hosts.
  const std::string b_named = "http://localhost:" + std::to_string(b.port());
  a.set_page("/", "<html><head><link rel=stylesheet href=\"/own.css\"><link rel=stylesheet href=\"" +
                      b_named + "/s/site.css\"></head><body><img src=\"" + b_named +
                      "/i/logo.png\"><img src=\"" + c.url("/tracker.png") +
                      "\"><img src=\"ftp://127.0.0.1/x.png\"></body></html>");
  {
    std::string dir = test::make_temp_dir("requisites_scope");
    auto r = crawl_a(dir, a, {"--page-requisites"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(a.hits("/own.css") == 1);  // in scope: fetched
    CHECK(a.hits("/own.png") == 1);
    CHECK(b.requests().empty());
    CHECK(c.requests().empty());
    // Not queued either: no row for the other hosts or the ftp: image.
    auto db = store::Store::open(dir + "/db", store::OpenMode::kExisting);
    REQUIRE(db);
    for (const std::string& u : {b_named + "/s/site.css", c.url("/tracker.png"),
                                 std::string("ftp://127.0.0.1/x.png")}) {
      INFO(u);
      auto row = (*db)->find_url(u);
      REQUIRE(row);
      CHECK_FALSE(row->has_value());
    }
  }
  {
    // A host name covers every port of it (and its subdomains); a
    // comma list and a repeated option add up.
    std::string dir = test::make_temp_dir("requisites_hosts");
    auto r = crawl_a(dir, a, {"--page-requisites", "--requisite-hosts", "localhost,cdn.example",
                              "--requisite-hosts", "static.example"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(b.hits("/s/site.css") == 1);
    CHECK(b.hits("/i/logo.png") == 1);
    CHECK(b.hits("/i/bg.png") == 1);  // from B's style sheet
    CHECK(c.requests().empty());
  }
  auto bad = test::run_winnow({"crawl", a.url("/"), "--db", test::make_temp_dir("requisites_bad") + "/db",
                               "--requisite-hosts", "http://cdn.example/"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--requisite-hosts") != std::string::npos);
}

// Under --scope prefix a requisite needs an in-scope host, not path: a
// page in /docs/ uses /static/ (pages outside /docs/ are still not crawled).
TEST_CASE("under --scope prefix requisites of the seed's host are fetched", "[policy]") {
  TestServer a;
  a.set_page("/docs/", "<html><head><link rel=stylesheet href=\"/static/site.css\"></head>"
                       "<body><img src=\"/img/logo.png\"><a href=\"/docs/b\">b</a> "
                       "<a href=\"/blog/\">blog</a></body></html>");
  a.set_page("/docs/b", "<html><body>b</body></html>");
  a.set_page("/blog/", "<html><body>blog</body></html>");
  a.set_page("/static/site.css", "body{background:url(/img/bg.png)}", "text/css");
  a.set_page("/img/logo.png", "PNG", "image/png");
  a.set_page("/img/bg.png", "PNG", "image/png");
  std::string dir = test::make_temp_dir("requisites_prefix");
  auto r = test::run_winnow({"crawl", a.url("/docs/"), "--db", dir + "/db", "--delay", "0",
                             "--sitemaps", "off", "--quiet", "--scope", "prefix",
                             "--page-requisites"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(a.hits("/docs/b") == 1);
  CHECK(a.hits("/blog/") == 0);
  CHECK(a.hits("/static/site.css") == 1);
  CHECK(a.hits("/img/logo.png") == 1);
  CHECK(a.hits("/img/bg.png") == 1);
}

// Regression: style sheets were followed through @import without limit,
// so a generated chain of imports was a requisite trap.
TEST_CASE("style sheet chains stop after limits::kMaxStylesheetChain sheets", "[policy]") {
  TestServer a;
  a.set_page("/", "<html><head><link rel=stylesheet href=\"/css/0.css\"></head><body>x</body></html>");
  for (int i = 0; i < 10; ++i) {
    a.set_page("/css/" + std::to_string(i) + ".css",
               "@import url(" + std::to_string(i + 1) + ".css);\nbody{background:url(/img/" +
                   std::to_string(i) + ".png)}\n",
               "text/css");
    a.set_page("/img/" + std::to_string(i) + ".png", "PNG", "image/png");
  }
  std::string dir = test::make_temp_dir("requisites_chain");
  auto r = crawl_a(dir, a, {"--page-requisites"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  static_assert(winnow::limits::kMaxStylesheetChain == 4);
  for (int i = 0; i < 10; ++i) {
    INFO(i);
    CHECK(a.hits("/css/" + std::to_string(i) + ".css") == (i < 4 ? 1 : 0));
    CHECK(a.hits("/img/" + std::to_string(i) + ".png") == (i < 3 ? 1 : 0));
  }
}

}  // namespace
