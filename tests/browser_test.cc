// browser_test.cc: the offline mirror opened in real headless Chromium over
// file:// (docs/internals/mirror-warc.md "Link rewriting"): every link and
// image resolves to a file in the mirror, style sheets (and their url()
// images) load, and no request leaves file://. Driven by
// tests/support/browser_check.js (raw DevTools protocol over a pipe).
// Skips only when chromium is absent and CI is unset.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "crawler/crawler.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/util.h"

namespace {

using namespace winnow;
namespace fs = std::filesystem;

const char kPng[] =  // 1x1 PNG
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    "\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\xfc\xcf\xc0\x50"
    "\x0f\x00\x04\x85\x01\x80\x84\xa9\x8c\x21\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82";

void put(store::Store& db, const std::string& path, const std::string& type,
         const std::string& body) {
  test::put_page(db, "http://127.0.0.1:8080", path, type, body);
}

std::string file_url(const std::string& path) {
  std::string out = "file://";
  for (char c : fs::absolute(path).string()) {
    out += c == '%' ? std::string("%25") : std::string(1, c);
  }
  return out;
}

void check_page(const std::string& mirror, const std::string& rel, int images) {
  std::string profile = test::make_temp_dir("browser_profile");
  auto r = test::run_program("/usr/bin/node",
                             {std::string(WINNOW_SOURCE_DIR) + "/tests/support/browser_check.js",
                              "/usr/bin/chromium", file_url(mirror + "/" + rel), profile});
  INFO(rel << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  auto page = JsonValue::parse(r.out);
  REQUIRE(page);
  CHECK((*page)["failed"].as_array().empty());
  CHECK((*page)["requests"].as_array().size() >= 2);
  for (const auto& u : (*page)["requests"].as_array()) {
    CHECK(u.as_string().rfind("file://", 0) == 0);  // nothing leaves file://
  }
  for (const auto& l : (*page)["links"].as_array()) {
    std::string u = l.as_string();
    REQUIRE(u.rfind("file://", 0) == 0);
    std::string p = u.substr(7, u.find('#') == std::string::npos ? std::string::npos
                                                                  : u.find('#') - 7);
    std::string decoded;
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '%' && i + 2 < p.size()) {
        decoded += static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += p[i];
      }
    }
    CHECK(fs::is_regular_file(decoded));
  }
  REQUIRE((*page)["images"].as_array().size() == static_cast<size_t>(images));
  for (const auto& img : (*page)["images"].as_array()) CHECK(img["ok"].as_bool());
  REQUIRE((*page)["sheets"].as_array().size() == 1);
  CHECK((*page)["sheets"].as_array()[0]["rules"].as_number() == 1);
  CHECK((*page)["bg"].as_string() == "rgb(1, 2, 3)");
}

TEST_CASE("mirrored pages open offline in headless Chromium", "[policy]") {
  if (!fs::exists("/usr/bin/chromium") || !fs::exists("/usr/bin/node")) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL("chromium/node missing in CI");
    WARN("SKIP: /usr/bin/chromium or /usr/bin/node not installed");
    return;
  }
  std::string dir = test::make_temp_dir("browser_mirror");
  auto db = store::Store::open(dir + "/s.db");
  REQUIRE(db);
  std::string png(kPng, sizeof kPng - 1);
  put(**db, "/", "text/html",
      "<html><head><link rel=stylesheet href=\"/css/site\"></head><body>"
      "<a href=\"/sub/page?id=1#top\">p</a> <a href=\"/\">home</a>"
      "<img src=\"/img/p.png\" srcset=\"/img/p.png 1x\"></body></html>");
  put(**db, "/css/site", "text/css",
      "body{background-color:rgb(1,2,3);background-image:url(/img/bg)}");
  put(**db, "/img/p.png", "image/png", png);
  put(**db, "/img/bg", "image/png", png);
  put(**db, "/sub/page?id=1", "text/html",
      "<html><head><link rel=stylesheet href=\"../css/site\"></head><body>"
      "<a href=\"../\">home</a><img src=\"/img/p.png\"><img src=\"../img/bg\"></body></html>");
  crawler::MirrorOptions o;
  o.out_dir = dir + "/m";
  REQUIRE(crawler::write_mirror(**db, o, nullptr));
  check_page(o.out_dir, "127.0.0.1_8080/index.html", 1);
  check_page(o.out_dir, "127.0.0.1_8080/sub/page%3Fid=1.html", 2);
}

}  // namespace
