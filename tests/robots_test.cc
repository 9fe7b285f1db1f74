// robots_test.cc: robots.txt per RFC 9309 -- the RFC's own examples, the
// parser's tolerance (Google robotstxt-style cases), the matcher, the HTTP
// status policy, crawl-delay, sitemaps, and the `winnow robots` command.
// Each [rfc9309] case names the section it checks.
#include <catch2/catch.hpp>

#include <algorithm>

#include "crawler/crawler.h"
#include "tests/support/util.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {

bool allowed(const std::string& robots, const std::string& agent,
             const std::string& url) {
  return RobotsRules::parse(robots).allowed(agent, url);
}

// Records parse events as "line:kind:value" strings.
class Recorder : public RobotsParseHandler {
 public:
  std::vector<std::string> events;
  void on_user_agent(int l, std::string_view v) override { add(l, "ua", v); }
  void on_allow(int l, std::string_view v) override { add(l, "allow", v); }
  void on_disallow(int l, std::string_view v) override {
    add(l, "disallow", v);
  }
  void on_crawl_delay(int l, std::string_view v) override {
    add(l, "delay", v);
  }
  void on_sitemap(int l, std::string_view v) override { add(l, "sitemap", v); }
  void on_unknown(int l, std::string_view k, std::string_view v) override {
    add(l, "unknown", std::string(k) + "=" + std::string(v));
  }

 private:
  void add(int line, const char* kind, std::string_view v) {
    events.push_back(std::to_string(line) + ":" + kind + ":" + std::string(v));
  }
};

const char* kRfcExample =  // RFC 9309 5.1
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

}  // namespace

TEST_CASE("RFC 9309 5.1 example: per-agent decisions", "[rfc9309]") {
  // RFC 9309 5.1: foobot
  CHECK(allowed(kRfcExample, "foobot", "/example/page.html"));
  CHECK(allowed(kRfcExample, "foobot", "/example/allowed.gif"));
  CHECK_FALSE(allowed(kRfcExample, "foobot", "/example/disallowed.gif"));
  CHECK_FALSE(allowed(kRfcExample, "foobot", "/"));
  // barbot and bazbot share one group (RFC 9309 2.1: several user-agent lines).
  CHECK_FALSE(allowed(kRfcExample, "barbot", "/example/page.html"));
  CHECK(allowed(kRfcExample, "bazbot", "/example/other.html"));
  CHECK_FALSE(allowed(kRfcExample, "bazbot", "/example/page.html"));
  // quxbot has an empty group: everything allowed, '*' not consulted (2.2.1).
  CHECK(allowed(kRfcExample, "quxbot", "/example/x.gif"));
  // Unknown agents fall back to '*' (2.2.1).
  CHECK_FALSE(allowed(kRfcExample, "otherbot", "/img/a.gif"));
  CHECK_FALSE(allowed(kRfcExample, "otherbot", "/example/x.html"));
  CHECK(allowed(kRfcExample, "otherbot", "/publications/x.html"));
  CHECK(allowed(kRfcExample, "otherbot",
                "/img/a.gif?x=1"));  // '$' anchors (2.2.3)
}

TEST_CASE("RFC 9309 5.2: the longest match wins", "[rfc9309]") {
  std::string robots =
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n";
  CHECK(allowed(robots, "foobot", "/example/page/"));
  CHECK(allowed(robots, "foobot", "/example/page/other.gif"));
  CHECK_FALSE(allowed(robots, "foobot", "/example/page/disallowed.gif"));
}

TEST_CASE("RFC 9309 2.2.2: Allow wins a tie of equal length", "[rfc9309]") {
  CHECK(
      allowed("user-agent: *\nallow: /page\ndisallow: /page\n", "x", "/page"));
  CHECK(
      allowed("user-agent: *\ndisallow: /page\nallow: /page\n", "x", "/page"));
  // Length counts the pattern's octets, wildcards included.
  CHECK_FALSE(allowed("user-agent: *\nallow: /page\ndisallow: /*.html\n", "x",
                      "/page.html"));
  CHECK(allowed("user-agent: *\nallow: /x/page.html\ndisallow: /x/\n", "x",
                "/x/page.html"));
}

