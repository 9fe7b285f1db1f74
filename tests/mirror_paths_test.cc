// mirror_paths_test.cc: the offline mirror (docs/internals/mirror-warc.md):
// URL -> local path mapping including hostile URLs, link rewriting that
// touches only link text, and write_mirror's incremental update.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "crawler/crawler.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/util.h"

namespace {

using namespace winnow;
using crawler::mirror_path;
using crawler::relative_href;
namespace fs = std::filesystem;

TEST_CASE("mirror paths: host, port, index, query, extension", "[policy]") {
  CHECK(mirror_path("http://127.0.0.1:8080/", "text/html") == "127.0.0.1_8080/index.html");
  CHECK(mirror_path("http://example.com", "text/html") == "example.com/index.html");
  CHECK(mirror_path("http://example.com:80/a/", "text/html") == "example.com/a/index.html");
  CHECK(mirror_path("http://example.com/a/b", "text/html") == "example.com/a/b.html");
  CHECK(mirror_path("http://example.com/a/b.htm", "text/html") == "example.com/a/b.htm");
  CHECK(mirror_path("http://example.com/p?x=1&y=2", "text/html") ==
        "example.com/p%3Fx=1&y=2.html");
  CHECK(mirror_path("http://example.com/style", "text/css") == "example.com/style.css");
  CHECK(mirror_path("http://example.com/img/logo", "image/png") == "example.com/img/logo.png");
  CHECK(mirror_path("http://example.com/img/logo.jpeg", "image/png") ==
        "example.com/img/logo.jpeg");
  CHECK(mirror_path("http://example.com/caf%C3%A9", "") == "example.com/caf\xC3\xA9");
  CHECK(mirror_path("mailto:a@b.c", "text/html") == "");
}

TEST_CASE("mirror paths: hostile components are neutralised", "[policy]") {
  CHECK(mirror_path("http://example.com/%2E%2E/x", "") == "example.com/%2E%2E/x");
  CHECK(mirror_path("http://example.com/a%00b%0A", "") == "example.com/a%00b%0A");
  CHECK(mirror_path("http://example.com/a%2Fb", "") == "example.com/a%2Fb");
  CHECK(mirror_path("http://example.com/CON", "text/plain") == "example.com/CON_.txt");
  CHECK(mirror_path("http://example.com/lpt1.txt", "") == "example.com/lpt1_.txt");
  CHECK(mirror_path("http://example.com/trail.", "") == "example.com/trail%2E");
  CHECK(mirror_path("http://example.com/a%3Ab%2A%3C%3E%7C%5C%22", "") ==
        "example.com/a%3Ab%2A%3C%3E%7C%5C%22");
  std::string longname(300, 'x');
  std::string p = mirror_path("http://example.com/" + longname + ".html", "text/html");
  std::string last = p.substr(p.rfind('/') + 1);
  CHECK(last.size() == winnow::limits::kMaxPathComponentBytes);  // kMaxPathComponentBytes
  CHECK(last.substr(last.size() - 5) == ".html");
  CHECK(last[last.size() - 22] == '~');
}

TEST_CASE("mirror paths: every hostile URL lands inside and unique", "[policy]") {
  std::vector<std::string> urls = {
      "http://h.test/a", "http://h.test/A", "http://h.test/x", "http://h.test/x/y",
      "http://h.test/%2e%2e/%2e%2e/etc/passwd", "http://h.test/..%2f..%2fboot",
      "http://h.test/nul", "http://h.test/NUL.txt", "http://h.test/com9",
      "http://h.test/a%01b", "http://h.test/q?a=../../x", "http://h.test/q?A=../../X",
      "http://h.test/" + std::string(500, 'y'), "http://h.test/" + std::string(500, 'Y'),
      "http://h.test/dots...", "http://h.test/sp%20%20", "http://h.test/%E2%80%AE",
      "http://h.test/%FF%FE", "http://[::1]:8080/v6", "http://h.test/a/b/c?d",
      "http://H.TEST:81/port", "http://h.test/back%5Cslash"};
  crawler::MirrorPathMap map;
  for (const auto& u : urls) map.add(u, u.find("/x") != std::string::npos ? "" : "text/html");
  map.finish();
  std::set<std::string> seen;
  std::set<std::string> dirs;
  for (const auto& u : urls) {
    auto p = map.path_of(u);
    REQUIRE(p);
    INFO(u << " -> " << *p);
    CHECK(seen.insert(to_lower_ascii(*p)).second);
    for (std::string_view c : split(*p, '/')) {
      CHECK(!c.empty());
      CHECK(c != ".");
      CHECK(c != "..");
      CHECK(c.size() <= winnow::limits::kMaxPathComponentBytes);
      CHECK(c.back() != '.');
      CHECK(c.back() != ' ');
      for (unsigned char ch : c) {
        CHECK(ch >= 0x20);
        CHECK(std::string_view(":*?\"<>|\\").find(static_cast<char>(ch)) ==
              std::string_view::npos);
      }
      std::string stem = to_lower_ascii(c.substr(0, c.find('.')));
      CHECK(stem != "con");
      CHECK(stem != "nul");
      CHECK(stem != "com9");
    }
    std::string lower = to_lower_ascii(*p);
    for (size_t i = lower.find('/'); i != std::string::npos; i = lower.find('/', i + 1)) {
      dirs.insert(lower.substr(0, i));
    }
  }
  for (const auto& f : seen) CHECK(dirs.count(f) == 0);  // no file is a dir
  CHECK(*map.path_of("http://h.test/x") == "h.test/x~1");
  CHECK(*map.path_of("http://h.test/A") == "h.test/A.html");
  CHECK(*map.path_of("http://h.test/a") == "h.test/a~1.html");
  CHECK(*map.path_of("http://[::1]:8080/v6") == "[%3A%3A1]_8080/v6.html");
}

TEST_CASE("relative hrefs escape % ? # and climb directories", "[policy]") {
  CHECK(relative_href("h/a/b/index.html", "h/c/d.html") == "../../c/d.html");
  CHECK(relative_href("h/index.html", "h/p%3Fx=1.html") == "p%253Fx=1.html");
  CHECK(relative_href("h/index.html", "h/a#b c.html") == "a%23b%20c.html");
  CHECK(relative_href("h/index.html", "g/index.html") == "../g/index.html");
  CHECK(relative_href("h/a.html", "h/a.html") == "a.html");
}

crawler::LinkMapper test_mapper(const crawler::MirrorPathMap& map) {
  return crawler::mirror_link_mapper(map, "h.test/dir/page.html");
}

TEST_CASE("HTML rewriting touches only link values", "[policy]") {
  crawler::MirrorPathMap map;
  map.add("http://h.test/dir/page.html", "text/html");
  map.add("http://h.test/", "text/html");
  map.add("http://h.test/s.css", "text/css");
  map.add("http://h.test/i.png", "image/png");
  map.add("http://h.test/i2.png", "image/png");
  map.add("http://h.test/q?x=1", "text/html");
  map.finish();
  std::string html =
      "<!DOCTYPE html><HTML><head><link rel=stylesheet href='/s.css'>"
      "<style>body{background:url( \"../i.png\" )}</style>"
      "<meta http-equiv=\"Refresh\" content=\"5; URL=/q?x=1\"></head>"
      "<body><!-- <a href=\"/i.png\"> --><A HREF=\"/#top\">home</A>"
      "<a href=\"other.html#s\">x</a> <a href=#local>l</a>"
      "<img src=/i.png srcset=\"/i.png 1x, /i2.png 2x\" alt=\"/i.png\">"
      "<div style=\"background: url(&quot;/i2.png&quot;)\">d</div>"
      "<a href=\"mailto:x@y\">m</a><a href=\"/q?x=1&amp;utm_source=z\">q</a>"
      "<script>var s = '<a href=\"/i.png\">';</script></body></HTML>";
  std::string out = crawler::rewrite_html(html, "http://h.test/dir/page.html",
                                          test_mapper(map), "page.html");
  CHECK(out ==
        "<!DOCTYPE html><HTML><head><link rel=stylesheet href='../s.css'>"
        "<style>body{background:url( \"../i.png\" )}</style>"
        "<meta http-equiv=\"Refresh\" content=\"5; URL=../q%253Fx=1.html\"></head>"
        "<body><!-- <a href=\"/i.png\"> --><A HREF=\"../index.html#top\">home</A>"
        "<a href=\"http://h.test/dir/other.html#s\">x</a> <a href=#local>l</a>"
        "<img src=../i.png srcset=\"../i.png 1x, ../i2.png 2x\" alt=\"/i.png\">"
        "<div style=\"background: url(&quot;../i2.png&quot;)\">d</div>"
        "<a href=\"mailto:x@y\">m</a><a href=\"../q%253Fx=1.html\">q</a>"
        "<script>var s = '<a href=\"/i.png\">';</script></body></HTML>");
}

TEST_CASE("CSS rewriting: url() and @import", "[policy]") {
  crawler::MirrorPathMap map;
  map.add("http://h.test/dir/page.html", "text/html");
  map.add("http://h.test/i.png", "image/png");
  map.add("http://h.test/more.css", "text/css");
  map.finish();
  std::string css =
      "@import \"/more.css\";\n/* url(/i.png) */\na{b:url(/i.png)}\n"
      "c{d:url('/none.png')} e{content:\"url(/i.png)\"}";
  CHECK(crawler::rewrite_css(css, "http://h.test/dir/x.css", test_mapper(map)) ==
        "@import \"../more.css\";\n/* url(/i.png) */\na{b:url(../i.png)}\n"
        "c{d:url('http://h.test/none.png')} e{content:\"url(/i.png)\"}");
}

// Stores one 200 (or `status`) fetch of http://h.test`path`.
void put(store::Store& db, const std::string& path, const std::string& type,
         const std::string& body, int status = 200, int64_t at = 1700000000000) {
  test::put_page(db, "http://h.test", path, type, body, status, at);
}

TEST_CASE("write_mirror writes, then updates only what changed", "[policy]") {
  std::string dir = test::make_temp_dir("mirror_update");
  auto db = store::Store::open(dir + "/s.db");
  REQUIRE(db);
  put(**db, "/", "text/html",
      "<a href=\"/a\">a</a><a href=\"/gone\">g</a><img src=\"/i.png\">");
  put(**db, "/a", "text/html", "<p>A1</p><a href=\"/\">home</a>");
  put(**db, "/gone", "text/html", "<p>soon gone</p>");
  put(**db, "/i.png", "image/png", "PNG");
  crawler::MirrorOptions o;
  o.out_dir = dir + "/m";
  crawler::MirrorStats s;
  REQUIRE(crawler::write_mirror(**db, o, &s));
  CHECK(crawler::mirror_summary(s) == "new 4, changed 0, unchanged 0, removed 0");
  CHECK(test::slurp(o.out_dir + "/h.test/index.html") ==
        "<a href=\"a.html\">a</a><a href=\"gone.html\">g</a><img src=\"i.png\">");
  CHECK(test::slurp(o.out_dir + "/h.test/a.html") ==
        "<p>A1</p><a href=\"index.html\">home</a>");
  // A refresh: /a changed, /gone is 404, the rest unchanged.
  put(**db, "/a", "text/html", "<p>A2</p><a href=\"/\">home</a>", 200, 1700000100000);
  put(**db, "/gone", "text/html", "", 404, 1700000100000);
  s = {};
  REQUIRE(crawler::write_mirror(**db, o, &s));
  CHECK(crawler::mirror_summary(s) == "new 0, changed 2, unchanged 1, removed 1");
  CHECK(!fs::exists(o.out_dir + "/h.test/gone.html"));
  CHECK(test::slurp(o.out_dir + "/h.test/index.html") ==
        "<a href=\"a.html\">a</a><a href=\"http://h.test/gone\">g</a><img src=\"i.png\">");
  s = {};
  REQUIRE(crawler::write_mirror(**db, o, &s));
  CHECK(crawler::mirror_summary(s) == "new 0, changed 0, unchanged 3, removed 0");
}

TEST_CASE("write_mirror --keep-gone keeps files of gone pages", "[policy]") {
  std::string dir = test::make_temp_dir("mirror_keep_gone");
  auto db = store::Store::open(dir + "/s.db");
  REQUIRE(db);
  put(**db, "/gone", "text/html", "<p>x</p>");
  crawler::MirrorOptions o;
  o.out_dir = dir + "/m";
  o.keep_gone = true;
  crawler::MirrorStats s;
  REQUIRE(crawler::write_mirror(**db, o, &s));
  put(**db, "/gone", "text/html", "", 410, 1700000100000);
  s = {};
  REQUIRE(crawler::write_mirror(**db, o, &s));
  CHECK(crawler::mirror_summary(s) == "new 0, changed 0, unchanged 0, removed 0");
  CHECK(test::slurp(o.out_dir + "/h.test/gone.html") == "<p>x</p>");
}

}  // namespace
