// site_text.cc: text folding and the prose test shared by the site model
// and text repair (see site_text.h).
#include "chrome/site_text.h"

#include "base/base.h"

namespace winnow::chrome::internal {
namespace {

bool is_digit_cp(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) ||
         (c >= 0x6F0 && c <= 0x6F9);
}

// Punctuation and symbols that never distinguish two chrome lines.
bool is_separator_cp(char32_t c) {
  if (c < 0x80) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  if (is_unicode_space(c)) return true;
  if (c == 0xA9 || c == 0xAE) return false;  // (c) (r) carry meaning
  if (c >= 0xA0 && c <= 0xBF) return true;   // Latin-1 punctuation
  if (c == 0xD7 || c == 0xF7) return true;
  if (c >= 0x2000 && c <= 0x206F) return true;  // general punctuation
  if (c >= 0x3000 && c <= 0x303F) return true;  // CJK punctuation
  if (c == 0x60C || c == 0x61B || c == 0x61F || c == 0x6D4) return true;
  if (c == 0x640) return true;  // Arabic tatweel (elongation)
  if (c >= 0xFF00 && c <= 0xFF0F) return true;
  return false;
}

// One code point of text at i (ASCII without decoding), advancing i.
char32_t next_cp(std::string_view text, size_t& i) {
  auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return next_code_point(text, i);
}

void append_cp(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else {
    append_utf8(out, c);
  }
}

}  // namespace

void fold_text_into(std::string_view text, bool fold_digits, std::string& out) {
  out.clear();
  bool pending_space = false;
  bool in_digits = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = next_cp(text, i);
    const bool digit = is_digit_cp(c);
    if (fold_digits && digit && in_digits) continue;
    in_digits = digit;
    if (!digit && is_separator_cp(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (fold_digits && digit) {
      out += '0';
    } else {
      append_cp(out, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
}

std::string fold_text(std::string_view text, bool fold_digits) {
  std::string out;
  out.reserve(text.size());
  fold_text_into(text, fold_digits, out);
  return out;
}

// fold_text and fold_text(.., true) split the text at the same places
// (digits are never separators), so one pass yields both.
void fold_line(std::string_view text, size_t head_tokens, FoldedLine& out) {
  out.folded.clear();
  out.head.clear();
  out.tokens = 0;
  out.head_has_word = false;
  bool pending_space = false;
  bool in_digits = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = next_cp(text, i);
    const bool digit = is_digit_cp(c);
    if (!digit && is_separator_cp(c)) {
      pending_space = true;
      in_digits = false;
      continue;
    }
    if (out.folded.empty() || pending_space) {  // a token starts
      if (!out.folded.empty()) out.folded += ' ';
      pending_space = false;
      if (++out.tokens > 1 && out.tokens <= head_tokens) out.head += ' ';
    }
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    append_cp(out.folded, c);
    if (out.tokens <= head_tokens) {
      if (!digit) {
        append_cp(out.head, c);
        out.head_has_word = true;
      } else if (!in_digits) {
        out.head += '0';
      }
    }
    in_digits = digit;
  }
  if (out.tokens > 0) out.head += ' ';
}

std::vector<std::string_view> fold_tokens(std::string_view folded) {
  std::vector<std::string_view> out;
  for (std::string_view t : split(folded, ' ')) {
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

namespace {

// True when collapse_whitespace(text) == text: no white space at either
// end, single ASCII spaces only, and only valid UTF-8 (which
// collapse_whitespace would re-encode byte for byte).
bool is_collapsed(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  bool space = false;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c > ' ' && c < 0x80) {
      space = false;
      ++i;
      continue;
    }
    if (c == ' ') {
      if (space) return false;
      space = true;
      ++i;
      continue;
    }
    if (c < 0x80) return false;  // tab, newline, other control bytes
    const size_t start = i;
    char32_t cp = next_code_point(text, i);
    if (is_unicode_space(cp)) return false;
    if (cp == 0xFFFD && text.substr(start, i - start) != "\xEF\xBF\xBD") return false;
    space = false;
  }
  return true;
}

}  // namespace

std::string collapse_spaces(std::string_view text) {
  return is_collapsed(text) ? std::string(text) : collapse_whitespace(text);
}

size_t count_words_upto(std::string_view text, size_t limit) {
  size_t n = 0;
  bool in_word = false;
  size_t i = 0;
  while (i < text.size() && n <= limit) {
    char32_t cp = next_cp(text, i);
    bool space = is_unicode_space(cp);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

bool looks_like_prose(std::string_view text) {
  size_t words = count_words(text);
  size_t cps = 0;
  bool mark = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = next_code_point(text, i);
    ++cps;
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == 0x61F ||
        c == 0x6D4 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
        c == 0x2026) {
      mark = true;
    }
  }
  return mark && (words >= 8 || (words < 3 && cps >= 40));
}

}  // namespace winnow::chrome::internal
