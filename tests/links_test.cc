// links_test.cc: link discovery over raw HTML and CSS -- every element and
// attribute the scanner reads, <base href>, entity decoding, skipped
// comments/scripts, srcset, meta refresh, rel=canonical, and the CSS
// url()/@import scanner. Expected lists are exact and in document order.
#include <catch2/catch.hpp>

#include "crawler/crawler.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {

// "N url" for navigation, "R url" for requisites, with the tag.
std::vector<std::string> summary(const PageLinks& links) {
  std::vector<std::string> out;
  for (const Link& l : links.links) {
    out.push_back(std::string(l.kind == LinkKind::kNavigation ? "N " : "R ") +
                  std::string(l.tag) + " " + l.url);
  }
  return out;
}

}  // namespace

TEST_CASE("extract_links finds every kind of link in document order",
          "[policy]") {
  std::string html = R"HTML(<!DOCTYPE html>
<html><head>
<title>Title <a href="/not-a-link"></title>
<link rel="stylesheet" href="/css/site.css">
<link rel="shortcut icon" href="/favicon.ico">
<link rel=canonical href="https://example.com/page?utm_source=x">
<link rel="next" href="page2.html"><link rel="prev" href="page0.html">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="preconnect" href="https://cdn.example.net">
<meta http-equiv="Refresh" content="5; URL='/moved.html'">
<style>body { background: url("/img/bg.png") } @import 'print.css';</style>
<script src="/js/app.js"></script>
<script>var s = "<a href='/in-script'>";</script>
</head><body background="/img/body.gif">
<!-- <a href="/commented">x</a> -->
<a href="a.html?x=1&amp;y=2">A</a>
<A HREF='/b.html#frag'>B</A>
<a href=/c.html>C</a>
<a href="mailto:x@example.com">m</a><a href="javascript:void(0)">j</a><a href="#top">t</a><a href="">e</a>
<area shape=rect href="/area.html">
<img src="/img/a.png" srcset="/img/a-2x.png 2x, /img/a,3x.png 3x">
<picture><source srcset="/img/s.webp 1x"><img src=/img/fallback.png></picture>
<iframe src="/frame.html"></iframe><frame src="/frame2.html">
<video src="/v.mp4" poster="/poster.jpg"><track src="/subs.vtt"></video>
<audio src="/a.mp3"></audio><embed src="/e.swf"><object data="/o.pdf"></object>
<div style="background-image: url(/img/div.png)"></div>
<a href="/b.html">duplicate</a>
<textarea><a href="/in-textarea"></textarea>
</body></html>)HTML";
  PageLinks links = extract_links(html, "http://example.com/dir/page.html");
  std::vector<std::string> want = {
      "R link http://example.com/css/site.css",
      "R link http://example.com/favicon.ico",
      "N link https://example.com/page",
      "N link http://example.com/dir/page2.html",
      "N link http://example.com/dir/page0.html",
      "N link http://example.com/feed.xml",
      "N meta http://example.com/moved.html",
      "R css http://example.com/img/bg.png",
      "R css http://example.com/dir/print.css",
      "R script http://example.com/js/app.js",
      "R body http://example.com/img/body.gif",
      "N a http://example.com/dir/a.html?x=1&y=2",
      "N a http://example.com/b.html",
      "N a http://example.com/c.html",
      "N area http://example.com/area.html",
      "R img http://example.com/img/a.png",
      "R img http://example.com/img/a-2x.png",
      "R img http://example.com/img/a,3x.png",
      "R source http://example.com/img/s.webp",
      "R img http://example.com/img/fallback.png",
      "N iframe http://example.com/frame.html",
      "N frame http://example.com/frame2.html",
      "R video http://example.com/v.mp4",
      "R video http://example.com/poster.jpg",
      "R track http://example.com/subs.vtt",
      "R audio http://example.com/a.mp3",
      "R embed http://example.com/e.swf",
      "R object http://example.com/o.pdf",
      "R css http://example.com/img/div.png",
  };
  CHECK(summary(links) == want);
  CHECK(links.canonical == "https://example.com/page");
  CHECK(links.base == "http://example.com/dir/page.html");
}

TEST_CASE("<base href> applies to every link, even ones before it",
          "[policy]") {
  std::string html =
      "<a href='x.html'>x</a><base href='http://other.example/sub/'><a "
      "href='y.html'>y</a>"
      "<base href='/ignored/'>";
  PageLinks links = extract_links(html, "http://example.com/");
  std::vector<std::string> want = {"N a http://other.example/sub/x.html",
                                   "N a http://other.example/sub/y.html"};
  CHECK(summary(links) == want);
  CHECK(links.base == "http://other.example/sub/");
  PageLinks relative =
      extract_links("<base href=../up/><a href=z>z</a>", "http://e.com/a/b/c");
  CHECK(summary(relative) ==
        std::vector<std::string>{"N a http://e.com/a/up/z"});
}

