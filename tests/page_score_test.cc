// page_score_test.cc: the per-page region rules of classify_page that are
// not about one page type -- class tokens that only look like comments,
// candidates inside furniture, hAtom posts inside a "widget", promotion to
// a parent only for prose (a sidebar beside the region is never prose),
// the post-footer lines under the text, lists of other posts (linked
// headings), the marked article body (itemprop=articleBody,
// entry-content...: it decides the region, and links inside it are prose)
// and the headline above the region. Each page is a small invented snippet.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/support/extract.h"

using namespace winnow;

namespace {

std::vector<std::string> kept(const std::string& html) {
  return test::kept_paragraphs(html, "https://blog.example/2024/03/post");
}

const char* kP1 =
    "The ferry service resumed on Monday after three weeks of repairs, and the first "
    "crossing left the harbour at seven, carrying commuters, cyclists and a school group.";
const char* kP2 =
    "Engineers replaced the loading ramp, which had cracked during the storm, and the "
    "operator said timetables would return to normal by the end of the month.";

}  // namespace

TEST_CASE("taxonomy and state classes containing 'comment' do not hide the article",
          "[policy]") {
  std::string html = std::string(R"(<html><body>
<div class="nav"><a href="/">Home</a> <a href="/a">About</a></div>
<div class="post category-for-discussion commented" id="post-12">
<h2>Ferry back in service</h2>
<div class="entry-content"><p>)") + kP1 + "</p><p>" + kP2 + R"(</p></div></div>
<div id="comments"><p>I took the first crossing this morning and it was packed, but the new ramp looks solid and safe.</p></div>
</body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1, kP2});
}

TEST_CASE("longer excerpts in a footer widget do not outscore a short article", "[policy]") {
  std::string teaser =
      "A long excerpt of another post, about gardens, harbours, markets, bridges and "
      "boats, written to tempt the reader into clicking through to the full story. ";
  std::string html = std::string(R"(<html><body>
<div id="content"><div class="post"><h1>Ferry back in service</h1><div class="entry"><p>)") +
                     kP1 + R"(</p></div></div></div>
<div id="footer-widgets"><div class="widget catposts">
<div class="post"><div class="entry"><p>)" + teaser + teaser + R"(</p></div></div>
<div class="post"><div class="entry"><p>)" + teaser + teaser + R"(</p></div></div>
</div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1});
}

TEST_CASE("hAtom posts inside a blog engine's widget container stay content", "[policy]") {
  std::string about =
      "About me: a long profile text in the sidebar, listing hobbies, places, books, "
      "films, favourite recipes and a long story about how this blog began years ago. ";
  std::string html = std::string(R"(<html><body><div class="main" id="main">
<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="post hentry"><h2 class="post-title">Ferry back in service</h2>
<div class="post-body entry-content"><p>)") + kP1 + R"(</p></div></div></div></div></div>
<div class="sidebar" id="sidebar"><div class="widget Profile"><p>)" + about + about +
                     R"(</p></div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1});
}

TEST_CASE("long captions of a slideshow list in a promo box are not article text",
          "[policy]") {
  std::string caption =
      "A photograph of the harbour at dawn, with the repaired ramp in the foreground, the "
      "ferry approaching from the left and a crowd of commuters waiting on the quay.";
  std::string html = std::string(R"(<html><body><div class="articleBody"><p>)") + kP1 +
                     "</p><p>" + kP2 + R"(</p>
<div class="promo_holder"><ul class="slideshow"><li><p>)" + caption + "</p></li><li><p>" +
                     caption + R"(</p></li></ul></div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{kP1, kP2});
}

TEST_CASE("promotion to a parent counts prose, not linked teasers", "[policy]") {
  std::string teaser =
      "Teaser card for another story about the harbour with its headline and a summary "
      "long enough to look like a paragraph of real text on the page";
  std::string html = std::string(R"(<html><body><div id="page">
<div class="story"><p>)") + kP1 + "</p><p>" + kP2 + "</p><p>" + kP1 + R"(</p></div>
<div class="more"><a href="/1"><div>)" + teaser + R"(</div></a><a href="/2"><div>)" + teaser +
                     R"(</div></a><a href="/3"><div>)" + teaser + R"(</div></a></div>
</div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{kP1, kP2, kP1});
}