TEST_CASE("RFC 9309 2.2.1: product token matched case-insensitively",
          "[rfc9309]") {
  std::string robots =
      "user-agent: ExampleBot\n"
      "disallow: /foo\n"
      "disallow: /bar\n"
      "\n"
      "user-agent: *\n"
      "disallow: /baz\n";
  CHECK_FALSE(
      allowed(robots, "ExampleBot/1.0 (+https://example.com/bot)", "/foo/x"));
  CHECK_FALSE(allowed(robots, "examplebot", "/bar"));
  CHECK(allowed(robots, "EXAMPLEBOT/2", "/baz"));  // only its own group applies
  CHECK_FALSE(allowed(robots, "winnow/0.1.0", "/baz"));
  CHECK(allowed(robots, "winnow/0.1.0", "/foo"));
  // A version in the robots.txt user-agent line is ignored too.
  CHECK_FALSE(allowed("user-agent: FooBot/1.0\ndisallow: /\n", "foobot", "/a"));
  // "Foo Bot" names the token "foo", not "foobot".
  CHECK(allowed("user-agent: Foo Bot\ndisallow: /\n", "foobot", "/a"));
}

TEST_CASE("RFC 9309 2.2.1: groups naming the same agent are merged",
          "[rfc9309]") {
  std::string robots =
      "user-agent: ExampleBot\n"
      "disallow: /foo\n"
      "disallow: /bar\n"
      "\n"
      "user-agent: ExampleBot\n"
      "disallow: /baz\n";
  CHECK_FALSE(allowed(robots, "examplebot", "/foo"));
  CHECK_FALSE(allowed(robots, "examplebot", "/bar"));
  CHECK_FALSE(allowed(robots, "examplebot", "/baz"));
  CHECK(allowed(robots, "examplebot", "/qux"));
  std::string stars =
      "user-agent: *\ndisallow: /a\nuser-agent: b\ndisallow: /\nuser-agent: "
      "*\ndisallow: /c\n";
  CHECK_FALSE(allowed(stars, "z", "/a"));
  CHECK_FALSE(allowed(stars, "z", "/c"));
  CHECK(allowed(stars, "z", "/d"));
}

TEST_CASE("RFC 9309 2.2.1: no matching group and no '*' allows all",
          "[rfc9309]") {
  CHECK(allowed("user-agent: foobot\ndisallow: /\n", "barbot", "/x"));
  CHECK(allowed("", "barbot", "/x"));
}

TEST_CASE("RFC 9309 2.2.2: an empty Disallow allows everything", "[rfc9309]") {
  CHECK(allowed("user-agent: *\ndisallow:\n", "x", "/anything"));
  CHECK(allowed("user-agent: *\ndisallow: \n", "x", "/"));
}

TEST_CASE("RFC 9309 2.2.2: paths are matched case-sensitively from the start "
          "(ID_AllowDisallow_Value_CaseSensitive)",
          "[rfc9309]") {
  std::string robots = "user-agent: *\ndisallow: /X/\n";
  CHECK_FALSE(allowed(robots, "a", "/X/y"));
  CHECK(allowed(robots, "a", "/x/y"));
  CHECK(allowed(robots, "a", "/a/X/y"));
}

TEST_CASE("RFC 9309 2.2.3: '*' and '$' special characters (ID_SpecialCharacters)", "[rfc9309]") {
  std::string robots =
      "user-agent: *\n"
      "allow: /this/*/exactly\n"
      "disallow: /this/path/exactly$\n"
      "disallow: /*.php$\n"
      "disallow: /fish*.php\n";
  CHECK_FALSE(allowed(robots, "a", "/this/path/exactly"));
  CHECK(allowed(robots, "a", "/this/path/exactly/more"));
  CHECK(allowed(robots, "a", "/this/other/exactly"));
  CHECK_FALSE(allowed(robots, "a", "/index.php"));
  CHECK(allowed(robots, "a", "/index.php?x=1"));
  CHECK_FALSE(allowed(robots, "a", "/fish/salmon.php?a"));
  CHECK(allowed(robots, "a", "/Fish.PHP"));
  CHECK(robots_pattern_matches("/a*b*c$", "/a-b-b-c"));
  CHECK_FALSE(robots_pattern_matches("/a*b*c$", "/a-b-c-d"));
  CHECK(robots_pattern_matches("*", "/anything"));
  CHECK(robots_pattern_matches("/$", "/"));
  CHECK_FALSE(robots_pattern_matches("/$", "/a"));
}

