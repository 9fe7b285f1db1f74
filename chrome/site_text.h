// site_text.h (internal to chrome/): the text normalisation the site model
// and text repair share -- case, space, punctuation and digit folding -- and
// the cheap "is this prose?" test. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::chrome::internal {

// Lower-cases ASCII, turns punctuation, symbols other than (c)/(r) and all
// white space into single spaces, trims. Non-ASCII letters are kept as they
// are. With fold_digits, every run of digits (ASCII, Arabic-Indic, Extended
// Arabic-Indic) also becomes "0": "(c) 2003 - 2024 Org." -> "© 0 0 org".
std::string fold_text(std::string_view text, bool fold_digits = false);
// fold_text into `out` (cleared first; its capacity is reused).
void fold_text_into(std::string_view text, bool fold_digits, std::string& out);

// What the site model keys a block on, from one pass over its text and
// without allocating once the buffers have grown: `folded` is
// fold_text(text); of fold_text(text, true), `tokens` is its number of
// tokens, `head` its first head_tokens tokens each followed by a space, and
// `head_has_word` whether one of those is not "0". Reuse one FoldedLine
// across calls (the views point into its buffers and are overwritten).
// fold_text_into runs the same pass.
struct FoldedLine {
  std::string_view folded;
  std::string_view head;
  size_t tokens = 0;
  bool head_has_word = false;
  std::string folded_buf, head_buf;  // storage behind the views
};
void fold_line(std::string_view text, size_t head_tokens, FoldedLine& out);
// fold_text split on spaces.
std::vector<std::string_view> fold_tokens(std::string_view folded);

// text = collapse_whitespace(text), without touching text that is
// collapsed already (the common case: the parser collapsed it).
void collapse_spaces(std::string& text);

// True when text reads like running prose: at least 8 words (count_words:
// CJK ideographs count one each) and a sentence mark (. ! ? ; and their
// Arabic, CJK, Devanagari and Thai forms) somewhere in it.
bool looks_like_prose(std::string_view text);

}  // namespace winnow::chrome::internal
