// clean_dir_test.cc: `winnow clean DIR` end to end (cli/clean_dir.cc): the
// folder is one site, one JSONL line per file with text left sorted by path
// (one per file with --no-dedup), --out and --url-prefix, bad files warned
// about by name while the batch goes on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "tests/support/util.h"

namespace {

namespace fs = std::filesystem;
using winnow::JsonValue;

std::vector<JsonValue> parse_lines(const std::string& text) {
  std::vector<JsonValue> out;
  for (auto line : winnow::split(text, '\n')) {
    if (line.empty()) continue;
    auto v = JsonValue::parse(line);
    REQUIRE(v.is_ok());
    out.push_back(std::move(*v));
  }
  return out;
}

std::string case_dir(const std::string& name) {
  return std::string(WINNOW_SOURCE_DIR) + "/fixtures/sites/" + name;
}

}  // namespace

TEST_CASE("clean DIR writes one sorted JSONL line per file", "[policy]") {
  auto r = winnow::test::run_winnow({"clean", case_dir("copyright-years")});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 6);
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].get_string("path") == "news/item-" + std::to_string(i) + ".html");
    CHECK(lines[i].get_string("url") == "");
    CHECK(lines[i].get_string("title") == "Harvest Note " + std::to_string(i + 1));
    CHECK(lines[i].get_string("lang") == "en");
    CHECK(lines[i].get_string("text").find("2003") == std::string::npos);
    CHECK(lines[i]["text"].is_string());
    CHECK(lines[i]["kind"].is_string());
  }
}

