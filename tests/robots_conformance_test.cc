// robots_conformance_test.cc: RFC 9309 conformance cases for robots.txt
// beyond robots_test.cc -- the percent-encoding table of section 2.2.2 and
// the equivalences it implies (an encoded and an unencoded form of one
// path match each other, both ways), and the protocol cases the RFC's
// authors published as "ID_" tests with Google's robotstxt, written here
// with our own inputs. Where we read the RFC differently from Google's
// parser, docs/internals/urls-and-robots.md says so.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crawler/crawler.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {

bool allowed(const std::string& robots, const std::string& agent, const std::string& url) {
  return RobotsRules::parse(robots).allowed(agent, url);
}

// Does a "Disallow: <rule>" line keep the crawler away from `url`?
bool blocks(const std::string& rule, const std::string& url) {
  return !allowed("user-agent: *\ndisallow: " + rule + "\n", "winnow", url);
}

// Parse events as "line:kind" strings (values are checked elsewhere).
class Lines : public RobotsParseHandler {
 public:
  std::vector<std::string> seen;
  void on_user_agent(int l, std::string_view) override { add(l, "ua"); }
  void on_allow(int l, std::string_view) override { add(l, "allow"); }
  void on_disallow(int l, std::string_view) override { add(l, "disallow"); }
  void on_crawl_delay(int l, std::string_view) override { add(l, "delay"); }
  void on_sitemap(int l, std::string_view) override { add(l, "sitemap"); }
  void on_unknown(int l, std::string_view, std::string_view) override { add(l, "unknown"); }

 private:
  void add(int line, const char* kind) { seen.push_back(std::to_string(line) + ":" + kind); }
};

std::vector<std::string> lines_of(const std::string& body) {
  Lines l;
  parse_robots(body, l);
  return l.seen;
}

}  // namespace

// Regression: a rule with ':' and '/' inside a query value did not match
// the URL that carries them percent-encoded (and the other way round), so
// the RFC's own table row "/foo/bar?baz=https://foo.bar" failed.
TEST_CASE("RFC 9309 2.2.2 table: every row's rule matches its path to match", "[rfc9309]") {
  struct Row {
    const char* path;          // as a rule in robots.txt
    const char* encoded;       // the RFC's "Encoded Path"
    const char* path_to_match; // the URL path it must match
  };
  const Row rows[] = {
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz", "/foo/bar?baz=quz"},
      {"/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar",
       "/foo/bar?baz=https%3A%2F%2Ffoo.bar"},
      {"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%62%61%7A", "/foo/bar/%62%61%7A", "/foo/bar/baz"},
  };
  for (const Row& r : rows) {
    INFO(r.path);
    CHECK(blocks(r.path, r.path_to_match));
    CHECK(blocks(r.encoded, r.path_to_match));
    CHECK(blocks(r.path, r.path));
    CHECK(blocks(r.encoded, r.path));
    CHECK(blocks(r.path_to_match, r.path));
    CHECK(blocks(r.path, std::string("http://site.example") + r.path_to_match));
  }
}