TEST_CASE("an article split over sibling step containers is kept whole", "[policy]") {
  std::string html = std::string(R"(<html><body><article>
<div class="step"><div class="text"><p>)") + kP1 + R"(</p></div></div>
<div class="step"><div class="text"><p>)" + kP2 + R"(</p></div></div>
<div class="step"><div class="text"><p>)" + kP1 + R"(</p></div></div>
</article></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{kP1, kP2, kP1});
}

TEST_CASE("a post split in sections of one kind, each wrapped in divs, is kept whole",
          "[policy]") {
  // Medium-style markup: the text runs through several <section>s of the
  // same class, each wrapping its paragraphs in two divs; the longest
  // section wins the scoring. Its sibling sections are the post too; an
  // author box beside them, made differently, is not.
  auto para = [](int i) {
    return "Paragraph " + std::to_string(i) +
           " of the post walks through the harbour works, the new ramp, the timetable, "
           "the fares, the night crossings, and what the commuters, cyclists and "
           "teachers said about the weeks without a ferry.";
  };
  std::string first, middle, last;
  for (int i = 1; i <= 5; ++i) first += "<p>" + para(i) + "</p>";
  for (int i = 6; i <= 16; ++i) middle += "<p>" + para(i) + "</p>";
  for (int i = 17; i <= 21; ++i) last += "<p>" + para(i) + "</p>";
  const std::string bio =
      "Mara Quill writes about ships, harbours and the people who work on them, and has "
      "covered the coast for the paper since the first ferry strike, many years ago.";
  std::string html = std::string(R"(<html><body><article><div>
<section class="sx"><div class="w"><div class="c">)") + first +
                     R"(</div></div></section>
<section class="sx"><div class="w"><div class="c">)" + middle +
                     R"(</div></div></section>
<section class="sx"><div class="w"><div class="c">)" + last +
                     R"(</div></div></section>
<section class="author-box"><p>)" + bio + R"(</p></section>
</div></article></body></html>)";
  std::vector<std::string> want;
  for (int i = 1; i <= 21; ++i) want.push_back(para(i));
  CHECK(kept(html) == want);
}

// Regression: a post whose long middle section outscored its short first
// and last ones fivefold lost both (the opening of a Medium essay): a
// section made like the winning one joins on a small score of its own.
TEST_CASE("short sections of one kind around a long one are the post too", "[policy]") {
  auto para = [](int i) {
    return "Paragraph " + std::to_string(i) +
           " of the essay walks through the harbour works, the new ramp, the timetable, "
           "the fares, and what the commuters and teachers said about it all.";
  };
  std::string first, middle, last;
  for (int i = 1; i <= 2; ++i) first += "<p>" + para(i) + "</p>";
  for (int i = 3; i <= 42; ++i) middle += "<p>" + para(i) + "</p>";
  for (int i = 43; i <= 44; ++i) last += "<p>" + para(i) + "</p>";
  std::string html = std::string(R"(<html><body><article>
<section class="sx"><div class="w"><div class="c">)") + first +
                     R"(</div></div></section><hr>
<section class="sx"><div class="w"><div class="c">)" + middle +
                     R"(</div></div></section><hr>
<section class="sx"><div class="w"><div class="c">)" + last +
                     R"(</div></div></section></article></body></html>)";
  std::vector<std::string> want;
  for (int i = 1; i <= 44; ++i) want.push_back(para(i));
  CHECK(kept(html) == want);
}

