// seed_redirect_test.cc: a seed that redirects to another host (the common
// example.org -> www.example.org move) makes the target a seed, so the site
// behind the redirect is crawled; links from there to a third host are not.
// Rules: docs/internals/crawler.md ("Seeds").
#include <catch2/catch.hpp>

#include "store/store.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
using winnow::test::TestServer;

namespace {

std::string links_page(const std::vector<std::string>& links) {
  std::string s = "<html><head><title>t</title></head><body>";
  for (const auto& l : links) s += "<a href=\"" + l + "\">x</a>\n";
  return s + "</body></html>";
}

std::optional<store::UrlRow> row(store::Store& db, const std::string& url) {
  auto r = db.find_url(url);
  REQUIRE(r.is_ok());
  return *r;
}

}  // namespace

TEST_CASE("a seed redirected to another host crawls that host", "[crawl]") {
  TestServer old_host, new_host, other;
  test::Fault moved;
  moved.status = 301;
  moved.redirect_to = new_host.url("/");
  old_host.set_fault("/", moved);
  new_host.set_page("/", links_page({"/a", "/b", other.url("/x")}));
  new_host.set_page("/a", links_page({"/b"}));
  new_host.set_page("/b", links_page({"/"}));
  other.set_page("/x", links_page({}));

  std::string db_path = test::make_temp_dir("seed-redirect") + "/c.db";
  auto r = test::run_winnow({"crawl", "--db", db_path, "--quiet", "--delay", "0",
                             "--sitemaps", "off", old_host.url("/")});
  REQUIRE(r.exit_code == 0);
  CHECK(new_host.hits("/") == 1);
  CHECK(new_host.hits("/a") == 1);
  CHECK(new_host.hits("/b") == 1);
  CHECK(other.hits("/x") == 0);  // the redirect widens scope by one host only

  auto db = store::Store::open(db_path);
  REQUIRE(db.is_ok());
  auto a = row(**db, new_host.url("/a"));
  REQUIRE(a.has_value());
  CHECK(a->state == store::UrlState::kDone);
  auto seeds = (*db)->get_meta("crawl.seeds");
  REQUIRE(seeds.has_value());
  CHECK(*seeds == old_host.url("/") + "\n" + new_host.url("/"));
}

TEST_CASE("a redirect from a non-seed page does not widen the scope", "[crawl]") {
  TestServer site, elsewhere;
  site.set_page("/", links_page({"/moved"}));
  test::Fault moved;
  moved.status = 302;
  moved.redirect_to = elsewhere.url("/");
  site.set_fault("/moved", moved);
  elsewhere.set_page("/", links_page({"/deeper"}));
  elsewhere.set_page("/deeper", links_page({}));

  std::string db_path = test::make_temp_dir("nonseed-redirect") + "/c.db";
  auto r = test::run_winnow({"crawl", "--db", db_path, "--quiet", "--delay",
                             "0", "--sitemaps", "off", site.url("/")});
  REQUIRE(r.exit_code == 0);
  CHECK(site.hits("/moved") == 1);
  CHECK(elsewhere.hits("/") == 0);
  CHECK(elsewhere.hits("/deeper") == 0);
}
