// prescan.cc: bounds element nesting before Gumbo sees the page, and
// reads an unclosed <textarea>/<title>/<xmp> written in prose as text. Gumbo keeps
// its stack of open elements in a vector but destroys and walks some
// structures recursively, and hostile pages nest 100,000 elements deep, so
// tags deeper than limits::kMaxDomDepth are removed lexically first.
#include <algorithm>
#include <cstring>
#include <vector>

#include "parser/internal.h"

namespace winnow::parser::internal {
namespace {

using limits::kMaxTagAttributes;
using limits::kMaxTagBytes;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements that never nest (void) or close implicitly: not counted.
bool uncounted(std::string_view t) {
  static constexpr std::string_view kTags[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
      "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
      "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
      "rp", "rt", "colgroup", "html", "head", "body", "frame", "keygen"};
  if (t.empty() || t.size() > 8) return false;
  for (std::string_view k : kTags)
    if (k[0] == t[0] && k == t) return true;
  return false;
}

bool raw_text(std::string_view t) {
  if (t.size() < 3 || t.size() > 9) return false;
  return t == "script" || t == "style" || t == "textarea" || t == "title" ||
         t == "xmp" || t == "plaintext" || t == "noscript" || t == "iframe";
}

// Finds the '>' ending a tag that starts at i, honouring quoted attribute
// values the way the HTML tokenizer does: a quote opens a value only right
// after '=' (a stray quote, as in `class="a"">`, is an ordinary character).
// Gives up (npos) at the end of input or, setting *over, past kMaxTagBytes
// or kMaxTagAttributes.
size_t tag_end(std::string_view s, size_t i, bool* over) {
  char prev = 0;  // last non-space character outside quotes
  bool space = true;
  size_t attrs = 0;
  const size_t stop = std::min(s.size(), i + kMaxTagBytes + 1);
  const char* d = s.data();
  for (; i < stop; ++i) {
    const char c = d[i];
    if (c == '>') return i;
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (!ws) {
      if (space && ++attrs > kMaxTagAttributes) {
        *over = true;
        return std::string_view::npos;
      }
      if ((c == '"' || c == '\'') && prev == '=') {
        // A quoted value: nothing inside it counts; skip to its end.
        const void* q = std::memchr(d + i + 1, c, stop - i - 1);
        if (q == nullptr) break;
        i = static_cast<size_t>(static_cast<const char*>(q) - d);
        // The closing quote ends the value; the original loop then saw
        // the next character with prev still the opening quote.
      }
      prev = c;
    }
    space = ws;
  }
  *over = stop < s.size();
  return std::string_view::npos;
}

struct Tag {
  bool unterminated = false;  // no closing '>' anywhere after the tag start
  bool oversized = false;     // over kMaxTagBytes or kMaxTagAttributes
  bool end = false;
  bool self_closing = false;
  std::string name;
  size_t close = 0;  // index of '>'
};

// Parses the tag at s[i] == '<'; false if it is not a tag.
bool read_tag(std::string_view s, size_t i, Tag* t) {
  size_t j = i + 1;
  t->unterminated = false;
  t->oversized = false;
  t->end = j < s.size() && s[j] == '/';
  if (t->end) ++j;
  if (j >= s.size() || !is_alpha(s[j])) return false;
  size_t k = j;
  while (k < s.size() && s[k] != ' ' && s[k] != '>' && s[k] != '/' &&
         s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
    ++k;
  t->name.assign(s.data() + j, k - j);
  for (char& c : t->name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  bool over = false;
  t->close = tag_end(s, k, &over);
  if (t->close == std::string_view::npos) {
    // No '>' within the limits (quote-aware): either no '>' follows at
    // all (a tag cut by end of file) or a giant tag; both are dropped.
    size_t gt = s.find('>', k);
    if (gt == std::string_view::npos) {
      t->unterminated = true;
      t->oversized = over;
      return false;
    }
    t->close = gt;
    t->oversized = true;
  }
  t->self_closing = s[t->close - 1] == '/';
  return true;
}

// Where the raw text of the element whose start tag ends at `next` stops:
// the index of its end tag "</name" (any case), or npos.
size_t raw_text_end(std::string_view s, size_t next, std::string_view name) {
  const std::string close = "</" + std::string(name);
  std::string_view rest = s.substr(next);
  for (size_t p = rest.find("</"); p != std::string_view::npos; p = rest.find("</", p + 2)) {
    if (iequals_ascii(rest.substr(p, close.size()), close)) return next + p;
  }
  return std::string_view::npos;
}

// The index of the next '<' at or after i that does not open a comment
// (comments are passed whole), or npos.
size_t next_tag_start(std::string_view s, size_t i) {
  while ((i = s.find('<', i)) != std::string_view::npos) {
    if (s.compare(i, 4, "<!--") != 0) return i;
    const size_t e = s.find("-->", i + 4);
    if (e == std::string_view::npos) return e;
    i = e + 3;
  }
  return i;
}

// One pass; when out is null only measures (returns whether depth exceeded).
bool scan(std::string_view s, int max_depth, std::string* out) {
  int depth = 0;
  int over = 0;  // dropped open tags still unclosed
  bool cut = false;
  size_t copied = 0;
  size_t i = 0;
  Tag t;
  while ((i = next_tag_start(s, i)) != std::string_view::npos) {
    if (!read_tag(s, i, &t)) {
      if (t.unterminated) {
        // No '>' follows: HTML drops a tag cut by end of file, so dropping
        // the rest here changes nothing but spares Gumbo a giant tag.
        if (t.oversized) {
          cut = true;
          if (!out) return true;
          out->append(s.substr(copied, i - copied));
          copied = s.size();
        }
        break;
      }
      ++i;
      continue;
    }
    if (t.oversized) {
      // Huge tags (thousands of attributes) make Gumbo's duplicate-attribute
      // check quadratic; the tag is dropped, its text kept.
      cut = true;
      if (!out) return true;
      out->append(s.substr(copied, i - copied));
      copied = t.close + 1;
      i = t.close + 1;
      continue;
    }
    size_t next = t.close + 1;
    if (!t.end && raw_text(t.name)) {
      const size_t e = raw_text_end(s, next, t.name);
      i = e == std::string_view::npos ? s.size() : e;
      continue;
    }
    if (t.self_closing || uncounted(t.name)) {
      i = next;
      continue;
    }
    bool drop = false;
    if (!t.end) {
      if (depth >= max_depth) {
        drop = true;
        ++over;
        cut = true;
        if (!out) return true;
      } else {
        ++depth;
      }
    } else if (over > 0) {
      drop = true;
      --over;
    } else if (depth > 0) {
      --depth;
    }
    if (drop && out) {
      out->append(s.substr(copied, i - copied));
      copied = next;
    }
    i = next;
  }
  if (out) out->append(s.substr(copied));
  return cut;
}

}  // namespace

// Whether s holds the start of a block element's tag ("<p>", "<p ",
// "</p>", "<h2", "<div", "<li", "<ul", "<table"), any case.
bool holds_block_tag(std::string_view s) {
  for (size_t p = s.find('<'); p != std::string_view::npos; p = s.find('<', p + 1)) {
    size_t q = p + 1;
    if (q < s.size() && s[q] == '/') ++q;
    size_t n = q;
    while (n < s.size() && (is_alpha(s[n]) || (n > q && s[n] >= '1' && s[n] <= '6'))) ++n;
    if (n == q || n >= s.size() || (s[n] != '>' && s[n] != ' ' && s[n] != '/')) continue;
    std::string name(s.substr(q, n - q));
    for (char& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (name == "p" || name == "div" || name == "li" || name == "ul" || name == "ol" ||
        name == "table" || (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'))
      return true;
  }
  return false;
}

bool escape_unclosed_raw_text(std::string_view html, std::string* out) {
  std::vector<size_t> escape;  // indexes of the '<' to write as "&lt;"
  // Names with no end tag after some point: none after a later start tag
  // either, so each name is searched for once (linear however many).
  std::vector<std::string> unclosed;
  // A form control holds a few words: one whose first 2 KB (up to its end
  // tag) hold a paragraph, heading or list is a tag named in prose.
  constexpr size_t kControlBytes = 2048;
  size_t i = 0;
  Tag t;
  while ((i = next_tag_start(html, i)) != std::string_view::npos) {
    if (!read_tag(html, i, &t)) {
      if (t.unterminated) break;
      ++i;
      continue;
    }
    const size_t next = t.close + 1;
    // <select> keeps nothing but options, and <button>'s text is chrome.
    const bool control = !t.end && (t.name == "select" || t.name == "button");
    const bool prose_tag = t.name == "textarea" || t.name == "title" || t.name == "xmp";
    if (t.end || (!raw_text(t.name) && !control)) {
      i = next;
      continue;
    }
    const bool known = std::find(unclosed.begin(), unclosed.end(), t.name) != unclosed.end();
    size_t e = std::string_view::npos;
    if (control) {
      std::string_view window = html.substr(next, kControlBytes);
      const size_t f = raw_text_end(window, 0, t.name);
      if (f != std::string_view::npos) e = next + f;
      if (f == std::string_view::npos && !known) e = raw_text_end(html, next, t.name);
      if (e == std::string_view::npos && !known) unclosed.push_back(t.name);
      if (e == std::string_view::npos || holds_block_tag(window.substr(0, f))) {
        escape.push_back(i);
      }
      i = next;  // a control's content is markup either way
      continue;
    }
    if (!known) e = raw_text_end(html, next, t.name);
    if (e == std::string_view::npos && prose_tag) {
      if (!known) unclosed.push_back(t.name);
      escape.push_back(i);
      i = next;  // what follows is markup again
      continue;
    }
    i = e == std::string_view::npos ? html.size() : e;
  }
  if (escape.empty()) return false;
  out->clear();
  out->reserve(html.size() + 3 * escape.size());
  size_t copied = 0;
  for (size_t at : escape) {
    out->append(html.substr(copied, at - copied));
    out->append("&lt;");
    copied = at + 1;
  }
  out->append(html.substr(copied));
  return true;
}

bool bound_nesting(std::string_view html, int max_depth, std::string* out) {
  if (!scan(html, max_depth, nullptr)) return false;
  out->clear();
  out->reserve(html.size());
  scan(html, max_depth, out);
  return true;
}

}  // namespace winnow::parser::internal