TEST_CASE("a line printed under each of ten photos is furniture; a credit three times is not",
          "[policy]") {
  std::string html = R"(<html><body><article><h1>Ferry back in service</h1>)";
  std::vector<std::string> want = {"Ferry back in service"};
  for (int i = 1; i <= 10; ++i) {
    const std::string caption = "Photo " + std::to_string(i) +
                                " shows the new ramp at the harbour, seen from the deck of the "
                                "ferry as it came in to dock on Monday.";
    // A line leading into what follows stays however often it is printed.
    html += "<div class=\"photo\"><p>" + caption +
            "</p><p>Mouseover photo to load notes or add comment</p>" +
            (i <= 3 ? "<p>Courtesy Harbour Works</p>" : "") +
            "<p>The harbour master said of it:</p></div>";
    want.push_back(caption);
    if (i <= 3) want.push_back("Courtesy Harbour Works");
    want.push_back("The harbour master said of it:");
  }
  html += std::string("<p>") + kP1 + "</p><p>" + kP2 + "</p></article></body></html>";
  want.push_back(kP1);
  want.push_back(kP2);
  CHECK(kept(html) == want);
}

TEST_CASE("post-footer and copyright lines under the text are dropped, a credit on top is not",
          "[policy]") {
  std::string html = std::string(R"(<html><body><div class="entry-content">
<p>&copy; Harbour Photo Agency</p><p>)") + kP1 + "</p><p>" + kP2 + R"(</p>
<p>This entry was posted on Monday, March 4th, 2024 at 9:00 am and is filed under News.</p>
<p>Copyright 2024 The Harbour Gazette. All rights reserved.</p>
</div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"\xC2\xA9 Harbour Photo Agency", kP1, kP2});
}

// Regression (issue 11): on a Hexo page the post sat in
// <article itemprop="blogPost"><div itemprop="articleBody"> and the author
// profile beside it held more text, so the profile came out as the page.
TEST_CASE("a marked article body wins over a longer author profile", "[policy]") {
  const char* kShort = "The ferry is back in service after three weeks of repairs.";
  std::string about =
      "Hello, I am the author of this blog: engineer, runner, reader of old maps, "
      "collector of timetables, and I write here about travel, trains, ferries and code. ";
  std::string html = std::string(R"(<html><head><title>Ferry back in service | Harbour notes</title></head>
<body><main><div class="content-wrap">
<article itemscope itemprop="blogPost"><header><h1 class="post-title">Ferry back in service</h1></header>
<div itemprop="articleBody"><p>)") + kShort + R"(</p></div></article></div></main>
<div class="site-overview"><div class="site-author"><p>)" + about + about + R"(</p></div></div>
</body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kShort});
}

TEST_CASE("a region inside the marked article body grows to the whole body", "[policy]") {
  std::string p3 =
      "Passengers said the crossing felt smoother than before, and the harbour master "
      "promised a second boat for the summer, when tourists double the traffic.";
  std::string html = std::string(R"(<html><body><div class="post-body">
<div class="section"><div class="text"><p>)") + kP1 + "</p><p>" + kP2 + R"(</p></div></div>
<div class="section"><div class="text"><p>)" + p3 + R"(</p></div></div>
</div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{kP1, kP2, p3});
}

TEST_CASE("a linked headline naming the page is kept, a linked site name is not",
          "[policy]") {
  std::string html = std::string(R"(<html><head><title>Ferry back in service - Harbour notes</title></head>
<body><div id="top"><h1><a href="/">Harbour notes</a></h1></div>
<div class="post"><h2><a href="/2024/03/post">Ferry back in service</a></h2>
<p>Posted on March 4, 2024</p>
<div class="tools" style="display:none">Print</div>
<div class="entry"><p>)") + kP1 + "</p><p>" + kP2 + R"(</p></div></div></body></html>)";
  parser::Document doc;
  CHECK(test::kept_paragraphs(html, "https://blog.example/2024/03/post", &doc) ==
        std::vector<std::string>{"Ferry back in service", "Posted on March 4, 2024", kP1, kP2});
  CHECK(doc.title == "Ferry back in service");
}

