// traps_test.cc: crawler trap defences -- one test per base/limits.h limit
// that trips it (the constant is in the test name), plus what must pass.
#include <catch2/catch.hpp>

#include "crawler/crawler.h"

using namespace winnow;
using namespace winnow::crawler;

TEST_CASE("kMaxUrlLength: a longer canonical URL trips url-too-long",
          "[policy]") {
  std::string base = "http://example.com/";
  std::string at_limit =
      base + std::string(limits::kMaxUrlLength - base.size(), 'a');
  CHECK(check_url_traps(at_limit) == TrapKind::kNone);
  CHECK(check_url_traps(at_limit + "a") == TrapKind::kUrlTooLong);
  CHECK(std::string(trap_kind_name(TrapKind::kUrlTooLong)) == "url-too-long");
}

TEST_CASE("kMaxPathDepth: more segments trip path-too-deep", "[policy]") {
  std::string url = "http://example.com";
  for (int i = 0; i < limits::kMaxPathDepth; ++i)
    url += "/s" + std::to_string(i);
  CHECK(check_url_traps(url) == TrapKind::kNone);
  CHECK(check_url_traps(url + "/") ==
        TrapKind::kNone);  // empty segments do not count
  CHECK(check_url_traps(url + "/one-more") == TrapKind::kPathTooDeep);
}

TEST_CASE(
    "kMaxRepeatedSegment: a segment repeated that often trips repeated-segment",
    "[policy]") {
  CHECK(check_url_traps("http://e.com/a/b/a/b/c") == TrapKind::kNone);
  CHECK(check_url_traps("http://e.com/a/b/a/b/a/b") ==
        TrapKind::kRepeatedSegment);
  CHECK(check_url_traps("http://e.com/x/x/x") == TrapKind::kRepeatedSegment);
  CHECK(check_url_traps("http://e.com/x/x/y") == TrapKind::kNone);
  CHECK(std::string(trap_kind_name(TrapKind::kRepeatedSegment)) ==
        "repeated-segment");
}

TEST_CASE("kMaxQueryParams: more parameters trip too-many-query-params",
          "[policy]") {
  std::string url = "http://e.com/search?";
  for (int i = 0; i < limits::kMaxQueryParams; ++i)
    url += "p" + std::to_string(i) + "=1&";
  CHECK(check_url_traps(url) ==
        TrapKind::kNone);  // trailing '&' adds no parameter
  CHECK(check_url_traps(url + "extra=1") == TrapKind::kTooManyQueryParams);
}

TEST_CASE("kMaxQueryVariantsPerPath: a calendar's query explosion is cut",
          "[policy]") {
  TrapCounter counter;
  int admitted = 0;
  TrapKind last = TrapKind::kNone;
  for (int year = 2000; year < 2020; ++year) {
    for (int month = 1; month <= 12; ++month) {
      std::string url = "http://e.com/calendar?month=" + std::to_string(month) +
                        "&year=" + std::to_string(year);
      last = counter.admit(url);
      if (last == TrapKind::kNone) ++admitted;
    }
  }
  CHECK(admitted == limits::kMaxQueryVariantsPerPath);
  CHECK(last == TrapKind::kTooManyQueryVariants);
  // Already-admitted variants, other paths and query-less URLs still pass.
  CHECK(counter.admit("http://e.com/calendar?month=1&year=2000") ==
        TrapKind::kNone);
  CHECK(counter.admit("http://e.com/other?month=1&year=2030") ==
        TrapKind::kNone);
  CHECK(counter.admit("http://e.com/calendar") == TrapKind::kNone);
  CHECK(counter.admit("http://other.com/calendar?month=1&year=2030") ==
        TrapKind::kNone);
}

TEST_CASE("kMaxPagesPerHost: a host is closed after that many stored pages",
          "[policy]") {
  TrapCounter counter;
  for (int64_t i = 0; i < limits::kMaxPagesPerHost - 1; ++i)
    counter.record_page("e.com");
  CHECK(counter.admit("http://e.com/next") == TrapKind::kNone);
  counter.record_page("e.com");
  CHECK(counter.pages("e.com") == limits::kMaxPagesPerHost);
  CHECK(counter.admit("http://e.com/next") == TrapKind::kHostPageLimit);
  CHECK(counter.admit("http://e.com:8080/x") == TrapKind::kHostPageLimit);
  CHECK(counter.admit("http://other.com/next") == TrapKind::kNone);
}

TEST_CASE(
    "TrapLimits lowers limits per run and admit runs the stateless checks",
    "[policy]") {
  TrapLimits small;
  small.max_query_variants = 2;
  small.max_pages_per_host = 5;
  TrapCounter counter(small);
  CHECK(counter.admit("http://e.com/p?a=1") == TrapKind::kNone);
  CHECK(counter.admit("http://e.com/p?a=2") == TrapKind::kNone);
  CHECK(counter.admit("http://e.com/p?a=3") == TrapKind::kTooManyQueryVariants);
  CHECK(counter.admit("http://e.com/x/x/x") == TrapKind::kRepeatedSegment);
}

TEST_CASE("trap_status names the URL and the limit", "[policy]") {
  Status s = trap_status(TrapKind::kPathTooDeep, "http://e.com/deep");
  CHECK(s.kind() == ErrorKind::kLimitExceeded);
  CHECK(s.message() == "trap limit path-too-deep: http://e.com/deep");
  CHECK(trap_status(TrapKind::kNone, "http://e.com/").is_ok());
}