TEST_CASE("RFC 9309 2.2.2: percent-encoding equivalence", "[rfc9309]") {
  // The RFC's table: U+30C4 in a rule matches its %E3%83%84 encoding.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /foo/bar/\xE3\x83\x84\n", "a",
                      "/foo/bar/%E3%83%84"));
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /foo/bar/%e3%83%84\n", "a",
                      "http://example.com/foo/bar/\xE3\x83\x84"));
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /foo/bar?baz=quz\n", "a",
                      "/foo/bar?baz=quz"));
  // Our policy (RFC 3986 6.2.2.2): escapes of unreserved characters equal them.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /foo/bar/%62%61%7A\n", "a",
                      "/foo/bar/baz"));
  // Reserved characters stay distinct: %2F is not '/'.
  CHECK(allowed("user-agent: *\ndisallow: /a/b\n", "a", "/a%2Fb"));
  CHECK(robots_normalize("/a b/%7e/%2f/\xC3\xA9") == "/a%20b/~/%2F/%C3%A9");
}

TEST_CASE("RFC 9309 2.5: bytes past 500 KiB are ignored", "[rfc9309]") {
  std::string robots = "user-agent: *\ndisallow: /a\n";
  robots.append(limits::kMaxRobotsBytes - robots.size() - 4, '#');
  robots.append("\ndisallow: /b\n");  // starts inside the limit, ends past it
  robots.append("disallow: /c\n");
  REQUIRE(robots.size() > limits::kMaxRobotsBytes);
  CHECK_FALSE(allowed(robots, "x", "/a"));
  CHECK(allowed(robots, "x", "/c"));
  CHECK(allowed(robots, "x", "/b"));  // cut to "dis": not a rule
}

TEST_CASE("RFC 9309 2.2: BOM, CR/LF/CRLF line ends and comments", "[rfc9309]") {
  CHECK_FALSE(allowed("\xEF\xBB\xBFuser-agent: *\ndisallow: /a\n", "x", "/a"));
  CHECK_FALSE(allowed("user-agent: *\rdisallow: /a\r", "x", "/a"));
  CHECK_FALSE(allowed("user-agent: *\r\ndisallow: /a\r\n", "x", "/a"));
  std::string commented =
      "# comment\nuser-agent: * # everyone\ndisallow: /a # no a\n#disallow: "
      "/b\n";
  CHECK_FALSE(allowed(commented, "x", "/a"));
  CHECK(allowed(commented, "x", "/b"));
  CHECK_FALSE(allowed(commented, "x", "/ab"));  // "/a # no a" is the rule "/a"
}

TEST_CASE("parse_robots emits one event per line with 1-based line numbers",
          "[rfc9309]") {
  Recorder r;
  parse_robots(
      "User-Agent: Foo\r\nDISALLOW: /x # c\n\nallow:/y\nCrawl-delay: 2\n"
      "Sitemap: http://e.com/s.xml\nfoo: bar\njunk line\n",
      r);
  std::vector<std::string> want = {"1:ua:Foo",
                                   "2:disallow:/x",
                                   "4:allow:/y",
                                   "5:delay:2",
                                   "6:sitemap:http://e.com/s.xml",
                                   "7:unknown:foo=bar",
                                   "8:unknown:junk line="};
  CHECK(r.events == want);
}

TEST_CASE("missing colons and common misspellings are tolerated", "[policy]") {
  CHECK_FALSE(allowed("user-agent *\ndisallow /a\n", "x", "/a"));
  CHECK_FALSE(allowed("useragent: *\ndissallow: /a\n", "x", "/a"));
  CHECK_FALSE(allowed("user agent: *\ndisalow: /a\n", "x", "/a"));
}

TEST_CASE("rules before any user-agent line belong to no group", "[rfc9309]") {
  // RFC 9309 2.1: a group starts with user-agent lines.
  CHECK(allowed("disallow: /a\nuser-agent: *\ndisallow: /b\n", "x", "/a"));
  CHECK_FALSE(
      allowed("disallow: /a\nuser-agent: *\ndisallow: /b\n", "x", "/b"));
}