// Regression: a Blogger-style page puts the posts in a "widget" and the
// sidebar in widgets too; because the region's own column was a widget,
// the sidebar's profile counted as prose and promotion climbed to the page
// wrapper, whose blocks below a widget were then all dropped.
TEST_CASE("promotion does not count a sidebar as prose when the post column is a widget",
          "[policy]") {
  std::string about =
      "A long profile of the author in the sidebar, with hobbies, places, books, films, "
      "favourite recipes, and the story of how this blog began, many years ago, at sea. ";
  std::string html = std::string(R"(<html><body><div id="outer"><div id="wrap">
<div class="main"><div class="widget Blog"><h2 class="date-header">Monday, March 4, 2024</h2>
<div class="post hentry"><h3 class="post-title">Ferry back in service</h3>
<div class="text"><p>)") + kP1 + R"(</p></div></div></div></div>
<div class="sidebar"><div class="widget Profile"><div class="widget-content"><p>)" + about +
                     about + R"(</p><p>)" + about + about + R"(</p></div></div></div>
</div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Monday, March 4, 2024", "Ferry back in service",
                                               kP1});
}

// Regression: the region was the page's content wrapper, holding a
// sidebar profile and a short post whose body is marked (post-body); the
// body held less than half the wrapper's text, so the profile was kept
// (and the sidebar's "About me" heading taken for the headline).
TEST_CASE("a region around the marked body shrinks to it when the rest is sidebar",
          "[policy]") {
  const char* kShort = "The ferry is back in service after three weeks of repairs.";
  std::string about =
      "A long profile of the author in the sidebar, with hobbies, places, books, films, "
      "favourite recipes, and the story of how this blog began, many years ago, at sea. ";
  std::string html = std::string(R"(<html><body><div id="content">
<div id="sidebar"><div id="sidebar2"><div class="profile">
<h2 class="sidebar-title">About me</h2><p>)") + about + about + about + R"(</p></div>
<p>)" + about + "</p><p>" + about + R"(</p></div></div>
<div id="main"><h2 class="date-header">Monday, March 4, 2024</h2>
<div class="post"><h3 class="post-title">Ferry back in service</h3>
<div class="post-body">)" + kShort + R"(</div></div></div>
</div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Monday, March 4, 2024", "Ferry back in service",
                                               kShort});
}

// Regression: a weekly round-up whose items are sentences with linked
// product names lost every item (list items over 30% links were dropped
// wherever they were); inside the marked body only near-all-link lines go,
// and a "Tags:" label does not count as prose.
TEST_CASE("in the marked body, linked sentences stay and labelled link lines go", "[policy]") {
  std::string html = std::string(R"(<html><body><div class="post">
<div class="entry-content"><p>)") + kP1 + R"(</p><ul>
<li>We released <a href="/a">the new harbour timetable for ferries</a> today.</li>
<li>The <a href="/b">loading ramp inspection report</a> is now public.</li>
</ul><p>)" + kP2 + R"(</p>
<p>Tags: <a href="/t/ferry">ferry</a>, <a href="/t/harbour">harbour</a>, <a href="/t/repairs">repairs</a></p>
<ul><li><a href="/c">Another story about the harbour</a></li></ul>
</div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{
                          kP1, "We released the new harbour timetable for ferries today.",
                          "The loading ramp inspection report is now public.", kP2});
}

// Regression: "more news" lists inside the region -- each item a linked
// headline, a teaser sentence and a date -- were kept after the article
// (the teasers are plain text, so link density did not catch them).
TEST_CASE("a list of items with linked headlines after the article is other posts",
          "[policy]") {
  std::string item =
      R"(<li><h3><a href="/2024/03/N">Harbour news headline number N</a></h3>
<p>A teaser sentence about another harbour story, long enough to read as text.</p>
<p>2024-03-0N</p></li>)";
  std::string items;
  for (char c : std::string("123")) {
    std::string it = item;
    for (size_t at; (at = it.find('N')) != std::string::npos;) it[at] = c;
    items += it;
  }
  std::string html = std::string(R"(<html><body><div class="main"><h1>Ferry back in service</h1>
<p>)") + kP1 + R"(</p><ul><li>New ramp</li><li>New timetable</li><li>Second boat</li></ul><p>)" +
                     kP2 + "</p><ul class=\"news\">" + items + R"(</ul></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1, "New ramp",
                                               "New timetable", "Second boat", kP2});
}

