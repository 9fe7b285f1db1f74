// extract_test.cc: per-page main content (classify_page), metadata picking
// and output (build_document) on hand-written realistic pages, and the
// `winnow clean` command (formats, stdin, errors).
#include <catch2/catch.hpp>

#include <string>

#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/support/extract.h"
#include "tests/support/util.h"

using namespace winnow;

namespace {

// A news-style page: menu, share bar, sidebar, related links, comments.
const char* kArticlePage = R"(<!doctype html>
<html lang="en"><head><title>River cleanup draws hundreds | Valley Times</title>
<meta property="og:site_name" content="Valley Times">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-03T08:00:00Z">
</head><body>
<header><div class="logo"><a href="/">Valley Times</a></div>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<div id="main"><article class="story">
<h1>River cleanup draws hundreds</h1>
<p class="byline">By Ana Lopez</p>
<p class="dateline">March 3, 2024</p>
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="story-body">
<p>More than three hundred volunteers gathered along the river on Saturday, hauling tyres, bottles and a rusted shopping cart out of the water before noon.</p>
<p>Organisers said the turnout, the largest in the event's ten-year history, was helped by mild weather, a new sign-up site and support from local schools.</p>
<p>"We filled two skips by eleven o'clock," said coordinator Sam Patel, who has led the cleanup since 2014, adding that the town council had promised more bins.</p>
</div>
<div class="related"><h3>Related</h3><ul><li><a href="/a">Council debates bins</a></li>
<li><a href="/b">School wins award</a></li></ul></div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/c">Storm warning issued for the weekend across the valley</a></li></ul>
<p>Sign up for our newsletter to get the news first every morning.</p></aside>
<section id="comments"><h3>3 comments</h3>
<div class="comment"><p>Great work everyone, proud of our town and all the volunteers who came.</p></div>
</section></div>
<footer><p>Copyright 2024 Valley Times. All rights reserved.</p><a href="/about">About</a></footer>
</body></html>)";

std::vector<std::string> content(const std::string& html, parser::Document* doc_out = nullptr) {
  return test::kept_paragraphs(html, "https://valley.example/news/river", doc_out);
}

}  // namespace

TEST_CASE("article page: menus, share bar, sidebar, related and comments removed", "[policy]") {
  parser::Document doc;
  auto paras = content(kArticlePage, &doc);
  REQUIRE(paras.size() == 6);
  CHECK(paras[0] == "River cleanup draws hundreds");
  CHECK(paras[1] == "By Ana Lopez");
  CHECK(paras[2] == "March 3, 2024");
  CHECK(paras[3].rfind("More than three hundred volunteers", 0) == 0);
  CHECK(paras[5].rfind("\"We filled two skips", 0) == 0);
  CHECK(doc.title == "River cleanup draws hundreds");
  CHECK(doc.date == "2024-03-03");
  CHECK(doc.author == "Ana Lopez");
  CHECK(doc.lang == "en");
  CHECK(doc.site_name == "Valley Times");
  CHECK(doc.kind == parser::PageKind::kArticle);
}

TEST_CASE("metadata: title suffix, visible date line, byline forms, language", "[policy]") {
  parser::Document doc;
  content(
      "<html><head><title>Harvest begins early - Farm Weekly</title></head><body>"
      "<div class='post'><h1>Harvest begins early</h1><div>by Farm Weekly staff</div>"
      "<div>3 September 2023</div><p>Farmers across the region started cutting wheat two weeks "
      "earlier than usual, after a dry and warm summer, and yields look good so far.</p>"
      "<p>Prices at the grain market held steady, traders said, though storage is tight.</p>"
      "</div></body></html>",
      &doc);
  CHECK(doc.title == "Harvest begins early");
  CHECK(doc.date == "2023-09-03");
  CHECK(doc.author == "Farm Weekly staff");
  CHECK(doc.lang == "en");

  parser::Document fr;
  content(
      "<html><body><div class='article'><p>Les habitants de la ville et les commerçants sont "
      "inquiets, et la mairie est dans une situation difficile depuis des mois.</p><p>Le maire "
      "et les élus se réunissent dans une salle de la mairie pour discuter des solutions.</p>"
      "</div></body></html>",
      &fr);
  CHECK(fr.lang == "fr");
}

TEST_CASE("the post's own dateline dates it, not a date in its text or a sidebar's", "[policy]") {
  const std::string body =
      "<p>Update 14 July 2009: the second half of this guide is now online, with the map "
      "examples rewritten for the new version of the library.</p>"
      "<p>This guide starts from an empty page and ends with a map that shows every marker "
      "from a file, one small step at a time, with the code for each step.</p>";
  const std::string recent =
      "<aside><h3>Recent Posts</h3><ul><li><a href='/2025/03/granary/'>The Granary</a></li>"
      "<li>March 10, 2025</li></ul></aside>";
  SECTION("a byline and date in the post's own footer") {
    parser::Document doc;
    content("<html><body><article class='post'><h1>A beginner's map guide</h1>" + body +
                "<footer class='entry-footer'><div class='meta'>Posted by will / May 8, 2009"
                "</div></footer></article>" + recent + "</body></html>",
            &doc);
    CHECK(doc.date == "2009-05-08");
  }
  SECTION("a page with no date of its own has none") {
    parser::Document doc;
    content("<html><body><main><h1>Contact</h1><p>Write to the field office or visit us on "
            "weekday mornings; we answer every letter within two weeks.</p></main>" + recent +
                "<footer><p>Last post March 2, 2025</p></footer></body></html>",
            &doc);
    CHECK(doc.date == "");
  }
}