TEST_CASE("clean DIR --out and --url-prefix", "[policy]") {
  std::string dir = winnow::test::make_temp_dir("clean-dir-out");
  std::string out = dir + "/out.jsonl";
  auto r = winnow::test::run_winnow({"clean", case_dir("rtl-edition"), "--out", out,
                                     "--url-prefix", "https://valley.example.org", "--no-dedup"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  auto lines = parse_lines(winnow::test::slurp(out));
  REQUIRE(lines.size() == 8);
  CHECK(lines[0].get_string("path") == "ar/posts/0.html");
  CHECK(lines[0].get_string("url") == "https://valley.example.org/ar/posts/0.html");
  CHECK(lines[0].get_string("lang") == "ar");
  CHECK(lines[4].get_string("url") == "https://valley.example.org/fa/posts/0.html");
  // With dedup (the default) the two posts whose every paragraph another
  // post of their edition already holds get no line.
  auto dedup = winnow::test::run_winnow({"clean", case_dir("rtl-edition"), "--url-prefix",
                                         "https://valley.example.org"});
  REQUIRE(dedup.exit_code == 0);
  std::vector<std::string> paths;
  for (const JsonValue& v : parse_lines(dedup.out)) paths.push_back(v.get_string("path"));
  CHECK(paths == std::vector<std::string>{"ar/posts/0.html", "ar/posts/1.html", "ar/posts/3.html",
                                          "fa/posts/0.html", "fa/posts/1.html", "fa/posts/3.html"});
}

TEST_CASE("clean DIR warns about a bad file by name and goes on", "[policy]") {
  std::string dir = winnow::test::make_temp_dir("clean-dir-bad");
  fs::copy(case_dir("tiny-site"), dir, fs::copy_options::recursive);
  fs::remove(dir + "/expect.json");
  fs::create_symlink(dir + "/missing-target.html", dir + "/broken.html");
  auto r = winnow::test::run_winnow({"clean", dir});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("broken.html") != std::string::npos);
  CHECK(parse_lines(r.out).size() == 5);
}

TEST_CASE("clean DIR on a missing folder fails with one line", "[policy]") {
  auto r = winnow::test::run_winnow({"clean", "/nonexistent/winnow-dir/"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
}

TEST_CASE("clean DIR: the parse cache budget never changes the output", "[policy]") {
  // Pass 1 keeps parsed pages for pass 2 within --cache-mb; pages past the
  // budget are parsed again. All cached, none cached and partly cached
  // (1 MiB holds a few of these pages) must give the same bytes.
  std::string dir = winnow::test::fixture_archive() + "/site/sq";
  auto all = winnow::test::run_winnow({"clean", dir});
  auto none = winnow::test::run_winnow({"clean", dir, "--cache-mb", "0"});
  auto some = winnow::test::run_winnow({"clean", dir, "--cache-mb", "1"});
  REQUIRE(all.exit_code == 0);
  REQUIRE(none.exit_code == 0);
  REQUIRE(some.exit_code == 0);
  CHECK(none.out == all.out);
  CHECK(some.out == all.out);
  auto each = winnow::test::run_winnow({"clean", dir, "--no-dedup", "--cache-mb", "1"});
  REQUIRE(each.exit_code == 0);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
  CHECK(files >= 30);
  CHECK(parse_lines(each.out).size() == files);  // --no-dedup: a line per file
}

TEST_CASE("clean DIR: a site map's \"<title> | Site\" lines are links, not text", "[policy]") {
  // Text dumps of a Chinese blog: the site map lists each post by its HTML
  // <title> ("headline | site name") in w3m's nested list ("\u25A1" over
  // "\u2606" items). Those lines were kept as the site map's own text, and
  // the nested list's bare "\u25A1" line with them.
  std::string dir = winnow::test::make_temp_dir("clean-dir-sitemap");
  const std::vector<std::string> titles = {"\xE6\xB2\xB3\xE8\xB0\xB7\xE7\x9A\x84\xE6\x98\xA5\xE5\xA4\xA9",
                                           "\xE6\x96\xB0\xE4\xBA\x95\xE5\xB7\xB2\xE7\xBB\x8F\xE6\x8C\x96\xE5\xA5\xBD",
                                           "\xE9\x9B\x86\xE5\xB8\x82\xE9\x87\x8D\xE6\x96\xB0\xE5\xBC\x80\xE6\x94\xBE"};
  const std::vector<std::string> bodies = {
      "\xE4\xBB\x8A\xE5\xB9\xB4\xE6\x98\xA5\xE5\xA4\xA9\xE6\x9D\xA5\xE5\xBE\x97\xE5\xBE\x88\xE6\x97\xA9\xEF\xBC\x8C"
      "\xE6\xB2\xB3\xE8\xB0\xB7\xE9\x87\x8C\xE7\x9A\x84\xE6\xA1\x83\xE8\x8A\xB1\xE5\x9C\xA8\xE4\xB8\x89\xE6\x9C\x88"
      "\xE5\xB0\xB1\xE5\xBC\x80\xE4\xBA\x86\xE3\x80\x82",
      "\xE5\xBF\x97\xE6\x84\xBF\xE8\x80\x85\xE5\x9C\xA8\xE7\xB2\xAE\xE4\xBB\x93\xE6\x97\x81\xE8\xBE\xB9\xE6\x8C\x96"
      "\xE4\xBA\x86\xE4\xB8\x89\xE4\xB8\xAA\xE6\x98\x9F\xE6\x9C\x9F\xEF\xBC\x8C\xE7\xBB\x88\xE4\xBA\x8E\xE5\x87\xBA"
      "\xE6\xB0\xB4\xE4\xBA\x86\xE3\x80\x82",
      "\xE7\xBB\x87\xE5\xB7\xA5\xE4\xBB\xAC\xE5\x9C\xA8\xE5\xB9\xBF\xE5\x9C\xBA\xE4\xB8\x8A\xE5\x8D\x96\xE5\xB8\x83"
      "\xE5\x92\x8C\xE8\x9C\x82\xE8\x9C\x9C\xEF\xBC\x8C\xE4\xB8\x80\xE7\x9B\xB4\xE5\x88\xB0\xE5\x82\x8D\xE6\x99\x9A"
      "\xE7\x9A\x84\xE9\x92\x9F\xE5\xA3\xB0\xE3\x80\x82"};
  const std::string site = "\xE9\x9D\x99\xE8\xA7\x82";  // the site's name
  const std::string menu = site + "\n\n  \xE2\x80\xA2 \xE9\xA6\x96\xE9\xA1\xB5\n  \xE2\x80\xA2 "
                           "\xE5\x85\xB3\xE4\xBA\x8E\n\n";
  std::string map = menu + "Site Map\n\n  \xE2\x80\xA2 /\n  \xE2\x80\xA2 \n      \xE2\x96\xA1 \n";
  for (size_t i = 0; i < titles.size(); ++i) {
    winnow::test::spit(dir + "/" + std::to_string(101 + i) + ".txt",
                       menu + titles[i] + "\n\n" + bodies[i] + "\n\n\xC2\xA9 2024 " + site + "\n");
    map += "          \xE2\x98\x86 " + titles[i] + " | " + site + "\n";
  }
  // Five more entries name pages the folder does not hold ("旧文章 N",
  // "old post N"): the list's shape says they are titles too.
  std::string more;
  for (int j = 1; j <= 5; ++j) {
    more += "          \xE2\x98\x86 \xE6\x97\xA7\xE6\x96\x87\xE7\xAB\xA0 " + std::to_string(j) + " | " +
            site + "\n";
  }
  winnow::test::spit(dir + "/sitemap.txt", map + more + "\n\xC2\xA9 2024 " + site + "\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  // The site map is left with nothing but its heading: no line of its own.
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].get_string("text") == titles[0] + "\n\n" + bodies[0]);
  CHECK(lines[2].get_string("path") == "103.txt");
  auto each = winnow::test::run_winnow({"clean", dir, "--no-dedup"});
  REQUIRE(each.exit_code == 0);
  auto all = parse_lines(each.out);
  REQUIRE(all.size() == 4);
  CHECK(all[3].get_string("text").rfind("Site Map\n\n" + titles[0] + " | " + site + "\n\n" +
                                             titles[1] + " | " + site + "\n\n" + titles[2] +
                                             " | " + site + "\n\n",
                                         0) == 0);
}

TEST_CASE("clean DIR: a list of links takes its label and its dates with it", "[policy]") {
  // The lines naming other pages went, but the label over a closing
  // translation box ("\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB2\xD0\xBE\xD0\xB4\xD0\xB8", Bulgarian
  // "Translations") and an archive's years and dates between its titles
  // were kept as the text of the page.
  std::string dir = winnow::test::make_temp_dir("clean-dir-link-lists");
  const std::string en_title = "Mosque at Night";
  const std::string ar_title =
      "\xD9\x85\xD8\xB3\xD8\xAC\xD8\xAF \xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD9\x84\xD9\x8A\xD9\x84";
  const std::string bg_title =
      "\xD0\x94\xD0\xB6\xD0\xB0\xD0\xBC\xD0\xB8\xD1\x8F \xD0\xBF\xD1\x80\xD0\xB5\xD0\xB7 "
      "\xD0\xBD\xD0\xBE\xD1\x89\xD1\x82\xD0\xB0";
  const std::string en_body =
      "The mosque was built in 2005 and is the largest in the country, lit every night.";
  const std::string ar_body =
      "\xD8\xA8\xD9\x86\xD9\x8A \xD8\xA7\xD9\x84\xD9\x85\xD8\xB3\xD8\xAC\xD8\xAF \xD9\x81\xD9\x8A "
      "\xD8\xB9\xD8\xA7\xD9\x85 2005 \xD9\x88\xD9\x87\xD9\x88 \xD8\xA3\xD9\x83\xD8\xA8\xD8\xB1 "
      "\xD9\x85\xD8\xB3\xD8\xAC\xD8\xAF \xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD8\xA8\xD9\x84\xD8\xAF.";
  const std::string bg_body =
      "\xD0\x94\xD0\xB6\xD0\xB0\xD0\xBC\xD0\xB8\xD1\x8F\xD1\x82\xD0\xB0 \xD0\xB5 "
      "\xD0\xBF\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xBE\xD0\xB5\xD0\xBD\xD0\xB0 \xD0\xBF\xD1\x80"
      "\xD0\xB5\xD0\xB7 2005 \xD0\xB3. \xD0\xB8 \xD0\xB5 \xD0\xBD\xD0\xB0\xD0\xB9-\xD0\xB3\xD0\xBE"
      "\xD0\xBB\xD1\x8F\xD0\xBC\xD0\xB0\xD1\x82\xD0\xB0 \xD0\xB2 \xD1\x81\xD1\x82\xD1\x80\xD0\xB0"
      "\xD0\xBD\xD0\xB0\xD1\x82\xD0\xB0.";
  fs::create_directories(dir + "/en");
  fs::create_directories(dir + "/ar");
  fs::create_directories(dir + "/bg");
  winnow::test::spit(dir + "/en/a.txt", en_title + "\n\n" + en_body + "\n");
  winnow::test::spit(dir + "/ar/a.txt", ar_title + "\n\n" + ar_body + "\n");
  winnow::test::spit(dir + "/bg/a.txt",
                     bg_title + "\n\n" + bg_body + "\n\n\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB2\xD0\xBE"
                     "\xD0\xB4\xD0\xB8\n\n  \xE2\x80\xA2 ar: " + ar_title + "\n  \xE2\x80\xA2 en: " +
                     en_title + "\n");
  winnow::test::spit(dir + "/archive.txt", "Archive\n\n2016\n\n06.10.2016\n\n" + en_title +
                                               "\n\n07.10.2016\n\n" + ar_title + "\n\n2015\n\n" +
                                               "01.03.2015\n\n" + bg_title + "\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 3);  // the archive is left with nothing
  CHECK(lines[0].get_string("path") == "ar/a.txt");
  CHECK(lines[1].get_string("path") == "bg/a.txt");
  CHECK(lines[1].get_string("text") == bg_title + "\n\n" + bg_body);
  CHECK(lines[2].get_string("path") == "en/a.txt");
  // A dump has no <title>: its first line, read as one, is its title.
  CHECK(lines[0].get_string("title") == ar_title);
  CHECK(lines[1].get_string("title") == bg_title);
  CHECK(lines[2].get_string("title") == en_title);
}

TEST_CASE("clean DIR: a related-posts list naming pages goes with its absent titles",
          "[policy]") {
  // Two of the three titles name pages of the folder; the third names a
  // post the folder lacks, yet it is an item of the same list of links.
  std::string dir = winnow::test::make_temp_dir("clean-dir-related");
  const std::vector<std::string> titles = {"Setting up the capture library",
                                           "Reading packets in the editor", "Mock servers"};
  const std::vector<std::string> bodies = {
      "First download the capture library and its developer pack, then unpack both.",
      "Open the editor, add the include folder, and read the first packet from the card.",
      "A mock server answers like the real API, so the client can be built before it."};
  fs::create_directories(dir + "/posts");
  for (size_t i = 0; i < 3; ++i) {
    std::string text = titles[i] + "\n\n" + bodies[i] + "\n";
    if (i == 2) {
      text += "\nRelated posts\n\n  \xE2\x80\xA2 " + titles[0] + "\n  \xE2\x80\xA2 " + titles[1] +
              "\n  \xE2\x80\xA2 Ten seconds to a film-grade video with no code at all!\n";
    }
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + ".txt", text);
  }
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[2].get_string("path") == "posts/p2.txt");
  CHECK(lines[2].get_string("text") == titles[2] + "\n\n" + bodies[2]);
}

TEST_CASE("clean DIR: a translation box goes though its titles name no page here",
          "[policy]") {
  // The Arabic and Persian editions are not in the folder, so no line
  // names a page; the items' language codes make the box.
  std::string dir = winnow::test::make_temp_dir("clean-dir-translations");
  const std::string body1 =
      "The ruins of the Roman temple stand on the citadel hill above the old city centre.";
  const std::string body2 =
      "Graffiti on the wall of the school asks passers-by to keep the street clean.";
  fs::create_directories(dir + "/posts");
  winnow::test::spit(dir + "/posts/a.txt",
                     "Roman ruins\n\n" + body1 +
                         "\n\nTranslations\n\n  \xE2\x80\xA2 ar: \xD8\xA2\xD8\xAB\xD8\xA7\xD8\xB1 "
                         "\xD8\xB1\xD9\x88\xD9\x85\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA9\n  \xE2\x80\xA2 "
                         "fa: \xD9\x88\xDB\x8C\xD8\xB1\xD8\xA7\xD9\x86\xD9\x87\n");
  winnow::test::spit(dir + "/posts/b.txt", "Clean streets\n\n" + body2 +
                                               "\n\nTranslations\n\n  \xE2\x80\xA2 ar: "
                                               "\xD8\xA7\xD9\x84\xD9\x86\xD8\xB8\xD8\xA7\xD9\x81\xD8\xA9\n");
  // One coded item inside the text, with no label over it, is text.
  winnow::test::spit(dir + "/posts/c.txt",
                     "Letters\n\nWe wrote two letters this spring about the well.\n\n  \xE2\x80\xA2 "
                     "to: the mayor of the valley\n\nBoth were answered within a week, kindly.\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].get_string("text") == "Roman ruins\n\n" + body1);
  CHECK(lines[1].get_string("text") == "Clean streets\n\n" + body2);
  CHECK(lines[2].get_string("text").find("to: the mayor of the valley") != std::string::npos);
}

TEST_CASE("clean DIR: a month page left with its heading alone is not written", "[policy]") {
  // The month page named the post and showed its opening; both go, and
  // "Monthly archives: September 2011" is no text of its own.
  std::string dir = winnow::test::make_temp_dir("clean-dir-heading-only");
  const std::string title = "The red centre and the hatching of a plan";
  const std::string body =
      "For our first real holiday since we started work we flew to the red centre and drove to "
      "the great rock and the canyon beyond it.";
  const std::string more = "The road was straight for three hundred kilometres and we met two cars.";
  fs::create_directories(dir + "/2011/09/25/red-centre");
  winnow::test::spit(dir + "/2011/09/25/red-centre/index.txt",
                     title + "\n\n" + body + "\n\n" + more + "\n");
  winnow::test::spit(dir + "/2011/09/index.txt", "Monthly archives: September 2011\n\n" + title +
                                                     "\n\n" + body + " Continue reading \xE2\x86\x92\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].get_string("path") == "2011/09/25/red-centre/index.txt");
  CHECK(lines[0].get_string("text") == title + "\n\n" + body + "\n\n" + more);
}

TEST_CASE("clean DIR: tag pages left with their labelled headings alone are not written",
          "[policy]") {
  // Each tag page shows the opening of one long post under "Posts tagged:
  // <tag>" (the post's title was the template's, printed on every page, so
  // nothing there names the post). The opening goes to the post; the
  // heading, one of many alike, is no text of its own.
  std::string dir = winnow::test::make_temp_dir("clean-dir-tag-headings");
  const std::vector<std::string> tags = {"olives", "river", "city"};
  const std::vector<std::string> titles = {"Harvest in the hills", "Ruins by the river",
                                           "Night over the city"};
  const std::vector<std::vector<std::string>> nouns = {
      {"goat", "bell", "fig", "well", "mule", "loom"},
      {"heron", "reed", "mill", "ford", "barge", "lock"},
      {"tram", "lamp", "quay", "dome", "kiosk", "ferry"}};
  std::vector<std::string> posts(3);
  for (size_t i = 0; i < 3; ++i) {
    std::vector<std::string> paras;
    for (size_t d = 0; d < 6; ++d) {
      paras.push_back("On day " + std::to_string(d + 1) + " we saw a " + nouns[i][d] +
                      " near the " + nouns[i][(d + 1) % 6] + " and wrote about the " +
                      nouns[i][(d + 2) % 6] + " in a notebook bought from a " +
                      nouns[i][(d + 3) % 6] + " seller.");
    }
    fs::create_directories(dir + "/posts/p" + std::to_string(i));
    std::string post = titles[i];
    for (const std::string& p : paras) post += "\n\n" + p;
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + "/index.txt", post + "\n");
    posts[i] = post;
    fs::create_directories(dir + "/tags/" + tags[i]);
    winnow::test::spit(dir + "/tags/" + tags[i] + "/index.txt", "Posts tagged: " + tags[i] +
                                                                  "\n\n" + paras[0] + "\n\n" +
                                                                  paras[1] + "\n");
  }
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> paths;
  for (const JsonValue& v : parse_lines(r.out)) {
    paths.push_back(v.get_string("path"));
    if (v.get_string("path") == "posts/p1/index.txt") CHECK(v.get_string("text") == posts[1]);
  }
  CHECK(paths == std::vector<std::string>{"posts/p0/index.txt", "posts/p1/index.txt",
                                          "posts/p2/index.txt"});
}

TEST_CASE("clean DIR: a feed saved as a page names no page by its last lines", "[policy]") {
  // The feed holds nothing of its own; the lines at its end ("Summary", a
  // post's subheading) are no title, and the posts keep their "Summary".
  std::string dir = winnow::test::make_temp_dir("clean-dir-feed-head");
  const std::vector<std::string> posts = {
      "Moving the blog to a static generator\n\nThe old blog ran on a database that "
      "needed care every month, so we moved every post to plain files.\n\nSummary\n\n"
      "Plain files suit a programmer: the posts live in the same editor as the code.\n",
      "Testing the templates in the browser\n\nEvery template is loaded once in a "
      "headless browser and its output is compared with a saved copy.\n\nSummary\n\n"
      "The browser catches what the unit tests miss, at the cost of a slower build.\n"};
  for (size_t i = 0; i < posts.size(); ++i) {
    // Steps before the summary: it is deep in the post.
    std::string text = posts[i];
    std::string steps;
    for (int k = 1; k <= 6; ++k) {
      steps += "Step " + std::to_string(k) + " of post " + std::to_string(i) +
               " is written out in full here.\n\n";
    }
    text.insert(text.find("Summary"), steps);
    fs::create_directories(dir + "/posts/p" + std::to_string(i));
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + "/index.txt", text);
  }
  // Other posts, so that "Summary" is on few of the folder's pages.
  const std::vector<std::string> topics = {"ferries", "olives", "storks", "trams",
                                            "looms",   "wells",  "mills",  "bells",
                                            "kilns",   "barges", "hives",  "quays"};
  for (const std::string& t : topics) {
    fs::create_directories(dir + "/posts/" + t);
    winnow::test::spit(dir + "/posts/" + t + "/index.txt",
                       "Notes on " + t + "\n\nWe spent a week looking at " + t +
                           " in three towns and wrote down what the people there told us.\n");
  }
  fs::create_directories(dir + "/feed");
  winnow::test::spit(dir + "/feed/index.txt",
                     "/posts/p0/ Blog Sun, 10 Jun 2012 13:46:16 +0000 hourly 1 The old blog "
                     "ran on a database ]]>\n\n/posts/p1/ Every template is loaded once in a "
                     "headless browser and its output is compared with a saved copy. "
                     "]]>\n\nSummary\n\nThe browser catches what the unit tests miss.\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> texts;
  for (const JsonValue& v : parse_lines(r.out)) texts[v.get_string("path")] = v.get_string("text");
  CHECK(texts.size() == 14);
  CHECK(texts.count("feed/index.txt") == 0);
  CHECK(texts["posts/p0/index.txt"].find("\n\nSummary\n\n") != std::string::npos);
  CHECK(texts["posts/p1/index.txt"].find("\n\nSummary\n\n") != std::string::npos);
}

TEST_CASE("clean DIR: an RSS feed a mirror saved as feed/index.html is no page", "[policy]") {
  // HTTrack and wget save a WordPress feed under the page name it was
  // linked by. Read as HTML it held every post's text and kept it as a
  // document of its own (a real blog's mirror: dup_paragraphs 121 -> 0).
  std::string dir = winnow::test::make_temp_dir("clean-dir-html-feed");
  const std::vector<std::string> bodies = {
      "The cooperative repaired its mill with stone from the river and a new wheel of oak.",
      "Farmers of the upper valley opened the old canal again on Tuesday after two dry years."};
  std::string items;
  for (size_t i = 0; i < bodies.size(); ++i) {
    fs::create_directories(dir + "/posts/p" + std::to_string(i));
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + "/index.html",
                       "<html><head><title>Post " + std::to_string(i) +
                           "</title></head><body><article><h1>Post " + std::to_string(i) +
                           "</h1><p>" + bodies[i] + "</p></article></body></html>");
    items += "<item><title>Post " + std::to_string(i) + "</title><link>/posts/p" +
             std::to_string(i) + "/</link><pubDate>Sun, 10 Jun 2012 13:46:16 +0000</pubDate>"
             "<description><![CDATA[" + bodies[i] + " The post " + std::to_string(i) +
             " first appeared on Valley Forum, where readers can leave their comments below.]]>"
             "</description></item>";
  }
  fs::create_directories(dir + "/feed");
  winnow::test::spit(dir + "/feed/index.html",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                     "<title>Valley Forum</title>" + items + "</channel></rss>");
  auto r = winnow::test::run_winnow({"clean", dir});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> texts;
  for (const JsonValue& v : parse_lines(r.out)) texts[v.get_string("path")] = v.get_string("text");
  CHECK(texts.size() == 2);
  CHECK(texts.count("feed/index.html") == 0);
  CHECK(texts["posts/p0/index.html"].find(bodies[0]) != std::string::npos);
  CHECK(texts["posts/p1/index.html"].find(bodies[1]) != std::string::npos);
}

TEST_CASE("clean DIR: a title may exclaim and still name its page", "[policy]") {
  // "Rain at last!" heads its post; a listing's line of it is a link, and
  // the post's title field is it.
  std::string dir = winnow::test::make_temp_dir("clean-dir-exclaim");
  fs::create_directories(dir + "/posts");
  fs::create_directories(dir + "/tags");
  winnow::test::spit(dir + "/posts/a.txt",
                     "Rain at last!\n\nThe first rain in four months filled the old cistern by "
                     "the school overnight.\n");
  winnow::test::spit(dir + "/posts/b.txt",
                     "Dry wells\n\nThree wells of the upper village ran dry before the rain "
                     "came back in the autumn.\n");
  winnow::test::spit(dir + "/tags/water.txt", "Tag water\n\nRain at last!\n\nDry wells\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 2);  // the tag page is a list of titles: nothing left
  CHECK(lines[0].get_string("path") == "posts/a.txt");
  CHECK(lines[0].get_string("title") == "Rain at last!");
  CHECK(lines[1].get_string("path") == "posts/b.txt");
}

TEST_CASE("clean DIR: a post shown alone on a tag page stays with its permalink", "[policy]") {
  // A post whose page also carries a note shared with one other post has
  // under 85% of its text as its own; the tag page showing just the post
  // has all of it, so it owned the post and the post's page became its
  // alias. A folder of articles (the permalinks) outranks that share.
  std::string dir = winnow::test::make_temp_dir("clean-dir-tag-owner");
  const std::vector<std::string> titles = {"Harvest in the hills", "Ruins by the river",
                                           "Night over the city"};
  const std::vector<std::string> bodies = {
      "Farmers on the terraces picked olives by hand from dawn until the afternoon heat, "
      "then carried the sacks down to the press in the village below the hill.",
      "The old cathedral stands in pieces beside the river, columns lying in the grass "
      "where goats graze among the carved stones of the fallen nave.",
      "From a balcony on the hill the mosque glows green over the roofs every night, "
      "its minarets lit until the call to the dawn prayer."};
  const std::string note = "Technical: ten-second exposure.";
  for (size_t i = 0; i < 3; ++i) {
    fs::create_directories(dir + "/posts/p" + std::to_string(i));
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + "/index.txt",
                       titles[i] + "\n\n" + bodies[i] + "\n\n" + (i < 2 ? note + "\n" : ""));
  }
  auto tag = [&](const std::string& name, std::vector<size_t> posts) {
    fs::create_directories(dir + "/tags/" + name);
    std::string text;
    for (size_t p : posts) text += titles[p] + "\n\n" + bodies[p] + "\n\n";
    winnow::test::spit(dir + "/tags/" + name + "/index.txt", text);
  };
  tag("olives", {0});
  tag("river", {1});
  tag("travel", {0, 1, 2});
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> paths;
  for (const JsonValue& v : parse_lines(r.out)) {
    paths.push_back(v.get_string("path"));
    if (v.get_string("path") == "posts/p0/index.txt") {
      CHECK(v.get_string("text") == titles[0] + "\n\n" + bodies[0] + "\n\n" + note);
    }
  }
  CHECK(std::find(paths.begin(), paths.end(), "posts/p0/index.txt") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "posts/p1/index.txt") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "tags/olives/index.txt") == paths.end());
}

