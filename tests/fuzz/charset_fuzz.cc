// charset_fuzz.cc: charset detection and decoding (base/base.h, parser
// to_utf8). The first byte picks a declared label, the rest is the body.
// Invariants: detect_charset names one of the charsets it documents; every
// conversion gives valid UTF-8; valid UTF-8 survives repair_utf8 unchanged;
// next_code_point always advances.
#include <string>

#include "base/base.h"
#include "parser/parser.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::string_view kLabels[] = {
      "", "utf-8", "text/html; charset=utf-8", "windows-1252", "iso-8859-1",
      "iso-8859-15", "utf-16le", "utf-16be", "utf-16", "us-ascii", "latin1",
      "text/html; charset=\"shift_jis\"", "bogus", "text/plain;charset=UTF-16LE"};
  constexpr size_t kNumLabels = sizeof(kLabels) / sizeof(kLabels[0]);
  std::string_view in = fuzz::as_view(data, size);
  std::string_view label;
  if (!in.empty()) {
    label = kLabels[static_cast<unsigned char>(in[0]) % kNumLabels];
    in.remove_prefix(1);
  }
  const std::string cs = detect_charset(in, label);
  FUZZ_CHECK(cs == "utf-8" || cs == "windows-1252" || cs == "iso-8859-15" ||
             cs == "utf-16le" || cs == "utf-16be");
  FUZZ_CHECK(is_valid_utf8(convert_to_utf8(in, cs)));
  FUZZ_CHECK(is_valid_utf8(convert_to_utf8(in, label)));
  std::string used;
  const std::string text = parser::to_utf8(in, label, &used);
  FUZZ_CHECK(is_valid_utf8(text));
  FUZZ_CHECK(used == cs);
  FUZZ_CHECK(parser::to_utf8(in, label) == text);
  const std::string repaired = repair_utf8(in);
  FUZZ_CHECK(is_valid_utf8(repaired));
  if (is_valid_utf8(in)) FUZZ_CHECK(repaired == in);
  FUZZ_CHECK(is_valid_utf8(collapse_whitespace(text)));
  for (size_t i = 0; i < in.size();) {
    const size_t before = i;
    (void)next_code_point(in, i);
    FUZZ_CHECK(i > before && i <= in.size());
  }
  std::string quoted;
  json_quote(quoted, in);
  FUZZ_CHECK(is_valid_utf8(quoted));
  return 0;
}
