// charset.cc: sniffing a page's character encoding (BOM, declared label,
// <meta> prescan, UTF-8 sniffing) and converting the common single-byte and
// UTF-16 encodings to UTF-8. Used by the parser and by the crawler (which
// records the charset it saw). Never fails: bad bytes become U+FFFD.
#include <array>
#include <cstring>

#include "base/base.h"

namespace winnow {
namespace {

// windows-1252 0x80..0x9F; 0 marks the five undefined bytes (mapped to
// U+FFFD... browsers map them to C1 controls; we use the replacement char).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t latin9(unsigned char b) {
  switch (b) {
    case 0xA4: return 0x20AC;
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    default: return b;
  }
}

// Normalises a charset label to one of the names we support, or "" if
// unknown. Labels follow the WHATWG Encoding Standard's common aliases.
std::string normalise_label(std::string_view raw) {
  std::string l = to_lower_ascii(trim(raw));
  while (!l.empty() && (l.back() == '"' || l.back() == '\'' || l.back() == ';'))
    l.pop_back();
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8") return "utf-8";
  // WHATWG: latin-1 and ascii labels decode as windows-1252.
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" ||
      l == "latin-1" || l == "l1" || l == "us-ascii" || l == "ascii" ||
      l == "iso_8859-1" || l == "cp1252" || l == "windows-1252" ||
      l == "x-cp1252" || l == "cp819" || l == "ibm819")
    return "windows-1252";
  if (l == "iso-8859-15" || l == "iso8859-15" || l == "latin9" ||
      l == "latin-9" || l == "l9" || l == "iso_8859-15")
    return "iso-8859-15";
  if (l == "utf-16le" || l == "utf-16") return "utf-16le";
  if (l == "utf-16be") return "utf-16be";
  return "";
}

// "text/html; charset=X" -> "X"; a bare label is returned as is.
std::string_view label_from_content_type(std::string_view v) {
  std::string lower = to_lower_ascii(v);
  size_t p = lower.find("charset");
  if (p == std::string::npos) {
    return v.find(';') == std::string_view::npos &&
                   v.find('/') == std::string_view::npos
               ? trim(v)
               : std::string_view();
  }
  p += 7;
  while (p < v.size() && (v[p] == ' ' || v[p] == '=')) ++p;
  size_t e = p;
  while (e < v.size() && v[e] != ';' && v[e] != ' ' && v[e] != '>' &&
         v[e] != '/' && v[e] != ',')
    ++e;
  return v.substr(p, e - p);
}

// Looks for <meta charset=X> or <meta http-equiv content="...charset=X"> in
// the first 4 KiB (the HTML standard's prescan uses 1024 bytes; we allow a
// little more for pages with long comments up top).
std::string meta_label(std::string_view bytes) {
  std::string head = to_lower_ascii(bytes.substr(0, 4096));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos + 1);
    if (tag.find("charset") != std::string_view::npos) {
      std::string_view lab = label_from_content_type(
          std::string_view(bytes.data() + pos, end - pos + 1));
      std::string n = normalise_label(lab);
      if (!n.empty() || !lab.empty()) return std::string(lab);
    }
    pos = end;
  }
  return "";
}

// How UTF-8-like a body is: well-formed multi-byte characters and invalid
// sequences (maximal subparts). A sequence cut off by the end of the body is
// neither: the cut is ours or the server's, not the page's encoding.
struct Utf8Tally {
  size_t multibyte = 0;
  size_t invalid = 0;
};

Utf8Tally tally_utf8(std::string_view s) {
  Utf8Tally t;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    const size_t before = i;
    const char32_t cp = next_code_point(s, i);
    if (cp != 0xFFFD || s.substr(before, 3) == "\xEF\xBF\xBD") {
      ++t.multibyte;
    } else if (!(i == s.size() && b >= 0xC2 && b <= 0xF4)) {
      ++t.invalid;  // not merely a valid prefix cut off by the end
    }
  }
  return t;
}

}  // namespace

std::string detect_charset(std::string_view bytes, std::string_view declared) {
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0)
    return "utf-8";
  if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFF\xFE", 2) == 0)
    return "utf-16le";
  if (bytes.size() >= 2 && std::memcmp(bytes.data(), "\xFE\xFF", 2) == 0)
    return "utf-16be";
  std::string label = normalise_label(label_from_content_type(declared));
  if (label.empty()) label = normalise_label(meta_label(bytes));
  // A UTF-16 label without a BOM on an ASCII-compatible page is a lie (the
  // <meta> could not have been read otherwise).
  if (label == "utf-16le" || label == "utf-16be") label = "";
  // A UTF-8 declaration is followed, as browsers do: one bad byte costs one
  // U+FFFD, not the whole page read as windows-1252.
  if (label == "utf-8") return "utf-8";
  const Utf8Tally t = tally_utf8(bytes);
  // Undeclared: mostly-UTF-8 text is UTF-8 with a few U+FFFD. windows-1252
  // text rarely forms well-formed multi-byte sequences (an accented capital
  // or "ß" followed by a symbol from 0x80-0xBF), and its accented letters
  // before ASCII are invalid, so it is outvoted.
  if (label.empty())
    return t.multibyte >= t.invalid ? "utf-8" : "windows-1252";
  // Valid UTF-8 with non-ASCII bytes is almost never a legacy encoding by
  // accident, so it wins over a single-byte declaration (lying servers).
  if (t.invalid == 0 && t.multibyte > 0) return "utf-8";
  return label;
}

std::string convert_to_utf8(std::string_view bytes, std::string_view charset) {
  std::string cs = normalise_label(charset);
  std::string out;
  if (cs == "utf-16le" || cs == "utf-16be") {
    bool le = cs == "utf-16le";
    size_t i = 0;
    if (bytes.size() >= 2 &&
        ((le && std::memcmp(bytes.data(), "\xFF\xFE", 2) == 0) ||
         (!le && std::memcmp(bytes.data(), "\xFE\xFF", 2) == 0)))
      i = 2;
    out.reserve(bytes.size());
    auto unit = [&](size_t k) -> char16_t {
      auto a = static_cast<unsigned char>(bytes[k]);
      auto b = static_cast<unsigned char>(bytes[k + 1]);
      return static_cast<char16_t>(le ? (a | (b << 8)) : ((a << 8) | b));
    };
    while (i + 1 < bytes.size()) {
      char32_t u = unit(i);
      i += 2;
      if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
        char32_t lo = unit(i);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        } else {
          u = 0xFFFD;
        }
      } else if (u >= 0xD800 && u <= 0xDFFF) {
        u = 0xFFFD;
      }
      append_utf8(out, u);
    }
    if (i < bytes.size()) append_utf8(out, 0xFFFD);  // odd trailing byte
    return out;
  }
  if (cs == "windows-1252" || cs == "iso-8859-15") {
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char b : bytes) {
      if (b < 0x80) {
        out.push_back(static_cast<char>(b));
      } else if (cs == "iso-8859-15") {
        append_utf8(out, latin9(b));
      } else if (b < 0xA0) {
        char16_t c = kCp1252High[b - 0x80];
        append_utf8(out, c ? c : 0xFFFD);
      } else {
        append_utf8(out, b);
      }
    }
    return out;
  }
  // utf-8 (or anything else): strip a BOM, repair invalid sequences.
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0)
    bytes.remove_prefix(3);
  return is_valid_utf8(bytes) ? std::string(bytes) : repair_utf8(bytes);
}

}  // namespace winnow
