// robots_fuzz.cc: the robots.txt parser and matcher (crawler/robots.h).
// Invariants: /robots.txt is always allowed; a crawl delay is within
// [0, limits::kMaxCrawlDelaySeconds]; robots_normalize is a fixed point
// (normalising a normalised path changes nothing).
#include <string>

#include "crawler/robots.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;
using namespace winnow::crawler;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = fuzz::as_view(data, size);
  const RobotsRules rules = RobotsRules::parse(in);
  // The last line doubles as a path to test, so the fuzzer can aim rules at it.
  std::string_view path = in.substr(in.rfind('\n') == std::string_view::npos ? 0 : in.rfind('\n') + 1);
  if (path.size() > 256) path = path.substr(0, 256);
  for (std::string_view agent : {"winnow/1.0", "*", "Googlebot", ""}) {
    FUZZ_CHECK(rules.allowed(agent, "/robots.txt"));
    (void)rules.allowed(agent, "/");
    (void)rules.allowed(agent, path);
    if (auto d = rules.crawl_delay(agent)) {
      FUZZ_CHECK(*d >= 0 && *d <= limits::kMaxCrawlDelaySeconds);
    }
  }
  const std::string norm = robots_normalize(path);
  FUZZ_CHECK(robots_normalize(norm) == norm);
  (void)robots_pattern_matches(robots_normalize(path, RobotsSide::kPattern), norm);
  const RobotsPolicy policy = RobotsPolicy::from_status(200, in);
  FUZZ_CHECK(policy.allowed("winnow", "http://example.com/robots.txt"));
  return 0;
}
