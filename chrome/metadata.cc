// metadata.cc: picking a page's metadata from the parser's candidates and
// the text -- title without the site name, ISO dates from meta values and
// visible date lines, bylines, language (lang attribute or a cheap
// script/stopword guess), and the list of boilerplate furniture lines.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "chrome/page_internal.h"

namespace winnow::chrome::internal {
namespace {

constexpr const char* kBoilerLines[] = {
    "share", "share this", "share this article", "share on facebook",
    "share on twitter", "tweet", "email", "print", "print this article",
    "advertisement", "advertising", "read more", "read more »", "continue reading",
    "back to top", "related", "related articles", "related stories",
    "comments", "leave a comment", "post a comment", "add a comment",
    "loading...", "loading", "subscribe", "sign up", "log in", "login",
    "skip to content", "skip to main content", "facebook", "twitter",
    "linkedin", "pinterest", "reddit", "whatsapp", "more", "next", "previous",
    "sponsored", "share this post", "share this story", "share this page", "text size",
    "font size", "print this page", "email this article", "email this story", "posted in",
    "filed under", "tagged with", "gallery", "video", "hide caption", "show caption", "toggle caption",
    "enlarge this image", "view gallery", "play video", "watch video"};

constexpr std::array<const char*, 12> kMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

int month_of(std::string_view w) {
  std::string l = to_lower_ascii(w);
  if (l.size() < 3) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (l.compare(0, 3, kMonths[m]) == 0) {
      static const char* const kFull[] = {"january", "february", "march", "april", "may",
                                          "june", "july", "august", "september",
                                          "october", "november", "december"};
      std::string full = kFull[m];
      if (l.size() == 3 || (l.size() == 4 && l[3] == '.') ||
          full.compare(0, l.size(), l) == 0 || l == "sept" || l == "sept.")
        return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

std::string iso(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int number(std::string_view w) {
  std::string digits;
  for (char c : w) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else break;
  }
  if (digits.empty() || digits.size() > 4) return -1;
  return std::stoi(digits);
}

// Tokens: runs of letters/digits/periods.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      cur.push_back(c);
    } else {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    }
    if (out.size() > 400) break;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// A run of 1..max ASCII digits at s[i]: its value, and i moved past it.
int digits_at(std::string_view s, size_t& i, size_t max) {
  size_t n = 0;
  int v = 0;
  while (i + n < s.size() && n <= max && std::isdigit(static_cast<unsigned char>(s[i + n]))) {
    v = v * 10 + (s[i + n] - '0');
    ++n;
  }
  if (n == 0 || n > max) return -1;
  i += n;
  return v;
}

// Numeric dates: year first ("2024-03-03", "2012/7/28", "2012.07.28",
// "2020年6月26日", "2020년 6월 26일"), day first with full stops, as
// central and eastern Europe write them ("28. 07. 2012", "28.7.2012"), or
// with slashes ("18/04/2019", "04/18/2019"; "04/05/2019" gives "2019": the
// day and month cannot be told apart).
std::string numeric_date(std::string_view s) {
  // The year and month marks of CJK dates: 年 月 (Chinese, Japanese), 년 월 (Korean).
  auto mark = [&](size_t& k, std::string_view a, std::string_view b) {
    while (k < s.size() && s[k] == ' ') ++k;
    if (s.substr(k, a.size()) != a && s.substr(k, b.size()) != b) return false;
    k += 3;
    while (k < s.size() && s[k] == ' ') ++k;
    return true;
  };
  auto skip_spaces = [&](size_t& i) {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
    // A number inside a word or an address ("/2009/07/14/eggs") is no date.
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '/' ||
                  s[i - 1] == '_' || s[i - 1] == '=')) {
      continue;
    }
    size_t j = i;
    const int first = digits_at(s, j, 4);
    if (first < 0) continue;
    if (j - i == 4 && j < s.size()) {  // year first
      const char sep = s[j];
      if (sep == '-' || sep == '/' || sep == '.') {
        size_t k = j + 1;
        const int m = digits_at(s, k, 2);
        if (m > 0 && k < s.size() && s[k] == sep) {
          ++k;
          const int d = digits_at(s, k, 2);
          if (d > 0 && (k >= s.size() || (!std::isdigit(static_cast<unsigned char>(s[k])) &&
                                          s[k] != '/'))) {
            std::string r = iso(first, m, d);
            if (!r.empty()) return r;
          }
        }
      }
      // 2020年6月26日 / 2020년 6월 26일
      size_t k = j;
      if (mark(k, "\xE5\xB9\xB4", "\xEB\x85\x84")) {
        const int m = digits_at(s, k, 2);
        if (m > 0 && mark(k, "\xE6\x9C\x88", "\xEC\x9B\x94")) {
          const int d = digits_at(s, k, 2);
          if (d > 0) {
            std::string r = iso(first, m, d);
            if (!r.empty()) return r;
          }
        }
      }
    } else if (j - i <= 2 && j < s.size() && s[j] == '/') {  // 18/04/2019 or 04/18/2019
      size_t k = j + 1;
      const int second = digits_at(s, k, 2);
      if (second > 0 && k < s.size() && s[k] == '/') {
        ++k;
        size_t y0 = k;
        const int y = digits_at(s, k, 4);
        // 04/05/2019 is April or May depending on the country: when both
        // could be the month, only the year is certain ("2019").
        if (y > 0 && k - y0 == 4 && first <= 31 && second <= 31) {
          std::string r = first > 12 ? iso(y, second, first) : iso(y, first, second);
          if (first <= 12 && second <= 12) r = iso(y, 1, 1).substr(0, 4);
          if (!r.empty()) return r;
        }
      }
    } else if (j - i <= 2 && j < s.size() && s[j] == '.') {  // day first
      size_t k = j + 1;
      skip_spaces(k);
      const int m = digits_at(s, k, 2);
      if (m > 0 && k < s.size() && s[k] == '.') {
        ++k;
        skip_spaces(k);
        size_t y0 = k;
        const int y = digits_at(s, k, 4);
        if (y > 0 && k - y0 == 4 && (k >= s.size() || !std::isdigit(static_cast<unsigned char>(s[k])))) {
          std::string r = iso(y, m, first);
          if (!r.empty()) return r;
        }
      }
    }
  }
  return "";
}

// The months of the Solar Hijri (Persian) calendar, as Iranian sites write
// them, with the spellings met in the wild (ZWNJ, a space or nothing
// inside "اردیبهشت"; "امرداد"; the slip "فرودین").
int persian_month(std::string_view w) {
  static constexpr std::array<std::array<std::string_view, 3>, 12> kMonths = {{
      {"\xD9\x81\xD8\xB1\xD9\x88\xD8\xB1\xD8\xAF\xDB\x8C\xD9\x86",
       "\xD9\x81\xD8\xB1\xD9\x88\xD8\xAF\xDB\x8C\xD9\x86", ""},  // farvardin
      {"\xD8\xA7\xD8\xB1\xD8\xAF\xDB\x8C\xD8\xA8\xD9\x87\xD8\xB4\xD8\xAA",
       "\xD8\xA7\xD8\xB1\xD8\xAF\xDB\x8C", ""},  // ordibehesht ("ordi" + "behesht" split)
      {"\xD8\xAE\xD8\xB1\xD8\xAF\xD8\xA7\xD8\xAF", "", ""},  // khordad
      {"\xD8\xAA\xDB\x8C\xD8\xB1", "", ""},                    // tir
      {"\xD9\x85\xD8\xB1\xD8\xAF\xD8\xA7\xD8\xAF",
       "\xD8\xA7\xD9\x85\xD8\xB1\xD8\xAF\xD8\xA7\xD8\xAF", ""},  // mordad, amordad
      {"\xD8\xB4\xD9\x87\xD8\xB1\xDB\x8C\xD9\x88\xD8\xB1", "", ""},  // shahrivar
      {"\xD9\x85\xD9\x87\xD8\xB1", "", ""},                    // mehr
      {"\xD8\xA2\xD8\xA8\xD8\xA7\xD9\x86", "", ""},          // aban
      {"\xD8\xA2\xD8\xB0\xD8\xB1", "", ""},                    // azar
      {"\xD8\xAF\xDB\x8C", "", ""},                              // dey
      {"\xD8\xA8\xD9\x87\xD9\x85\xD9\x86", "", ""},          // bahman
      {"\xD8\xA7\xD8\xB3\xD9\x81\xD9\x86\xD8\xAF", "", ""}}};  // esfand
  for (size_t m = 0; m < kMonths.size(); ++m) {
    for (std::string_view name : kMonths[m]) {
      if (!name.empty() && w == name) return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

// Solar Hijri (jy, jm, jd) -> Gregorian ISO date: days since the epoch of
// the 33-year leap cycle arithmetic used by Iranian calendars, then the
// Gregorian 400/100/4/1-year cycles.
std::string from_solar_hijri(int jy, int jm, int jd) {
  if (jm < 1 || jm > 12 || jd < 1 || jd > 31 || (jm > 6 && jd > 30)) return "";
  const long y = jy + 1595;
  long days = -355668 + 365 * y + (y / 33) * 8 + ((y % 33) + 3) / 4 + jd +
              (jm < 7 ? (jm - 1) * 31 : (jm - 7) * 30 + 186);
  long gy = 400 * (days / 146097);
  days %= 146097;
  if (days > 36524) {
    --days;
    gy += 100 * (days / 36524);
    days %= 36524;
    if (days >= 365) ++days;
  }
  gy += 4 * (days / 1461);
  days %= 1461;
  if (days > 365) {
    gy += (days - 1) / 365;
    days = (days - 1) % 365;
  }
  const bool leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0;
  const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int gm = 0;
  long gd = days + 1;
  while (gm < 12 && gd > month_days[gm]) gd -= month_days[gm++];
  return iso(static_cast<int>(gy), gm + 1, static_cast<int>(gd));
}

// "۱۶ اردیبهشت ۱۳۹۰", "جمعه 16 اردی‌بهشت 1390": day, Persian month, year
// 1300-1499 of the Solar Hijri calendar, in Persian, Arabic or ASCII
// digits -> the Gregorian ISO date.
std::string persian_date(std::string_view text) {
  std::vector<std::string> toks;  // digits folded to ASCII, ZWNJ dropped
  std::string cur;
  for (size_t i = 0; i < text.size() && toks.size() < 400;) {
    char32_t c = next_code_point(text, i);
    if (c >= 0x6F0 && c <= 0x6F9) c = '0' + (c - 0x6F0);
    if (c >= 0x660 && c <= 0x669) c = '0' + (c - 0x660);
    if (c == 0x200C) continue;
    const bool sep = c == ' ' || c == '\t' || c == '\n' || c == ',' || c == 0x60C || c == '-' ||
                     c == 0xA0 || c == '/' || c == '(' || c == ')';
    if (sep) {
      if (!cur.empty()) toks.push_back(std::move(cur));
      cur.clear();
    } else {
      append_utf8(cur, c);
    }
  }
  if (!cur.empty()) toks.push_back(std::move(cur));
  for (size_t i = 1; i + 1 < toks.size(); ++i) {
    int m = persian_month(toks[i]);
    size_t year_at = i + 1;
    // "اردی بهشت" written in two words
    if (m == 2 && toks[i] != "\xD8\xA7\xD8\xB1\xD8\xAF\xDB\x8C\xD8\xA8\xD9\x87\xD8\xB4\xD8\xAA" &&
        toks[i + 1] == "\xD8\xA8\xD9\x87\xD8\xB4\xD8\xAA") {
      ++year_at;
    }
    if (!m || year_at >= toks.size()) continue;
    const int d = number(toks[i - 1]), y = number(toks[year_at]);
    if (toks[year_at].size() == 4 && y >= 1300 && y <= 1499 && d >= 1 && d <= 31) {
      std::string r = from_solar_hijri(y, m, d);
      if (!r.empty()) return r;
    }
  }
  return "";
}

}  // namespace

bool is_boilerplate_line(std::string_view text) {
  if (text.size() > 40) return false;
  std::string l = to_lower_ascii(trim(text));
  while (!l.empty() && (l.back() == ':' || l.back() == '.' || l.back() == '>' ||
                        l.back() == ' ' || l.back() == '|'))
    l.pop_back();
  for (const char* k : kBoilerLines)
    if (l == k) return true;
  return false;
}

std::string find_date(std::string_view text) {
  std::string n = numeric_date(text);
  if (!n.empty()) return n;
  n = persian_date(text);
  if (!n.empty()) return n;
  std::vector<std::string> w = words(text);
  for (size_t i = 0; i < w.size(); ++i) {
    int m = month_of(w[i]);
    if (!m) continue;
    // Month D, YYYY
    if (i + 2 < w.size()) {
      int d = number(w[i + 1]), y = number(w[i + 2]);
      if (d >= 1 && d <= 31 && y >= 1900) return iso(y, m, d);
    }
    // D Month YYYY
    if (i >= 1 && i + 1 < w.size()) {
      int d = number(w[i - 1]), y = number(w[i + 1]);
      if (d >= 1 && d <= 31 && y >= 1900) return iso(y, m, d);
    }
  }
  return "";
}

std::string language_from_attr(std::string_view lang_attr) {
  std::string l = to_lower_ascii(trim(lang_attr));
  size_t cut = l.find_first_of("-_");
  if (cut != std::string::npos) l = l.substr(0, cut);
  if (l.size() >= 2 && l.size() <= 3 && std::isalpha(static_cast<unsigned char>(l[0])))
    return l;
  return "";
}

std::string detect_language(std::string_view lang_attr, std::string_view text) {
  std::string l = language_from_attr(lang_attr);
  if (!l.empty()) return l;
  // Scripts first.
  size_t arabic = 0, persian = 0, han = 0, kana = 0, latin = 0;
  for (size_t i = 0; i < text.size() && i < 20000;) {
    char32_t c = next_code_point(text, i);
    if (c >= 0x600 && c <= 0x6FF) {
      ++arabic;
      if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF || c == 0x6A9 || c == 0x6CC)
        ++persian;
    } else if (c >= 0x4E00 && c <= 0x9FFF) {
      ++han;
    } else if (c >= 0x3040 && c <= 0x30FF) {
      ++kana;
    } else if (c < 0x250 && std::isalpha(static_cast<int>(c & 0x7F))) {
      ++latin;
    }
  }
  if (arabic > latin && arabic >= han) return persian * 20 > arabic ? "fa" : "ar";
  if (han + kana > latin / 4 && han + kana > 0) return kana * 10 > han ? "ja" : "zh";
  // Stopwords for Latin-script languages.
  static const std::vector<std::pair<const char*, std::vector<const char*>>> kStop = {
      {"en", {"the", "and", "of", "to", "is", "that", "with"}},
      {"es", {"el", "los", "que", "del", "las", "por", "una"}},
      {"fr", {"le", "les", "des", "est", "et", "une", "dans"}},
      {"de", {"der", "die", "und", "das", "ist", "nicht", "mit"}},
      {"sq", {"dhe", "të", "në", "është", "për", "një", "nga"}}};
  std::string lower = to_lower_ascii(text.substr(0, 20000));
  std::string best;
  size_t best_n = 0;
  for (const auto& [code, list] : kStop) {
    size_t n = 0;
    for (std::string_view w : split(lower, ' ')) {
      w = trim(w);
      for (const char* s : list)
        if (w == s) ++n;
    }
    if (n > best_n) {
      best_n = n;
      best = code;
    }
  }
  return best_n >= 3 ? best : "";
}

std::string pick_title(const parser::PageMeta& meta) {
  static const char* const kSeps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "};
  auto strip = [&](std::string t) {
    for (const char* sep : kSeps) {
      std::vector<std::string> parts;
      size_t pos = 0, len = std::strlen(sep), f;
      while ((f = t.find(sep, pos)) != std::string::npos) {
        parts.push_back(t.substr(pos, f - pos));
        pos = f + len;
      }
      parts.push_back(t.substr(pos));
      if (parts.size() < 2) continue;
      // Drop a leading/trailing part naming the site.
      auto site_like = [&](const std::string& p) {
        return (!meta.site_name.empty() && (iequals_ascii(trim(p), trim(meta.site_name)) ||
                                            contains_ci(meta.site_name, trim(p)))) ||
               count_words(p) <= 3;
      };
      if (site_like(parts.back()) && count_words(parts.back()) < count_words(t) / 2 + 1) {
        parts.pop_back();
        return collapse_whitespace(join(parts, sep));
      }
      if (site_like(parts.front())) {
        parts.erase(parts.begin());
        return collapse_whitespace(join(parts, sep));
      }
    }
    return t;
  };
  if (!meta.og_title.empty()) return strip(meta.og_title);
  if (!meta.jsonld_headline.empty()) return meta.jsonld_headline;
  // An <h1> the <title> contains is the page's title -- unless it is the
  // part of the <title> that names the site (a masthead "Harbour notes" in
  // "Ferry back in service - Harbour notes").
  const std::string stripped = meta.html_title.empty() ? "" : strip(meta.html_title);
  for (const std::string& h : meta.h1)
    if (!meta.html_title.empty() && contains_ci(stripped, h) && count_words(h) >= 2)
      return h;
  if (!meta.html_title.empty()) {
    std::string t = strip(meta.html_title);
    // A <title> that is only the site's name says nothing about the page: a
    // single h1 is then the page's own title.
    bool has_sep = false;
    for (const char* sep : kSeps) has_sep = has_sep || meta.html_title.find(sep) != std::string::npos;
    bool names_site = !meta.site_name.empty() && iequals_ascii(trim(t), trim(meta.site_name));
    if (meta.h1.size() == 1 && count_words(meta.h1.front()) >= 2 && (names_site || !has_sep)) {
      return meta.h1.front();
    }
    return t;
  }
  return meta.h1.empty() ? "" : meta.h1.front();
}

namespace {

// A byline opens with one of these (ASCII compared case-insensitively).
// `name_only`: the opener is also an everyday word ("von", "par", "di"...),
// so what follows must look like a name: at most 5 words, each Latin word
// capitalised. Arabic and Persian openers ("by the pen of", "writer:",
// "author:") carry no case, so they are all written unambiguous.
struct Opener {
  std::string_view text;
  bool name_only;
};
constexpr Opener kOpeners[] = {
    {"by", false},        {"written by", false}, {"posted by", false},
    {"words by", false},  {"author:", false},    {"authors:", false},
    {"autor:", false},    {"autora:", false},    {"auteur:", false},
    {"autore:", false},   {"von", true},         {"par", true},
    {"por", true},        {"di", true},          {"door", true},
    {"av", true},         {"nga", true},
    {"\xD8\xA8\xD9\x82\xD9\x84\xD9\x85", false},  // بقلم (ar)
    {"\xD8\xA7\xD9\x84\xD9\x83\xD8\xA7\xD8\xAA\xD8\xA8:", false},  // الكاتب: (ar)
    {"\xD9\x83\xD8\xAA\xD8\xA8:", false},  // كتب: (ar)
    {"\xD8\xA8\xD9\x87 \xD9\x82\xD9\x84\xD9\x85", false},  // به قلم (fa)
    {"\xD9\x86\xD9\x88\xDB\x8C\xD8\xB3\xD9\x86\xD8\xAF\xD9\x87:", false},  // نویسنده: (fa)
};

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}

bool looks_like_name(std::string_view rest) {
  if (count_words(rest) > 5) return false;
  bool word_start = true;
  for (char c : rest) {
    if (c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start && c >= 'a' && c <= 'z') return false;
    word_start = false;
  }
  return true;
}

}  // namespace

std::string byline_name(std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() > 160 || t.size() < 4) return "";
  for (const Opener& o : kOpeners) {
    if (!starts_with_ci(t, o.text)) continue;
    std::string_view rest = t.substr(o.text.size());
    // The opener must end at a word boundary ("By " not "Bypass").
    if (o.text.back() != ':' && !rest.empty() && rest[0] != ' ' && rest[0] != ':') continue;
    rest = trim(rest);
    if (!rest.empty() && rest[0] == ':') rest = trim(rest.substr(1));
    size_t cut = rest.find_first_of("|,\n");
    size_t ar_comma = rest.find("\xD8\x8C");  // Arabic comma
    cut = std::min(cut, ar_comma);
    if (cut != std::string_view::npos) rest = trim(rest.substr(0, cut));
    if (rest.empty() || count_words(rest) > 8) return "";
    if (o.name_only && !looks_like_name(rest)) return "";
    return std::string(rest);
  }
  return "";
}

}  // namespace winnow::chrome::internal