TEST_CASE("clean DIR: a tag's address does not spell a Persian title by its short words",
          "[policy]") {
  // The tag page /fa/tags/دریای-مرده/ shows the one post whole. Counting
  // bytes, the two-letter "در" (four bytes) was found inside "دریای", so
  // the tag's address "spelled" the title and the tag page owned the post.
  std::string dir = winnow::test::make_temp_dir("clean-dir-fa-slug");
  const std::string title = "در کنار دریای مرده در کلبه ای بخوابید";
  const std::string body =
      "شب را در کلبه‌ای کنار دریای مرده گذراندیم و صبح زود برای شنا به ساحل رفتیم، آب "
      "آنقدر شور بود که بدون هیچ تلاشی روی آب ماندیم.";
  fs::create_directories(dir + "/fa/2020/03/sleep-chalet-dead-sea");
  fs::create_directories(dir + "/fa/tags/دریای-مرده");
  winnow::test::spit(dir + "/fa/2020/03/sleep-chalet-dead-sea/index.txt",
                     title + "\n\n" + body + "\n");
  winnow::test::spit(dir + "/fa/tags/دریای-مرده/index.txt", title + "\n\n" + body + "\n");
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://valley.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].get_string("path") == "fa/2020/03/sleep-chalet-dead-sea/index.txt");
  CHECK(lines[0].get_string("title") == title);
  CHECK(lines[0].get_string("text") == title + "\n\n" + body);
}

