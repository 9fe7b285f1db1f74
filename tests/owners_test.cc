// owners_test.cc: `winnow run` on a small blog served on 127.0.0.1 whose
// articles also show up as stale copies: a feed sent as text/html with
// every post's full text, a meta-refresh stub at an old permalink, a
// ?replytocom= variant naming the article canonical, and a listing of
// one teaser cut with "…". Each text is kept once, in its article; the copies
// are aliases; no document without text is written, and provenance says
// why each was left out.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "base/base.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
using namespace winnow::test;

namespace {

const std::vector<std::string> kFirst = {
    "The ferry to the northern islands now leaves twice a day from the old harbour wall.",
    "Fishermen say the second boat has doubled the number of visitors since the spring.",
    "The council will review the timetable again in October after counting passengers."};
const std::vector<std::string> kSecond = {
    "A reading room opened above the bakery on Mill Street with four hundred donated books.",
    "Volunteers keep it open every evening and lend books without asking for a card.",
    "The baker says the smell of bread has brought more readers than any poster did."};

std::string article(const std::string& root, const std::string& path, const std::string& title,
                    const std::vector<std::string>& paras, bool reply_link) {
  std::string html = "<!doctype html><html lang=en><head><title>" + title +
                     "</title><link rel=canonical href=\"" + root + path +
                     "\"><meta property=og:type content=article></head><body><article><h1>" +
                     title + "</h1>";
  for (const auto& p : paras) html += "<p>" + p + "</p>";
  html += "</article><footer>";
  if (reply_link) html += "<a href=\"" + path + "?replytocom=5\">Reply</a> ";
  return html + "<a href=\"/\">Home</a></footer></body></html>";
}

// The first n words of s and an ellipsis.
std::string teaser(const std::string& s, int n) {
  size_t at = 0;
  for (int i = 0; i < n; ++i) at = s.find(' ', at + 1);
  return s.substr(0, at) + "\xE2\x80\xA6";
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

}  // namespace

TEST_CASE("stale copies become aliases; feeds, stubs and teasers hold no text", "[policy][e2e]") {
  TestServer server;
  const std::string root = server.root();
  const std::string first = "/2020/01/ferry/", second = "/2020/02/reading-room/";
  server.set_page(first, article(root, first, "Second ferry", kFirst, true));
  server.set_page(second, article(root, second, "Reading room", kSecond, false));
  // A listing of one post unit and a pull quote from it: a duplicate of
  // that article, never its alias.
  server.set_page("/", "<!doctype html><html><body><main><p>" + kSecond[1] +
                           "</p><div class=post><h2><a href=\"" +
                           second + "\">Reading room</a></h2><p>" + teaser(kSecond[0], 11) +
                           " <a href=\"" + second + "\">Read more</a></p></div></main>"
                           "<nav><a href=\"" + first + "\">Older</a> <a href=\"/feed/\">Feed</a> "
                           "<a href=\"/ferry-old/\">Old link</a></nav></body></html>");
  // WordPress sends its feeds as text/html more often than one would hope.
  std::string feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                     "<title>Blog</title>";
  for (const auto& [path, paras] : {std::pair{first, kFirst}, std::pair{second, kSecond}}) {
    feed += "<item><link>" + root + path + "</link><description>";
    for (const auto& p : paras) feed += "&lt;p&gt;" + p + "&lt;/p&gt;";
    feed += "</description></item>";
  }
  server.set_page("/feed/", feed + "</channel></rss>");
  server.set_page("/ferry-old/",
                  "<html><head><meta http-equiv=refresh content=\"0; url=" + first +
                      "\"></head><body><p>This post has moved to a new address on this "
                      "site, follow the link if your browser does not.</p></body></html>");

  std::string dir = make_temp_dir("owners");
  auto r = run_winnow({"run", server.url("/"), "--out", dir, "--delay", "0", "--provenance",
                       "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(server.hits("/feed/") == 1);
  REQUIRE(server.hits("/ferry-old/") == 1);

  std::map<std::string, JsonValue> docs;
  for (const auto& d : jsonl(dir + "/dataset.jsonl")) docs[d["url"].as_string()] = d;
  REQUIRE(docs.size() == 2);
  const JsonValue& a = docs.at(server.url(first));
  const JsonValue& b = docs.at(server.url(second));
  CHECK(a["text"].as_string() == "Second ferry\n\n" + kFirst[0] + "\n\n" + kFirst[1] + "\n\n" + kFirst[2]);
  CHECK(b["text"].as_string() == "Reading room\n\n" + kSecond[0] + "\n\n" + kSecond[1] + "\n\n" + kSecond[2]);
  std::vector<std::string> aliases;
  for (const auto& x : a["aliases"].as_array()) aliases.push_back(x.as_string());
  CHECK(aliases == std::vector<std::string>{server.url(first) + "?replytocom=5",
                                            server.url("/ferry-old/")});
  CHECK(b["aliases"].as_array().empty());

  // Provenance: one line per document left out, paragraph null.
  std::map<std::string, std::string> why;
  for (const auto& p : jsonl(dir + "/provenance.jsonl")) {
    if (!p["paragraph"].is_null()) continue;
    why[p["url"].as_string()] = p["reason"].as_string() + " " + p["kept_url"].as_string();
  }
  CHECK(why == std::map<std::string, std::string>{
                   {server.url("/"), "duplicate " + server.url(second)},
                   {server.url("/ferry-old/"), "alias " + server.url(first)},
                   {server.url(first) + "?replytocom=5", "exact-doc " + server.url(first)}});
}

TEST_CASE("a listing's post units leave it when the crawl holds their article", "[policy][e2e]") {
  // Regression: monthly archives kept each post's title, date line and
  // hand-written summary ("In which we ... Continue reading") beside the
  // article, as text of their own.
  TestServer server;
  const std::string root = server.root();
  const std::string first = "/2020/01/ferry/", second = "/2020/02/reading-room/";
  server.set_page(first, article(root, first, "Second ferry", kFirst, false));
  server.set_page(second, article(root, second, "Reading room", kSecond, false));
  std::string units;
  for (const auto& [path, title] : {std::pair{first, "Second ferry"}, std::pair{second, "Reading room"},
                                    std::pair{std::string("/2019/12/gone/"), "A post the crawl does not hold"}}) {
    units += "<article><h2><a href=\"" + path + "#more\">" + title + "</a></h2>"
             "<p>Posted on a winter morning by the editors of this small island paper.</p>"
             "<p>In which " + std::string(title) + " is summed up in one sentence for the archive page. "
             "<a href=\"" + path + "\">Continue reading</a></p></article>";
  }
  server.set_page("/2020/", "<!doctype html><html><body><main><h1>Archives of the year 2020</h1>" +
                                units + "<p>This archive lists every post of the year in order.</p>"
                                "</main></body></html>");

  std::string dir = make_temp_dir("owners-units");
  auto r = run_winnow({"run", server.url("/2020/"), "--out", dir, "--delay", "0", "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> text;
  for (const auto& d : jsonl(dir + "/dataset.jsonl")) text[d["url"].as_string()] = d["text"].as_string();
  REQUIRE(text.count(server.url(first)) == 1);
  REQUIRE(text.count(server.url(second)) == 1);
  CHECK(text.at(server.url("/2020/")) ==
        "Archives of the year 2020\n\n"
        "A post the crawl does not hold\n\n"
        "Posted on a winter morning by the editors of this small island paper.\n\n"
        "In which A post the crawl does not hold is summed up in one sentence for the archive "
        "page. Continue reading\n\n"
        "This archive lists every post of the year in order.");
}

TEST_CASE("a listing left with only its heading and date lines is not written", "[policy][e2e]") {
  // Regression: on a Japanese category page of teasers, the teasers went as
  // excerpts and the titles as headings, but the page's own heading (six
  // kana: six words, so "substantive") and the posts' ISO date lines stayed,
  // and a document of nothing but "Category: ..." and dates was written.
  TestServer server;
  const std::string root = server.root();
  const std::vector<std::string> ja1 = {"川の水位は先週から少しずつ上がっている。",
                                        "村の組合は堤防の点検を来月まで延ばすと発表し、住民に説明会を開いた。"};
  const std::vector<std::string> ja2 = {"図書室が駅前の倉庫の二階に開かれ、寄付された本が棚に並んだ。",
                                        "ボランティアが毎晩交代で部屋を開け、カードなしで本を貸している。"};
  auto page = [&](const std::string& path, const std::string& title, const std::string& date,
                  const std::vector<std::string>& paras) {
    std::string html = "<!doctype html><html lang=ja><head><title>" + title +
                       "</title><link rel=canonical href=\"" + root + path +
                       "\"></head><body><article><h1>" + title + "</h1><div class=date>" + date +
                       "</div>";
    for (const auto& p : paras) html += "<p>" + p + "</p>";
    return html + "</article><footer><a href=\"/\">ホーム</a></footer></body></html>";
  };
  server.set_page("/ja/posts/1", page("/ja/posts/1", "川の水位", "2019-06-28", ja1));
  server.set_page("/ja/posts/2", page("/ja/posts/2", "駅前の図書室", "2021-01-13", ja2));
  std::string units;
  for (const auto& [path, title, date, paras] :
       {std::tuple{"/ja/posts/1", "川の水位", "2019-06-28", ja1},
        std::tuple{"/ja/posts/2", "駅前の図書室", "2021-01-13", ja2}}) {
    units += std::string("<article><h2><a href=\"") + path + "\">" + title + "</a></h2><div class=date>" +
             date + "</div><p>" + paras[0] + paras[1].substr(0, 24) + "\xE2\x80\xA6</p><p><a href=\"" +
             path + "\">続きを読む</a></p></article>";
  }
  server.set_page("/", "<!doctype html><html lang=ja><body><main><h1>Category: インタビュー</h1>" +
                           units + "</main></body></html>");

  std::string dir = make_temp_dir("owners-dates");
  auto r = run_winnow({"run", server.url("/"), "--out", dir, "--delay", "0", "--provenance",
                       "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> text;
  for (const auto& d : jsonl(dir + "/dataset.jsonl")) text[d["url"].as_string()] = d["text"].as_string();
  CHECK(text.count(server.url("/ja/posts/1")) == 1);
  CHECK(text.count(server.url("/ja/posts/2")) == 1);
  CHECK(text.count(server.url("/")) == 0);
  std::string why;
  for (const auto& p : jsonl(dir + "/provenance.jsonl")) {
    if (p["paragraph"].is_null() && p["url"].as_string() == server.url("/")) why = p["reason"].as_string();
  }
  // Its post units leave it at extraction (the crawl holds both posts), so
  // nothing of its own is left: chrome-only.
  CHECK(why == "chrome-only");
}
