// page_kind_test.cc: page kind and title rules of build_document -- a post
// title that links to its permalink before content text, or "read on" links
// after excerpts, make a listing; related-post links after an article do
// not; a <title> that is only the site name gives way to the single h1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "parser/parser.h"

using namespace winnow;

namespace {

parser::Document doc_of(const std::string& html, const std::string& url) {
  parser::ParseOptions po;
  po.url = url;
  parser::ParsedPage page = parser::parse_html(html, po);
  return chrome::build_document(url, page, chrome::classify_page(page));
}

const std::string kBody =
    "<p>The committee met again on Tuesday to review the records of the old "
    "mill, and the members agreed that the survey should continue into the "
    "spring, when the river is low enough to reach the lower rooms.</p>"
    "<p>Volunteers from three villages offered to help, and the council said "
    "it would pay for the equipment, the transport and the printing of the "
    "final report once the work is done.</p>";

}  // namespace

TEST_CASE("a single post under a linked title is a listing", "[policy]") {
  std::string html =
      "<html><head><title>Month: May 2020 | Valley Forum</title></head><body>"
      "<main><h1>Month: May 2020</h1><article><h2><a href='/posts/1'>The Mill "
      "Survey Goes On</a></h2>" + kBody + "</article></main></body></html>";
  CHECK(doc_of(html, "http://h.test/2020/05/").kind == parser::PageKind::kListing);
}

TEST_CASE("related-post links after an article keep it an article", "[policy]") {
  std::string html =
      "<html><head><title>The Mill Survey Goes On | Valley Forum</title>"
      "<meta property='og:type' content='article'></head><body><main><article>"
      "<h1>The Mill Survey Goes On</h1>" + kBody +
      "<h3><a href='/posts/2'>Another story about the river</a></h3>"
      "<h3><a href='/posts/3'>A third story about the valley</a></h3>"
      "</article></main></body></html>";
  CHECK(doc_of(html, "http://h.test/posts/1").kind == parser::PageKind::kArticle);
}

TEST_CASE("read-on links after excerpts make a listing", "[policy]") {
  std::string item =
      "<div><h3>A story</h3><p>The committee met again on Tuesday to review "
      "the records of the old mill and agreed to go on.</p>"
      "<p><a href='/posts/9'>Lire la suite</a></p></div>";
  std::string html = "<html><head><title>Bulletin</title></head><body><main>"
                     "<h1>Bulletin, May</h1>" + item + item + item + item +
                     "</main></body></html>";
  CHECK(doc_of(html, "http://h.test/bulletin/5").kind == parser::PageKind::kListing);
}

TEST_CASE("a <title> naming only the site gives way to the single h1", "[policy]") {
  std::string html =
      "<html><head><title>Valley Forum</title>"
      "<meta property='og:site_name' content='Valley Forum'></head><body><main>"
      "<article><h1>The Mill Survey Goes On</h1>" + kBody +
      "</article></main></body></html>";
  CHECK(doc_of(html, "http://h.test/posts/1").title == "The Mill Survey Goes On");
}

TEST_CASE("a site title linking home is not a post unit", "[policy]") {
  // Regression: a static blog whose every post page opens with the site's
  // name as an <h1> linking to ../index.html (no <header>, no metadata) had
  // each post judged a listing, so its month archive took the post's text.
  std::string html =
      "<html lang=fa dir=rtl><head><title>— | Valley Forum</title></head><body><div>"
      "<h1><a href='../index.html'>Valley Forum</a></h1>"
      "<h2>The Mill Survey Goes On</h2>" + kBody + "</div></body></html>";
  CHECK(doc_of(html, "http://h.test/posts/mill.html").kind == parser::PageKind::kArticle);
  // The same heading linking to a page beside it is a post title.
  std::string listing =
      "<html><head><title>Valley Forum</title></head><body><div>"
      "<h1><a href='other.html'>The Mill Survey Goes On</a></h1>" + kBody + "</div></body></html>";
  CHECK(doc_of(listing, "http://h.test/posts/mill.html").kind == parser::PageKind::kListing);
}

// Regression: a JavaScript reference post -- under each of its many
// section headings, a sentence of prose and then an entry name that links
// to its documentation on another site -- was taken for a listing of
// excerpts with "read on" links, and its text stayed on the home page too.
TEST_CASE("entry links to another site after prose are references, not read-on links",
          "[policy]") {
  std::string html =
      "<html><head><title>Date and Math</title><meta property='og:type' content='article'>"
      "<link rel=canonical href='http://h.test/posts/js-date'></head>"
      "<body><main><article><h1>Date and Math</h1>";
  for (const char* name : {"getDate", "getDay", "getMonth", "getHours", "getMinutes", "getTime"}) {
    html += std::string("<h2>") + name + "</h2><p>This method of the object returns one part of "
            "the time it holds, counted in the local time zone of the browser.</p>"
            "<p><a href='https://reference.example.org/js/" + name + "'>" + name + "()</a></p>";
  }
  html += "</article></main></body></html>";
  CHECK(doc_of(html, "http://h.test/posts/js-date").kind == parser::PageKind::kArticle);
  // The same entries as links to posts of the site are read-on links.
  for (size_t at; (at = html.find("https://reference.example.org/js/")) != std::string::npos;) {
    html.replace(at, std::string("https://reference.example.org/js/").size(), "/posts/");
  }
  CHECK(doc_of(html, "http://h.test/posts/js-date").kind == parser::PageKind::kListing);
}