TEST_CASE("clean DIR: a listed post's date goes with its title, in Persian digits too", "[policy]") {
  // Tag and month pages list each post as title, date, body. The titles
  // name the posts' pages (addresses that do not spell them) and go; the
  // date under each one was kept as the text of the listing.
  const std::vector<std::string> titles = {
      "\xD8\xB3\xD9\x81\xD8\xB1 \xD8\xA8\xD9\x87 \xDA\xA9\xD8\xA7\xD8\xB4\xD8\xA7\xD9\x86",
      "\xD8\xA8\xD8\xA7\xD8\xBA \xD9\x81\xDB\x8C\xD9\x86 \xD8\xAF\xD8\xB1 \xD9\xBE\xD8\xA7\xDB\x8C"
      "\xDB\x8C\xD8\xB2",
      "\xD8\xA8\xD8\xA7\xD8\xB2\xD8\xA7\xD8\xB1 \xD9\x82\xD8\xAF\xDB\x8C\xD9\x85\xDB\x8C "
      "\xD8\xB4\xD9\x87\xD8\xB1",
      "\xD8\xB4\xD8\xA8\xE2\x80\x8C\xD9\x87\xD8\xA7\xDB\x8C \xDA\xA9\xD9\x88\xDB\x8C\xD8\xB1"};
  // "۱۲ مهر ۱۴۰۲", "۰۳ آبان ۱۴۰۲", "۲۱ آذر ۱۴۰۲", "۰۹ دی ۱۴۰۲"
  const std::vector<std::string> dates = {
      "\xDB\xB1\xDB\xB2 \xD9\x85\xD9\x87\xD8\xB1 \xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB2",
      "\xDB\xB0\xDB\xB3 \xD8\xA2\xD8\xA8\xD8\xA7\xD9\x86 \xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB2",
      "\xDB\xB2\xDB\xB1 \xD8\xA2\xD8\xB0\xD8\xB1 \xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB2",
      "\xDB\xB0\xDB\xB9 \xD8\xAF\xDB\x8C \xDB\xB1\xDB\xB4\xDB\xB0\xDB\xB2"};
  const std::vector<std::string> bodies = {
      "\xD8\xB5\xD8\xA8\xD8\xAD \xD8\xB2\xD9\x88\xD8\xAF \xD8\xA7\xD8\xB2 \xD8\xAA\xD9\x87\xD8\xB1"
      "\xD8\xA7\xD9\x86 \xD8\xB1\xD8\xA7\xD9\x87 \xD8\xA7\xD9\x81\xD8\xAA\xD8\xA7\xD8\xAF\xDB\x8C"
      "\xD9\x85 \xD9\x88 \xD9\xBE\xDB\x8C\xD8\xB4 \xD8\xA7\xD8\xB2 \xD8\xB8\xD9\x87\xD8\xB1 "
      "\xD8\xA8\xD9\x87 \xDA\xA9\xD8\xA7\xD8\xB4\xD8\xA7\xD9\x86 \xD8\xB1\xD8\xB3\xDB\x8C\xD8\xAF"
      "\xDB\x8C\xD9\x85\xD8\x9B \xD9\x87\xD9\x88\xD8\xA7 \xD9\x87\xD9\x86\xD9\x88\xD8\xB2 "
      "\xD8\xAE\xD9\x86\xDA\xA9 \xD8\xA8\xD9\x88\xD8\xAF.",
      "\xD8\xAF\xD8\xB1\xD8\xAE\xD8\xAA\xD8\xA7\xD9\x86 \xDA\xA9\xD9\x87\xD9\x86 \xD8\xA8\xD8\xA7"
      "\xD8\xBA \xD9\x81\xDB\x8C\xD9\x86 \xD8\xAF\xD8\xB1 \xD9\xBE\xD8\xA7\xDB\x8C\xDB\x8C\xD8\xB2 "
      "\xD8\xB2\xD8\xB1\xD8\xAF \xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB4\xD9\x88\xD9\x86\xD8\xAF "
      "\xD9\x88 \xD8\xA2\xD8\xA8 \xD8\xAF\xD8\xB1 \xD8\xAC\xD9\x88\xDB\x8C\xE2\x80\x8C\xD9\x87"
      "\xD8\xA7\xDB\x8C \xD8\xB3\xD9\x86\xDA\xAF\xDB\x8C \xD8\xA2\xD8\xB1\xD8\xA7\xD9\x85 "
      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD8\xAF.",
      "\xD8\xAF\xD8\xB1 \xD8\xA8\xD8\xA7\xD8\xB2\xD8\xA7\xD8\xB1 \xD9\x82\xD8\xAF\xDB\x8C\xD9\x85"
      "\xDB\x8C \xD8\xB4\xD9\x87\xD8\xB1 \xD8\xA8\xD9\x88\xDB\x8C \xDA\xAF\xD9\x84\xD8\xA7\xD8\xA8 "
      "\xD9\x88 \xD8\xA7\xD8\xAF\xD9\x88\xDB\x8C\xD9\x87 \xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xA2\xDB"
      "\x8C\xD8\xAF \xD9\x88 \xD9\x81\xD8\xB1\xD9\x88\xD8\xB4\xD9\x86\xD8\xAF\xDA\xAF\xD8\xA7\xD9"
      "\x86 \xD8\xA8\xD8\xA7 \xD8\xAD\xD9\x88\xD8\xB5\xD9\x84\xD9\x87 \xDA\x86\xD8\xA7\xD9\x86"
      "\xD9\x87 \xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB2\xD9\x86\xD9\x86\xD8\xAF.",
      "\xD8\xB4\xD8\xA8 \xD8\xAF\xD8\xB1 \xDA\xA9\xD9\x88\xDB\x8C\xD8\xB1 \xD8\xA2\xD8\xB3\xD9\x85"
      "\xD8\xA7\xD9\x86 \xD9\xBE\xD8\xB1 \xD8\xA7\xD8\xB2 \xD8\xB3\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x87 "
      "\xD8\xA7\xD8\xB3\xD8\xAA \xD9\x88 \xD8\xB3\xDA\xA9\xD9\x88\xD8\xAA \xD8\xA2\xD9\x86\xE2\x80"
      "\x8C\xD9\x82\xD8\xAF\xD8\xB1 \xD8\xB9\xD9\x85\xDB\x8C\xD9\x82 \xD8\xA7\xD8\xB3\xD8\xAA "
      "\xDA\xA9\xD9\x87 \xD8\xB5\xD8\xAF\xD8\xA7\xDB\x8C \xD9\x86\xD9\x81\xD8\xB3 \xD8\xB1\xD8\xA7 "
      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB4\xD9\x86\xD9\x88\xDB\x8C."};
  const std::string head = "\xD8\xAF\xD9\x81\xD8\xAA\xD8\xB1\xDA\x86\xD9\x87\n\n"  // site name
                           "\xE2\x86\x90 \xD8\xA8\xD8\xA7\xD8\xB2\xDA\xAF\xD8\xB4\xD8\xAA\n\n";
  std::string dir = winnow::test::make_temp_dir("clean-dir-listed-dates");
  fs::create_directories(dir + "/posts");
  fs::create_directories(dir + "/tags");
  fs::create_directories(dir + "/months");
  for (size_t i = 0; i < 4; ++i) {
    winnow::test::spit(dir + "/posts/p" + std::to_string(i) + ".txt",
                       head + titles[i] + "\n\n" + dates[i] + "\n\n" + bodies[i] + "\n");
  }
  // Three listings, each of every post: title, date, body.
  for (const char* list : {"tags/safar", "tags/iran", "months/1402"}) {
    std::string text = head + "Posts filed under the label " + list + "\n\n";
    for (size_t i = 0; i < 4; ++i) text += titles[i] + "\n\n" + dates[i] + "\n\n" + bodies[i] + "\n\n";
    winnow::test::spit(dir + "/" + list + ".txt", text);
  }
  auto r = winnow::test::run_winnow({"clean", dir, "--url-prefix", "https://daftar.example.org"});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  // The listings are left with their headings only: not written.
  REQUIRE(lines.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    CHECK(lines[i].get_string("path") == "posts/p" + std::to_string(i) + ".txt");
    CHECK(lines[i].get_string("text") == titles[i] + "\n\n" + bodies[i]);
  }
}

TEST_CASE("clean DIR: two works keep the text they share, a revised edition stays", "[policy]") {
  // Two tutorials open with the same paragraph and a second edition
  // revises the second: each is a work of its own and keeps its whole text
  // (the first edition was made an alias of the second, and the second
  // tutorial lost the shared opening). --across-articles keeps each
  // paragraph once in the folder.
  std::string dir = winnow::test::make_temp_dir("clean-dir-shared-works");
  const std::string shared =
      "This series shows how to fetch pages politely, parse them and keep their text, one "
      "small program at a time.";
  const std::vector<std::vector<std::string>> posts = {
      {"Fetching pages",
       "A polite crawler waits between requests and reads robots.txt before anything else.",
       "Start with one host and a queue of addresses that you visit in order."},
      {"Parsing markup",
       "A parser turns the bytes of a page into a tree of elements you can walk.",
       "Headings, paragraphs and lists are the blocks that carry the text you want."},
      {"Parsing markup, second edition",
       "A parser turns the bytes of a page into a tree of elements you can walk.",
       "Headings, paragraphs, lists and tables are the blocks that hold the words you keep.",
       "Tables and code listings need care of their own, cell by cell and line by line."}};
  // Other posts of the folder, so that the opening is not the template.
  const std::vector<std::string> others = {
      "The river rose overnight and the ferry stayed on the far bank until noon.",
      "Bakers on Mill Street lit their ovens at four to have bread by the first tram.",
      "A choir of forty sang in the market hall to raise money for the new roof.",
      "The library lent its thousandth book this spring, a guide to mending nets."};
  fs::create_directories(dir + "/posts");
  for (size_t i = 0; i < posts.size(); ++i) {
    std::string text = posts[i][0] + "\n\n" + shared + "\n\n";
    for (size_t k = 1; k < posts[i].size(); ++k) text += posts[i][k] + "\n\n";
    winnow::test::spit(dir + "/posts/10" + std::to_string(i) + ".txt", text);
  }
  for (size_t i = 0; i < others.size(); ++i) {
    winnow::test::spit(dir + "/posts/20" + std::to_string(i) + ".txt",
                       "Town note " + std::to_string(i + 1) + "\n\n" + others[i] + "\n");
  }
  auto texts = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"clean", dir, "--url-prefix", "https://lessons.example.org"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = winnow::test::run_winnow(args);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::string> out;
    for (const JsonValue& v : parse_lines(r.out)) out[v.get_string("path")] = v.get_string("text");
    return out;
  };
  auto joined = [&](const std::vector<std::string>& p, bool with_shared, size_t from = 1) {
    std::string text = p[0] + (with_shared ? "\n\n" + shared : "");
    for (size_t k = from; k < p.size(); ++k) text += "\n\n" + p[k];
    return text;
  };
  auto by_default = texts({});
  CHECK(by_default.size() == 7);
  for (size_t i = 0; i < posts.size(); ++i) {
    CHECK(by_default["posts/10" + std::to_string(i) + ".txt"] == joined(posts[i], true));
  }
  // Once per folder: the opening, and the paragraph both editions hold,
  // each stay in one document only (the owner order's first).
  auto once = texts({"--across-articles"});
  CHECK(once.size() == 7);
  int with_shared = 0, with_kept = 0;
  for (size_t i = 0; i < posts.size(); ++i) {
    const std::string& text = once["posts/10" + std::to_string(i) + ".txt"];
    with_shared += text.find(shared) != std::string::npos;
    with_kept += text.find(posts[1][1]) != std::string::npos;
  }
  CHECK(with_shared == 1);
  CHECK(with_kept == 1);
}