// Regression: "Related posts" under the article -- items of a linked title,
// a line break and a teaser cut short ("[...]"), or a teaser closed by a
// "Read more..." link -- read as the article's own list: no heading, and
// the teaser's text outweighs its link. A list of sections, each a short
// linked label before text ending in "...", is the article's.
TEST_CASE("a list of teasers cut short after the article is other posts", "[policy]") {
  std::string related, more;
  for (char c : std::string("123")) {
    related += std::string("<li><a href=\"/2024/03/") + c +
               "\">Harbour news headline number " + c +
               "</a><br>A teaser sentence about another harbour story, long enough to read "
               "as the start of a text [...]</li>";
    more += std::string("<li>The ferry timetable for the winter months, part ") + c +
            " of a series on the crossings <a href=\"/2024/02/" + c +
            "\">Read more...</a></li>";
  }
  const std::string sections =
      "<li><a href=\"/sec\">Security</a>: New vulnerabilities in the harbour's ticket "
      "machines, gates, ...</li><li><a href=\"/ker\">Kernel</a>: Ramps, winches, cranes, "
      "and more ...</li><li><a href=\"/dev\">Development</a>: A new timetable service; open "
      "data for the ferries; ...</li>";
  std::string html = std::string(R"(<html><body><div class="main"><h1>Ferry back in service</h1>
<p>)") + kP1 + "</p><ul>" + sections + "</ul><p>" + kP2 + "</p><ul>" + related + "</ul><ul>" +
                     more + "</ul></div></body></html>";
  CHECK(kept(html) ==
        std::vector<std::string>{
            "Ferry back in service", kP1,
            "Security: New vulnerabilities in the harbour's ticket machines, gates, ...",
            "Kernel: Ramps, winches, cranes, and more ...",
            "Development: A new timetable service; open data for the ferries; ...", kP2});
}

// Regression: with no <h1>, the farthest <h2> within reach was taken for
// the headline, so the blog's name and tagline above the post's own <h2>
// were kept as header lines.
TEST_CASE("without an h1 the nearest h2 above the region is the headline", "[policy]") {
  std::string html = std::string(R"(<html><body>
<div id="header"><h2>Harbour notes</h2><p>A blog about ferries and the sea</p></div>
<div class="post"><h2>Ferry back in service</h2><p>March 4, 2024</p>
<div class="entry"><p>)") + kP1 + "</p><p>" + kP2 + R"(</p></div></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", "March 4, 2024", kP1, kP2});
}

// Regression: a post's "Links" section -- list items of a label and a link
// that shows its web address -- was dropped as link-dense navigation
// (in any language: here a Chinese label with a full-width colon), on a
// page whose body is not marked. Navigation names where it goes; a link
// whose text is the address is the author's reference. A list of named
// links to the site's own pages still goes.
TEST_CASE("links that show their web address are references, not navigation", "[policy]") {
  std::string html = std::string(R"(<html><body><div class="main"><h1>Ferry back in service</h1>
<p>)") + kP1 + R"(</p><h2>Links</h2><ul>
<li>Operator: <a href="https://ferries.example.org/">https://ferries.example.org</a></li>
<li>官方网站：<a href="https://www.harbour.example.net/">https://www.harbour.example.net</a></li>
<li><a href="http://www.timetable.example.com/">www.timetable.example.com</a></li>
</ul><p>)" + kP2 + R"(</p><ul>
<li><a href="/2024/03/ramp">Ramp inspection</a></li><li><a href="/2024/03/storm">Storm damage</a></li>
<li><a href="/2024/03/boats">New boats</a></li></ul></div></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{
                          "Ferry back in service", kP1, "Links",
                          "Operator: https://ferries.example.org",
                          "官方网站：https://www.harbour.example.net", "www.timetable.example.com", kP2});
}

// Regression: a list page whose text is a table -- a linked name, a year
// and a description per row -- lost to the reference list under it: scored
// cell by cell, the table spread its text over as many candidates while the
// list's items all scored one <ol>. A data table's rows are one unit like
// a list's items, and a row's linked name is data, not a link list.
TEST_CASE("a table of descriptions is the content, its linked names too", "[policy]") {
  auto row = [](const std::string& name, const std::string& year, const std::string& text) {
    return "<tr><th><a href=\"/wiki/" + year + "\">" + name + "</a></th><td>" + year +
           "</td><td>" + text + "</td></tr>";
  };
  const std::string d1 =
      "A ferry captain relives the same crossing, storm, fog and rescue, until she finds the "
      "one passenger who knows why.";
  const std::string d2 =
      "Two lighthouse keepers, brothers, wake to the same winter morning, the same letter and "
      "the same argument, again and again.";
  const std::string d3 =
      "A harbour town repeats its festival day, parade, fireworks and all, while a child "
      "counts the loops on the quay.";
  const std::string ref =
      "Marsh, Ada (2019). Time at Sea: Loops, Tides and Film, Harbour Press, Dover, p. 44, "
      "retrieved 2 May 2020.";
  std::string html = R"(<html><body><div id="content"><h1>List of ferry films</h1><div class="text">
<p>This list of films about ferries, harbours and loops gives each film's year and a synopsis, in order.</p>
<table class="listing"><tr><th>Film</th><th>Year</th><th>Description</th></tr>)" +
                     row("Crossing", "1987", d1) + row("The Keepers", "1994", d2) +
                     row("Festival Day", "2006", d3) + R"(</table>
<h2>References</h2><ol>)";
  for (int i = 0; i < 5; ++i) html += "<li>" + ref + "</li>";
  html += "</ol></div></div></body></html>";
  std::vector<std::string> k = kept(html);
  REQUIRE(k.size() >= 14);
  CHECK(std::vector<std::string>(k.begin(), k.begin() + 14) ==
        std::vector<std::string>{"List of ferry films", k[1], "Film", "Year", "Description",
                                 "Crossing", "1987", d1, "The Keepers", "1994", d2,
                                 "Festival Day", "2006", d3});
  CHECK(k[1].substr(0, 30) == "This list of films about ferri");
}

