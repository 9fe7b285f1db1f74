// crawl_policy_test.cc: crawl-loop behaviours found missing after the first
// crawler round -- robots.txt redirects and unreachable robots.txt (RFC 9309
// 2.3.1.2-2.3.1.4), the pages-per-host trap limit across a resume, and fair
// claiming when one host is slow. Rules: docs/internals/crawler.md.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "base/base.h"
#include "crawler/crawler.h"
#include "store/store.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
using winnow::test::TestServer;

namespace {

std::string page(const std::vector<std::string>& links) {
  std::string s = "<html><head><title>t</title></head><body>";
  for (const auto& l : links) s += "<a href=\"" + l + "\">x</a>\n";
  return s + "</body></html>";
}

std::unique_ptr<store::Store> open(const std::string& path) {
  auto s = store::Store::open(path);
  REQUIRE(s.is_ok());
  return std::move(*s);
}

crawler::CrawlOptions quick_options() {
  crawler::CrawlOptions o;
  o.delay = 0;
  o.sitemaps = false;
  o.quiet = true;
  o.retries = 0;
  return o;
}

// Pages of a site whose robots.txt says "Disallow: /private/".
void set_site(TestServer& srv) {
  srv.set_page("/", page({"/a.html", "/private/x.html"}));
  srv.set_page("/a.html", page({}));
  srv.set_page("/private/x.html", page({}));
}

void redirect(TestServer& srv, const std::string& from, const std::string& to) {
  test::Fault f;
  f.status = 301;
  f.redirect_to = to;
  srv.set_fault(from, f);
}

std::optional<store::UrlRow> find(store::Store& db, const std::string& url) {
  auto r = db.find_url(url);
  REQUIRE(r.is_ok());
  return *r;
}

}  // namespace