TEST_CASE("datelines written day first or with CJK marks give ISO dates", "[policy]") {
  const std::pair<const char*, const char*> cases[] = {
      {"28. 07. 2012", "2012-07-28"},  {"28.7.2012", "2012-07-28"},
      {"2012/7/28", "2012-07-28"},     {"2012.07.28", "2012-07-28"},
      {"2020\xE5\xB9\xB4" "6\xE6\x9C\x88" "26\xE6\x97\xA5", "2020-06-26"},
      {"2020\xEB\x85\x84 6\xEC\x9B\x94 26\xEC\x9D\xBC", "2020-06-26"},
      // Solar Hijri dates in Persian or ASCII digits (Friday 6 May 2011...).
      {"\xDB\xB1\xDB\xB6 \xD8\xA7\xD8\xB1\xD8\xAF\xDB\x8C\xD8\xA8\xD9\x87\xD8\xB4\xD8\xAA \xDB\xB1\xDB\xB3\xDB\xB9\xDB\xB0", "2011-05-06"},
      {"\xD8\xAC\xD9\x85\xD8\xB9\xD9\x87 16 \xD8\xA7\xD8\xB1\xD8\xAF\xDB\x8C\xE2\x80\x8C\xD8\xA8\xD9\x87\xD8\xB4\xD8\xAA 1390", "2011-05-06"},
      {"\xD8\xB4\xD9\x86\xD8\xA8\xD9\x87 13 \xD8\xAA\xDB\x8C\xD8\xB1 1388", "2009-07-04"},
      {"\xDB\xB1 \xD9\x81\xD8\xB1\xD9\x88\xD8\xB1\xD8\xAF\xDB\x8C\xD9\x86 \xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB3", "2024-03-20"},
      {"18/04/2019", "2019-04-18"},    {"04/18/2019", "2019-04-18"},
      {"04/05/2019", "2019"},  // April or May: the year alone
      {"version 2.31.2012 notes", ""},  // no month 31
      {"1.2.20123", ""},
      {"http://blog.example.org/2009/07/14/eggs-milk-bread", ""}};
  for (const auto& [line, iso] : cases) {
    INFO(line);
    parser::Document doc;
    content(std::string("<html><body><article><h1>Raspberry Pi</h1><p>") + line +
                "</p><p>The board came in the post at the end of July, in a small box with a "
                "letter, and it started on the first try with an old phone charger.</p>"
                "</article></body></html>",
            &doc);
    CHECK(doc.date == iso);
  }
}

TEST_CASE("JSON-LD date and author win over nothing", "[policy]") {
  parser::Document doc;
  content(
      "<html><head><script type='application/ld+json'>{\"@type\":\"BlogPosting\","
      "\"datePublished\":\"2021-11-05\",\"author\":{\"@type\":\"Person\",\"name\":\"Li Wei\"}}"
      "</script></head><body><article><p>A long enough paragraph of text, with commas, so "
      "that the page has some content worth keeping in the output.</p></article></body></html>",
      &doc);
  CHECK(doc.date == "2021-11-05");
  CHECK(doc.author == "Li Wei");
  CHECK(doc.kind == parser::PageKind::kArticle);
}

TEST_CASE("winnow clean: formats, stdin, errors", "[policy]") {
  std::string dir = test::make_temp_dir("clean");
  std::string file = dir + "/page.html";
  test::spit(file, kArticlePage);
  auto r = test::run_winnow({"clean", file});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("River cleanup draws hundreds\n\nBy Ana Lopez\n\nMarch 3, 2024\n\n", 0) == 0);
  CHECK(r.out.find("Most read") == std::string::npos);
  CHECK(r.out.find("Great work") == std::string::npos);

  auto j = test::run_winnow({"clean", "--format", "json", "--url", "https://v.example/r", "-"},
                            kArticlePage);
  REQUIRE(j.exit_code == 0);
  CHECK(j.out.rfind("{\"url\":\"https://v.example/r\",\"title\":\"River cleanup draws hundreds\","
                    "\"date\":\"2024-03-03\",\"author\":\"Ana Lopez\",\"lang\":\"en\","
                    "\"kind\":\"article\",\"text\":\"River cleanup",
                    0) == 0);

  auto m = test::run_winnow({"clean", "--format", "markdown", file});
  REQUIRE(m.exit_code == 0);
  CHECK(m.out.rfind("# River cleanup draws hundreds\n\nBy Ana Lopez\n\n", 0) == 0);

  auto bad = test::run_winnow({"clean", dir + "/missing.html"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err.find(dir + "/missing.html") != std::string::npos);
  CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);

  auto usage = test::run_winnow({"clean", "--format", "pdf", file});
  CHECK(usage.exit_code == 2);
}

