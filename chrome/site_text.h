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
// fold_text split on spaces.
std::vector<std::string_view> fold_tokens(std::string_view folded);

// True when text reads like running prose: at least 8 words (or 40 code
// points for scripts written without spaces) and a sentence mark
// (. ! ? ; and their Arabic/CJK forms) somewhere in it.
bool looks_like_prose(std::string_view text);

}  // namespace winnow::chrome::internal
