// dump_internal.h (internal to chrome/): what DumpModel (dump_model.cc)
// shares with the line rules of text dumps (dump_lines.cc) and with the
// site model (site_model.cc). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chrome/chrome.h"

namespace winnow::chrome::internal {

// The groups a page is counted in: its site (site_key), and its section,
// "<site>#<first folder below the edition>" (site_model.cc).
std::vector<std::string> groups_of(std::string_view url);
// A site section judges its pages as a group of its own (beside the site)
// from this many pages: fewer teach no template, and a few date folders'
// archive pages repeating their posts would make the posts' text recur.
constexpr int64_t kMinSectionPages = 20;

// How far a line recurs across its site (DumpModel): on enough pages to be
// chrome wherever it is (kHard), on more pages than content is copied to
// but a small share of them (kSoft: chrome when next to chrome), or not.
enum class Recurrence : uint8_t { kNone = 0, kSoft = 1, kHard = 2 };

// Keeps a section break ("***", "* * *", "-----", judged kEmpty) that
// sits between two kept lines: part of the text, though it has no letter.
// Dumps (apply_line_rules) and HTML pages (SiteModel::classify) alike.
void keep_section_breaks(const parser::ParsedPage& page, std::vector<BlockVerdict>& out);

// The line rules of text dumps, applied to one page after recurrence:
// lines that are chrome even when they occur once (a table of contents,
// "N comments", share bars, e-mail/URL footers, image placeholders,
// pagination, widget titles over chrome), softly recurring lines next to
// chrome, and short lines shut in by chrome. `out` (one verdict per block,
// hard recurrence already marked) is updated in place.
void apply_line_rules(const parser::ParsedPage& page, const std::vector<Recurrence>& level,
                      std::vector<BlockVerdict>& out);

// Single-line tests, exposed for tests.
bool is_toc_line(std::string_view text);       // "Title ......... 3"
bool is_comment_count(std::string_view text);  // "12 Comments", "No comments"
bool is_meta_line(std::string_view text);     // "Posted in Travel | 3 Comments"
bool is_share_bar(std::string_view text);      // "Share: Facebook Twitter Email"
bool is_address_line(std::string_view text);   // only e-mail addresses / URLs
bool is_placeholder(std::string_view text);    // "[image-1]", "[ad368ae61] [x]", "image"
bool is_form_line(std::string_view text);      // "Your email:[          ]"
bool is_pagination(std::string_view text);     // "« 1 2 3 Next »", "1 2 Next »"
bool is_nav_arrow(std::string_view text);      // "← Older posts", "Title →"
bool is_refresh_notice(std::string_view text); // "Refresh (0 sec) /new/place/"
bool is_date_line(std::string_view text);      // "Sat Sep 24, 2016 in Nature"
// Whether the text holds a year (1900-2099, or 1300-1500 of the Persian
// calendar) and a day number as tokens of their own, however long it is.
bool holds_date(std::string_view text);
bool has_feed_time(std::string_view text);     // "... 13:46:16 +0000 ..." (RFC 822)

}  // namespace winnow::chrome::internal