// Regression: only escapes of unreserved characters were decoded, so a
// rule and a URL writing the same path with and without escapes of ':',
// '@', '(', ')', '*', '$', '|' or a lone '%' did not match.
TEST_CASE("RFC 9309 2.2.2: encoded and unencoded forms of one path match each other",
          "[rfc9309]") {
  const std::pair<const char*, const char*> same[] = {
      {"/~editor/", "/%7Eeditor/"},          // %7E == ~
      {"/%7eeditor/", "/~editor/"},          // lower-case hex too
      {"/Archive", "/%41rchive"},            // %41 == A
      {"/a-b_c.d", "/a%2Db%5Fc%2Ed"},
      {"/caf\xC3\xA9/menu", "/caf%C3%A9/menu"},  // UTF-8 in the file
      {"/caf%c3%a9/menu", "/caf%C3%A9/menu"},
      {"/stra\xC3\x9F" "e", "/stra%c3%9fe"},
      {"/wiki/Special:Random", "/wiki/Special%3ARandom"},
      {"/people/@editor", "/people/%40editor"},
      {"/wiki/Mercury_(planet)", "/wiki/Mercury_%28planet%29"},
      {"/go?to=https://other.example/x", "/go?to=https%3A%2F%2Fother.example%2Fx"},
      {"/find?q=why?", "/find?q=why%3F"},
      {"/a|b", "/a%7Cb"},
      {"/100%25", "/100%"},
  };
  for (const auto& [a, b] : same) {
    INFO(a << " vs " << b);
    CHECK(blocks(a, b));
    CHECK(blocks(b, a));
  }
  // A literal '*' or '$' in a URL is matched by its escape in a rule (in a
  // rule the bare characters are wildcards).
  CHECK(blocks("/files/a%2Ab", "/files/a*b"));
  CHECK_FALSE(blocks("/files/a%2Ab", "/files/axb"));
  CHECK(blocks("/price%24list", "/price$list"));
  CHECK(blocks("/price$list", "/price%24list"));
  CHECK_FALSE(blocks("/price%24", "/price"));
}

TEST_CASE("RFC 9309 2.2.2: escapes of delimiters keep their own meaning", "[rfc9309]") {
  // RFC 3986 2.2: an escaped delimiter is data, not the delimiter.
  const std::pair<const char*, const char*> different[] = {
      {"/a/b", "/a%2Fb"},                 // path separator
      {"/a?b", "/a%3Fb"},                 // query start
      {"/s?a=1&b=2", "/s?a=1%26b=2"},     // parameter separator
      {"/s?a=b", "/s?a%3Db"},             // key/value separator
      {"/s?q=a+b", "/s?q=a%2Bb"},         // '+' is a space in forms
      {"/a;b", "/a%3Bb"},
  };
  for (const auto& [a, b] : different) {
    INFO(a << " vs " << b);
    CHECK_FALSE(blocks(a, b));
    CHECK_FALSE(blocks(b, a));
    CHECK(blocks(a, a));
    CHECK(blocks(b, b));
  }
}

TEST_CASE("ID_LineSyntax_Line: name-value lines; a missing colon is read", "[rfc9309]") {
  const std::string url = "https://site.example/reports/1";
  CHECK_FALSE(allowed("user-agent: archivebot\ndisallow: /\n", "archivebot", url));
  // Names that are not records change nothing.
  CHECK(allowed("agent: archivebot\nforbid: /\n", "archivebot", url));
  // "disallow /" without the colon is obvious enough to obey.
  CHECK_FALSE(allowed("user-agent archivebot\ndisallow /\n", "archivebot", url));
}

TEST_CASE("ID_LineSyntax_Groups: user-agent lines then rules; outside rules ignored", "[rfc9309]") {
  // A group is user-agent lines then rules, ended by the next user-agent
  // line after rules; rules outside a group are ignored; groups for one
  // agent merge.
  std::string robots =
      "allow: /open/\n"
      "user-agent: alpha\n"
      "disallow: /\n"
      "allow: /a/\n"
      "user-agent: beta\n"
      "disallow: /\n"
      "\n"
      "allow: /b/\n"
      "user-agent: alpha\n"
      "allow: /c/\n";
  CHECK(allowed(robots, "alpha", "/a/1"));
  CHECK(allowed(robots, "alpha", "/c/1"));
  CHECK_FALSE(allowed(robots, "alpha", "/b/1"));
  CHECK(allowed(robots, "beta", "/b/1"));
  CHECK_FALSE(allowed(robots, "beta", "/a/1"));
  CHECK_FALSE(allowed(robots, "alpha", "/open/1"));
  CHECK_FALSE(allowed(robots, "beta", "/open/1"));
}