TEST_CASE("/robots.txt itself is always allowed", "[rfc9309]") {
  // RFC 9309 2.2.2: "/robots.txt" is implicitly allowed.
  CHECK(allowed("user-agent: *\ndisallow: /\n", "x", "/robots.txt"));
  CHECK(RobotsPolicy::disallow_all().allowed("x",
                                             "http://example.com/robots.txt"));
  CHECK_FALSE(
      RobotsPolicy::disallow_all().allowed("x", "http://example.com/a"));
}

TEST_CASE("full URLs are matched by their path and query", "[rfc9309]") {
  std::string robots = "user-agent: *\ndisallow: /a?b\n";
  CHECK_FALSE(allowed(robots, "x", "http://example.com/a?b=1"));
  CHECK(allowed(robots, "x", "http://example.com/a"));
  CHECK(allowed(robots, "x", "https://example.com"));
}

TEST_CASE("RobotsPolicy::from_status maps the fetch outcome", "[rfc9309]") {
  // RFC 9309 2.3.1.1 success: rules apply.
  RobotsPolicy ok =
      RobotsPolicy::from_status(200, "user-agent: *\ndisallow: /a\n");
  CHECK(ok.mode() == RobotsPolicy::Mode::kRules);
  CHECK_FALSE(ok.allowed("x", "/a"));
  CHECK(ok.allowed("x", "/b"));
  // 2.3.1.3 unavailable (4xx): allow all.
  CHECK(RobotsPolicy::from_status(404, "user-agent: *\ndisallow: /\n")
            .allowed("x", "/a"));
  CHECK(RobotsPolicy::from_status(403, "").allowed("x", "/a"));
  // 2.3.1.2 redirects exhausted: treated as unavailable.
  CHECK(RobotsPolicy::from_status(301, "").allowed("x", "/a"));
  // 2.3.1.4 unreachable (5xx, network error = 0): disallow all.
  CHECK_FALSE(RobotsPolicy::from_status(503, "").allowed("x", "/a"));
  CHECK_FALSE(RobotsPolicy::from_status(500, "").allowed("x", "/"));
  CHECK_FALSE(RobotsPolicy::from_status(0, "").allowed("x", "/a"));
  CHECK(RobotsPolicy::from_status(0, "").mode() ==
        RobotsPolicy::Mode::kDisallowAll);
}

TEST_CASE("Crawl-delay of the matched group, capped at kMaxCrawlDelaySeconds",
          "[policy]") {
  std::string robots =
      "user-agent: *\ncrawl-delay: 5\ndisallow: /a\n"
      "user-agent: slowbot\ncrawl-delay: 100\n"
      "user-agent: badbot\ncrawl-delay: soon\n"
      "user-agent: fracbot\ncrawl-delay: 0.5\n";
  RobotsPolicy p = RobotsPolicy::from_body(robots);
  CHECK(p.crawl_delay("winnow/1.0") == 5.0);
  CHECK(p.crawl_delay("slowbot") == limits::kMaxCrawlDelaySeconds);
  CHECK_FALSE(p.crawl_delay("badbot").has_value());
  CHECK(p.crawl_delay("fracbot") == 0.5);
  CHECK_FALSE(RobotsPolicy::allow_all().crawl_delay("x").has_value());
}

TEST_CASE("Sitemap lines are collected regardless of groups", "[rfc9309]") {
  // RFC 9309 2.3.5 (other records): sitemaps belong to no group.
  RobotsPolicy p = RobotsPolicy::from_body(
      "Sitemap: http://example.com/a.xml\nuser-agent: *\ndisallow: /\n"
      "sitemap: http://example.com/b.xml.gz\n");
  std::vector<std::string> want = {"http://example.com/a.xml",
                                   "http://example.com/b.xml.gz"};
  CHECK(p.sitemaps() == want);
}

