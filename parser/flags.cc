// flags.cc: the NodeFlag signals an element carries by itself -- its tag,
// ARIA role, hidden state, and boilerplate/content/comment keywords in its
// class and id attributes. The parser only reports these; chrome/ weighs them.
#include <strings.h>

#include <array>
#include <cctype>

#include "parser/internal.h"

namespace winnow::parser::internal {
namespace {

// Substrings of class/id that mark page furniture.
constexpr std::array<std::string_view, 34> kBoilerSub = {
    "sidebar", "widget", "share", "social", "breadcrumb", "related",
    "promo", "sponsor", "advert", "banner", "masthead", "footer", "cookie",
    "newsletter", "subscribe", "pagination", "pager", "tagcloud", "toolbar",
    "skip", "popup", "modal", "login", "signup", "outbrain", "taboola",
    "navbar", "navigation", "menu", "byline-share", "recommend", "trending",
    "most-popular", "mostpopular"};
// Whole tokens (split on non-alphanumerics) that mark furniture.
constexpr std::array<std::string_view, 14> kBoilerTok = {
    "nav", "ad", "ads", "tags", "tools", "print", "rss", "aside", "sidebar",
    "topbar", "crumbs", "extra", "hidden", "hide"};
constexpr std::array<std::string_view, 4> kCommentSub = {
    "comment", "disqus", "respond", "discussion"};
constexpr std::array<std::string_view, 13> kContentTok = {
    "content", "article", "entry", "story", "body", "text", "main", "post",
    "hentry", "articlebody", "prose", "storycontent", "entrycontent"};

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

template <size_t N>
bool any_equal(const std::array<std::string_view, N>& list, std::string_view t) {
  for (std::string_view k : list)
    if (k == t) return true;
  return false;
}

uint32_t keyword_flags(std::string_view cls, std::string_view id) {
  if (cls.empty() && id.empty()) return 0;
  std::string s = to_lower_ascii(cls);
  s += ' ';
  s += to_lower_ascii(id);
  uint32_t f = 0;
  for (std::string_view k : kCommentSub)
    if (s.find(k) != std::string::npos) f |= kInComments;
  for (std::string_view k : kBoilerSub)
    if (s.find(k) != std::string::npos) {
      f |= kBoilerClass;
      break;
    }
  // Whole tokens, split on non-alphanumerics, each looked up once.
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && !ascii_alnum(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && ascii_alnum(s[j])) ++j;
    std::string_view tok(s.data() + i, j - i);
    if (!tok.empty()) {
      if (any_equal(kBoilerTok, tok)) f |= kBoilerClass;
      if (any_equal(kContentTok, tok)) f |= kContentClass;
    }
    i = j;
  }
  return f;
}

uint32_t role_flags(std::string_view role) {
  std::string r = to_lower_ascii(trim(role));
  if (r == "navigation" || r == "menu" || r == "menubar") return kInNav;
  if (r == "banner") return kInHeader;
  if (r == "contentinfo") return kInFooter;
  if (r == "complementary") return kInAside;
  if (r == "search") return kInForm;
  if (r == "article") return kInArticle;
  if (r == "main") return kInMain;
  if (r == "button") return kInButton;
  return 0;
}

uint32_t tag_flags(std::string_view t) {
  if (t == "nav") return kInNav;
  if (t == "header") return kInHeader;
  if (t == "footer") return kInFooter;
  if (t == "aside") return kInAside;
  if (t == "form" || t == "select" || t == "textarea") return kInForm;
  if (t == "article") return kInArticle;
  if (t == "main") return kInMain;
  if (t == "a") return kInLink;
  if (t == "figure") return kInFigure;
  if (t == "ul" || t == "ol" || t == "menu" || t == "dl") return kInList;
  if (t == "table") return kInTable;
  if (t == "button") return kInButton;
  return 0;
}

// The attributes element_flags reads, found in one pass over the element's
// attributes (names compared case-insensitively, first match wins, as
// gumbo_get_attribute does).
struct FlagAttrs {
  std::string_view role, itemprop, aria_hidden, style, cls, id;
  bool hidden = false;
};

FlagAttrs flag_attrs(const GumboElement& e) {
  FlagAttrs out;
  bool seen[6] = {};
  std::string_view* slots[6] = {&out.role, &out.itemprop, &out.aria_hidden,
                                &out.style, &out.cls, &out.id};
  static const char* const kNames[6] = {"role", "itemprop", "aria-hidden",
                                        "style", "class", "id"};
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    if (strcasecmp(a->name, "hidden") == 0) {
      out.hidden = true;
      continue;
    }
    for (int k = 0; k < 6; ++k) {
      if (seen[k] || strcasecmp(a->name, kNames[k]) != 0) continue;
      seen[k] = true;
      if (a->value) *slots[k] = a->value;
      break;
    }
  }
  return out;
}

bool hidden(const FlagAttrs& a) {
  if (a.hidden) return true;
  if (iequals_ascii(trim(a.aria_hidden), "true")) return true;
  if (a.style.empty()) return false;
  std::string s;
  for (char c : a.style)
    if (c != ' ') s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

}  // namespace

uint32_t element_flags(const GumboElement& e, std::string_view tag) {
  const FlagAttrs a = flag_attrs(e);
  uint32_t f = tag_flags(tag) & ~static_cast<uint32_t>(kInLink);
  f |= role_flags(a.role);
  if (a.itemprop == "articleBody" || a.itemprop == "text") f |= kInArticle;
  if (hidden(a)) f |= kHidden;
  // <html>/<body> classes describe the whole page (feature toggles, page
  // types like "single-post comments-open"), not a region.
  if (tag != "html" && tag != "body") f |= keyword_flags(a.cls, a.id);
  return f;
}

}  // namespace winnow::parser::internal
