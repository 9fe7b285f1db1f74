// site_text_test.cc: what `winnow run` keeps of a post's own page in site
// mode, on a small blog served on 127.0.0.1: the dateline is metadata (the
// document's date), not text; a heading that ends the text over a list
// judged chrome ("Translations") goes with it; a reference list of links to
// other sites inside the post body is the author's text; and a listing's
// unit leaves the listing when the crawl holds the post's own page, even a
// short photo post that is not an article.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
using namespace winnow::test;

namespace {

const std::vector<std::string> kFerry = {
    "The ferry to the northern islands now leaves twice a day from the old harbour wall.",
    "Fishermen say the second boat has doubled the number of visitors since the spring.",
    "The council will review the timetable again in October after counting passengers."};

const std::vector<std::string> kReading = {
    "A reading room opened above the bakery on Mill Street with four hundred donated books.",
    "Volunteers keep it open every evening and lend books without asking for a card."};

// A post page: header with title and dateline, the paragraphs, then the
// links to the other editions under their own heading.
std::string ferry_page() {
  std::string html =
      "<!doctype html><html lang=en><head><title>Second ferry</title>"
      "<meta property=og:type content=article></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/2020/\">Archives</a></nav>"
      "<article><header><h1>Second ferry</h1><p class=meta>"
      "<time datetime=\"2020-01-14T09:00:00+01:00\">14. 01. 2020</time></p></header>";
  for (const auto& p : kFerry) html += "<p>" + p + "</p>";
  return html +
         "<h4>Translations</h4><ul>"
         "<li><a href=\"/fr/2020/01/ferry/\">fr: Le second bac</a></li>"
         "<li><a href=\"/de/2020/01/ferry/\">de: Die zweite F\xC3\xA4hre</a></li></ul>"
         "</article><footer><p>Island Paper</p></footer></body></html>";
}

// A post whose body (entry-content) ends with a list of its sources on
// other sites.
std::string reading_page() {
  std::string html =
      "<!doctype html><html lang=en><head><title>Reading room</title>"
      "<meta property=og:type content=article></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/2020/\">Archives</a></nav>"
      "<article><h1>Reading room</h1><div class=entry-content>";
  for (const auto& p : kReading) html += "<p>" + p + "</p>";
  return html +
         "<h3>Sources</h3><ul>"
         "<li><a href=\"https://library.example.net/news\">County library newsletter</a></li>"
         "<li><a href=\"https://bakers.example.com/\">Mill Street bakers' guild</a></li>"
         "</ul></div></article><footer><p>Island Paper</p></footer></body></html>";
}

std::vector<JsonValue> jsonl(const std::string& path) {
  std::vector<JsonValue> out;
  for (const auto& line : read_lines(path)) {
    if (line.empty()) continue;
    auto v = JsonValue::parse(line);
    REQUIRE(v.is_ok());
    out.push_back(*v);
  }
  return out;
}

// Runs `winnow run SEED --out <temp dir> --delay 0 --quiet EXTRA...` and
// returns each dataset document's text by URL.
std::map<std::string, std::string> run_texts(const std::string& seed, const std::string& tag,
                                             const std::vector<std::string>& extra = {}) {
  std::string dir = make_temp_dir(tag);
  std::vector<std::string> args = {"run", seed, "--out", dir, "--delay", "0", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_winnow(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> text;
  for (const auto& d : jsonl(dir + "/dataset.jsonl")) text[d["url"].as_string()] = d["text"].as_string();
  return text;
}

}  // namespace

TEST_CASE("site mode keeps a post's own text: no dateline, no orphan heading, its references",
          "[policy][e2e]") {
  // Regression (real blogs): every article began with its date line
  // ("26. 10. 2007", "Mon Sep 26, 2016 in Travel Aqaba") and ended with a
  // "Translations" heading whose list was gone; a post's list of sources
  // (links to other sites) was dropped as link-dense; a month archive kept
  // its unit of a photo post (a page too short to be an article).
  TestServer server;
  const std::string ferry = "/2020/01/ferry/", photo = "/2020/02/harbour-at-dusk/";
  const std::string reading = "/2020/03/reading-room/";
  server.set_page(ferry, ferry_page());
  server.set_page(reading, reading_page());
  server.set_page(photo,
                  "<!doctype html><html lang=en><head><title>Harbour at dusk</title></head><body>"
                  "<nav><a href=\"/\">Home</a> <a href=\"/2020/\">Archives</a></nav>"
                  "<article><h1>Harbour at dusk</h1><div class=entry-content>"
                  "<p>The harbour at dusk, seen from the end of the old wall.</p></div></article>"
                  "<footer><p>Island Paper</p></footer></body></html>");
  std::string units;
  for (const auto& [path, title] :
       {std::pair{ferry, std::string("Second ferry")}, std::pair{photo, std::string("Harbour at dusk")},
        std::pair{reading, std::string("Reading room")},
        std::pair{std::string("/2019/12/gone/"), std::string("A post the crawl does not hold")}}) {
    units += "<div class=post><h2><a href=\"" + path + "\">" + title + "</a></h2>"
             "<p>3. 12. 2019</p><p>In which " + title +
             " is summed up in one sentence for the archive page of the year. "
             "<a href=\"" + path + "\">Continue reading</a></p></div>";
  }
  server.set_page("/2020/", "<!doctype html><html lang=en><body>"
                            "<nav><a href=\"/\">Home</a> <a href=\"/2020/\">Archives</a></nav>"
                            "<main><h1>Archives of the year 2020</h1>" + units +
                            "<p>This archive lists every post of the year in the order of writing.</p>"
                            "</main><footer><p>Island Paper</p></footer></body></html>");

  std::string dir = make_temp_dir("site-text");
  auto r = run_winnow({"run", server.url("/2020/"), "--out", dir, "--delay", "0", "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, JsonValue> docs;
  for (const auto& d : jsonl(dir + "/dataset.jsonl")) docs[d["url"].as_string()] = d;
  REQUIRE(docs.count(server.url(ferry)) == 1);
  REQUIRE(docs.count(server.url(photo)) == 1);
  REQUIRE(docs.count(server.url(reading)) == 1);
  REQUIRE(docs.count(server.url("/2020/")) == 1);

  const JsonValue& a = docs.at(server.url(ferry));
  CHECK(a["text"].as_string() ==
        "Second ferry\n\n" + kFerry[0] + "\n\n" + kFerry[1] + "\n\n" + kFerry[2]);
  CHECK(a["date"].as_string() == "2020-01-14");
  CHECK(docs.at(server.url(reading))["text"].as_string() ==
        "Reading room\n\n" + kReading[0] + "\n\n" + kReading[1] +
            "\n\nSources\n\nCounty library newsletter\n\nMill Street bakers' guild");
  CHECK(docs.at(server.url(photo))["text"].as_string() ==
        "Harbour at dusk\n\nThe harbour at dusk, seen from the end of the old wall.");
  // The units of the three held posts are gone; the third stays, without its
  // date line.
  CHECK(docs.at(server.url("/2020/"))["text"].as_string() ==
        "Archives of the year 2020\n\nA post the crawl does not hold\n\n"
        "In which A post the crawl does not hold is summed up in one sentence for the archive "
        "page of the year. Continue reading\n\n"
        "This archive lists every post of the year in the order of writing.");
}

TEST_CASE("site mode keeps a poem's closing date and every date line of a text without prose",
          "[policy]") {
  // Regression: a poem has no line that reads as prose, so every one of its
  // lines counted as "before the first prose" and its closing date (part of
  // the poem, followed here by a short postscript) was dropped as a dateline.
  const std::string url = "https://poems.example.org/posts/rain.html";
  std::string html =
      "<!doctype html><html lang=fa dir=rtl><head><title>\xD8\xA8\xD8\xA7\xD8\xB1\xD8\xA7\xD9\x86"
      "</title></head><body><article><h1>\xD8\xA8\xD8\xA7\xD8\xB1\xD8\xA7\xD9\x86</h1>";
  // Short invented lines of Persian letters, a date, and a postscript.
  const std::vector<std::string> lines = {
      "\xD8\xA8\xD8\xA7\xD8\xB1\xD8\xA7\xD9\x86 \xD8\xA2\xD9\x85\xD8\xAF \xD9\x88 \xD8\xB4\xD9\x87\xD8\xB1 \xD8\xB4\xD8\xB3\xD8\xAA",
      "\xDA\xA9\xD9\x88\xDA\x86\xD9\x87 \xD8\xAE\xD8\xA7\xD9\x84\xDB\x8C \xD9\x85\xD8\xA7\xD9\x86\xD8\xAF",
      "\xD9\x85\xD9\x86 \xD8\xAF\xD8\xB1 \xD8\xA7\xD9\x86\xD8\xAA\xD8\xB8\xD8\xA7\xD8\xB1 \xD8\xAA\xD9\x88",
      "\xD8\xAA\xD8\xA7 \xD8\xB5\xD8\xA8\xD8\xAD \xD9\x86\xD8\xB4\xD8\xB3\xD8\xAA\xD9\x85",
      "\xDB\xB1 \xD8\xAE\xD8\xB1\xD8\xAF\xD8\xA7\xD8\xAF \xDB\xB1\xDB\xB3\xDB\xB8\xDB\xB6",  // 1 Khordad 1386
      "\xD9\xBE\xDB\x8C\xE2\x80\x8C\xD9\x86\xD9\x88\xD8\xB4\xD8\xAA: \xD8\xA8\xD8\xB1\xD8\xA7\xDB\x8C \xD8\xAF\xD9\x88\xD8\xB3\xD8\xAA\xDB\x8C"};
  for (const auto& l : lines) html += "<p>" + l + "</p>";
  html += "</article></body></html>";
  parser::ParseOptions po;
  po.url = url;
  parser::ParsedPage page = parser::parse_html(html, po);
  chrome::ExtractOptions site;
  site.site_mode = true;
  parser::Document doc = chrome::build_document(url, page, chrome::classify_page(page), site);
  std::vector<std::string> got;
  for (const auto& p : doc.paragraphs) got.push_back(p.text);
  std::vector<std::string> want = {"\xD8\xA8\xD8\xA7\xD8\xB1\xD8\xA7\xD9\x86"};
  want.insert(want.end(), lines.begin(), lines.end());
  CHECK(got == want);
}

TEST_CASE("a code block's line-number gutter is not text", "[policy]") {
  // Regression: highlighted code blocks (a table of a gutter cell and a code
  // cell) left their line numbers as paragraphs: "1 2 3 4" before every
  // listing and a lone "1" before each one-line block, 1,580 of them on one
  // real blog.
  const std::string url = "https://code.example.org/posts/first-steps.html";
  const std::string html =
      "<!doctype html><html lang=en><head><title>First steps</title></head><body><article>"
      "<h1>First steps</h1><p>Install the package and write the smallest program that runs, "
      "then add one feature at a time while the tests stay green.</p>"
      "<figure class=highlight><table><tr><td class=gutter><pre>1\n2\n3</pre></td>"
      "<td class=code><pre>import sys\nprint(sys.argv)\nsys.exit(0)</pre></td></tr></table></figure>"
      "<p>Save it as a file and run it from the shell to see the arguments it was given.</p>"
      "<figure class=highlight><table><tr><td class=gutter><pre>1</pre></td>"
      "<td class=code><pre>python3 first.py one two</pre></td></tr></table></figure>"
      "<p>Chapter 3 covers 10 11 12 of the options, in this order.</p></article></body></html>";
  parser::ParseOptions po;
  po.url = url;
  parser::ParsedPage page = parser::parse_html(html, po);
  parser::Document doc = chrome::build_document(url, page, chrome::classify_page(page));
  std::vector<std::string> got;
  for (const auto& p : doc.paragraphs) got.push_back(p.text);
  CHECK(got == std::vector<std::string>{
                   "First steps",
                   "Install the package and write the smallest program that runs, then add one "
                   "feature at a time while the tests stay green.",
                   "import sys\nprint(sys.argv)\nsys.exit(0)",
                   "Save it as a file and run it from the shell to see the arguments it was given.",
                   "python3 first.py one two",
                   "Chapter 3 covers 10 11 12 of the options, in this order."});
}

TEST_CASE("a listing's unit is the whole post element, its own section headings included",
          "[policy][e2e]") {
  // Regression: on a blog whose listings show each post in full inside an
  // <article>, with section headings of the title's level (h2), the unit
  // ended at the first section heading, and the rest of the post -- its
  // short headings, which are too short to deduplicate -- stayed on the
  // listing as well as on the post's page.
  TestServer server;
  auto post_body = [](int n) {
    return "<p>Post " + std::to_string(n) +
           " opens with a paragraph long enough to be kept as text of its own here.</p>"
           "<h2>Background " + std::to_string(n) + "</h2><p>Post " + std::to_string(n) +
           " then explains the background of the story in a second long paragraph.</p>";
  };
  std::string listing;
  for (int n = 1; n <= 2; ++n) {
    const std::string path = "/2020/0" + std::to_string(n) + "/post-" + std::to_string(n) + "/";
    const std::string title = "Story number " + std::to_string(n);
    server.set_page(path, "<!doctype html><html lang=en><head><title>" + title +
                              "</title><meta property=og:type content=article></head><body>"
                              "<header><h1><a href=\"/\">The Blog</a></h1></header><main><article>"
                              "<h1>" + title + "</h1><div class=entry-content>" + post_body(n) +
                              "</div></article></main></body></html>");
    listing += "<article><header><h2><a href=\"" + path + "\">" + title +
               "</a></h2></header><div class=entry-content>" + post_body(n) + "</div></article>";
  }
  server.set_page("/2020/", "<!doctype html><html lang=en><body><header><h1><a href=\"/\">The Blog"
                            "</a></h1></header><main><p>Every story of the year 2020, newest "
                            "last, as the editors published them.</p>" + listing +
                            "</main></body></html>");
  const auto text = run_texts(server.url("/2020/"), "site-text-units");
  CHECK(text.at(server.url("/2020/01/post-1/")) ==
        "Story number 1\n\nPost 1 opens with a paragraph long enough to be kept as text of its own "
        "here.\n\nBackground 1\n\nPost 1 then explains the background of the story in a second "
        "long paragraph.");
  CHECK(text.at(server.url("/2020/")) ==
        "Every story of the year 2020, newest last, as the editors published them.");
}

TEST_CASE("a post title after its category's label still opens a unit on a listing",
          "[policy][e2e]") {
  // Regression: on a theme whose listing headings read "Category Title"
  // (a category label or link, then the title linking to the post), the
  // heading is not one link, so no unit opened and every post shown on the
  // listing stayed there as well as on its own page. A label is a link to
  // the category page or an <a> without href and longer than the title.
  TestServer server;
  const std::vector<std::vector<std::string>> kStories = {
      {"The lighthouse keeper retired this winter after thirty years of tending the lamp.",
       "What the keeper saw",
       "He kept a logbook of every ship that passed, and the museum will now show it."},
      {"A storm took the roof off the school gym, and lessons moved to the church hall.",
       "Repairs and costs",
       "Builders expect to finish before the summer if the slate arrives from the mainland."},
      {"The spring market returns to the quay with twenty stalls of island cheese and wool.",
       "Who sells what",
       "Most stallholders come from the three farms on the western side of the island."}};
  const std::vector<std::string> kTitles = {
      "The lighthouse keeper on the point retires after thirty winters at the lamp",
      "A spring storm takes the roof off the school gym and lessons move to the hall",
      "The spring market comes back to the quay with cheese and wool from the farms"};
  const std::vector<std::string> labels = {
      "<a class=label href=\"/category/harbour/\">Harbour</a>",
      "<a class=label>Island news and notices</a>",
      "<a class=label href=\"/category/harbour/\">Harbour</a>"};
  std::string listing;
  for (int n = 1; n <= 3; ++n) {
    const std::string path = "/" + std::to_string(n) + "00.html";
    const std::string title = kTitles[static_cast<size_t>(n - 1)];
    const std::string body = "<p>" + kStories[static_cast<size_t>(n - 1)][0] + "</p><h3>" +
                             kStories[static_cast<size_t>(n - 1)][1] + "</h3><p>" +
                             kStories[static_cast<size_t>(n - 1)][2] + "</p>";
    server.set_page(path, "<!doctype html><html lang=en><head><title>" + title +
                              "</title><meta property=og:type content=article></head><body>"
                              "<main><article><h1>" + title + "</h1>" + body +
                              "</article></main></body></html>");
    listing += "<article><h2 class=post-title>" + labels[static_cast<size_t>(n - 1)] + " <a href=\"" +
               path + "\">" + title + "</a></h2>" + body + "</article>";
  }
  server.set_page("/", "<!doctype html><html lang=en><body><header><h1><a href=\"/\">Island "
                       "Paper</a></h1></header><main><p>The island's stories as the editors "
                       "published them, newest first, since the paper began.</p>" + listing +
                       "</main></body></html>");
  const auto text = run_texts(server.url("/"), "site-text-labels");
  for (size_t n = 0; n < 3; ++n) {
    CHECK(text.at(server.url("/" + std::to_string(n + 1) + "00.html")) ==
          kTitles[n] + "\n\n" + kStories[n][0] + "\n\n" + kStories[n][1] +
              "\n\n" + kStories[n][2]);
  }
  CHECK(text.at(server.url("/")) ==
        "Island Paper\n\nThe island's stories as the editors published them, newest first, since "
        "the paper began.");
}

TEST_CASE("two articles keep the text they share; a post header's meta line is metadata",
          "[policy][e2e]") {
  // Regression: a book's chapters each open with the same series
  // introduction, and a post was published twice at two URLs that each
  // name themselves canonical. Each article is a work of its own: the
  // shared introduction stayed only in the first chapter, and the second
  // copy of the post was emptied. The post header's meta line (author,
  // date, category, word count: no date line by the 16-token rule in
  // Chinese) repeated on every article. `--across-articles` keeps a
  // paragraph once as before.
  TestServer server;
  const std::string intro =
      "\xE6\x9C\xAC\xE7\xB3\xBB\xE5\x88\x97\xE6\x95\x99\xE7\xA8\x8B\xE5\x85\xB1\xE5\x8D\x81"
      "\xE4\xBA\x8C\xE7\xAB\xA0\xEF\xBC\x8C\xE6\xAF\x8F\xE7\xAB\xA0\xE9\x83\xBD\xE5\x8F\xAF"
      "\xE4\xBB\xA5\xE5\x8D\x95\xE7\x8B\xAC\xE9\x98\x85\xE8\xAF\xBB\xE3\x80\x82";  // 本系列教程共十二章，每章都可以单独阅读。
  const std::vector<std::string> own = {
      "The first chapter explains how the harbour ferry timetable is put together each spring.",
      "The second chapter follows one crossing from the first bell to the last car ashore.",
      "The second chapter follows one crossing from the first bell to the last car ashore."};
  const std::vector<std::string> paths = {"/1.html", "/2.html", "/2-again.html"};
  for (size_t n = 0; n < paths.size(); ++n) {
    server.set_page(paths[n],
                    "<!doctype html><html lang=en><head><title>Chapter " + std::to_string(n) +
                        "</title><link rel=canonical href=\"" + server.url(paths[n]) +
                        "\"><meta property=og:type content=article></head><body><main><article>"
                        "<header><h1>Chapter " + std::to_string(n) + "</h1><div class=meta>"
                        "\xE4\xBD\x9C\xE8\x80\x85 Wen \xE5\x8F\x91\xE8\xA1\xA8\xE4\xBA\x8E 2021-10-0" +
                        std::to_string(n + 1) +
                        " \xE5\x88\x86\xE7\xB1\xBB\xE4\xBA\x8E Harbour \xE6\x9C\xAC\xE6\x96\x87\xE5\xAD"
                        "\x97\xE6\x95\xB0\xEF\xBC\x9A 2.4k \xE9\x98\x85\xE8\xAF\xBB\xE6\x97\xB6\xE9\x95"
                        "\xBF \xE2\x89\x88 2 \xE5\x88\x86\xE9\x92\x9F</div></header><p>" + intro +
                        "</p><p>" + own[n] + "</p></article><p><a href=\"" + paths[(n + 1) % 3] +
                        "\">next</a></p></main></body></html>");
  }
  auto text = run_texts(server.url("/1.html"), "site-text-shared");
  REQUIRE(text.size() == 3);
  for (size_t n = 0; n < paths.size(); ++n) {
    CHECK(text.at(server.url(paths[n])) ==
          "Chapter " + std::to_string(n) + "\n\n" + intro + "\n\n" + own[n]);
  }
  text = run_texts(server.url("/1.html"), "site-text-shared", {"--across-articles"});
  CHECK(text.at(server.url("/1.html")) == "Chapter 0\n\n" + intro + "\n\n" + own[0]);
  CHECK(text.at(server.url("/2.html")) == "Chapter 1\n\n" + own[1]);
  CHECK(text.count(server.url("/2-again.html")) == 0);  // nothing of its own left
}