TEST_CASE("clean DIR: standalone pages among dated posts are left out, --with-pages keeps them",
          "[policy]") {
  // Twenty-four posts at dated addresses, each with its date under the
  // title, and an about page with neither: the about page is not one of
  // the site's posts. A post without a dateline stays.
  std::string dir = winnow::test::make_temp_dir("clean-dir-pages");
  const std::vector<std::string> places = {"the mill",    "the ferry",  "the market", "the bakery",
                                           "the school",  "the library", "the bridge", "the wells",
                                           "the choir",   "the orchard", "the quarry", "the tram",
                                           "the dam",     "the forge",   "the chapel", "the dairy",
                                           "the station", "the clinic",  "the harbour", "the kiln",
                                           "the tannery", "the sawmill", "the pond",   "the barn"};
  for (size_t i = 0; i < places.size(); ++i) {
    const std::string month = (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1);
    winnow::test::spit(dir + "/2019/" + month + "/note-" + std::to_string(i) + "/index.txt",
                       "Valley Notes\n\nA visit to " + places[i] + "\n\n" + std::to_string(i + 3) +
                           "/" + month + "/2019 in Town\n\nWe walked to " + places[i] +
                           " on a grey morning and stayed until the light went, talking to the "
                           "people who keep it going " + std::to_string(i) + " days a week.\n");
  }
  winnow::test::spit(dir + "/2019/12/undated-note/index.txt",
                     "Valley Notes\n\nA note without a date\n\nSome posts carry no dateline at "
                     "all, and this one is still a post of the site, written like all the others "
                     "here.\n");
  winnow::test::spit(dir + "/about/index.txt",
                     "Valley Notes\n\nAbout\n\nThese notes are written by two neighbours who "
                     "walk the valley every week and write down what they see and hear.\n");
  auto paths = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"clean", dir, "--url-prefix", "https://notes.example.org"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = winnow::test::run_winnow(args);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::string> out;  // path -> kind
    for (const JsonValue& v : parse_lines(r.out)) out[v.get_string("path")] = v.get_string("kind");
    return out;
  };
  auto plain = paths({});
  CHECK(plain.size() == 25);
  CHECK_FALSE(plain.count("about/index.txt"));
  CHECK(plain.count("2019/12/undated-note/index.txt"));
  auto with = paths({"--with-pages"});
  CHECK(with.size() == 26);
  CHECK(with["about/index.txt"] == "page");
}