TEST_CASE("winnow robots prints one decision per URL in order", "[rfc9309]") {
  std::string dir = test::make_temp_dir("robots_cmd");
  test::spit(dir + "/robots.txt", "user-agent: *\ndisallow: /private/\n");
  test::RunResult r = test::run_winnow(
      {"robots", "--file", dir + "/robots.txt", "--agent", "winnow/0.1",
       "http://e.com/private/x", "http://e.com/public", "/private/"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "disallowed http://e.com/private/x\nallowed "
        "http://e.com/public\ndisallowed /private/\n");
}

TEST_CASE("winnow robots: missing file exits 1, missing arguments exit 2",
          "[policy]") {
  test::RunResult missing =
      test::run_winnow({"robots", "--file", "/nonexistent/robots.txt",
                        "--agent", "a", "http://e.com/"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("/nonexistent/robots.txt") != std::string::npos);
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
  CHECK(
      test::run_winnow({"robots", "--agent", "a", "http://e.com/"}).exit_code ==
      2);
  CHECK(test::run_winnow({"robots", "--file", "x"}).exit_code == 2);
}

TEST_CASE("RFC 9309 2.1: group boundaries with blank lines and stray rules",
          "[rfc9309]") {
  // Blank lines do not end a run of user-agent lines; a rule after the
  // rules of a group (even after blank lines) still belongs to it; rules
  // before the first user-agent line belong to no group; groups naming the
  // same agent are merged (2.2.1).
  std::string robots =
      "disallow: /drafts/\n"
      "\n"
      "user-agent: AlphaCrawler\n"
      "allow: /news/\n"
      "disallow: /\n"
      "user-agent: BetaCrawler\n"
      "allow: /blog/\n"
      "disallow: /\n"
      "\n"
      "\n"
      "allow: /events/\n"
      "user-agent: GammaCrawler\n"
      "\n"
      "user-agent: AlphaCrawler\n"
      "disallow: /\n"
      "allow: /shop/\n";
  CHECK(allowed(robots, "AlphaCrawler", "https://site.example/news/today"));
  CHECK(allowed(robots, "AlphaCrawler", "https://site.example/shop/cart"));
  CHECK_FALSE(allowed(robots, "AlphaCrawler", "https://site.example/blog/1"));
  CHECK(allowed(robots, "BetaCrawler", "https://site.example/blog/1"));
  CHECK(allowed(robots, "BetaCrawler", "https://site.example/events/may"));
  CHECK_FALSE(allowed(robots, "BetaCrawler", "https://site.example/shop/cart"));
  CHECK(allowed(robots, "GammaCrawler", "https://site.example/shop/cart"));
  CHECK_FALSE(allowed(robots, "AlphaCrawler", "https://site.example/drafts/"));
  CHECK_FALSE(allowed(robots, "GammaCrawler", "https://site.example/drafts/"));
}

TEST_CASE("RFC 9309 2.2.3: '$' and '#' in rules", "[rfc9309]") {
  std::string dollar =
      "user-agent: a\ndisallow: /foo/bar$\nallow: /foo/bar/qux\n";
  CHECK_FALSE(allowed(dollar, "a", "/foo/bar"));
  CHECK(allowed(dollar, "a", "/foo/bar/"));
  CHECK(allowed(dollar, "a", "/foo/bar/baz"));
  std::string hash =
      "user-agent: a\n# disallow: /\ndisallow: /foo/quz#qux\nallow: /\n";
  CHECK(allowed(hash, "a", "/foo/bar"));
  CHECK_FALSE(allowed(hash, "a", "/foo/quz"));
}

// ---- Conformance pass (RFC 9309, compared with Google's published
// robotstxt cases; where Google's parser goes beyond or against the RFC the
// case is tagged [policy] and docs/internals/urls-and-robots.md says why).

TEST_CASE("RFC 9309 2.2.1: '*' names every crawler only on its own",
          "[rfc9309]") {
  // "*archiver" is not the '*' group and names no product token.
  CHECK(allowed("user-agent: *archiver\ndisallow: /\n", "winnow", "/a"));
  // "*" followed by white space or a comment is still '*'.
  CHECK_FALSE(allowed("user-agent: *   \ndisallow: /a\n", "winnow", "/a"));
  CHECK_FALSE(allowed("user-agent: * # all\ndisallow: /a\n", "winnow", "/a"));
  // A crawler whose User-Agent has no product token obeys the '*' group.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /a\n", "", "/a"));
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /a\n", "1.0 (x)", "/a"));
}

TEST_CASE("RFC 9309 2.1: record names are case-insensitive, values are not",
          "[rfc9309]") {
  std::string robots =
      "USER-AGENT: archivebot\nDisAllow: /Reports/\naLLoW: /Reports/public/\n";
  CHECK_FALSE(allowed(robots, "ArchiveBot", "/Reports/2024.pdf"));
  CHECK(allowed(robots, "archivebot", "/Reports/public/2024.pdf"));
  CHECK(allowed(robots, "archivebot", "/reports/2024.pdf"));  // path case
  // White space around the colon and tabs are allowed (2.1 ABNF: *WS).
  CHECK_FALSE(allowed("user-agent :\tarchivebot\ndisallow\t: /x\n",
                      "archivebot", "/x/1"));
}

TEST_CASE("RFC 9309 2.2.4: other records do not end a run of user-agent "
          "lines",
          "[rfc9309]") {
  // Sitemap and unknown records between two user-agent lines keep both
  // agents in one group; the rules apply to both.
  std::string robots =
      "user-agent: firstbot\n"
      "sitemap: https://site.example/map.xml\n"
      "noindex: /tmp/\n"
      "user-agent: secondbot\n"
      "disallow: /cgi-bin/\n";
  CHECK_FALSE(allowed(robots, "firstbot", "/cgi-bin/run"));
  CHECK_FALSE(allowed(robots, "secondbot", "/cgi-bin/run"));
  RobotsRules rules = RobotsRules::parse(robots);
  REQUIRE(rules.groups().size() == 1);
  CHECK(rules.sitemaps() ==
        std::vector<std::string>{"https://site.example/map.xml"});
  // An unknown record inside a group's rules does not end the group either.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /a\nhost: x\ndisallow: /b\n",
                      "winnow", "/b"));
}