TEST_CASE("ID_REPLineNamesCaseInsensitive and ID_UserAgentValueCaseInsensitive",
          "[rfc9309]") {
  for (const char* robots : {"USER-AGENT: ArchiveBot\nALLOW: /keep/\nDISALLOW: /\n",
                             "user-agent: archivebot\nallow: /keep/\ndisallow: /\n",
                             "UsEr-AgEnT: aRcHiVeBoT\naLlOw: /keep/\nDiSaLlOw: /\n"}) {
    INFO(robots);
    for (const char* agent : {"ArchiveBot", "archivebot", "ARCHIVEBOT/3.1"}) {
      CHECK(allowed(robots, agent, "/keep/x"));
      CHECK_FALSE(allowed(robots, agent, "/other"));
    }
  }
  // A value with a space names the token before it ("ARCHIVE BOT" names
  // "archive"), whatever its case.
  CHECK_FALSE(allowed("user-agent: ARCHIVE BOT\ndisallow: /\n", "archive", "/x"));
  CHECK(allowed("user-agent: ARCHIVE BOT\ndisallow: /\n", "archivebot", "/x"));
}

TEST_CASE("ID_VerifyValidUserAgentsToObey: the product token of our User-Agent",
          "[rfc9309]") {
  // Letters, '_' and '-' form the token; a version or comment after it is
  // not part of it; a User-Agent with no token obeys only '*'.
  std::string robots =
      "user-agent: fetch_bot-two\ndisallow: /mine/\n"
      "user-agent: *\ndisallow: /all/\n";
  for (const char* agent : {"fetch_bot-two", "Fetch_Bot-Two/2.1", "fetch_bot-two (+https://x)"}) {
    INFO(agent);
    CHECK_FALSE(allowed(robots, agent, "/mine/1"));
    CHECK(allowed(robots, agent, "/all/1"));
  }
  for (const char* agent : {"", "\xE3\x83\x84" "bot", "*", "2bot"}) {
    INFO(agent);
    CHECK(allowed(robots, agent, "/mine/1"));
    CHECK_FALSE(allowed(robots, agent, "/all/1"));
  }
  // The token must match exactly: a longer or shorter name is another crawler.
  CHECK(allowed(robots, "fetch_bot", "/mine/1"));
  CHECK(allowed(robots, "fetch_bot-twosome", "/mine/1"));
}

TEST_CASE("ID_GlobalGroups_Secondary: '*' only when no group names the crawler",
          "[rfc9309]") {
  std::string global = "user-agent: *\nallow: /\nuser-agent: archivebot\ndisallow: /\n";
  CHECK_FALSE(allowed(global, "archivebot", "/x/y"));
  CHECK(allowed(global, "otherbot", "/x/y"));
  std::string specific =
      "user-agent: archivebot\nallow: /\nuser-agent: otherbot\ndisallow: /\n";
  CHECK(allowed(specific, "thirdbot", "/x/y"));
  CHECK(allowed("", "archivebot", "/x/y"));
}

TEST_CASE("ID_LongestMatch: most octets wins, Allow wins ties", "[rfc9309]") {
  const std::string page = "/shelf/item.html";
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /shelf/item.html\nallow: /shelf/\n", "x", page));
  CHECK(allowed("user-agent: *\nallow: /shelf/item.html\ndisallow: /shelf/\n", "x", page));
  CHECK_FALSE(allowed("user-agent: *\nallow: /shelf/item.html\ndisallow: /shelf/\n", "x",
                      "/shelf/"));
  CHECK(allowed("user-agent: *\ndisallow:\nallow:\n", "x", page));
  CHECK(allowed("user-agent: *\ndisallow: /\nallow: /\n", "x", page));
  CHECK(allowed("user-agent: *\ndisallow: /shelf/item.html\nallow: /shelf/item.html\n", "x",
                page));
  std::string dir = "user-agent: *\ndisallow: /shelf\nallow: /shelf/\n";
  CHECK_FALSE(allowed(dir, "x", "/shelf"));
  CHECK(allowed(dir, "x", "/shelf/"));
  std::string wild = "user-agent: *\nallow: /shelf/item.\ndisallow: /*.html\n";
  CHECK(allowed(wild, "x", page));
  CHECK_FALSE(allowed(wild, "x", "/shelf/other.html"));
  // The crawler's own group replaces '*' entirely.
  std::string groups = "user-agent: *\ndisallow: /a/\nuser-agent: archivebot\ndisallow: /b/\n";
  CHECK(allowed(groups, "archivebot", "/a/page"));
  CHECK_FALSE(allowed(groups, "archivebot", "/b/page"));
}

