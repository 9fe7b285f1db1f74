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

}  // namespace

std::string fold_text(std::string_view text, bool fold_digits) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool in_digits = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = next_code_point(text, i);
    if (fold_digits && is_digit_cp(c)) {
      if (in_digits) continue;
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += '0';
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (!fold_digits && is_digit_cp(c)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      append_utf8(out, c);
      continue;
    }
    if (is_separator_cp(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    append_utf8(out, c);
  }
  return out;
}

std::vector<std::string_view> fold_tokens(std::string_view folded) {
  std::vector<std::string_view> out;
  for (std::string_view t : split(folded, ' ')) {
    if (!t.empty()) out.push_back(t);
  }
  return out;
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
