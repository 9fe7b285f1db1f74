// url_test.cc: URL parsing, RFC 3986 reference resolution (section 5.4's
// own examples), canonicalisation, punycode (RFC 3492 samples), the
// registrable-domain heuristic and scope. Rules:
// docs/internals/urls-and-robots.md.
#include <catch2/catch.hpp>

#include "crawler/crawler.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {

std::string resolved(const std::string& ref) {
  Result<Url> base = parse_url("http://a/b/c/d;p?q");
  Result<Url> r = parse_url(ref);
  REQUIRE(base.is_ok());
  REQUIRE(r.is_ok());
  return resolve(*base, *r).to_string();
}

std::string canon(const std::string& url) {
  Result<std::string> c = canonicalize(url);
  if (!c) return "ERROR: " + c.status().message();
  return *c;
}

}  // namespace

TEST_CASE("parse_url splits the components of RFC 3986 section 3",
          "[rfc3986]") {
  Result<Url> u =
      parse_url("HTTPS://user:pw@Example.com:8080/p/a/t/h?query=1#frag");
  REQUIRE(u.is_ok());
  CHECK(u->scheme == "https");
  CHECK(u->has_userinfo);
  CHECK(u->userinfo == "user:pw");
  CHECK(u->host == "Example.com");
  CHECK(u->port == "8080");
  CHECK(u->path == "/p/a/t/h");
  CHECK(u->has_query);
  CHECK(u->query == "query=1");
  CHECK(u->has_fragment);
  CHECK(u->fragment == "frag");
  Result<Url> v6 = parse_url("http://[2001:db8::7]:81/x");
  REQUIRE(v6.is_ok());
  CHECK(v6->host == "[2001:db8::7]");
  CHECK(v6->port == "81");
  Result<Url> rel = parse_url("../x?y");
  REQUIRE(rel.is_ok());
  CHECK_FALSE(rel->is_absolute());
  CHECK(rel->path == "../x");
  CHECK(rel->query == "y");
}

TEST_CASE("parse_url rejects bad ports and unterminated IPv6", "[rfc3986]") {
  CHECK_FALSE(parse_url("http://example.com:99999/").is_ok());
  CHECK_FALSE(parse_url("http://example.com:8a/").is_ok());
  CHECK_FALSE(parse_url("http://[::1/").is_ok());
  CHECK(parse_url("http://example.com:/").is_ok());  // empty port is allowed
}

TEST_CASE(
    "parse_url trims whitespace and drops tabs/newlines (browser practice)",
    "[policy]") {
  CHECK(canon("  http://example.com/a\tb\n  ") == "http://example.com/ab");
  CHECK(canon("http:\\\\example.com\\a\\b") == "http://example.com/a/b");
}

TEST_CASE("resolve: RFC 3986 5.4.1 normal examples", "[rfc3986]") {
  CHECK(resolved("g:h") == "g:h");
  CHECK(resolved("g") == "http://a/b/c/g");
  CHECK(resolved("./g") == "http://a/b/c/g");
  CHECK(resolved("g/") == "http://a/b/c/g/");
  CHECK(resolved("/g") == "http://a/g");
  CHECK(resolved("//g") == "http://g");
  CHECK(resolved("?y") == "http://a/b/c/d;p?y");
  CHECK(resolved("g?y") == "http://a/b/c/g?y");
  CHECK(resolved("#s") == "http://a/b/c/d;p?q#s");
  CHECK(resolved("g#s") == "http://a/b/c/g#s");
  CHECK(resolved("g?y#s") == "http://a/b/c/g?y#s");
  CHECK(resolved(";x") == "http://a/b/c/;x");
  CHECK(resolved("g;x") == "http://a/b/c/g;x");
  CHECK(resolved("g;x?y#s") == "http://a/b/c/g;x?y#s");
  CHECK(resolved("") == "http://a/b/c/d;p?q");
  CHECK(resolved(".") == "http://a/b/c/");
  CHECK(resolved("./") == "http://a/b/c/");
  CHECK(resolved("..") == "http://a/b/");
  CHECK(resolved("../") == "http://a/b/");
  CHECK(resolved("../g") == "http://a/b/g");
  CHECK(resolved("../..") == "http://a/");
  CHECK(resolved("../../") == "http://a/");
  CHECK(resolved("../../g") == "http://a/g");
}

