// sitemap_test.cc: sitemap parsing per the sitemaps.org protocol -- XML
// urlset and sitemapindex, entities/CDATA/whitespace in <loc>, gzip, plain
// text, and the kMaxSitemapUrls / kMaxSitemapBytes limits.
#include <catch2/catch.hpp>

#include "crawler/crawler.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {

SitemapResult parsed(std::string_view body) {
  Result<SitemapResult> r = parse_sitemap(body, "test.xml");
  REQUIRE(r.is_ok());
  return std::move(r).value();
}

const char* kUrlset =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "  <!-- <url><loc>http://example.com/commented</loc></url> -->\n"
    "  <url><loc>http://example.com/</loc><lastmod>2024-01-01</lastmod></url>\n"
    "  <url><loc>\n     http://example.com/a?x=1&amp;y=2&#38;z=&#x33;\n  "
    "</loc></url>\n"
    "  <url><loc><![CDATA[http://example.com/b?p=<1>&q]]></loc></url>\n"
    "  <url><loc>ftp://example.com/not-http</loc></url>\n"
    "  <url><LOC>HTTPS://example.com/upper</LOC></url>\n"
    "</urlset>\n";

}  // namespace

TEST_CASE("sitemap urlset: <loc> values decoded, trimmed, http(s) only",
          "[policy]") {
  SitemapResult r = parsed(kUrlset);
  CHECK_FALSE(r.is_index);
  CHECK_FALSE(r.truncated);
  std::vector<std::string> want = {
      "http://example.com/", "http://example.com/a?x=1&y=2&z=3",
      "http://example.com/b?p=<1>&q", "HTTPS://example.com/upper"};
  CHECK(r.urls == want);
}

TEST_CASE("sitemap index: is_index and the child sitemaps", "[policy]") {
  SitemapResult r = parsed(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<sitemapindex "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>http://example.com/s1.xml.gz</loc></sitemap>"
      "<sitemap><loc>http://example.com/s2.xml</loc><lastmod>2024</lastmod></"
      "sitemap>"
      "</sitemapindex>");
  CHECK(r.is_index);
  std::vector<std::string> want = {"http://example.com/s1.xml.gz",
                                   "http://example.com/s2.xml"};
  CHECK(r.urls == want);
}

TEST_CASE("sitemap with namespace prefixes", "[policy]") {
  SitemapResult r = parsed(
      "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sm:url><sm:loc>http://example.com/p</sm:loc></sm:url></sm:urlset>");
  CHECK(r.urls == std::vector<std::string>{"http://example.com/p"});
  // Image sitemap extension: <image:loc> names a picture, not a page.
  SitemapResult images = parsed(
      "<urlset xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">"
      "<url><loc>http://example.com/page</loc><image:image>"
      "<image:loc>http://example.com/pic.jpg</image:loc></image:image></url>"
      "</urlset>");
  CHECK(images.urls == std::vector<std::string>{"http://example.com/page"});
}

TEST_CASE("gzip sitemaps are inflated", "[policy]") {
  SitemapResult plain = parsed(kUrlset);
  SitemapResult gz = parsed(gzip_member(kUrlset));
  CHECK(gz.urls == plain.urls);
  Result<SitemapResult> bad =
      parse_sitemap(std::string("\x1f\x8b\x08\x00garbage", 11), "bad.xml.gz");
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().kind() == ErrorKind::kCorrupt);
  CHECK(bad.status().message().find("bad.xml.gz") != std::string::npos);
}

TEST_CASE("plain-text sitemaps: one URL per line", "[policy]") {
  SitemapResult r = parsed(
      "http://example.com/1\r\n\r\n  http://example.com/2  \nnot a "
      "url\nhttps://example.com/3");
  CHECK_FALSE(r.is_index);
  std::vector<std::string> want = {
      "http://example.com/1", "http://example.com/2", "https://example.com/3"};
  CHECK(r.urls == want);
}

TEST_CASE("kMaxSitemapUrls: URLs past the limit are dropped and flagged",
          "[policy]") {
  std::string text;
  for (size_t i = 0; i <= limits::kMaxSitemapUrls; ++i) {
    text += "http://example.com/" + std::to_string(i) + "\n";
  }
  SitemapResult r = parsed(text);
  CHECK(r.urls.size() == limits::kMaxSitemapUrls);
  CHECK(r.truncated);
  CHECK(r.urls.back() ==
        "http://example.com/" + std::to_string(limits::kMaxSitemapUrls - 1));
}

TEST_CASE("kMaxSitemapBytes: larger sitemaps, plain or inflated, are refused",
          "[policy]") {
  std::string big(limits::kMaxSitemapBytes + 1, ' ');
  Result<SitemapResult> plain = parse_sitemap(big, "big.txt");
  REQUIRE_FALSE(plain.is_ok());
  CHECK(plain.status().kind() == ErrorKind::kLimitExceeded);
  Result<SitemapResult> bomb =
      parse_sitemap(gzip_member(big, 1), "bomb.xml.gz");
  REQUIRE_FALSE(bomb.is_ok());
  CHECK(bomb.status().kind() == ErrorKind::kLimitExceeded);
  CHECK(bomb.status().message().find("bomb.xml.gz") != std::string::npos);
}
