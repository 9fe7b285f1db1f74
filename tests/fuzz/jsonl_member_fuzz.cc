// jsonl_member_fuzz.cc: the JSONL member scanner dedup-jsonl splices text
// with (cli::find_member). Invariants: a range it returns is a JSON string
// literal inside the line; and whenever the line parses as a JSON object
// whose "text" member is a string, the scanner finds that very member (the
// range parses to the same string), so a rewrite never touches another one.
#include <string>

#include "cli/cli.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line = fuzz::as_view(data, size);
  // dedup-jsonl hands the scanner one line: there is never a '\n' in it.
  if (line.find('\n') != std::string_view::npos) return 0;
  size_t b = 0, e = 0;
  const bool found = cli::find_member(line, "text", b, e);
  if (found) {
    FUZZ_CHECK(b < e && e <= line.size());
    FUZZ_CHECK(e - b >= 2 && line[b] == '"' && line[e - 1] == '"');
  }
  auto v = JsonValue::parse(line);
  if (v && v->is_object() && (*v)["text"].is_string()) {
    FUZZ_CHECK(found);
    auto member = JsonValue::parse(line.substr(b, e - b));
    FUZZ_CHECK(member && member->is_string());
    FUZZ_CHECK(member->as_string() == (*v)["text"].as_string());
  }
  return 0;
}