TEST_CASE("resolve: RFC 3986 5.4.2 abnormal examples", "[rfc3986]") {
  CHECK(resolved("../../../g") == "http://a/g");
  CHECK(resolved("../../../../g") == "http://a/g");
  CHECK(resolved("/./g") == "http://a/g");
  CHECK(resolved("/../g") == "http://a/g");
  CHECK(resolved("g.") == "http://a/b/c/g.");
  CHECK(resolved(".g") == "http://a/b/c/.g");
  CHECK(resolved("g..") == "http://a/b/c/g..");
  CHECK(resolved("..g") == "http://a/b/c/..g");
  CHECK(resolved("./../g") == "http://a/b/g");
  CHECK(resolved("./g/.") == "http://a/b/c/g/");
  CHECK(resolved("g/./h") == "http://a/b/c/g/h");
  CHECK(resolved("g/../h") == "http://a/b/c/h");
  CHECK(resolved("g;x=1/./y") == "http://a/b/c/g;x=1/y");
  CHECK(resolved("g;x=1/../y") == "http://a/b/c/y");
  CHECK(resolved("g?y/./x") == "http://a/b/c/g?y/./x");
  CHECK(resolved("g?y/../x") == "http://a/b/c/g?y/../x");
  CHECK(resolved("g#s/./x") == "http://a/b/c/g#s/./x");
  CHECK(resolved("g#s/../x") == "http://a/b/c/g#s/../x");
  CHECK(resolved("http:g") == "http:g");  // strict parsers (5.2.2)
}

TEST_CASE("remove_dot_segments: RFC 3986 5.2.4 walk-through", "[rfc3986]") {
  CHECK(remove_dot_segments("/a/b/c/./../../g") == "/a/g");
  CHECK(remove_dot_segments("mid/content=5/../6") == "mid/6");
  CHECK(remove_dot_segments("/..") == "/");
  CHECK(remove_dot_segments("") == "");
}

TEST_CASE(
    "canonicalize: case, default port, dot segments, fragment, empty path",
    "[rfc3986]") {
  // RFC 3986 6.2.2.1 (case), 6.2.3 (port, empty path), 6.2.2.3 (dots).
  CHECK(canon("HTTP://Example.COM:80/a/./b/../c#frag") ==
        "http://example.com/a/c");
  CHECK(canon("https://example.com:443") == "https://example.com/");
  CHECK(canon("https://example.com:0443/x") == "https://example.com/x");
  CHECK(canon("http://example.com:8080/") == "http://example.com:8080/");
  CHECK(canon("http://example.com?") == "http://example.com/");
  CHECK(canon("http://example.com./a") == "http://example.com/a");
  CHECK(canon("http://[2001:DB8::1]:80/") == "http://[2001:db8::1]/");
}

// Regression: canonicalize kept userinfo, so a password written into a
// seed or a link became the stored URL and reached logs, dataset,
// provenance and WARC headers (docs: "Credentials in URLs").
TEST_CASE("canonicalize drops userinfo; redact_userinfo", "[policy]") {
  CHECK(canon("http://user:pw@example.com/") == "http://example.com/");
  CHECK(canon("https://user%40corp:p%3Aw@Example.com:8443/a?b=1") ==
        "https://example.com:8443/a?b=1");
  CHECK(canon("http://:@example.com/") == "http://example.com/");
  CHECK(canon("ftp://anon:pw@files.example/x") == "ftp://files.example/x");
  CHECK(redact_userinfo("ftp://u:p@host/files/") == "ftp://host/files/");
  CHECK(redact_userinfo("http://u:p@a@host:81/x@y?q=@#@") == "http://host:81/x@y?q=@#@");
  CHECK(redact_userinfo("http://host/a@b") == "http://host/a@b");
  CHECK(redact_userinfo("not a url") == "not a url");
  CHECK(percent_decode("p%3Aw%40%zz%4") == "p:w@%zz%4");
}

