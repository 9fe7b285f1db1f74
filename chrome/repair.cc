// repair.cc: repair_text -- undoes conversion damage across the documents of
// one corpus: words hyphenated across a line or paragraph break, Markdown
// leftovers in the text field, bare <https://...> links, NBSP and blank
// runs, and running masthead lines of PDF conversions. Only text that shows
// the damage is touched (text dumps, or a line-level sign of a PDF
// conversion); ordinary HTML prose keeps "__init__", "2**10" and "short-
// and long-term". See docs/internals/chrome.md ("Text repair").
#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "chrome/chrome.h"
#include "chrome/repair_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome {
namespace {

using parser::Document;
using parser::Paragraph;

bool is_letter_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
bool is_lower_start(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}
bool is_hyphen_tail(std::string_view s) {
  return s.size() >= 3 && s.back() == '-' &&
         is_letter_byte(static_cast<unsigned char>(s[s.size() - 2])) &&
         s[s.size() - 2] != '-';
}

// Words after a suspended hyphen ("short- and long-term", "pre- or post-war",
// "two- to three-year", "Ein- und Ausgang"): "word-" before one of them is
// not a word broken at a line end.
bool is_conjunction(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "and", "or", "nor", "to", "und", "oder", "bis", "sowie", "et", "ou", "y", "o",
      "u", "e", "en", "och", "eller", "og", "\xD0\xB8", "\xD0\xB8\xD0\xBB\xD0\xB8"};
  return kWords.count(w) > 0;
}

}  // namespace

std::string_view internal::first_word(std::string_view s) { return s.substr(0, s.find(' ')); }