TEST_CASE("attribute values: entities, quotes and whitespace", "[policy]") {
  std::string html =
      "<a href=\" /p?a=1&amp;b=2&#38;c=&#x33;&copy=4 \">x</a>"
      "<a title='>' href=\"/q\">q</a>"
      "<a data-x=\"a\" href = '/r' >r</a>"
      "<a href=\"/s\n\tt\">s</a>";
  PageLinks links = extract_links(html, "http://e.com/");
  std::vector<std::string> want = {"N a http://e.com/p?a=1&b=2&c=3&copy=4",
                                   "N a http://e.com/q", "N a http://e.com/r",
                                   "N a http://e.com/st"};
  CHECK(summary(links) == want);
  CHECK(decode_html_entities("&lt;&gt;&quot;&apos;&#233;&#xE9;&unknown;&") ==
        "<>\"'\xC3\xA9\xC3\xA9&unknown;&");
}

TEST_CASE("meta refresh forms", "[policy]") {
  auto refresh = [](const std::string& content) {
    PageLinks l =
        extract_links("<meta http-equiv=refresh content=\"" + content + "\">",
                      "http://e.com/d/");
    return l.links.empty() ? std::string() : l.links[0].url;
  };
  CHECK(refresh("0;url=/a") == "http://e.com/a");
  CHECK(refresh("5 ; URL = b.html") == "http://e.com/d/b.html");
  CHECK(refresh("0; c.html") == "http://e.com/d/c.html");
  CHECK(refresh("3") == "");
}

TEST_CASE("malformed HTML ends cleanly with the links found so far",
          "[policy]") {
  CHECK(summary(extract_links("<a href='/x'>x</a><a href=\"/unterminated",
                              "http://e.com/")) ==
        std::vector<std::string>{"N a http://e.com/x"});
  CHECK(summary(extract_links("<a href=/y><!-- never closed <a href=/z>",
                              "http://e.com/")) ==
        std::vector<std::string>{"N a http://e.com/y"});
  CHECK(summary(extract_links("<script><a href=/z>", "http://e.com/")).empty());
  CHECK(extract_links("<a href=/x>", "not a url").links.empty());
}

TEST_CASE("extract_css_urls: url(), @import, escapes and comments",
          "[policy]") {
  std::string css =
      "@import \"a.css\";\n@import url(b.css) screen;\n"
      "/* url(commented.png) */\n"
      "body { background: URL( 'c.png' ) }\n"
      ".x { background: url(d\\).png) }\n"
      ".y { content: \"url(not-a-url)\" }\n"
      "@font-face { src: url(\"f.woff2\") format(\"woff2\"), url(f.woff) }\n"
      ".z { background: url(\\66 .png) }\n";
  std::vector<std::string> want = {"a.css",   "b.css",  "c.png", "d).png",
                                   "f.woff2", "f.woff", "f.png"};
  CHECK(extract_css_urls(css) == want);
  std::vector<Link> links =
      extract_css_links("@import 'x.css'; a{b:url(/y.png)} c{d:url(x.css)}",
                        "http://e.com/css/site.css");
  REQUIRE(links.size() == 2);
  CHECK(links[0].url == "http://e.com/css/x.css");
  CHECK(links[0].kind == LinkKind::kRequisite);
  CHECK(links[0].tag == "css");
  CHECK(links[1].url == "http://e.com/y.png");
}

TEST_CASE("a repeated value is resolved once and reported at its first "
          "occurrence",
          "[policy]") {
  // Navigation repeats values; the first occurrence gives the kind, and a
  // later rel=canonical with the same value still sets the canonical link.
  PageLinks pl = extract_links(
      "<a href='/menu/'>m</a><img src='/logo.png'><a href='/menu/'>m</a>"
      "<link rel=canonical href='/menu/'><img src='/logo.png'>",
      "https://site.example/page");
  REQUIRE(pl.links.size() == 2);
  CHECK(pl.links[0].url == "https://site.example/menu/");
  CHECK(pl.links[0].kind == LinkKind::kNavigation);
  CHECK(pl.links[1].url == "https://site.example/logo.png");
  CHECK(pl.links[1].kind == LinkKind::kRequisite);
  CHECK(pl.canonical == "https://site.example/menu/");
}