TEST_CASE("RFC 9309 2.2.2: empty Allow and Disallow values are no rules",
          "[rfc9309]") {
  CHECK(allowed("user-agent: *\ndisallow:\nallow:\n", "x", "/any/page"));
  CHECK(allowed("user-agent: *\ndisallow: \n", "x", "/"));
  // An empty disallow does not cancel a real one in the same group.
  CHECK_FALSE(allowed("user-agent: *\ndisallow:\ndisallow: /tmp\n", "x",
                      "/tmp/a"));
}

TEST_CASE("RFC 9309 2.2.2: octets outside ASCII are compared percent-encoded, "
          "in rules and URLs alike",
          "[rfc9309]") {
  // Google's matcher leaves the URL as given (its caller must encode it);
  // the RFC says both sides are encoded before comparison, so a raw UTF-8
  // URL matches too.
  std::string robots = "user-agent: *\ndisallow: /stra\xC3\x9F" "e\n";
  CHECK_FALSE(allowed(robots, "x", "/stra%C3%9Fe/karte"));
  CHECK_FALSE(allowed(robots, "x", "/stra%c3%9fe/karte"));  // hex case
  CHECK_FALSE(allowed(robots, "x", "https://site.example/stra\xC3\x9F" "e"));
  CHECK(allowed(robots, "x", "/strasse"));
  // Encoded in the rule, raw in the URL.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /caf%C3%A9\n", "x",
                      "/caf\xC3\xA9/menu"));
  // Reserved characters keep their meaning: ?, & and = are not encoded.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /find?q=a&page=2\n", "x",
                      "/find?q=a&page=2"));
  CHECK(allowed("user-agent: *\ndisallow: /find?q=a&page=2\n", "x",
                "/find?q=a%26page=2"));
}

