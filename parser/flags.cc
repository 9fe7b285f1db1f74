// flags.cc: the NodeFlag signals an element carries by itself -- its tag,
// ARIA role, hidden state, and boilerplate/content/comment keywords in its
// class and id attributes. The parser only reports these; chrome/ weighs them.
#include <strings.h>

#include <array>
#include <cctype>
#include <string>
#include <vector>

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

// Compound class/id names that blog engines and news templates give the
// element holding one post's body, compared with '-' and '_' removed
// ("entry-content", "post_body", "articleBody").
constexpr std::array<std::string_view, 12> kBodySub = {
    "entrycontent", "entrybody", "postbody", "postcontent", "postentry", "posttext",
    "articlebody", "articlecontent", "articletext", "storybody", "storycontent", "storytext"};

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

template <size_t N>
bool any_equal(const std::array<std::string_view, N>& list, std::string_view t) {
  for (std::string_view k : list)
    if (k == t) return true;
  return false;
}

uint32_t keyword_flags_uncached(std::string_view cls, std::string_view id) {
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
  std::string joined;
  for (char c : s)
    if (c != '-' && c != '_') joined.push_back(c);
  for (std::string_view k : kBodySub)
    if (joined.find(k) != std::string::npos) {
      f |= kArticleBody;
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

// keyword_flags through a small direct-mapped cache: templates repeat the
// same class/id values on every element and page ("menu-item", "entry"),
// and the substring tests above are the costly part of a walk.
uint32_t keyword_flags(std::string_view cls, std::string_view id) {
  if (cls.empty() && id.empty()) return 0;
  struct Slot {
    uint64_t hash = 0;
    std::string key;  // cls '\0' id
    uint32_t flags = 0;
  };
  constexpr size_t kSlots = 1024;
  thread_local std::vector<Slot> cache(kSlots);
  thread_local std::string key;
  key.assign(cls);
  key.push_back('\0');
  key.append(id);
  const uint64_t h = hash64(key);
  Slot& slot = cache[h & (kSlots - 1)];
  if (slot.hash == h && slot.key == key) return slot.flags;
  const uint32_t f = keyword_flags_uncached(cls, id);
  slot.hash = h;
  slot.key = key;
  slot.flags = f;
  return f;
}

uint32_t role_flags(std::string_view role) {
  if (role.empty()) return 0;
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

// Case-insensitive equality of an attribute name with a lower-case literal.
bool name_is(const char* name, std::string_view lit) {
  size_t i = 0;
  for (; i < lit.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lit[i]) return false;
  }
  return name[i] == '\0';
}

FlagAttrs flag_attrs(const GumboElement& e) {
  FlagAttrs out;
  bool seen[6] = {};
  std::string_view* slots[6] = {&out.role, &out.itemprop, &out.aria_hidden,
                                &out.style, &out.cls, &out.id};
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    char c0 = a->name[0];
    if (c0 >= 'A' && c0 <= 'Z') c0 = static_cast<char>(c0 - 'A' + 'a');
    int k = -1;
    switch (c0) {
      case 'h':
        if (name_is(a->name, "hidden")) out.hidden = true;
        continue;
      case 'r': k = name_is(a->name, "role") ? 0 : -1; break;
      case 'i': k = name_is(a->name, "itemprop") ? 1 : name_is(a->name, "id") ? 5 : -1; break;
      case 'a': k = name_is(a->name, "aria-hidden") ? 2 : -1; break;
      case 's': k = name_is(a->name, "style") ? 3 : -1; break;
      case 'c': k = name_is(a->name, "class") ? 4 : -1; break;
      default: break;
    }
    if (k < 0 || seen[k]) continue;
    seen[k] = true;
    if (a->value) *slots[k] = a->value;
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

uint32_t element_flags(const GumboElement& e, std::string_view tag, ElementAttrs* attrs) {
  const FlagAttrs a = flag_attrs(e);
  if (attrs != nullptr) *attrs = ElementAttrs{a.cls, a.id, a.role};
  uint32_t f = tag_flags(tag) & ~static_cast<uint32_t>(kInLink);
  f |= role_flags(a.role);
  if (a.itemprop == "articleBody" || a.itemprop == "text") f |= kInArticle;
  if (a.itemprop == "articleBody") f |= kArticleBody;
  if (hidden(a)) f |= kHidden;
  // <html>/<body> classes describe the whole page (feature toggles, page
  // types like "single-post comments-open"), not a region.
  if (tag != "html" && tag != "body") f |= keyword_flags(a.cls, a.id);
  return f;
}

}  // namespace winnow::parser::internal