TEST_CASE("a Comments heading after the article ends the content", "[policy]") {
  auto paras = content(
      "<html><body><div class='entry'><h1>Notes from the garden</h1>"
      "<p>The tomatoes came in late this year, after a cold spring, but the harvest was large "
      "and the plants stayed healthy all through the dry weeks of August and September.</p>"
      "<p>Next year I will start the seedlings indoors in March, move them out in May, and "
      "try two new varieties that friends recommended at the allotment society meeting.</p>"
      "<p>The beans, as always, did better than anything else; we froze twelve bags of them.</p>"
      "<h3>12 Comments</h3><p>Lovely post, thanks for sharing your garden notes with us, and "
      "good luck with the new varieties next year, we will be watching.</p>"
      "<p>Posted by: Sam at October 2, 2012 9:00 AM</p></div></body></html>");
  REQUIRE(paras.size() == 4);
  CHECK(paras[0] == "Notes from the garden");
  CHECK(paras[3] == "The beans, as always, did better than anything else; we froze twelve bags of them.");
}

// Regression: an article whose sections are headed "Comment", "Briefing",
// "Access"... (ways to pitch a journalist) lost everything from its
// "Comment" section on: the bare singular was read as a comments heading.
TEST_CASE("a bare 'Comment' section heading does not end the content, '1 Comment' does",
          "[policy]") {
  std::string intro =
      "<html><body><div class='entry'><h1>Ways to reach a journalist</h1>"
      "<p>Journalists get hundreds of pitches a week, and most of them are deleted unread, "
      "so the ones that get attention offer something of value to the reporter.</p>"
      "<p>Here are a few things you can offer instead of a product pitch, each of which "
      "has worked for founders we know, in several industries and countries.</p>"
      "<p>None of them costs money, but all of them take time, some patience and a little "
      "courage.</p>";
  std::string section =
      "<p>Reporters need people who can give an opinion quickly, on the record, when a "
      "story breaks, so tell them what you know about and how to reach you.</p>";
  auto paras = content(intro + "<h2>Comment</h2>" + section + "</div></body></html>");
  REQUIRE(paras.size() == 6);
  CHECK(paras[4] == "Comment");
  CHECK(paras[5] == std::string(section).substr(3, section.size() - 7));
  paras = content(intro + "<h2>1 Comment</h2>" + section + "</div></body></html>");
  CHECK(paras.size() == 4);
}

namespace {

std::string byline_page(const std::string& lang, const std::string& byline) {
  return "<html lang=\"" + lang + "\"><head><title>T</title></head><body><article>"
         "<h1>A headline of several words</h1><p>" + byline + "</p>"
         "<p>First paragraph of the story, long enough to be content, with commas, "
         "clauses and more words than any menu would hold on a page.</p>"
         "<p>Second paragraph of the story, also long enough to count as content, "
         "with a few more clauses, and a closing thought.</p></article></body></html>";
}

std::string author_of(const std::string& lang, const std::string& byline) {
  parser::Document doc;
  content(byline_page(lang, byline), &doc);
  return doc.author;
}

}  // namespace

TEST_CASE("bylines: openers in several languages, everyday words need a name", "[policy]") {
  CHECK(author_of("en", "By Ana Lopez") == "Ana Lopez");
  CHECK(author_of("en", "Written by Li Wei, staff reporter") == "Li Wei");
  CHECK(author_of("de", "Von Jana Novak") == "Jana Novak");
  CHECK(author_of("fr", "Par Luc Martin | 3 mars") == "Luc Martin");
  CHECK(author_of("es", "Autor: Carmen Ruiz") == "Carmen Ruiz");
  // "بقلم" (by the pen of) and "نویسنده:" (writer:) open Arabic and Persian bylines.
  CHECK(author_of("ar", "\xD8\xA8\xD9\x82\xD9\x84\xD9\x85 \xD8\xB3\xD9\x84\xD9\x85\xD9\x89 "
                        "\xD8\xAD\xD8\xB3\xD9\x86") ==
        "\xD8\xB3\xD9\x84\xD9\x85\xD9\x89 \xD8\xAD\xD8\xB3\xD9\x86");
  CHECK(author_of("fa", "\xD9\x86\xD9\x88\xDB\x8C\xD8\xB3\xD9\x86\xD8\xAF\xD9\x87: "
                        "\xD9\x85\xD8\xB1\xDB\x8C\xD9\x85 \xD8\xB1\xD8\xB6\xD8\xA7\xDB\x8C\xDB\x8C") ==
        "\xD9\x85\xD8\xB1\xDB\x8C\xD9\x85 \xD8\xB1\xD8\xB6\xD8\xA7\xDB\x8C\xDB\x8C");
  // Everyday words that open bylines elsewhere are not bylines in a sentence.
  CHECK(author_of("it", "Di notte la piazza resta vuota") == "");
  CHECK(author_of("de", "Von hier aus sieht man den Fluss") == "");
  CHECK(author_of("en", "Bypass Road Closed") == "");
}