TEST_CASE("canonicalize: percent-encoding normalisation", "[rfc3986]") {
  // RFC 3986 6.2.2.2: unreserved decoded, hex upper-cased, reserved kept.
  CHECK(canon("http://example.com/%7euser/%2fpath%2F/%41") ==
        "http://example.com/~user/%2Fpath%2F/A");
  CHECK(canon("http://example.com/a b/caf\xC3\xA9") ==
        "http://example.com/a%20b/caf%C3%A9");
  CHECK(canon("http://example.com/100%") == "http://example.com/100%25");
  CHECK(canon("http://example.com/a;b=c,d?q=a%26b&r=%3d") ==
        "http://example.com/a;b=c,d?q=a%26b&r=%3D");
  CHECK(canon("http://example.com/%2E%2E/x") == "http://example.com/x");
  CHECK(canon("http://example.com/a?q=x+y") == "http://example.com/a?q=x+y");
}

TEST_CASE("canonicalize: query parameters sorted stably by key", "[policy]") {
  CHECK(canon("http://example.com/?b=1&a=2&b=0&a=1") ==
        "http://example.com/?a=2&a=1&b=1&b=0");
  CHECK(canon("http://example.com/?z&&y=") == "http://example.com/?y=&z");
}

TEST_CASE("canonicalize: tracking parameters removed", "[policy]") {
  CHECK(canon("http://example.com/"
              "p?utm_source=x&id=3&fbclid=y&UTM_Campaign=z&gclid=1") ==
        "http://example.com/p?id=3");
  CHECK(canon("http://example.com/p?utm_source=x") == "http://example.com/p");
  CHECK(canon("http://example.com/"
              "p?msclkid=1&mc_cid=2&mc_eid=3&_ga=4&_gl=5&yclid=6&"
              "igshid=7&dclid=8") == "http://example.com/p");
  CHECK(is_tracking_param("utm_medium"));
  CHECK_FALSE(is_tracking_param("utm"));
  CHECK_FALSE(is_tracking_param("page"));
}

TEST_CASE("canonicalize: URLs differing only in normalisable ways are equal",
          "[rfc3986]") {
  std::string a =
      canon("HTTP://WWW.Example.COM:80/%7Ea/./b/../c?y=2&x=1&utm_source=n#top");
  std::string b = canon("http://www.example.com/~a/c?x=1&y=2");
  CHECK(a == b);
  CHECK(a == "http://www.example.com/~a/c?x=1&y=2");
}

TEST_CASE("canonicalize: IDN hosts become punycode", "[rfc3986]") {
  CHECK(canon("http://B\xC3\xBC"
              "cher.example/") == "http://xn--bcher-kva.example/");
  CHECK(canon("http://B%C3%BCcher.example/") ==
        "http://xn--bcher-kva.example/");
  CHECK(canon("http://B\xC3\x9C"
              "CHER.example/") == "http://xn--bcher-kva.example/");
  CHECK(
      canon("http://\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.test/") ==
      "http://xn--e1afmkfd.test/");
  CHECK(canon("http://bad\xFF.example/").rfind("ERROR:", 0) == 0);
}

TEST_CASE("canonicalize: relative and non-http URLs", "[rfc3986]") {
  CHECK(canon("/relative").rfind("ERROR:", 0) == 0);
  CHECK(canon("MAILTO:Joe@Example.com#x") == "mailto:Joe@Example.com");
  CHECK(canon("http:///nohost").rfind("ERROR:", 0) == 0);
}

TEST_CASE("punycode_encode: RFC 3492 7.1 samples", "[rfc3492]") {
  CHECK(*punycode_encode(U"b\u00fccher") == "bcher-kva");
  CHECK(*punycode_encode(U"m\u00fcnchen") == "mnchen-3ya");
  // (L) 3<nen>B<gumi><kinpachi><sensei>
  CHECK(*punycode_encode(U"3\u5e74B\u7d44\u91d1\u516b\u5148\u751f") ==
        "3B-ww4c5e180e575a65lsy2b");
  // (A) Arabic (Egyptian)
  CHECK(
      *punycode_encode(U"\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644"
                       U"\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f") ==
      "egbpdaj6bu4bxfgehfvwxn");
  CHECK(*punycode_encode(U"abc") == "abc-");
}

