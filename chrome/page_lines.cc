// page_lines.cc: what single lines of a page say on their own, for
// classify_page (chrome/page_score.cc): post-footer and copyright lines, the
// heading that opens a comments section, "Posted by" signatures, and the
// link density of a "Tags: a, b" line once its label is set aside.
#include <algorithm>
#include <cctype>

#include "chrome/page_internal.h"

namespace winnow::chrome::internal {

using parser::Block;

// The post's own footer lines, printed under the text by blog engines
// ("This entry was posted on ... and is filed under ...", "Bookmark the
// permalink", "You can follow any responses to this entry...") and
// copyright notices ("(c) 2012 The Associated Press. All rights reserved.").
bool footer_line(const Block& b) {
  if (b.text_chars > 300) return false;
  std::string l = to_lower_ascii(trim(b.text));
  static constexpr std::string_view kPrefix[] = {
      "this entry was posted", "this entry was written", "this entry is filed",
      "you can follow any responses", "bookmark the permalink", "trackbacks are closed",
      "both comments and pings", "comments are closed", "posted in:", "filed under:",
      "a version of this article appeared", "\xC2\xA9", "copyright", "(c) "};
  for (std::string_view k : kPrefix)
    if (std::string_view(l).substr(0, k.size()) == k) return true;
  return l.find("all rights reserved") != std::string::npos;
}

// Link density of the text after a short leading label ("Tags: a, b",
// "Filed under: x"): the label is not prose, and when what follows is only
// links and separators (", ", " | ") the line is all link.
double labelled_link_density(const Block& b) {
  auto plain_density = [](const Block& x) {
    return x.text_chars ? static_cast<double>(x.link_chars) / static_cast<double>(x.text_chars)
                        : 0.0;
  };
  std::string_view t = b.text;
  size_t colon = t.find(':');
  if (colon > 40 || b.link_count == 0) return plain_density(b);  // npos too
  size_t words = 1;
  for (size_t i = 0; i < colon; ++i) words += t[i] == ' ';
  if (words > 4) return plain_density(b);
  size_t label = 0;  // code points up to and including the colon
  for (size_t i = 0; i <= colon; ++i) label += (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
  size_t separators = 0;  // ASCII spaces and punctuation after the label
  for (size_t i = colon + 1; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]);
    separators += c < 0x80 && !std::isalnum(c);
  }
  double rest = static_cast<double>(b.text_chars) - static_cast<double>(label);
  double words_outside = rest - static_cast<double>(b.link_chars);
  if (rest <= 0 || words_outside <= static_cast<double>(separators)) return 1.0;
  return std::min(1.0, static_cast<double>(b.link_chars) / rest);
}

std::vector<MarkdownLink> markdown_links(std::string_view md) {
  std::vector<MarkdownLink> out;
  for (size_t open = md.find('['); open != std::string_view::npos; open = md.find('[', open + 1)) {
    const size_t mid = md.find("](", open + 1);
    if (mid == std::string_view::npos) break;
    const size_t close = md.find(')', mid + 2);
    if (close == std::string_view::npos) break;
    MarkdownLink l;
    l.anchor = md.substr(open + 1, mid - open - 1);
    l.url = md.substr(mid + 2, close - mid - 2);
    for (char c : l.anchor) l.chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    out.push_back(l);
    open = close;
  }
  return out;
}

bool shows_addresses(const Block& b) {
  if (b.link_chars == 0) return false;
  size_t address_chars = 0;  // code points of anchors that are addresses
  for (const MarkdownLink& l : markdown_links(b.markdown)) {
    std::string anchor = to_lower_ascii(trim(l.anchor));
    if (anchor.rfind("http://", 0) == 0 || anchor.rfind("https://", 0) == 0 || anchor.rfind("www.", 0) == 0) {
      address_chars += l.chars;
    }
  }
  return address_chars * 2 >= b.link_chars;
}

// A heading or short line that opens a comments/trackbacks section
// ("Comments", "12 Responses", "1 Comment", "Leave a Reply", "Trackback
// Pings").
bool opens_comments(const Block& b) {
  if (b.text_chars > 60) return false;
  std::string l = to_lower_ascii(trim(b.text));
  size_t i = 0;
  while (i < l.size() && (std::isdigit(static_cast<unsigned char>(l[i])) || l[i] == ' ')) ++i;
  std::string t(std::string_view(l).substr(i));
  while (!t.empty() && (t.back() == ':' || t.back() == '.' || t.back() == ' ')) t.pop_back();
  static const char* const kExact[] = {
      "comment", "comments", "response", "responses", "replies", "trackbacks",
      "trackback pings", "trackback", "leave a comment", "leave a reply",
      "reader comments", "join the discussion", "post a comment", "add a comment",
      "add your comment", "user comments", "readers' comments"};
  // A bare singular "Comment" or "Response" is as often a section of the
  // article (an op-ed's "Comment", a list of ways to pitch a journalist);
  // with a count ("1 Comment") it opens the comments.
  bool counted = i > 0;
  for (const char* k : kExact)
    if (t == k) return counted || (t != "comment" && t != "response");
  return t.rfind("comments (", 0) == 0 || t.rfind("responses to ", 0) == 0 ||
         t.rfind("comments for ", 0) == 0;
}

// "Posted by X at <date>" signature lines.
bool posted_by(const Block& b) {
  return b.text_chars <= 120 && b.text.size() > 10 &&
         iequals_ascii(std::string_view(b.text).substr(0, 9), "posted by");
}

}  // namespace winnow::chrome::internal
