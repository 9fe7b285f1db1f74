// site_text.cc: text folding and the prose test shared by the site model
// and text repair (see site_text.h).
#include "chrome/site_text.h"

#include <cstring>

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

namespace {

// Byte classes of ASCII for folding: separators, letters (upper case ones
// lower-cased by the table), digits.
enum : char { kSep = 0, kLetter = 1, kDigit = 2 };
struct AsciiFold {
  char cls[128];
  char lower[128];
  char fold[128];  // lower-cased letters and digits; 0 for separators
  constexpr AsciiFold() : cls(), lower(), fold() {
    for (int c = 0; c < 128; ++c) {
      bool upper = c >= 'A' && c <= 'Z';
      bool letter = upper || (c >= 'a' && c <= 'z');
      cls[c] = letter ? kLetter : (c >= '0' && c <= '9') ? kDigit : kSep;
      lower[c] = static_cast<char>(upper ? c - 'A' + 'a' : c);
      fold[c] = cls[c] == kSep ? '\0' : lower[c];
    }
  }
};
constexpr AsciiFold kAscii;

// Writes the UTF-8 of a non-ASCII code point at p; returns the end.
char* put_utf8(char* p, char32_t c) {
  if (c < 0x800) {
    *p++ = static_cast<char>(0xC0 | (c >> 6));
  } else if (c < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (c >> 12));
    *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (c >> 18));
    *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  *p++ = static_cast<char>(0x80 | (c & 0x3F));
  return p;
}

// Room for the folding of n bytes: a byte yields at most 3 (an invalid
// byte becomes U+FFFD) plus the space before its token.
char* room(std::string& buf, size_t n) {
  if (buf.size() < 4 * n + 4) buf.resize(4 * n + 4);
  return buf.data();
}

// The rest of fold_text(text) from text[i] on, once the head is complete:
// appends at f, counts the tokens started in *n; returns the end.
char* fold_tail(std::string_view text, size_t i, char* f, size_t* n, bool pending_space) {
  const char* s = text.data();
  const size_t size = text.size();
  size_t tokens = *n;
  while (i < size) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t c;
    if (b < 0x80) {
      ++i;
      c = static_cast<unsigned char>(kAscii.fold[b]);
      if (c == 0) {
        pending_space = true;
        continue;
      }
    } else {
      c = next_code_point(text, i);
      if (!is_digit_cp(c) && is_separator_cp(c)) {
        pending_space = true;
        continue;
      }
    }
    if (pending_space || tokens == 0) {
      if (tokens > 0) *f++ = ' ';
      ++tokens;
      pending_space = false;
    }
    if (c < 0x80) {
      *f++ = static_cast<char>(c);
    } else {
      f = put_utf8(f, c);
    }
  }
  *n = tokens;
  return f;
}

// The one folding pass behind fold_text_into and fold_line. Writes
// fold_text(text) to *folded when kPlain, and the first head_tokens tokens
// of fold_text(text, true), each followed by a space, to *head; counts the
// tokens. Both foldings split the text at the same places (digits are
// never separators).
template <bool kPlain>
void fold_pass(std::string_view text, size_t head_tokens, char** folded, char** head,
               size_t* tokens, bool* head_has_word) {
  char* f = kPlain ? *folded : nullptr;
  char* h = *head;
  char* const h0 = h;
  size_t n = 0;  // tokens started
  bool pending_space = false;
  bool in_digits = false;
  bool word = false;
  const char* s = text.data();
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    if (kPlain && n >= head_tokens && (pending_space || n == 0)) {
      // The head is complete (the next token is past it): the rest only
      // extends the plain folding.
      f = fold_tail(text, i, f, &n, pending_space);
      break;
    }
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t c;
    bool digit;
    if (b < 0x80) {
      ++i;
      const char cls = kAscii.cls[b];
      if (cls == kSep) {
        pending_space = true;
        in_digits = false;
        continue;
      }
      digit = cls == kDigit;
      c = static_cast<unsigned char>(kAscii.lower[b]);
    } else {
      c = next_code_point(text, i);
      digit = is_digit_cp(c);
      if (!digit && is_separator_cp(c)) {
        pending_space = true;
        in_digits = false;
        continue;
      }
    }
    if (n == 0 || pending_space) {  // a token starts
      if (kPlain && n > 0) *f++ = ' ';
      pending_space = false;
      if (++n > 1 && n <= head_tokens) *h++ = ' ';
    }
    if (c < 0x80) {
      if (kPlain) *f++ = static_cast<char>(c);
      if (n <= head_tokens) {
        if (!digit) {
          *h++ = static_cast<char>(c);
          word = true;
        } else if (!in_digits) {
          *h++ = '0';
        }
      }
    } else {
      char* w = kPlain ? f : h;
      char* e = put_utf8(w, c);
      if (kPlain) f = e;
      if (n <= head_tokens) {
        if (!digit) {
          if (kPlain) {
            std::memcpy(h, w, static_cast<size_t>(e - w));
            h += e - w;
          } else {
            h = e;
          }
          word = true;
        } else if (!in_digits) {
          *h++ = '0';
        }
      }
    }
    in_digits = digit;
  }
  if (n > 0 && h != h0) *h++ = ' ';
  if (kPlain) *folded = f;
  *head = h;
  *tokens = n;
  *head_has_word = word;
}

}  // namespace

void fold_text_into(std::string_view text, bool fold_digits, std::string& out) {
  char* b = room(out, text.size());
  char* e = b;
  size_t tokens = 0;
  bool word = false;
  if (fold_digits) {
    // The digit-folded text is the "head" of every token, less its final
    // space.
    fold_pass<false>(text, static_cast<size_t>(-1), nullptr, &e, &tokens, &word);
    if (e != b) --e;
  } else {
    char* scratch = nullptr;
    fold_pass<true>(text, 0, &e, &scratch, &tokens, &word);
  }
  out.resize(static_cast<size_t>(e - b));
}

std::string fold_text(std::string_view text, bool fold_digits) {
  thread_local std::string buf;  // sized for the worst case; the copy is not
  fold_text_into(text, fold_digits, buf);
  return buf;
}

void fold_line(std::string_view text, size_t head_tokens, FoldedLine& out) {
  char* f0 = room(out.folded_buf, text.size());
  char* h0 = room(out.head_buf, text.size());
  char* f = f0;
  char* h = h0;
  fold_pass<true>(text, head_tokens, &f, &h, &out.tokens, &out.head_has_word);
  out.folded = std::string_view(f0, static_cast<size_t>(f - f0));
  out.head = std::string_view(h0, static_cast<size_t>(h - h0));
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

void collapse_spaces(std::string& text) {
  if (!is_collapsed(text)) text = collapse_whitespace(text);
}

// Words (as count_words counts them) and a sentence mark somewhere.
bool looks_like_prose(std::string_view text) {
  bool mark = false;
  size_t i = 0;
  while (i < text.size() && !mark) {
    const char32_t c = next_code_point(text, i);
    // A full stop ends a sentence before a space or the end, not inside a
    // number or a name ("6.7k", "example.org").
    const bool stop = c == '.' && (i == text.size() || text[i] == ' ' || text[i] == '"' ||
                                   text[i] == '\'' || text[i] == ')' || text[i] == ']');
    mark = stop || c == '!' || c == '?' || c == ';' || c == 0x61F || c == 0x6D4 ||
           c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E || c == 0xFF1B ||
           c == 0x2026 || c == 0x0964 || c == 0x0E2F;
  }
  return mark && count_words(text, 8) >= 8;
}

}  // namespace winnow::chrome::internal
