// words.cc: word counting that works in every script -- the one rule every
// length threshold, minimum paragraph size and shingle in winnow uses
// (base.h: count_words, for_each_word, word_class).
#include "base/base.h"

namespace winnow {

WordClass word_class(char32_t cp) {
  if (cp < 0x80) {
    return (cp == ' ' || (cp >= '\t' && cp <= '\r')) ? WordClass::kSpace : WordClass::kOther;
  }
  if (is_unicode_space(cp)) return WordClass::kSpace;
  if (cp < 0x0E00) return WordClass::kOther;  // Latin ... Arabic ... Indic
  if (cp <= 0x0EFF) return WordClass::kNoSpace;                      // Thai, Lao
  if (cp >= 0x1000 && cp <= 0x109F) return WordClass::kNoSpace;      // Myanmar
  if (cp >= 0x1100 && cp <= 0x11FF) return WordClass::kIdeograph;    // Hangul jamo
  if (cp >= 0x1780 && cp <= 0x17FF) return WordClass::kNoSpace;      // Khmer
  if (cp >= 0x19E0 && cp <= 0x19FF) return WordClass::kNoSpace;      // Khmer symbols
  if (cp < 0x2E80) return WordClass::kOther;
  if (cp >= 0x3000 && cp <= 0x303F) {                                // CJK symbols, punctuation
    return (cp == 0x3005 || cp == 0x3006 || cp == 0x3007) ? WordClass::kIdeograph
                                                          : WordClass::kBreak;
  }
  if (cp <= 0x2FFF) return WordClass::kIdeograph;                    // radicals
  if (cp <= 0x9FFF) {
    // Hiragana, katakana, bopomofo, compatibility jamo, CJK strokes and
    // enclosed forms, extension A, unified ideographs.
    return (cp >= 0x3040) ? WordClass::kIdeograph : WordClass::kOther;
  }
  if (cp >= 0xA960 && cp <= 0xA97F) return WordClass::kIdeograph;    // Hangul jamo ext-A
  if (cp >= 0xAC00 && cp <= 0xD7FF) return WordClass::kIdeograph;    // Hangul syllables, ext-B
  if (cp >= 0xF900 && cp <= 0xFAFF) return WordClass::kIdeograph;    // compatibility ideographs
  if (cp >= 0xFE30 && cp <= 0xFE4F) return WordClass::kBreak;        // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFFEF) {                                // half/full-width forms
    const bool ascii_like_letter = (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
                                   (cp >= 0xFF41 && cp <= 0xFF5A);
    if (ascii_like_letter) return WordClass::kOther;
    if (cp >= 0xFF66 && cp <= 0xFFDC) return WordClass::kIdeograph;  // half-width kana, hangul
    return WordClass::kBreak;
  }
  if (cp >= 0x1B000 && cp <= 0x1B16F) return WordClass::kIdeograph;  // kana supplement, ext-A
  if (cp >= 0x20000 && cp <= 0x3134F) return WordClass::kIdeograph;  // extensions B-G
  return WordClass::kOther;
}

size_t count_words(std::string_view s, size_t limit) {
  size_t n = 0;
  // ASCII-only text (the common case) is counted without decoding.
  bool in_word = false;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) break;
    const bool space = b == ' ' || (b >= '\t' && b <= '\r');
    if (!space && !in_word && ++n > limit) return n;
    in_word = !space;
  }
  if (i == s.size()) return n;
  // Back to the start of the word in progress, then the general rule.
  if (in_word) {
    --n;
    while (i > 0 && !(s[i - 1] == ' ' || (s[i - 1] >= '\t' && s[i - 1] <= '\r'))) --i;
  }
  bool stop = false;
  for_each_word(s.substr(i), [&](std::string_view) {
    if (!stop && ++n > limit) stop = true;
  });
  return stop ? limit + 1 : n;
}

}  // namespace winnow
