// page_requisites_test.cc: `winnow crawl --page-requisites` against two
// loopback servers (two ports = two hosts): pages on host A use a style
// sheet, images, a script and a font (from the style sheet's url()) on host
// B. With the flag they are fetched, B's robots.txt still applies, and the
// mirror links them locally; without it B is never asked
// (docs/internals/mirror-warc.md, issue 6 point 3).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

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
  auto r = crawl_a(dir, a, {"--page-requisites"});
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

}  // namespace
