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
// "2024/03/03", "28. 07. 2012", "2020年6月26日", a Solar Hijri "۱۶ اردیبهشت
// ۱۳۹۰") or an ISO timestamp -> "YYYY-MM-DD" (Gregorian); "YYYY" for a
// slashed date whose day and month cannot be told apart; "" if none.
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

// Single-line signals for classify_page (chrome/page_lines.cc):
// a post's own footer line ("This entry was posted...", "Bookmark the
// permalink", "Filed under:", a copyright notice), at most 300 characters;
bool footer_line(const parser::Block& b);
// a heading or short line opening a comments section ("Comments", "12
// Responses", "Leave a Reply");
bool opens_comments(const parser::Block& b);
// a "Posted by X at <date>" signature;
bool posted_by(const parser::Block& b);
// the link density of the text after a short leading label ("Tags:",
// "Filed under:"), 1 when only links and separators follow it.
double labelled_link_density(const parser::Block& b);
// Whether at least half of the block's link text is web addresses
// ("https://...", "www...."): links that show where they go are the
// author's references, not navigation, which names its targets.
bool shows_addresses(const parser::Block& b);
// The "[anchor](url)" links of a block's Markdown, in order, with the code
// points of each anchor's text.
struct MarkdownLink {
  std::string_view anchor, url;
  size_t chars = 0;
};
std::vector<MarkdownLink> markdown_links(std::string_view md);

}  // namespace winnow::chrome::internal