namespace {

// A site of `n` dated posts at /YYYY/MM/slug/ (og:type article).
std::vector<chrome::PageSignals> posts_of(const std::string& host, int n) {
  std::vector<chrome::PageSignals> out;
  for (int i = 0; i < n; ++i) {
    chrome::PageSignals p;
    p.url = "http://" + host + "/2019/0" + std::to_string(i % 9 + 1) + "/post-" +
            std::to_string(i) + "/";
    p.kind = parser::PageKind::kArticle;
    p.has_text = p.has_prose = p.dated = true;
    p.og_type = "article";
    out.push_back(p);
  }
  return out;
}

chrome::PageSignals page_at(const std::string& url, bool dated, const std::string& og) {
  chrome::PageSignals p;
  p.url = url;
  p.kind = parser::PageKind::kArticle;
  p.has_text = p.has_prose = true;
  p.dated = dated;
  p.og_type = og;
  return p;
}

}  // namespace

TEST_CASE("a page unlike the site's posts on two signals is a standalone page", "[policy]") {
  std::vector<chrome::PageSignals> s = posts_of("h.test", 50);
  s.push_back(page_at("http://h.test/about/", false, "article"));      // undated, no date path
  s.push_back(page_at("http://h.test/ar/contact/", false, "article"));  // another edition
  s.push_back(page_at("http://h.test/2020/01/guest-post/", false, "article"));  // undated only
  s.push_back(page_at("http://h.test/talks/", true, "article"));        // path only
  s.push_back(page_at("http://h.test/tags/", true, "website"));         // path and og:type
  chrome::PageSignals listing = page_at("http://h.test/news/", false, "website");
  listing.kind = parser::PageKind::kListing;
  s.push_back(listing);
  std::vector<bool> pages = chrome::find_site_pages(s);
  REQUIRE(pages.size() == s.size());
  for (size_t i = 0; i < 50; ++i) CHECK_FALSE(pages[i]);
  CHECK(pages[50]);
  CHECK(pages[51]);
  CHECK_FALSE(pages[52]);
  CHECK_FALSE(pages[53]);
  CHECK(pages[54]);
  CHECK_FALSE(pages[55]);  // a listing is judged as a listing
}

TEST_CASE("standalone pages need a site whose posts share their signals", "[policy]") {
  SECTION("posts at /slug/ like the pages, half of them dated: nothing to tell") {
    std::vector<chrome::PageSignals> s;
    for (int i = 0; i < 12; ++i) {
      s.push_back(page_at("http://h.test/post-" + std::to_string(i) + "/", i % 2 == 0, ""));
    }
    s.push_back(page_at("http://h.test/about/", false, "website"));
    std::vector<bool> pages = chrome::find_site_pages(s);
    CHECK(std::count(pages.begin(), pages.end(), true) == 0);
  }
  SECTION("nine pages with prose are too few to learn from") {
    std::vector<chrome::PageSignals> s = posts_of("h.test", 8);
    s.push_back(page_at("http://h.test/about/", false, "article"));
    std::vector<bool> pages = chrome::find_site_pages(s);
    CHECK(std::count(pages.begin(), pages.end(), true) == 0);
  }
  SECTION("each host learns from its own posts; pages without prose do not count") {
    std::vector<chrome::PageSignals> s = posts_of("a.test", 12);
    for (int i = 0; i < 12; ++i) {  // b.test: posts at /notes/N.html, undated
      s.push_back(page_at("http://b.test/notes/" + std::to_string(100 + i) + ".html", false, ""));
    }
    for (int i = 0; i < 30; ++i) {  // a.test: category pages of titles, no prose
      chrome::PageSignals c = page_at("http://a.test/category/c" + std::to_string(i) + "/",
                                      false, "website");
      c.has_prose = false;
      s.push_back(c);
    }
    s.push_back(page_at("http://b.test/about/", false, ""));  // differs on its path only
    s.push_back(page_at("http://a.test/about/", false, "article"));
    std::vector<bool> pages = chrome::find_site_pages(s);
    for (size_t i = 0; i < 24; ++i) CHECK_FALSE(pages[i]);
    for (size_t i = 24; i < 54; ++i) CHECK(pages[i]);  // judged all the same
    CHECK_FALSE(pages[54]);
    CHECK(pages[55]);
  }
}

TEST_CASE("a list of dated talks dates its text, not the page", "[policy]") {
  const std::string url = "http://h.test/talks/";
  const std::string html =
      "<html><body><nav><ul><li><a href='/'>Blog</a></li><li><a href='/talks/'>Talks</a></li>"
      "</ul></nav><article><header><h1>Talks</h1></header><h2>2015</h2><ul>"
      "<li>11.4.2015 Devel meetup: containers yesterday, today and tomorrow</li>"
      "<li>5.5.2015 Cloud meetup: deploying with one command</li></ul>"
      "<p>Slides from the talks are on the slide-sharing site, with the code of every demo "
      "in a public repository next to them.</p></article></body></html>";
  parser::ParseOptions po;
  po.url = url;
  parser::ParsedPage page = parser::parse_html(html, po);
  chrome::ExtractOptions own;
  own.date_from_text = false;
  CHECK(chrome::build_document(url, page, chrome::classify_page(page), own).date == "");
  // A lone page takes the text's first date, for want of a better one.
  CHECK(chrome::build_document(url, page, chrome::classify_page(page)).date == "2015-04-11");

  const std::string post =
      "<html><body><article><header><h1>Containers, a year on</h1>"
      "<div class='meta'>Posted on 12.4.2015</div></header>"
      "<p>A year ago the talk was about what containers might become; this post looks at what "
      "they became, and at what the audience asked afterwards.</p></article></body></html>";
  parser::ParsedPage post_page = parser::parse_html(post, po);
  CHECK(chrome::build_document(url, post_page, chrome::classify_page(post_page), own).date ==
        "2015-04-12");
}
