// fetcher_test.cc: the libcurl multi Fetcher (crawler/fetch_internal.h) with
// several compression threads. A crawl runs one; here four workers take
// many finished bodies at once, so scripts/check tsan sees the hand-off
// (queue in, results out, curl_multi_wakeup) under contention, and the
// destructor stopping workers that still hold bodies.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "crawler/fetch_internal.h"
#include "tests/support/test_server.h"

using namespace winnow;
using winnow::crawler::internal::FetchRequest;
using winnow::crawler::internal::Fetcher;
using winnow::crawler::internal::FetcherOptions;
using winnow::crawler::internal::FetchResult;
using winnow::test::TestServer;

namespace {

// Page i: its own bytes, 1 KB to ~190 KB, partly compressible.
std::string body_of(int i) {
  std::string s = "<html><body><p>page " + std::to_string(i) + "</p>";
  uint32_t x = static_cast<uint32_t>(i) * 2654435761u + 1;
  const size_t n = 1000 + static_cast<size_t>(i % 16) * 12000;
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s += (x >> 28) < 4 ? std::to_string(x) : "<p>winnow</p>";
  }
  return s + "</body></html>";
}

FetcherOptions four_workers() {
  FetcherOptions o;
  o.max_connections = 16;
  o.max_host_connections = 16;
  o.user_agent = "winnow-test";
  o.compress_threads = 4;
  return o;
}

}  // namespace

TEST_CASE("fetcher: bodies compressed on four threads come back whole, each "
          "with its own request",
          "[fetcher]") {
  constexpr int kPages = 96;
  TestServer srv;
  for (int i = 0; i < kPages; ++i) srv.set_page("/p" + std::to_string(i), body_of(i));
  test::Fault empty;
  empty.status = 204;
  empty.body = "";
  srv.set_fault("/empty", empty);

  Fetcher f(four_workers());
  for (int i = 0; i < kPages; ++i) {
    FetchRequest r;
    r.token = static_cast<uint64_t>(i);
    r.url = srv.url("/p" + std::to_string(i));
    REQUIRE(f.start(r).is_ok());
  }
  FetchRequest e;
  e.token = 1000;
  e.url = srv.url("/empty");
  REQUIRE(f.start(e).is_ok());

  std::map<uint64_t, FetchResult> got;
  std::vector<FetchResult> done;
  for (int rounds = 0; f.active() > 0 && rounds < 20000; ++rounds) {
    done.clear();
    f.poll(100, &done);
    for (FetchResult& r : done) {
      const uint64_t token = r.token;
      CHECK(got.emplace(token, std::move(r)).second);  // each result once
    }
  }
  REQUIRE(f.active() == 0);
  REQUIRE(got.size() == kPages + 1);
  for (int i = 0; i < kPages; ++i) {
    const FetchResult& r = got.at(static_cast<uint64_t>(i));
    CHECK(r.url == srv.url("/p" + std::to_string(i)));
    CHECK(r.status == 200);
    CHECK(r.body == body_of(i));
    auto plain = decompress_any(r.body_z, r.body.size() + 1);
    REQUIRE(plain.is_ok());
    CHECK(*plain == r.body);
  }
  // An empty body never goes to the workers: nothing to compress.
  CHECK(got.at(1000).status == 204);
  CHECK(got.at(1000).body.empty());
  CHECK(got.at(1000).body_z.empty());
}

TEST_CASE("fetcher: destroyed while workers still hold bodies", "[fetcher]") {
  // The destructor stops and joins the workers with bodies queued or being
  // compressed, then cleans up the multi handle they wake.
  TestServer srv;
  for (int i = 0; i < 32; ++i) srv.set_page("/p" + std::to_string(i), body_of(15));
  int returned = 0;
  {
    Fetcher f(four_workers());
    for (int i = 0; i < 32; ++i) {
      FetchRequest r;
      r.token = static_cast<uint64_t>(i);
      r.url = srv.url("/p" + std::to_string(i));
      REQUIRE(f.start(r).is_ok());
    }
    std::vector<FetchResult> done;
    // Until the first results are back: the rest are in curl or the workers.
    for (int rounds = 0; done.empty() && rounds < 20000; ++rounds) f.poll(100, &done);
    returned = static_cast<int>(done.size());
    CHECK(f.active() == 32 - returned);
  }
  CHECK(returned > 0);
}