TEST_CASE("is_crawlable: only http and https with a host", "[policy]") {
  CHECK(is_crawlable("http://example.com/"));
  CHECK(is_crawlable("HTTPS://example.com"));
  CHECK_FALSE(is_crawlable("ftp://example.com/"));
  CHECK_FALSE(is_crawlable("javascript:void(0)"));
  CHECK_FALSE(is_crawlable("mailto:a@b.c"));
  CHECK_FALSE(is_crawlable("/relative"));
  CHECK_FALSE(is_crawlable("http:nohost"));
}

TEST_CASE("resolve_and_canonicalize joins a page URL and an href",
          "[rfc3986]") {
  Result<Url> base = parse_url("http://example.com/a/b.html");
  REQUIRE(base.is_ok());
  CHECK(*resolve_and_canonicalize(*base, "../c/./d.html#x") ==
        "http://example.com/c/d.html");
  CHECK(*resolve_and_canonicalize(*base, "//other.org") == "http://other.org/");
  CHECK(*resolve_and_canonicalize(*base, "?p=2") ==
        "http://example.com/a/b.html?p=2");
}

TEST_CASE("host_of and registrable_domain", "[policy]") {
  CHECK(host_of("HTTP://WWW.Example.com:8080/x") == "www.example.com");
  CHECK(host_of("not a url") == "");
  CHECK(registrable_domain("a.b.example.com") == "example.com");
  CHECK(registrable_domain("example.com") == "example.com");
  CHECK(registrable_domain("www.example.co.uk") == "example.co.uk");
  CHECK(registrable_domain("news.bar.com.au") == "bar.com.au");
  CHECK(registrable_domain("localhost") == "localhost");
  CHECK(registrable_domain("127.0.0.1") == "127.0.0.1");
  CHECK(registrable_domain("[::1]") == "[::1]");
}

// Regression: registrable_domain was the last two labels (three under a
// short built-in list of ccTLD second levels), so --scope domain on
// a.github.io admitted every other github.io site, and x.gov.ir or
// y.org.af took in the whole second-level zone.
TEST_CASE("registrable_domain follows the Public Suffix List", "[policy][psl]") {
  // Private suffixes: each user's site is its own registrable domain.
  CHECK(registrable_domain("a.github.io") == "a.github.io");
  CHECK(registrable_domain("docs.a.github.io") == "a.github.io");
  CHECK(registrable_domain("x.blogspot.com") == "x.blogspot.com");
  // ICANN second levels the old list did not know.
  CHECK(registrable_domain("www.ministry.gov.ir") == "ministry.gov.ir");
  CHECK(registrable_domain("news.radio.org.af") == "radio.org.af");
  CHECK(registrable_domain("a.b.example.co.uk") == "example.co.uk");
  // A public suffix on its own, an unknown TLD, IDN in punycode.
  CHECK(registrable_domain("github.io") == "github.io");
  CHECK(registrable_domain("gov.ir") == "gov.ir");
  CHECK(registrable_domain("www.site.internal") == "site.internal");
  CHECK(registrable_domain("www.xn--bcher-kva.xn--p1ai") == "xn--bcher-kva.xn--p1ai");
  CHECK(registrable_domain("10.0.0.1") == "10.0.0.1");
  CHECK(in_scope("https://a.github.io/x", "https://a.github.io/", Scope::kDomain));
  CHECK(in_scope("https://docs.a.github.io/x", "https://a.github.io/", Scope::kDomain));
  CHECK_FALSE(in_scope("https://b.github.io/", "https://a.github.io/", Scope::kDomain));
  CHECK_FALSE(in_scope("https://y.blogspot.com/", "https://x.blogspot.com/", Scope::kDomain));
  CHECK_FALSE(in_scope("https://other.gov.ir/", "https://ministry.gov.ir/", Scope::kDomain));
  CHECK_FALSE(in_scope("https://tv.org.af/", "https://radio.org.af/", Scope::kDomain));
  CHECK(in_scope("https://www.radio.org.af/", "https://radio.org.af/", Scope::kDomain));
}

