// links_css.cc: the pieces link discovery shares -- the CSS url()/@import
// scanner (CSS Syntax 3: comments, strings, escapes) and the HTML character
// reference decoder for attribute values.
#include <array>
#include <unordered_set>

#include "crawler/url.h"

namespace winnow::crawler {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}
int hex_digit(char c) {
  if (c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}
bool css_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Appends the code point of a valid scalar value, else U+FFFD.
void append_cp(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  append_utf8(out, static_cast<char32_t>(cp));
}

// Reads a CSS escape at css[i] == '\\'; advances i past it.
void css_escape(std::string_view css, size_t& i, std::string& out) {
  ++i;
  if (i >= css.size()) return;
  if (is_hex(css[i])) {
    uint32_t cp = 0;
    size_t k = 0;
    while (k < 6 && i < css.size() && is_hex(css[i])) {
      cp = cp * 16 + static_cast<uint32_t>(hex_digit(css[i]));
      ++i;
      ++k;
    }
    if (i < css.size() && css_space(css[i])) ++i;
    append_cp(out, cp);
    return;
  }
  if (css[i] != '\n') out.push_back(css[i]);
  ++i;
}

// Reads a quoted string starting at css[i] (the quote); advances past it.
std::string css_string(std::string_view css, size_t& i) {
  char quote = css[i++];
  std::string out;
  while (i < css.size() && css[i] != quote) {
    if (css[i] == '\\') {
      css_escape(css, i, out);
    } else if (css[i] == '\n') {
      break;  // bad string: ends at the newline
    } else {
      out.push_back(css[i++]);
    }
  }
  if (i < css.size() && css[i] == quote) ++i;
  return out;
}

// Reads the argument of url( starting at css[i] (just after '(').
std::string css_url_arg(std::string_view css, size_t& i) {
  while (i < css.size() && css_space(css[i])) ++i;
  std::string out;
  if (i < css.size() && (css[i] == '"' || css[i] == '\'')) {
    out = css_string(css, i);
  } else {
    while (i < css.size() && css[i] != ')') {
      if (css[i] == '\\') {
        css_escape(css, i, out);
      } else {
        out.push_back(css[i++]);
      }
    }
    while (!out.empty() && css_space(out.back())) out.pop_back();
  }
  size_t close = css.find(')', i);
  i = close == std::string_view::npos ? css.size() : close + 1;
  return out;
}

bool starts_ci(std::string_view s, size_t i, std::string_view lower) {
  if (i + lower.size() > s.size()) return false;
  return iequals_ascii(s.substr(i, lower.size()), lower);
}

struct Named {
  std::string_view name;
  std::string_view text;
};
// The references that occur in URLs and text in practice; others stay raw.
constexpr Named kNamed[] = {
    {"amp", "&"},         {"lt", "<"},        {"gt", ">"},
    {"quot", "\""},       {"apos", "'"},      {"nbsp", "\xC2\xA0"},
    {"sol", "/"},         {"colon", ":"},     {"period", "."},
    {"comma", ","},       {"equals", "="},    {"quest", "?"},
    {"num", "#"},         {"percnt", "%"},    {"lpar", "("},
    {"rpar", ")"},        {"excl", "!"},      {"lowbar", "_"},
    {"hyphen", "-"},      {"plus", "+"},      {"ast", "*"},
    {"semi", ";"},        {"dollar", "$"},    {"commat", "@"},
    {"lsqb", "["},        {"rsqb", "]"},      {"lcub", "{"},
    {"rcub", "}"},        {"verbar", "|"},    {"grave", "`"},
    {"tilde", "~"},       {"Tab", "\t"},      {"NewLine", "\n"},
    {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"}};

// Decodes one reference at s[i] == '&'; returns false to keep it raw.
bool decode_reference(std::string_view s, size_t& i, std::string& out) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    size_t start = j;
    uint32_t cp = 0;
    while (j < s.size() &&
           (hex ? is_hex(s[j]) : (s[j] >= '0' && s[j] <= '9'))) {
      if (cp <= 0x10FFFF)
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(hex_digit(s[j]));
      ++j;
    }
    if (j == start) return false;
    if (j < s.size() && s[j] == ';') ++j;
    append_cp(out, cp);
    i = j;
    return true;
  }
  size_t semi = s.find(';', j);
  if (semi == std::string_view::npos || semi - j > 10) return false;
  std::string_view name = s.substr(j, semi - j);
  for (const Named& n : kNamed) {
    if (n.name == name) {
      out.append(n.text);
      i = semi + 1;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> extract_css_urls(std::string_view css) {
  // Bytes that can start a comment, string, escape, url( or @import; the
  // scan skips everything else in a tight loop (style blocks are large).
  static const auto kStarts = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("/\"'\\uU@")) t[c] = true;
    return t;
  }();
  std::vector<std::string> out;
  size_t i = 0;
  while (i < css.size()) {
    while (i < css.size() && !kStarts[static_cast<unsigned char>(css[i])]) ++i;
    if (i >= css.size()) break;
    char c = css[i];
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      size_t end = css.find("*/", i + 2);
      i = end == std::string_view::npos ? css.size() : end + 2;
    } else if (c == '"' || c == '\'') {
      css_string(css, i);  // a string that is not an argument: skip
    } else if (c == '\\') {
      std::string ignored;
      css_escape(css, i, ignored);
    } else if ((c == 'u' || c == 'U') && starts_ci(css, i, "url(")) {
      i += 4;
      std::string u = css_url_arg(css, i);
      if (!u.empty()) out.push_back(std::move(u));
    } else if (c == '@' && starts_ci(css, i, "@import")) {
      i += 7;
      while (i < css.size() && css_space(css[i])) ++i;
      if (i < css.size() && (css[i] == '"' || css[i] == '\'')) {
        std::string u = css_string(css, i);
        if (!u.empty()) out.push_back(std::move(u));
      }
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<Link> extract_css_links(std::string_view css,
                                    std::string_view css_url) {
  std::vector<Link> out;
  Result<Url> base = parse_url(css_url);
  if (!base || !base->is_absolute()) return out;
  std::unordered_set<std::string> seen;
  for (const std::string& raw : extract_css_urls(css)) {
    Result<std::string> url = resolve_and_canonicalize(*base, raw);
    if (!url) continue;
    if (url->compare(0, 7, "http://") != 0 &&
        url->compare(0, 8, "https://") != 0)
      continue;
    if (!seen.insert(*url).second) continue;
    out.push_back({std::move(url).value(), LinkKind::kRequisite, "css"});
  }
  return out;
}

std::string decode_html_entities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '&' && decode_reference(s, i, out)) continue;
    out.push_back(s[i++]);
  }
  return out;
}

}  // namespace winnow::crawler
