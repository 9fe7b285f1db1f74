// json_quote_test.cc: base's JSON string writer always gives valid UTF-8.
#include <catch2/catch.hpp>

#include "base/base.h"

using namespace winnow;

// Found by tests/fuzz (charset target): a bad sequence whose maximal
// invalid subpart is 3 bytes long (a 4-byte lead cut after two
// continuation bytes, "\xF3\xBB\xBF") was copied as it stood, because
// json_quote took any 3-byte U+FFFD for a literal U+FFFD, so dataset JSON
// could hold invalid UTF-8.
TEST_CASE("json_quote replaces a cut 4-byte sequence with U+FFFD", "[base][json]") {
  std::string out;
  json_quote(out, std::string_view("a\xF3\xBB\xBF" "b", 5));
  CHECK(out == "\"a\xEF\xBF\xBD" "b\"");
  CHECK(is_valid_utf8(out));
  std::string lit;
  json_quote(lit, "x\xEF\xBF\xBDy");  // a real U+FFFD is kept
  CHECK(lit == "\"x\xEF\xBF\xBDy\"");
}
