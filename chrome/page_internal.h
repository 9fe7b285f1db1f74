// page_internal.h: helpers shared by chrome/'s per-page files (page_score,
// metadata, document); not a public header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/parser.h"

namespace winnow::chrome::internal {

// Short standard furniture lines ("Share", "Advertisement", "Read more",
// "Back to top", "Print this article"...), case-insensitive.
bool is_boilerplate_line(std::string_view text);

// A date written in the text ("March 3, 2024", "3 March 2024", "2024-03-03",
// "2024/03/03") or an ISO timestamp -> "YYYY-MM-DD"; "" if none.
std::string find_date(std::string_view text);

// Language from a lang attribute ("en-US" -> "en"), else from the text.
std::string detect_language(std::string_view lang_attr, std::string_view text);
// The language a lang attribute names, "" when it names none (then
// detect_language looks at the text).
std::string language_from_attr(std::string_view lang_attr);

// Title without the site name.
std::string pick_title(const parser::PageMeta& meta);

// "By Jane Doe" / "by Jane Doe and John Roe" -> the names; "" if not a byline.
std::string byline_name(std::string_view text);

}  // namespace winnow::chrome::internal