TEST_CASE("in_scope: host, domain and prefix", "[policy]") {
  CHECK(in_scope("http://example.com/a", "https://example.com/", Scope::kHost));
  CHECK_FALSE(
      in_scope("http://www.example.com/", "http://example.com/", Scope::kHost));
  CHECK_FALSE(in_scope("http://example.com:8080/", "http://example.com/",
                       Scope::kHost));
  CHECK(in_scope("http://www.example.com/", "http://example.com/",
                 Scope::kDomain));
  CHECK(in_scope("http://a.example.co.uk/", "http://b.example.co.uk/",
                 Scope::kDomain));
  CHECK_FALSE(
      in_scope("http://other.co.uk/", "http://example.co.uk/", Scope::kDomain));
  const char* seed = "http://example.com/docs/index.html";
  CHECK(in_scope("http://example.com/docs/a/b", seed, Scope::kPrefix));
  CHECK(in_scope("http://example.com/docs/", seed, Scope::kPrefix));
  CHECK_FALSE(in_scope("http://example.com/docsx", seed, Scope::kPrefix));
  CHECK_FALSE(in_scope("http://example.com/other", seed, Scope::kPrefix));
  CHECK_FALSE(in_scope("http://www.example.com/docs/a", seed, Scope::kPrefix));
  // The fast path (same authority string) and the full comparison agree:
  // userinfo is not part of the host, default ports equal no port, case.
  CHECK(in_scope("http://me@example.com/a", "http://example.com/", Scope::kHost));
  CHECK(in_scope("http://example.com:80/a", "http://example.com:80/",
                 Scope::kHost));
  CHECK(in_scope("http://example.com:80/a", "http://example.com/", Scope::kHost));
  CHECK_FALSE(in_scope("https://example.com:80/a", "http://example.com:80/",
                       Scope::kHost));
  CHECK(in_scope("http://EXAMPLE.com/a", "http://example.com/", Scope::kHost));
  CHECK_FALSE(in_scope("http://example.com:81/docs/a", "http://example.com:81/x/",
                       Scope::kPrefix));
}

TEST_CASE("canonicalize is idempotent on tricky and random inputs",
          "[policy]") {
  // A canonical URL must be its own canonical form, or the frontier would
  // hold two keys for one page.
  std::vector<std::string> inputs = {
      "HTTP://Example.COM:80/a/./b/../c?b=2&a=1#f",
      "http://e.com/%7e%2f%zz%",
      "http://e.com/a b/\xC3\xA9?q=\xC3\xA9 x&utm_source=y",
      "http://[::1]:8080/..",
      "https://B\xC3\xBC"
      "cher.example./x/../../y",
      "http://e.com/?&&=&a",
      "http://e.com/%2E./x",
      "http://u%20ser:p@e.com/",
      "http://e.com/a/%2e%2E/b",
      "http://e.com/a\\b?c\\d"};
  uint32_t seed = 12345;
  const std::string alphabet = "aZ09/.%2Ef?&=#:@[]\\ \x80\xC3\xA9-_~+;,";
  for (int i = 0; i < 2000; ++i) {
    std::string s = "http://e.com/";
    int len = static_cast<int>(seed % 24);
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s.push_back(alphabet[(seed >> 16) % alphabet.size()]);
    }
    inputs.push_back(s);
  }
  int checked = 0;
  for (const std::string& in : inputs) {
    Result<std::string> once = canonicalize(in);
    if (!once) continue;
    Result<std::string> twice = canonicalize(*once);
    REQUIRE(twice.is_ok());
    INFO("input: " << in);
    CHECK(*twice == *once);
    ++checked;
  }
  CHECK(checked > 1900);
}