TEST_CASE("RFC 9309 2.2.3: wildcards against queries and literal '$'",
          "[rfc9309]") {
  std::string pdf = "user-agent: *\ndisallow: /*.pdf$\n";
  CHECK_FALSE(allowed(pdf, "x", "/papers/a.pdf"));
  CHECK(allowed(pdf, "x", "/papers/a.pdf?download=1"));  // '$' ends path?query
  CHECK(allowed(pdf, "x", "/papers/a.pdf/"));
  CHECK(allowed(pdf, "x", "/papers/a.PDF"));
  std::string query = "user-agent: *\ndisallow: /*?\n";
  CHECK(allowed(query, "x", "/list"));
  CHECK_FALSE(allowed(query, "x", "/list?page=2"));
  // '$' that is not last is an ordinary character.
  std::string mid = "user-agent: *\ndisallow: /price$list\n";
  CHECK_FALSE(allowed(mid, "x", "/price$list/2024"));
  CHECK(allowed(mid, "x", "/price"));
  // "/x*" equals "/x"; consecutive '*' equal one.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /tmp*\n", "x", "/tmp"));
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /a**z\n", "x", "/a/b/z"));
  // The fragment of a URL is never part of the match.
  CHECK_FALSE(allowed("user-agent: *\ndisallow: /faq$\n", "x",
                      "https://site.example/faq#q3"));
}

TEST_CASE("Crawl-delay is a group member: a delay-only group keeps no rules",
          "[policy]") {
  // A parser that skips Crawl-delay as an unknown record would let slowbot
  // below take badbot's "Disallow: /"; we read the delay as a member of
  // slowbot's group, which ends its run of user-agent lines.
  std::string robots =
      "user-agent: slowbot\ncrawl-delay: 4\n\nuser-agent: badbot\n"
      "disallow: /\n";
  CHECK(allowed(robots, "slowbot", "/page"));
  CHECK_FALSE(allowed(robots, "badbot", "/page"));
  CHECK(RobotsRules::parse(robots).crawl_delay("slowbot") ==
        std::optional<double>(4.0));
}

TEST_CASE("index.html is not the same path as its directory", "[policy]") {
  // Google treats "/dir/index.html" in a rule as also meaning "/dir/"; the
  // RFC has no such rule and the two can be different resources.
  std::string robots =
      "user-agent: *\nallow: /docs/index.html\ndisallow: /\n";
  CHECK(allowed(robots, "x", "/docs/index.html"));
  CHECK_FALSE(allowed(robots, "x", "/docs/"));
}

TEST_CASE("long lines are read whole up to the 500 KiB file limit", "[policy]") {
  // Google cuts lines after 16,664 bytes; RFC 9309 sets no line limit, only
  // the file limit (2.5), so a 20,000-byte pattern is kept whole.
  std::string stem = "/" + std::string(20000, 'k');
  std::string robots = "user-agent: *\ndisallow: " + stem + "/end\n";
  CHECK_FALSE(allowed(robots, "x", stem + "/end"));
  CHECK(allowed(robots, "x", stem + "/other"));
}

TEST_CASE("a partial UTF-8 BOM at the start is skipped; one later is not",
          "[policy]") {
  // RFC 9309 2.2 does not mention it; editors that cut a BOM leave its
  // first bytes, which would otherwise hide the first user-agent line.
  CHECK_FALSE(allowed("\xEF\xBBuser-agent: *\ndisallow: /a\n", "x", "/a"));
  CHECK_FALSE(allowed("\xEFuser-agent: *\ndisallow: /a\n", "x", "/a"));
  Recorder r;
  parse_robots("user-agent: *\n\xEF\xBB\xBF" "disallow: /a\n", r);
  std::vector<std::string> want = {"1:ua:*",
                                   "2:unknown:\xEF\xBB\xBF" "disallow=/a"};
  CHECK(r.events == want);
}

TEST_CASE("misspelt keys accepted like Google's parser; others ignored",
          "[policy]") {
  // Accepted: useragent, user agent, dissallow, dissalow, disalow, diasllow,
  // disallaw, crawldelay, site-map. Anything else is an unknown record.
  CHECK_FALSE(allowed("user agent: *\ndiasllow: /a\n", "x", "/a"));
  CHECK_FALSE(allowed("useragent: *\ndisallaw: /a\n", "x", "/a"));
  CHECK(allowed("user-agent: *\ndisalow-all: /a\n", "x", "/a"));
  CHECK(allowed("user-agents: *\ndisallow: /a\n", "x", "/a"));
  CHECK(RobotsRules::parse("site-map: https://site.example/s.xml\n").sitemaps()
            .size() == 1);
}
