// internal.h: helpers shared by the parser's .cc files (not a public header;
// other stages include parser/parser.h only).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

#include "parser/parser.h"

namespace winnow::parser::internal {

// Rewrites `html` so that no element nesting exceeds max_depth: start tags
// (and their matching end tags) beyond that depth are dropped, their text
// kept. Returns true if anything was cut. Linear time, no recursion.
bool bound_nesting(std::string_view html, int max_depth, std::string* out);

// Rewrites `html` so that a tag a tutorial names unescaped in its prose
// ("includes <textarea>, <select> and <button> elements") reads as text
// ("&lt;textarea>") instead of swallowing the rest of the page as raw text,
// options or a button's label: a <textarea>, <title>, <xmp>, <select> or
// <button> start tag that no end tag follows, and a <select> or <button>
// whose first 2 KB before its end tag hold a paragraph, heading or list.
// Returns true if anything changed.
bool escape_unclosed_raw_text(std::string_view html, std::string* out);

// Resolves href against base_url (scheme://host/path); "" for fragments,
// javascript:, mailto: and empty hrefs.
std::string resolve_url(std::string_view base_url, std::string_view href);

// Attribute value or "" when absent.
std::string_view attr(const GumboElement& e, const char* name);

// Lower-case tag name of an element (handles unknown tags).
std::string tag_name(const GumboElement& e);

// Fills meta fields from <head> and JSON-LD (<meta>, <title>, <link>,
// <script type=application/ld+json>). Iterative over the whole tree.
void collect_meta(const GumboNode* root, const std::string& base_url,
                  PageMeta* meta);

// The class, id and role attributes of an element as element_flags read
// them (what attr() gives; views into Gumbo's tree).
struct ElementAttrs {
  std::string_view cls, id, role;
};

// NodeFlag bits an element carries itself (tag, role, hidden, class/id);
// with attrs, also the attributes it read.
uint32_t element_flags(const GumboElement& e, std::string_view tag,
                       ElementAttrs* attrs = nullptr);

// The input of a parse as UTF-8, cut at options.max_bytes with a warning in
// page.warnings ("<what> is N bytes; only the first M were <verb>") when it
// is longer.
std::string bounded_utf8(std::string_view bytes, const ParseOptions& options,
                         std::string_view what, std::string_view verb,
                         ParsedPage& page);

}  // namespace winnow::parser::internal