// A page laid out in a table (masthead, menu and text side by side, footer)
// is no data table: its text cell holds the paragraphs, and the menu's
// links stay out.
TEST_CASE("a page laid out in a table keeps its text cell, not its menu", "[policy]") {
  std::string html = std::string(R"(<html><body><table>
<tr><td>Harbour notes</td><td>A blog about ferries and the sea</td></tr>
<tr><td><a href="/">Home</a><br><a href="/ferries">Ferries</a><br><a href="/tides">Tides</a></td>
<td><h1>Ferry back in service</h1><p>)") + kP1 + "</p><p>" + kP2 + R"(</p></td></tr>
<tr><td><a href="/about">About</a></td><td><a href="/contact">Contact</a></td></tr>
</table></body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1, kP2});
}

// Tools printed in the article's column -- a font size control, share and
// print links without their links, a bare "Posted in:" label whose
// categories are elsewhere, a media widget's "Video", "Gallery" and "HIDE
// CAPTION" -- are furniture lines, not text, and so is a newspaper's note
// of the print edition under the article.
TEST_CASE("furniture lines in the article column are dropped", "[policy]") {
  std::string html = std::string(R"(<html><head><title>Ferry back in service</title></head><body>
<div class="post"><div class="title"><h2><a href="/2024/03/post">Ferry back in service</a></h2>
</div><div class="post-meta"><span>Posted in:</span><ul><li><a href="/c/news">News</a> &raquo;
<a href="/c/ferries">Ferries</a></li></ul></div><div class="entry"><div>Text Size</div>
<div><span>Share This Post</span></div><div>Video</div><div>Gallery</div><p>)") + kP1 +
                     R"(</p><p>HIDE CAPTION</p><p>Email this story</p><p>)" + kP2 +
                     R"(</p><p>Print this page</p><p>Font size:</p><p>A version of this article
appeared in print on March 5, 2024, on page A4 of the New York edition.</p></div></div>
</body></html>)";
  CHECK(kept(html) == std::vector<std::string>{"Ferry back in service", kP1, kP2});
}