TEST_CASE("ID_Encoding: Google's cases, read as RFC 9309 2.2.2 says", "[rfc9309]") {
  // A query holding another URL stays as written on both sides.
  std::string q = "user-agent: *\ndisallow: /\nallow: /list?sort=asc&from=http://a.example?b&c\n";
  CHECK(allowed(q, "x", "https://site.example/list?sort=asc&from=http://a.example?b&c"));
  // A 3-byte character in a rule: matches the encoded URL and (unlike
  // Google's matcher, which leaves encoding the URL to its caller) the raw
  // one.
  std::string raw = "user-agent: *\ndisallow: /\nallow: /shop/\xE3\x83\x84\n";
  CHECK(allowed(raw, "x", "https://site.example/shop/%E3%83%84"));
  CHECK(allowed(raw, "x", "https://site.example/shop/\xE3\x83\x84"));
  std::string enc = "user-agent: *\ndisallow: /\nallow: /shop/%E3%83%84\n";
  CHECK(allowed(enc, "x", "https://site.example/shop/%E3%83%84"));
  CHECK(allowed(enc, "x", "https://site.example/shop/\xE3\x83\x84"));
  // Escaped unreserved characters equal the characters (the RFC's table;
  // Google's parser differs).
  std::string unres = "user-agent: *\ndisallow: /\nallow: /shop/%6D%61%70\n";
  CHECK(allowed(unres, "x", "https://site.example/shop/map"));
  CHECK(allowed(unres, "x", "https://site.example/shop/%6D%61%70"));
}

TEST_CASE("ID_LinesNumbersAreCountedCorrectly: LF, CRLF, CR, mixed, no final newline",
          "[rfc9309]") {
  const std::vector<std::string> want = {"1:ua", "2:allow", "3:ua", "6:disallow"};
  for (const char* body : {"User-Agent: a\nAllow: /p\nUser-Agent: b\n\n\nDisallow: /\n",
                           "User-Agent: a\r\nAllow: /p\r\nUser-Agent: b\r\n\r\n\r\nDisallow: /\r\n",
                           "User-Agent: a\rAllow: /p\rUser-Agent: b\r\r\rDisallow: /\r",
                           "User-Agent: a\nAllow: /p\r\nUser-Agent: b\n\r\n\rDisallow: /",
                           "User-Agent: a\nAllow: /p\nUser-Agent: b\n\n\nDisallow: /"}) {
    INFO(body);
    CHECK(lines_of(body) == want);
  }
}

TEST_CASE("ID_UTF8ByteOrderMarkIsSkipped: whole or partial BOM at the start only",
          "[rfc9309]") {
  const std::vector<std::string> clean = {"1:ua", "2:allow"};
  for (const char* bom : {"\xEF\xBB\xBF", "\xEF\xBB", "\xEF"}) {
    CHECK(lines_of(std::string(bom) + "User-Agent: a\nAllow: /p\n") == clean);
  }
  // Not a BOM: the first line is garbage.
  CHECK(lines_of("\xEF\x11\xBFUser-Agent: a\nAllow: /p\n") ==
        std::vector<std::string>{"1:unknown", "2:allow"});
  CHECK(lines_of("User-Agent: a\n\xEF\xBB\xBF" "Allow: /p\n") ==
        std::vector<std::string>{"1:ua", "2:unknown"});
}

TEST_CASE("ID_NonStandardLineExample_Sitemap: anywhere in the file", "[rfc9309]") {
  const std::string map = "https://site.example/map.xml";
  for (const std::string& robots :
       {"User-Agent: a\nAllow: /p\nUser-Agent: b\n\n\nSitemap: " + map + "\n",
        "Sitemap: " + map + "\nUser-Agent: a\nAllow: /p\nUser-Agent: b\n\n\n"}) {
    CHECK(RobotsRules::parse(robots).sitemaps() == std::vector<std::string>{map});
  }
}
