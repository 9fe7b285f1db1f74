// jsonl_member.cc: find_member (declared in cli/cli.h), the scanner
// dedup-jsonl uses to splice a cleaned text back into a JSONL line without
// re-serialising the rest of the line.
#include "cli/cli.h"

namespace winnow::cli {

bool find_member(std::string_view s, std::string_view field, size_t& b,
                 size_t& e) {
  size_t i = 0;
  auto ws = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
  };
  auto skip_string = [&]() -> bool {  // at '"'
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '"') {
        ++i;
        return true;
      }
    }
    return false;
  };
  auto skip_value = [&]() -> bool {
    int depth = 0;
    do {
      ws();
      if (i >= s.size()) return false;
      const char ch = s[i];
      if (ch == '"') {
        if (!skip_string()) return false;
      } else if (ch == '{' || ch == '[') {
        ++depth, ++i;
      } else if (ch == '}' || ch == ']') {
        --depth, ++i;
      } else {
        ++i;  // number/literal chars, commas and colons inside containers
        while (depth == 0 && i < s.size() && s[i] != ',' && s[i] != '}') ++i;
      }
    } while (depth > 0);
    return true;
  };
  ws();
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  for (;;) {
    ws();
    if (i >= s.size() || s[i] != '"') return false;
    const size_t kb = i;
    if (!skip_string()) return false;
    auto key = JsonValue::parse(s.substr(kb, i - kb));
    ws();
    if (i >= s.size() || s[i] != ':') return false;
    ++i;
    ws();
    const size_t vb = i;
    if (!skip_value()) return false;
    if (key && key->as_string() == field && vb < s.size() && s[vb] == '"') {
      b = vb;
      e = i;
      return true;
    }
    ws();
    if (i >= s.size() || s[i] != ',') return false;
    ++i;
  }
}

}  // namespace winnow::cli
