// repair_internal.h: pieces of repair_text shared by chrome/repair.cc and
// chrome/running_lines.cc. Internal to chrome/; stateless functions, safe
// from any thread.
#pragma once

#include <string_view>

#include "parser/parser.h"

namespace winnow::chrome::internal {

// The first space-separated word of s.
std::string_view first_word(std::string_view s);
// A bare page number: 1 to 4 ASCII digits.
bool is_page_number(std::string_view t);
// The last word of `a` when it ends in a break hyphen ("Mas-") and `b`
// starts with a lower-case word that is not a conjunction ("soud"), both
// paragraphs; else "". A view into a.text.
std::string_view broken_tail(const parser::Paragraph& a, const parser::Paragraph& b);
// Drops a PDF conversion's running heads/feet (and the page numbers beside
// them) from d; returns whether any were found (running_lines.cc).
bool drop_running_lines(parser::Document& d);

}  // namespace winnow::chrome::internal