bool internal::is_page_number(std::string_view t) {
  return !t.empty() && t.size() <= 4 &&
         std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The last word of a paragraph when it ends in a break hyphen ("Mas-") and
// the next paragraph starts with a lower-case word that is not a conjunction
// ("soud"), else "". Such a pair is itself the sign of a page or line break
// of a conversion: prose does not end a paragraph inside a word.
std::string_view internal::broken_tail(const Paragraph& a, const Paragraph& b) {
  if (a.kind != parser::BlockKind::kParagraph || b.kind != a.kind || a.text.empty() ||
      !is_lower_start(b.text) || is_conjunction(first_word(b.text))) {
    return {};
  }
  size_t sp = a.text.rfind(' ');
  std::string_view last = std::string_view(a.text).substr(sp == std::string::npos ? 0 : sp + 1);
  return is_hyphen_tail(last) ? last : std::string_view();
}

namespace {
using internal::broken_tail;

// NBSP-like spaces become ASCII spaces; runs of white space collapse
// (inside <pre> only runs of 3+ newlines shrink to one blank line).
void normalise_spaces(std::string& text, bool pre) {
  // collapse_whitespace already treats those four as white space.
  if (!pre) {
    internal::collapse_spaces(text);
    return;
  }
  std::string_view s = text;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = next_code_point(s, i);
    if (c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0xFEFF) c = ' ';
    append_utf8(out, c);
  }
  std::string r;
  int newlines = 0;
  for (char c : out) {
    newlines = c == '\n' ? newlines + 1 : 0;
    if (newlines <= 2) r += c;
  }
  text = std::string(trim(r));
}

bool is_word_byte(std::string_view s, size_t k) {
  if (k >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[k]);
  return is_letter_byte(c) || (c >= '0' && c <= '9');
}

// A lower-case identifier ("init", "name_2"): "__init__" is Python, not bold.
bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// For "**" or "__" at i: the index of the closing pair when the two enclose
// emphasis as Markdown writes it, else npos. The opener is not preceded by a
// letter, digit or the same mark and is followed by a non-space; the closer
// is preceded by a non-space and not followed by a letter or digit. So
// "2**10" and "a__b" are not emphasis, and "__init__" (a lower-case
// identifier between underscores) is a name, not bold.
size_t emphasis_close(std::string_view s, size_t i) {
  const char c = s[i];
  const std::string_view pair = c == '*' ? "**" : "__";
  if (i > 0 && (is_word_byte(s, i - 1) || s[i - 1] == c)) return std::string_view::npos;
  if (i + 2 >= s.size() || s[i + 2] == ' ' || s[i + 2] == c) return std::string_view::npos;
  for (size_t k = s.find(pair, i + 2); k != std::string_view::npos; k = s.find(pair, k + 1)) {
    if (s[k - 1] == ' ' || s[k - 1] == c || is_word_byte(s, k + 2) ||
        (k + 2 < s.size() && s[k + 2] == c)) {
      continue;
    }
    if (c == '_' && is_identifier(s.substr(i + 2, k - i - 2))) break;
    return k;
  }
  return std::string_view::npos;
}

// Whether t is an image's machine-made name, as a browser's dump shows an
// image by its alt text: ASCII letters, digits, '_', '-', '.', with a digit
// and a letter or a dash ("006y8mN6ly", "DSC-1293", "1-43"); `long_number`
// asks for a run of six digits or more as well ("image-20201111005857785",
// "P1020620-Edit"), or of four with an underscore (a camera's "IMG_3264",
// "DSC_0012"), for a line that is nothing else.
bool image_name(std::string_view t, bool long_number) {
  if (t.size() < 3 || t.size() > 40) return false;
  bool digit = false, letter_or_dash = false, underscore = false;
  size_t run = 0, longest = 0;
  for (char c : t) {
    const bool d = c >= '0' && c <= '9';
    const bool l = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!d && !l && c != '_' && c != '-' && c != '.') return false;
    digit = digit || d;
    letter_or_dash = letter_or_dash || l || c == '_' || c == '-';
    underscore = underscore || c == '_';
    run = d ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return digit && letter_or_dash &&
         (!long_number || longest >= 6 || (underscore && longest >= 4));
}

// Drops **bold**/__bold__ markers (paired, see emphasis_close), leading "#"
// heading marks when `headings` (see marked_up), [text](url) link syntax
// (keeping text), bare <http(s)://...> links and images shown as "[name]"
// by a machine-made name (image_name). For text dumps only.
std::string strip_markdown(std::string_view s, bool headings) {
  if (image_name(trim(s), true)) return {};
  size_t lead = 0;
  while (lead < s.size() && s[lead] == '#') ++lead;
  if (headings && lead > 0 && lead <= 6 && lead < s.size() && s[lead] == ' ') {
    s.remove_prefix(lead + 1);
  }
  std::string out;
  std::vector<size_t> closers;  // pending closing pairs, innermost last
  for (size_t i = 0; i < s.size();) {
    // A closer skipped inside a link is dropped (its opener already was).
    while (!closers.empty() && closers.back() < i) closers.pop_back();
    if (!closers.empty() && i == closers.back()) {
      closers.pop_back();
      i += 2;
      continue;
    }
    if (s.compare(i, 2, "**") == 0 || s.compare(i, 2, "__") == 0) {
      size_t close = emphasis_close(s, i);
      if (close != std::string_view::npos &&
          (closers.empty() || close < closers.back())) {
        closers.push_back(close);
        i += 2;
        continue;
      }
    }
    if (s[i] == '<' && (s.compare(i, 8, "<http://") == 0 ||
                        s.compare(i, 9, "<https://") == 0)) {
      size_t close = s.find('>', i);
      if (close != std::string_view::npos && s.find(' ', i) > close) {
        i = close + 1;
        continue;
      }
    }
    if (s[i] == '[') {
      const size_t end = s.find(']', i);
      if (end != std::string_view::npos && (end + 1 == s.size() || s[end + 1] != '(') &&
          image_name(s.substr(i + 1, end - i - 1), false)) {
        i = end + 1;
        continue;
      }
      size_t mid = s.find("](", i);
      size_t close = mid == std::string_view::npos ? mid : s.find(')', mid);
      size_t nl = s.find('[', i + 1);
      if (close != std::string_view::npos && (nl == std::string_view::npos || nl > mid) &&
          s.substr(mid + 2, close - mid - 2).find(' ') == std::string_view::npos) {
        out.append(s.substr(i + 1, mid - i - 1));
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return collapse_whitespace(out);
}

// Whether a dump is Markdown (a converter's output saved as text): a
// [text](url) link or a **bold** pair outside code. Only then is a line's
// leading "# " a heading mark; in a browser's dump it is text (a shell
// prompt, a comment in a listing: "# lspci").
bool marked_up(const Document& d) {
  for (const Paragraph& p : d.paragraphs) {
    if (p.kind == parser::BlockKind::kPre) continue;
    const std::string_view t = p.text;
    if (t.find("](") != std::string_view::npos) return true;
    for (size_t at = t.find("**"); at != std::string_view::npos; at = t.find("**", at + 2)) {
      if (emphasis_close(t, at) != std::string_view::npos) return true;
    }
  }
  return false;
}

std::string lower_word(std::string_view w) { return to_lower_ascii(w); }

// The corpus vocabulary: a set of lower-cased words in one arena, open
// addressing on hash64 (words compared in full, so lookups are exact).
// Cheaper than a map of strings: no allocation per word.
class WordSet {
 public:
  WordSet() : slots_(kInitialSlots) {}
  // Adds w lower-cased.
  void add(std::string_view w) {
    scratch_.assign(w);
    for (char& c : scratch_)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const uint64_t h = hash64(scratch_);
    Slot* slot = find(h, scratch_);
    if (slot->len != kEmpty) return;
    *slot = {h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(scratch_.size())};
    arena_ += scratch_;
    if (++used_ * 2 > slots_.size()) grow();
  }
  // w is lower-case already.
  bool contains(std::string_view w) const {
    return find(hash64(w), w)->len != kEmpty;
  }

 private:
  static constexpr uint32_t kEmpty = static_cast<uint32_t>(-1);
  static constexpr size_t kInitialSlots = 1024;  // a power of two
  struct Slot {
    uint64_t hash = 0;
    uint32_t off = 0;
    uint32_t len = kEmpty;
  };
  // The slot holding w, or the empty slot where it would go.
  Slot* find(uint64_t h, std::string_view w) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.len == kEmpty ||
          (s.hash == h && std::string_view(arena_).substr(s.off, s.len) == w)) {
        return const_cast<Slot*>(&s);
      }
    }
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.len == kEmpty) continue;
      size_t i = s.hash & mask;
      while (slots_[i].len != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
  std::string arena_;
  std::string scratch_;
};

// Letters-only words of s, lower-cased; fragments around a break hyphen
// ("Mas- soud") are left out so they cannot vouch for themselves.
void count_words_into(std::string_view s, WordSet& vocab) {
  std::string_view prev;  // the previous space-separated piece
  for (size_t start = 0; start <= s.size();) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view w = s.substr(start, end - start);
    const bool broken = is_hyphen_tail(w) || (start > 0 && is_hyphen_tail(prev));
    prev = w;
    start = end + 1;
    while (!w.empty() && !is_letter_byte(static_cast<unsigned char>(w.back())) &&
           w.back() != '-') {
      w.remove_suffix(1);
    }
    while (!w.empty() && !is_letter_byte(static_cast<unsigned char>(w.front()))) {
      w.remove_prefix(1);
    }
    if (broken || w.empty()) continue;
    vocab.add(w);
  }
}

class Joiner {
 public:
  explicit Joiner(const WordSet& vocab) : vocab_(vocab) {}
  // left ends with "-" (e.g. "Mas-"), right is the next word ("soud,").
  std::string join(std::string_view left, std::string_view right) const {
    std::string_view stem = left.substr(0, left.size() - 1);
    size_t end = 0;
    while (end < right.size() && is_letter_byte(static_cast<unsigned char>(right[end]))) ++end;
    std::string_view head = right.substr(0, end);
    std::string joined = lower_word(stem) + lower_word(head);
    std::string hyphened = lower_word(stem) + "-" + lower_word(head);
    bool stem_word = known(lower_word(last_word(stem)));
    bool head_word = known(lower_word(head));
    if (known(last_word_of(joined, stem)) || (!known(hyphened) && !(stem_word && head_word))) {
      return std::string(stem) + std::string(right);
    }
    return std::string(stem) + "-" + std::string(right);
  }

 private:
  static std::string_view last_word(std::string_view s) {
    size_t p = s.find_last_of(" -");
    return p == std::string_view::npos ? s : s.substr(p + 1);
  }
  static std::string last_word_of(const std::string& joined, std::string_view stem) {
    std::string_view lw = last_word(stem);
    return joined.substr(stem.size() - lw.size());
  }
  bool known(const std::string& w) const { return vocab_.contains(w); }
  const WordSet& vocab_;
};

// Rejoins "Mas- soud" inside one paragraph.
std::string join_inline(const std::string& text, const Joiner& j) {
  if (text.find("- ") == std::string::npos) return text;
  auto words = split(text, ' ');
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w(words[i]);
    if (is_hyphen_tail(w) && i + 1 < words.size() && is_lower_start(words[i + 1]) &&
        !is_conjunction(words[i + 1])) {
      w = j.join(w, words[i + 1]);
      ++i;
    }
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Rejoins a paragraph ending "Mas-" with the next one starting "soud";
// returns how many pairs were joined.
size_t join_across(Document& d, const Joiner& j) {
  auto& ps = d.paragraphs;
  size_t joined = 0;
  for (size_t i = 0; i + 1 < ps.size();) {
    Paragraph& a = ps[i];
    Paragraph& b = ps[i + 1];
    {
      std::string_view last = broken_tail(a, b);
      if (!last.empty()) {
        size_t bsp = b.text.find(' ');
        std::string_view first = std::string_view(b.text).substr(0, bsp);
        std::string rest = bsp == std::string::npos ? "" : b.text.substr(bsp);
        std::string merged = a.text.substr(0, a.text.size() - last.size()) +
                             j.join(last, first) + rest;
        a.text = merged;
        a.markdown = merged;
        ps.erase(ps.begin() + static_cast<long>(i) + 1);
        ++joined;
        continue;
      }
    }
    ++i;
  }
  return joined;
}

// True when a paragraph has a word is_hyphen_tail accepts (a letter, then
// "-" before a space or the end): the only words the Joiner acts on.
bool has_hyphen_tail(const Document& d) {
  for (const Paragraph& p : d.paragraphs) {
    const std::string& t = p.text;
    for (size_t i = t.find('-', 1); i != std::string::npos; i = t.find('-', i + 1)) {
      if ((i + 1 == t.size() || t[i + 1] == ' ') &&
          is_letter_byte(static_cast<unsigned char>(t[i - 1]))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

// A browser's dump of edits: w3m writes <del>x</del> as "[DEL:x:DEL]" and
// <ins>x</ins> as "[INS:x:INS]". The page shows both words (struck
// through, underlined), so the text keeps both without the marks. A mark
// with no partner stays as it was written.
void undo_dump_edits(std::string& text) {
  if (text.find(":DEL]") == std::string::npos && text.find(":INS]") == std::string::npos) return;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool undone = false;
    static constexpr std::pair<std::string_view, std::string_view> kMarks[] = {
        {"[DEL:", ":DEL]"}, {"[INS:", ":INS]"}};
    for (const auto& [open, close] : kMarks) {
      if (text.compare(i, open.size(), open) != 0) continue;
      const size_t end = text.find(close, i + open.size());
      if (end == std::string::npos) continue;
      out.append(text, i + open.size(), end - i - open.size());
      i = end + close.size();
      undone = true;
      break;
    }
    if (!undone) out += text[i++];
  }
  text = collapse_whitespace(out);
}

// A browser's dump of footnotes: w3m writes a superscript as "^1" after
// its word ("Dinar^1 per meter") and keeps a footnote's link back as "↩"
// (U+21A9, often with the emoji selector U+FE0E/FE0F) at its end. The
// page shows "Dinar1" and the note's text.
void undo_dump_footnotes(std::string& text) {
  // A footnote mark: "^" right after a word of two letters or more (or a
  // full stop or comma), then one to three digits, then a space, the end,
  // or punctuation that no digit follows -- never in a paragraph of
  // formulas or patterns ("{", "\\", "$": "x^{(i)}", "[^0-9]"), nor a
  // power ("x^2", ")^2") or a version range ("^1.2.3").
  if (text.find('^') != std::string::npos && text.find_first_of("{\\$[") == std::string::npos) {
    auto letter = [&](size_t k) {
      return std::isalpha(static_cast<unsigned char>(text[k])) || (text[k] & 0x80) != 0;
    };
    // A digit of the Arabic-Indic or the Persian set (two bytes each).
    auto eastern_digit = [&](size_t k) {
      return k + 1 < text.size() &&
             ((text[k] == '\xDB' && static_cast<unsigned char>(text[k + 1]) >= 0xB0 &&
               static_cast<unsigned char>(text[k + 1]) <= 0xB9) ||
              (text[k] == '\xD9' && static_cast<unsigned char>(text[k + 1]) >= 0xA0 &&
               static_cast<unsigned char>(text[k + 1]) <= 0xA9));
    };
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      // The mark's digits, ASCII or eastern, three at most.
      size_t j = i + 1;
      for (int digits = 0; digits < 3 && j < text.size(); ++digits) {
        if (std::isdigit(static_cast<unsigned char>(text[j]))) {
          ++j;
        } else if (eastern_digit(j)) {
          j += 2;
        } else {
          break;
        }
      }
      const bool after = i >= 2 && ((letter(i - 1) && letter(i - 2)) || text[i - 1] == '.' ||
                                    text[i - 1] == ',');
      const bool ends = j == text.size() || text[j] == ' ' ||
                        ((text[j] == '.' || text[j] == ',' || text[j] == ';' || text[j] == ':' ||
                          text[j] == ')' || (text[j] & 0x80) != 0) &&
                         (j + 1 == text.size() || !std::isdigit(static_cast<unsigned char>(text[j + 1]))));
      bool sup = text[i] == '^' && after && j > i + 1 && ends;
      // An ordinal's letters after its number ("122^nd Street"), and one
      // raised letter of a non-Latin script after a word ("^" + hamza).
      if (text[i] == '^' && !sup && i > 0 && i + 3 <= text.size()) {
        const std::string_view two = std::string_view(text).substr(i + 1, 2);
        const bool word_end = i + 3 == text.size() || !letter(i + 3);
        if (std::isdigit(static_cast<unsigned char>(text[i - 1])) && word_end &&
            (two == "st" || two == "nd" || two == "rd" || two == "th")) {
          sup = true;
        } else if (after && letter(i - 1) && (text[i + 1] & 0x80) != 0 && !eastern_digit(i + 1)) {
          size_t k = i + 1;
          next_code_point(text, k);
          sup = k == text.size() || text[k] == ' ';
        }
      }
      // A starred note: "^*" (up to three stars) where a word ends or a
      // note's line starts, and an empty "^" closing the line after it.
      size_t stars = i + 1;
      while (stars < text.size() && text[stars] == '*' && stars - i <= 3) ++stars;
      const bool starred =
          text[i] == '^' && stars > i + 1 && stars - i <= 4 &&
          (i == 0 || letter(i - 1) || text[i - 1] == '.');
      const bool closing = text[i] == '^' && i + 1 == text.size() && i > 0 && text[i - 1] == '*';
      if (!sup && !starred && !closing) out += text[i];
    }
    text = std::move(out);
  }
  for (;;) {
    std::string_view t = trim(text);
    size_t cut = std::string_view::npos;
    for (std::string_view end : {"\xE2\x86\xA9\xEF\xB8\x8E", "\xE2\x86\xA9\xEF\xB8\x8F",
                                 "\xE2\x86\xA9"}) {
      if (t.ends_with(end)) {
        cut = t.size() - end.size();
        break;
      }
    }
    if (cut == std::string_view::npos || cut == 0) break;
    text = std::string(trim(t.substr(0, cut)));
  }
}

// A browser's dump prints an image by its alt text, which blog software
// fills with the file's name, or, without one, by "[stem]". Drops from a
// line the names that are a camera's or a screenshot tool's timestamp:
// fourteen digits that read as year (1990-2039), month, day, hour,
// minute, second, after an ASCII name of a few letters at most followed by
// three other letters ("QQ截图20150220234132", "Screenshot_20150220234132",
// "20150223141547"), with a short "-1" / "_2" / "@2x" after them; a day's
// eight digits after such a name and before such a number or "@2x"
// ("QQ20160325-2@2x", "IMG_20160325_1"); and
// "[stem]" when the stem is seven digits or more ("[2019122522]"): a
// footnote's "[12]" stays, as do other numbers.
void drop_timestamp_names(std::string& text) {
  auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  auto ascii_letter = [&](size_t k) {
    const char c = text[k];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
  };
  auto number = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t k = at; k < at + len; ++k) v = v * 10 + (text[k] - '0');
    return v;
  };
  std::string out;
  size_t copied = 0;
  for (size_t a = 0; a < text.size();) {
    if (!digit(a) || (a > 0 && digit(a - 1))) {
      ++a;
      continue;
    }
    size_t b = a;
    while (digit(b)) ++b;
    size_t from = a, to = b;
    bool name = false;
    const size_t len = b - a;
    const int year = len >= 8 ? number(a, 4) : 0;
    const bool date = (len == 8 || len == 14 || len == 17) && year >= 1990 && year <= 2039 &&
                      number(a + 4, 2) >= 1 && number(a + 4, 2) <= 12 && number(a + 6, 2) >= 1 &&
                      number(a + 6, 2) <= 31;
    const bool stamp = date && len >= 14 && number(a + 8, 2) <= 23 &&
                       number(a + 10, 2) <= 59 && number(a + 12, 2) <= 59;
    if (date) {
      // The name before the digits: up to three non-ASCII letters
      // after ASCII ones ("QQ截图"), or ASCII ones alone ("IMG_").
      size_t k = from, others = 0;
      while (k > 0 && others < 3 && (text[k - 1] & 0x80) != 0) {
        size_t c = k - 1;
        while (c > 0 && (static_cast<unsigned char>(text[c]) & 0xC0) == 0x80) --c;
        size_t at = c;
        const char32_t cp = next_code_point(text, at);
        if (word_class(cp) != WordClass::kIdeograph && word_class(cp) != WordClass::kOther) break;
        k = c;
        ++others;
      }
      size_t ascii = k;
      while (ascii > 0 && ascii_letter(ascii - 1)) --ascii;
      if (ascii < k && k - ascii <= 12) from = ascii;
      bool numbered = false;
      if ((to < text.size() && (text[to] == '-' || text[to] == '_')) && digit(to + 1)) {
        size_t e = to + 1;
        while (digit(e) && e - to <= 3) ++e;
        if (!digit(e)) {
          to = e;
          numbered = true;
        }
      }
      const bool retina = text.compare(to, 3, "@2x") == 0 || text.compare(to, 3, "@3x") == 0;
      if (retina) to += 3;
      // A day alone is a date; with a name and a number or "@2x" after
      // it, a file's ("QQ20160325-2@2x").
      // Fourteen digits read alone as a stamp; seventeen (with the
      // milliseconds: "image-20190319093941643") only after a name.
      const bool named_stamp = stamp && (len == 14 || from < a);
      name = (named_stamp || (from < a && (numbered || retina))) &&
             (to == text.size() || text[to] == ' ' || text[to] == ']' || text[to] == '\n' ||
              (text[to] & 0x80) != 0);
    }
    const bool bracketed = from > 0 && text[from - 1] == '[' && to < text.size() && text[to] == ']';
    if (bracketed && len >= 7 && from == a && to == b) name = true;
    if (!name) {
      a = b;
      continue;
    }
    if (bracketed) {
      --from;
      ++to;
    }
    out.append(text, copied, from - copied);
    copied = to;
    a = to;
  }
  if (copied == 0) return;
  out.append(text, copied, std::string::npos);
  text = collapse_whitespace(out);
}

// Whether t is a file name made of a hash: a UUID (8-4-4-4-12 hex
// digits, a screenshot tool's "E6632A0A-9067-4B97-93A2-5DEF23FB4CD8") or
// an MD5 or SHA-1 digest (32 or 40 hex digits with letters and digits).
bool hash_name(std::string_view t) {
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  if (t.size() == 36) {
    for (size_t i = 0; i < t.size(); ++i) {
      const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? t[i] != '-' : !hex(t[i])) return false;
    }
    return true;
  }
  if (t.size() != 32 && t.size() != 40) return false;
  bool digit = false, letter = false;
  for (char c : t) {
    if (!hex(c)) return false;
    digit = digit || (c >= '0' && c <= '9');
    letter = letter || !(c >= '0' && c <= '9');
  }
  return digit && letter;
}

// A browser's dump prints an image by its alt text, and an image named by
// a hash (hash_name) sits in the line between sentences: after a full
// stop, colon or non-ASCII text and a space, before a space and more text
// in capitals or non-ASCII, or the line's end. A hash quoted in technical
// prose ("commit aca3fe6...", "token: ...") has an ASCII word before it.
void drop_hash_names(std::string& text) {
  std::string out;
  size_t copied = 0;
  for (size_t a = 0; a < text.size();) {
    size_t b = text.find(' ', a);
    if (b == std::string::npos) b = text.size();
    const std::string_view tok(text.data() + a, b - a);
    bool drop = false;
    if (a >= 2 && text[a - 1] == ' ' && hash_name(tok)) {
      const auto before = static_cast<unsigned char>(text[a - 2]);
      const bool after_sentence =
          before >= 0x80 || before == '.' || before == ':' || before == '!' || before == '?';
      const bool before_text =
          b == text.size() || (b + 1 < text.size() &&
                               (static_cast<unsigned char>(text[b + 1]) >= 0x80 ||
                                (text[b + 1] >= 'A' && text[b + 1] <= 'Z')));
      drop = after_sentence && before_text;
    }
    if (drop) {
      out.append(text, copied, a - copied);
      copied = b;
    }
    a = b + 1;
  }
  if (copied == 0) return;
  out.append(text, copied, std::string::npos);
  text = collapse_whitespace(out);
}

void repair_text(std::vector<Document>& docs) {
  for (Document& d : docs) {
    normalise_spaces(d.title, false);
    normalise_spaces(d.author, false);
    const bool headings = d.from_text && marked_up(d);
    for (Paragraph& p : d.paragraphs) {
      bool pre = p.kind == parser::BlockKind::kPre;
      normalise_spaces(p.text, pre);
      // Markdown leftovers only in dumps: in HTML, "**" and "__" are text.
      // Without these characters, or a line that is an image's name,
      // strip_markdown changes nothing (the text is collapsed).
      if (d.from_text && !pre &&
          (p.text.find_first_of("#*_<[") != std::string::npos || image_name(trim(p.text), true))) {
        p.text = strip_markdown(p.text, headings);
      }
      if (d.from_text && !pre) {
        undo_dump_edits(p.text);
        undo_dump_footnotes(p.text);
        drop_timestamp_names(p.text);
        drop_hash_names(p.text);
      }
      normalise_spaces(p.markdown, pre);
    }
    std::erase_if(d.paragraphs, [](const Paragraph& p) { return trim(p.text).empty(); });
  }
  // Running heads first: they sit between the halves of a word broken
  // across a page, and a dump's head glued to the next page's first line
  // would hide the half there.
  std::vector<bool> running(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) running[i] = internal::drop_running_lines(docs[i]);
  // The vocabulary only serves to rejoin hyphenated words: skip it when no
  // paragraph has a word ending in "letter-".
  WordSet vocab;
  if (std::any_of(docs.begin(), docs.end(), has_hyphen_tail)) {
    for (const Document& d : docs) {
      for (const Paragraph& p : d.paragraphs) count_words_into(p.text, vocab);
    }
  }
  Joiner joiner(vocab);
  for (size_t i = 0; i < docs.size(); ++i) {
    Document& d = docs[i];
    const bool broken = join_across(d, joiner) > 0;
    // "word- word" inside a paragraph is a line-end hyphen only in text that
    // was wrapped: a dump, or a document that shows a conversion's page
    // breaks. In other HTML it is written that way on purpose.
    if (!d.from_text && !running[i] && !broken) continue;
    for (Paragraph& p : d.paragraphs) {
      if (p.kind == parser::BlockKind::kPre || p.text.find("- ") == std::string::npos) continue;
      std::string joined = join_inline(p.text, joiner);
      if (joined != p.text) {
        p.text = joined;
        p.markdown = join_inline(p.markdown, joiner);
      }
    }
  }
}

}  // namespace winnow::chrome
