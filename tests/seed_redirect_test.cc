// seed_redirect_test.cc: a seed that redirects to another host (the common
// example.org -> www.example.org move) puts the target's host in scope, so
// the site behind the redirect is crawled; links from there to a third host
// are not, whatever --scope; a chain counts its last host only, and a seed
// that stops redirecting takes it out again.
// Rules: docs/internals/crawler.md ("Seeds").
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

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
  // The user's seed stays the seed; the redirect is kept beside it.
  CHECK((*db)->get_meta("crawl.seeds") == old_host.url("/"));
  CHECK((*db)->get_meta("crawl.redirected_seeds") ==
        old_host.url("/") + " " + new_host.url("/"));
}

// Regression: the redirect target became a seed like the user's own, with
// the crawl's scope: under --scope domain a seed redirected to
// localhost:B took in every host of B's registrable domain (localhost:C
// here), for good.
TEST_CASE("a seed redirect widens the scope by the target's host only", "[crawl]") {
  TestServer old_host, new_host, sibling;
  test::Fault moved;
  moved.status = 301;
  const std::string target = "http://localhost:" + std::to_string(new_host.port()) + "/";
  moved.redirect_to = target;
  old_host.set_fault("/", moved);
  const std::string sib = "http://localhost:" + std::to_string(sibling.port());
  new_host.set_page("/", links_page({"/a", sib + "/x"}));
  new_host.set_page("/a", links_page({}));
  sibling.set_page("/x", links_page({}));
  std::string db_path = test::make_temp_dir("seed-redirect-domain") + "/c.db";
  auto r = test::run_winnow({"crawl", "--db", db_path, "--quiet", "--delay", "0",
                             "--sitemaps", "off", "--scope", "domain", old_host.url("/")});
  REQUIRE(r.exit_code == 0);
  CHECK(new_host.hits("/") == 1);
  CHECK(new_host.hits("/a") == 1);
  CHECK(sibling.hits("/x") == 0);
}

// Regression: each hop of a seed's redirect chain became a seed, so the
// hosts it passed through stayed in scope.
TEST_CASE("a seed's redirect chain puts only its last host in scope", "[crawl]") {
  TestServer first, middle, last;
  test::Fault to_middle, to_last;
  to_middle.status = 302;
  to_middle.redirect_to = middle.url("/");
  to_last.status = 302;
  to_last.redirect_to = last.url("/");
  first.set_fault("/", to_middle);
  middle.set_fault("/", to_last);
  middle.set_page("/other", links_page({}));
  last.set_page("/", links_page({"/page", middle.url("/other")}));
  last.set_page("/page", links_page({}));
  std::string db_path = test::make_temp_dir("seed-redirect-chain") + "/c.db";
  auto r = test::run_winnow({"crawl", "--db", db_path, "--quiet", "--delay", "0",
                             "--sitemaps", "off", first.url("/")});
  REQUIRE(r.exit_code == 0);
  CHECK(last.hits("/page") == 1);
  CHECK(middle.hits("/") == 1);
  CHECK(middle.hits("/other") == 0);
  auto db = store::Store::open(db_path);
  REQUIRE(db.is_ok());
  CHECK((*db)->get_meta("crawl.redirected_seeds") == first.url("/") + " " + last.url("/"));
}

// Regression: the target stayed a seed after the seed stopped redirecting.
TEST_CASE("a seed that no longer redirects takes its target out of scope", "[crawl]") {
  TestServer old_host, new_host;
  test::Fault moved;
  moved.status = 302;
  moved.redirect_to = new_host.url("/");
  moved.times = 1;  // later requests get the page below
  old_host.set_fault("/", moved);
  old_host.set_page("/", links_page({}));
  new_host.set_page("/", links_page({}));
  std::string db_path = test::make_temp_dir("seed-redirect-gone") + "/c.db";
  std::vector<std::string> args = {"crawl", "--db", db_path, "--quiet", "--delay", "0",
                                   "--sitemaps", "off", old_host.url("/")};
  REQUIRE(test::run_winnow(args).exit_code == 0);
  {
    auto db = store::Store::open(db_path);
    REQUIRE(db.is_ok());
    CHECK((*db)->get_meta("crawl.redirected_seeds") ==
          old_host.url("/") + " " + new_host.url("/"));
  }
  args.push_back("--refresh");
  REQUIRE(test::run_winnow(args).exit_code == 0);
  CHECK(old_host.hits("/") == 2);
  auto db = store::Store::open(db_path);
  REQUIRE(db.is_ok());
  CHECK((*db)->get_meta("crawl.redirected_seeds") == "");
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

// A crawl none of whose seeds could be crawled says so: one line naming
// the seed and what went wrong, exit 1, instead of an empty dataset that
// reads as a site without text. One good seed is enough.
TEST_CASE("a crawl whose seeds all fail is an error naming the seed", "[crawl][cli]") {
  TestServer site;
  site.set_page("/", links_page({}));
  test::Fault gone;
  gone.status = 404;
  site.set_fault("/gone/", gone);
  const std::string dir = test::make_temp_dir("seed-fails");

  auto missing = test::run_winnow({"run", "--out", dir + "/a", "--quiet", "--delay", "0",
                                   "--sitemaps", "off", site.url("/gone/")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "winnow: error: " + site.url("/gone/") +
                           ": answered HTTP 404 (no seed could be crawled)\n");
  CHECK_FALSE(std::filesystem::exists(dir + "/a/dataset.jsonl"));
  // The store keeps what the crawl recorded.
  {
    auto db = store::Store::open(dir + "/a/archive.db");
    REQUIRE(db.is_ok());
    auto seed = row(**db, site.url("/gone/"));
    REQUIRE(seed.has_value());
    CHECK(seed->state == store::UrlState::kDone);
  }

  auto one_good = test::run_winnow({"run", "--out", dir + "/b", "--quiet", "--delay", "0",
                                    "--sitemaps", "off", site.url("/gone/"), site.url("/")});
  CHECK(one_good.exit_code == 0);
  CHECK(std::filesystem::exists(dir + "/b/dataset.jsonl"));

  // Nothing listens on a port whose server has stopped.
  std::string closed;
  {
    TestServer gone_server;
    closed = gone_server.url("/");
  }
  auto refused = test::run_winnow({"crawl", "--db", dir + "/c.db", "--quiet", "--delay", "0",
                                   "--retries", "0", "--sitemaps", "off",
                                   "--ignore-robots", closed});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.rfind("winnow: error: " + closed + ": cannot fetch: ", 0) == 0);
  CHECK(refused.err.find("(no seed could be crawled)\n") != std::string::npos);
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
}