TEST_CASE("RFC 9309 2.3.1.2: five robots.txt redirects are followed, "
          "across hosts",
          "[rfc9309]") {
  TestServer site, other;
  set_site(site);
  other.set_page("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                 "text/plain");
  redirect(site, "/robots.txt", site.url("/r1"));
  redirect(site, "/r1", site.url("/r2"));
  redirect(site, "/r2", site.url("/r3"));
  redirect(site, "/r3", site.url("/r4"));
  redirect(site, "/r4", other.url("/robots.txt"));  // the fifth redirect
  std::string dir = test::make_temp_dir("crawl-robots-redirect");
  auto db = open(dir + "/db");
  crawler::CrawlStats stats;
  REQUIRE(crawler::crawl(*db, {site.url("/")}, quick_options(), &stats).is_ok());
  CHECK(other.hits("/robots.txt") == 1);
  CHECK(site.hits("/a.html") == 1);
  CHECK(site.hits("/private/x.html") == 0);
  auto row = find(*db, site.url("/private/x.html"));
  REQUIRE(row.has_value());
  CHECK(row->state == store::UrlState::kSkipped);
  CHECK(row->error == "robots.txt");
  // The answer is stored under the site's own robots.txt row.
  auto robots = find(*db, site.url("/robots.txt"));
  REQUIRE(robots.has_value());
  auto f = db->latest_fetch(robots->id);
  REQUIRE(f.is_ok());
  REQUIRE(f->has_value());
  CHECK((*f)->status == 200);
  CHECK((*f)->final_url == other.url("/robots.txt"));
}

TEST_CASE("RFC 9309 2.3.1.2: a sixth robots.txt redirect means unavailable "
          "(allow all)",
          "[rfc9309]") {
  TestServer site;
  set_site(site);
  site.set_page("/r6", "User-agent: *\nDisallow: /\n", "text/plain");
  redirect(site, "/robots.txt", site.url("/r1"));
  for (int i = 1; i <= 5; ++i) {
    redirect(site, "/r" + std::to_string(i),
             site.url("/r" + std::to_string(i + 1)));
  }
  std::string dir = test::make_temp_dir("crawl-robots-redirect6");
  auto db = open(dir + "/db");
  crawler::CrawlStats stats;
  REQUIRE(crawler::crawl(*db, {site.url("/")}, quick_options(), &stats).is_ok());
  CHECK(site.hits("/r5") == 1);
  CHECK(site.hits("/r6") == 0);  // not followed: five was the last
  CHECK(site.hits("/private/x.html") == 1);
  CHECK(stats.fetched == 3);
  CHECK(stats.skipped == 0);
}

TEST_CASE("RFC 9309 2.3.1.4: a robots.txt redirect to an unreachable server "
          "disallows the host",
          "[rfc9309]") {
  std::string dead;
  {
    TestServer gone;  // bound then closed: connections are refused
    dead = gone.url("/robots.txt");
  }
  TestServer site;
  set_site(site);
  redirect(site, "/robots.txt", dead);
  std::string dir = test::make_temp_dir("crawl-robots-unreachable");
  auto db = open(dir + "/db");
  crawler::CrawlStats stats;
  REQUIRE(crawler::crawl(*db, {site.url("/")}, quick_options(), &stats).is_ok());
  CHECK(site.hits("/robots.txt") == 1);  // --retries 0: asked once
  CHECK(site.hits("/") == 0);
  auto seed = find(*db, site.url("/"));
  REQUIRE(seed.has_value());
  CHECK(seed->state == store::UrlState::kFailed);
  CHECK(seed->error == "robots.txt unreachable");
  CHECK(stats.fetched == 0);
  CHECK(stats.errors == 1);
}

TEST_CASE("issue: the pages-per-host limit restarted from 0 on resume",
          "[policy]") {
  // A chain /p0 -> /p1 -> ... -> /p11. The limit refuses new links of a
  // host once it has 5 stored pages; the page being stored still adds its
  // links first, so a clean run stores /p0../p5 and refuses /p6.
  TestServer srv;
  for (int i = 0; i < 12; ++i) {
    srv.set_page("/p" + std::to_string(i),
                 page({"/p" + std::to_string(i + 1)}));
  }
  auto run = [&](const std::string& path, int max_pages) {
    auto db = open(path);
    crawler::CrawlOptions o = quick_options();
    o.concurrency = 1;
    o.per_host = 1;
    o.max_pages = max_pages;
    o.traps.max_pages_per_host = 5;
    crawler::CrawlStats stats;
    REQUIRE(crawler::crawl(*db, {srv.url("/p0")}, o, &stats).is_ok());
    return stats.fetched;
  };
  auto stored = [&](const std::string& path) {
    auto db = open(path);
    std::vector<std::string> urls;
    REQUIRE(db->for_each_latest_fetch([&](const store::FetchRow& f) {
      if (f.url.find("/p") != std::string::npos) urls.push_back(f.url);
      return true;
    }, false).is_ok());
    auto cut = find(*db, srv.url("/p6"));
    REQUIRE(cut.has_value());
    CHECK(cut->state == store::UrlState::kSkipped);
    CHECK(cut->error == "host-page-limit");
    CHECK_FALSE(find(*db, srv.url("/p7")).has_value());
    return urls;
  };
  std::string dir = test::make_temp_dir("crawl-host-limit-resume");
  CHECK(run(dir + "/clean.db", 0) == 6);
  CHECK(run(dir + "/resumed.db", 3) == 3);  // stopped after 3 pages
  CHECK(run(dir + "/resumed.db", 0) == 3);  // /p3, /p4, /p5
  std::vector<std::string> expected;
  for (int i = 0; i <= 5; ++i) expected.push_back(srv.url("/p" + std::to_string(i)));
  CHECK(stored(dir + "/clean.db") == expected);
  CHECK(stored(dir + "/resumed.db") == expected);
}

TEST_CASE("issue: one slow host's claimed rows starved every other host",
          "[policy]") {
  // Host A has 150 queued pages older than host B's 30; both are paced by
  // --delay. B must not wait for A's backlog to drain.
  TestServer a, b;
  std::vector<std::string> a_links, b_links;
  for (int i = 0; i < 150; ++i) {
    a_links.push_back("/a" + std::to_string(i));
    a.set_page(a_links.back(), page({}));
  }
  for (int i = 0; i < 30; ++i) {
    b_links.push_back("/b" + std::to_string(i));
    b.set_page(b_links.back(), page({}));
  }
  a.set_page("/", page(a_links));
  b.set_page("/", page(b_links));
  test::Fault slow;  // B's links reach the frontier after A's
  slow.delay_seconds = 0.3;
  slow.body = page(b_links);
  b.set_fault("/", slow);
  std::string dir = test::make_temp_dir("crawl-fair-claim");
  auto db = open(dir + "/db");
  crawler::CrawlOptions o = quick_options();
  o.delay = 0.02;
  o.concurrency = 4;
  o.per_host = 1;
  crawler::CrawlStats stats;
  REQUIRE(crawler::crawl(*db, {a.url("/"), b.url("/")}, o, &stats).is_ok());
  CHECK(stats.fetched == 182);
  // Order of answers: where did B's last page and A's 100th page land?
  int a_pages = 0, b_pages = 0, n = 0, b_last = -1, a_100th = -1;
  REQUIRE(db->for_each_fetch([&](const store::FetchRow& f) {
    ++n;
    if (f.url.find("/robots.txt") != std::string::npos) return true;
    if (f.url.rfind(a.url("/a"), 0) == 0 && ++a_pages == 100) a_100th = n;
    if (f.url.rfind(b.url("/b"), 0) == 0 && ++b_pages == 30) b_last = n;
    return true;
  }).is_ok());
  CHECK(a_pages == 150);
  CHECK(b_pages == 30);
  CHECK(b_last < a_100th);
}
