// mirror_rewrite.cc: link rewriting for offline mirrors. Its own scanner
// over HTML and CSS bytes records the byte range of every link value, so a
// rewrite replaces exactly those ranges and leaves every other byte as
// fetched. Rules: docs/internals/mirror-warc.md "Link rewriting".
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "crawler/mirror.h"

namespace winnow::crawler {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
bool starts_ci(std::string_view s, size_t i, std::string_view low) {
  if (i + low.size() > s.size()) return false;
  for (size_t k = 0; k < low.size(); ++k) {
    if (lower(s[i + k]) != low[k]) return false;
  }
  return true;
}
size_t find_ci(std::string_view s, std::string_view low, size_t from) {
  for (size_t i = from; i + low.size() <= s.size(); ++i) {
    if (starts_ci(s, i, low)) return i;
  }
  return std::string_view::npos;
}
std::string pct(unsigned char c) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%%%02X", c);
  return buf;
}

// One replacement of bytes [begin, end) of the input.
struct Edit {
  size_t begin = 0, end = 0;
  std::string text;
};

std::string apply_edits(std::string_view in, std::vector<Edit>& edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(in.size() + 64);
  size_t pos = 0;
  for (const Edit& e : edits) {
    if (e.begin < pos) continue;  // overlapping: first wins
    out.append(in.substr(pos, e.begin - pos));
    out += e.text;
    pos = e.end;
  }
  out.append(in.substr(pos));
  return out;
}

// Maps one decoded link value; nullopt = leave as written.
std::optional<std::string> map_value(std::string_view value, const Url& base,
                                     const LinkMapper& mapper) {
  std::string_view v = trim(value);
  if (v.empty() || v.front() == '#') return std::nullopt;
  auto ref = parse_url(v);
  if (!ref) return std::nullopt;
  Url abs = resolve(base, *ref);
  if (!is_crawlable(abs)) return std::nullopt;
  bool had_fragment = abs.has_fragment;
  std::string fragment = abs.fragment;
  abs.has_fragment = false;
  abs.fragment.clear();
  auto mapped = mapper(abs);
  if (!mapped) return std::nullopt;
  if (had_fragment) *mapped += "#" + fragment;
  return mapped;
}

// Escapes a new value for its HTML attribute quoting.
std::string attr_escape(std::string_view v, char quote) {
  std::string out;
  for (unsigned char c : v) {
    if (c == '&') {
      out += "&amp;";
    } else if (quote == '"' && c == '"') {
      out += "&quot;";
    } else if (quote == '\'' && c == '\'') {
      out += "&#39;";
    } else if (quote == 0 && (is_space(static_cast<char>(c)) || c == '"' ||
                              c == '\'' || c == '<' || c == '>' || c == '`' ||
                              c == '=')) {
      out += pct(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string css_escape(std::string_view v, char quote) {
  std::string out;
  for (unsigned char c : v) {
    bool bad = c < 0x20 || c == '\\' || c == '"' || c == '\'' ||
               (quote == 0 && (c == ' ' || c == '(' || c == ')'));
    out += bad ? pct(c) : std::string(1, static_cast<char>(c));
  }
  return out;
}

// Removes simple CSS escapes ("\X" -> X; hex escapes decoded).
std::string css_unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 >= v.size()) {
      out += v[i];
      continue;
    }
    size_t j = i + 1;
    uint32_t cp = 0;
    int n = 0;
    while (j < v.size() && n < 6 && std::isxdigit(static_cast<unsigned char>(v[j]))) {
      char h = lower(v[j]);
      cp = cp * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10);
      ++j;
      ++n;
    }
    if (n == 0) {
      out += v[i + 1];
      i += 1;
      continue;
    }
    if (j < v.size() && is_space(v[j])) ++j;
    append_utf8(out, (cp == 0 || cp > 0x10FFFF) ? 0xFFFD : cp);
    i = j - 1;
  }
  return out;
}

// The link value ranges of a style sheet (url() arguments and @import
// strings) with their quote char (0 = unquoted).
struct CssRef {
  size_t begin, end;
  char quote;
};

size_t skip_css_string(std::string_view css, size_t i) {
  char q = css[i++];
  while (i < css.size() && css[i] != q && css[i] != '\n') {
    if (css[i] == '\\') ++i;
    ++i;
  }
  return std::min(i, css.size());  // at the closing quote
}

// Bytes that may start something scan_css looks at.
constexpr auto kCssStart = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view("/\"'uU@")) t[c] = true;
  return t;
}();

std::vector<CssRef> scan_css(std::string_view css) {
  std::vector<CssRef> refs;
  size_t i = 0;
  while (i < css.size()) {
    char c = css[i];
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      size_t e = css.find("*/", i + 2);
      i = e == std::string_view::npos ? css.size() : e + 2;
    } else if (c == '"' || c == '\'') {
      i = skip_css_string(css, i) + 1;
    } else if (starts_ci(css, i, "url(") &&
               (i == 0 || !(std::isalnum(static_cast<unsigned char>(css[i - 1])) ||
                            css[i - 1] == '-' || css[i - 1] == '_'))) {
      size_t j = i + 4;
      while (j < css.size() && is_space(css[j])) ++j;
      if (j < css.size() && (css[j] == '"' || css[j] == '\'')) {
        size_t e = skip_css_string(css, j);
        refs.push_back({j + 1, e, css[j]});
        i = e + 1;
      } else {
        size_t e = j;
        while (e < css.size() && css[e] != ')' && !is_space(css[e])) ++e;
        refs.push_back({j, e, 0});
        i = e;
      }
    } else if (starts_ci(css, i, "@import")) {
      size_t j = i + 7;
      while (j < css.size() && is_space(css[j])) ++j;
      if (j < css.size() && (css[j] == '"' || css[j] == '\'')) {
        size_t e = skip_css_string(css, j);
        refs.push_back({j + 1, e, css[j]});
        i = e + 1;
      } else {
        i = j;
      }
    } else {
      ++i;
      // Nothing but these bytes can start a comment, string, url( or
      // @import: skip the rest in one go.
      while (i < css.size() && !kCssStart[static_cast<unsigned char>(css[i])]) ++i;
    }
  }
  return refs;
}

// Adds edits for the CSS in css[0..] located at `offset` of the document.
// `in_html` = the CSS sits inside an HTML attribute (decode/encode &...;).
void css_edits(std::string_view css, size_t offset, const Url& base,
               const LinkMapper& mapper, char html_quote, bool in_html,
               std::vector<Edit>& edits) {
  for (CssRef r : scan_css(css)) {
    if (in_html && r.quote == 0) {  // url(&quot;x&quot;) inside style=""
      for (std::string_view q : {"&quot;", "&#39;", "&apos;"}) {
        std::string_view v = css.substr(r.begin, r.end - r.begin);
        if (v.size() >= 2 * q.size() && v.substr(0, q.size()) == q &&
            v.substr(v.size() - q.size()) == q) {
          r.begin += q.size();
          r.end -= q.size();
          r.quote = '"';
          break;
        }
      }
    }
    std::string raw(css.substr(r.begin, r.end - r.begin));
    std::string value = css_unescape(in_html ? decode_html_entities(raw) : raw);
    auto mapped = map_value(value, base, mapper);
    if (!mapped || *mapped == value) continue;
    std::string text = css_escape(*mapped, r.quote);
    if (in_html) text = attr_escape(text, html_quote);
    edits.push_back({offset + r.begin, offset + r.end, std::move(text)});
  }
}

}  // namespace

std::string rewrite_css(std::string_view css, std::string_view css_url,
                        const LinkMapper& mapper) {
  auto base = parse_url(css_url);
  if (!base || !base->is_absolute()) return std::string(css);
  std::vector<Edit> edits;
  css_edits(css, 0, *base, mapper, 0, false, edits);
  return apply_edits(css, edits);
}

namespace html_scan {

// One attribute as written: lower-case name, raw value range, quote.
struct Attr {
  std::string name;
  size_t begin = 0, end = 0;  // value bytes (inside quotes)
  char quote = 0;
  bool has_value = false;
};

struct Tag {
  std::string name;  // lower case
  std::vector<Attr> attrs;
  size_t style_begin = 0, style_end = 0;  // <style> contents
};

// Parses a start tag at html[i] == '<'; returns the index after '>'.
size_t parse_tag(std::string_view html, size_t i, Tag& tag) {
  size_t j = i + 1;
  while (j < html.size() && !is_space(html[j]) && html[j] != '>' &&
         html[j] != '/') {
    tag.name += lower(html[j++]);
  }
  while (j < html.size() && html[j] != '>') {
    if (is_space(html[j]) || html[j] == '/') {
      ++j;
      continue;
    }
    Attr a;
    while (j < html.size() && !is_space(html[j]) && html[j] != '>' &&
           html[j] != '=' && html[j] != '/') {
      a.name += lower(html[j++]);
    }
    if (a.name.empty()) a.name += html[j++];  // stray '='
    size_t k = j;
    while (k < html.size() && is_space(html[k])) ++k;
    if (k < html.size() && html[k] == '=') {
      ++k;
      while (k < html.size() && is_space(html[k])) ++k;
      a.has_value = true;
      if (k < html.size() && (html[k] == '"' || html[k] == '\'')) {
        a.quote = html[k];
        size_t e = html.find(a.quote, k + 1);
        if (e == std::string_view::npos) e = html.size();
        a.begin = k + 1;
        a.end = e;
        j = std::min(e + 1, html.size());
      } else {
        a.begin = k;
        while (k < html.size() && !is_space(html[k]) && html[k] != '>') ++k;
        a.end = k;
        j = k;
      }
    }
    tag.attrs.push_back(std::move(a));
  }
  return std::min(j + 1, html.size());
}

// Tags are scanned in order; raw-text elements are skipped.
std::vector<Tag> scan(std::string_view html) {
  std::vector<Tag> tags;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t e = html.find("-->", lt + 4);
      i = e == std::string_view::npos ? html.size() : e + 3;
      continue;
    }
    if (lt + 1 < html.size() &&
        std::isalpha(static_cast<unsigned char>(html[lt + 1]))) {
      Tag tag;
      i = parse_tag(html, lt, tag);
      static constexpr std::string_view kRaw[] = {"script", "style", "textarea",
                                                  "title", "xmp"};
      for (std::string_view r : kRaw) {
        if (tag.name != r) continue;
        size_t e = find_ci(html, "</" + std::string(r), i);
        if (e == std::string_view::npos) e = html.size();
        if (r == "style") {
          tag.style_begin = i;
          tag.style_end = e;
        }
        i = e;
      }
      tags.push_back(std::move(tag));
      continue;
    }
    size_t gt = html.find('>', lt + 1);
    i = gt == std::string_view::npos ? html.size() : gt + 1;
  }
  return tags;
}

}  // namespace html_scan

namespace {

bool is_url_attr(std::string_view tag, std::string_view attr) {
  if (attr == "href") {
    return tag == "a" || tag == "area" || tag == "link" || tag == "base";
  }
  if (attr == "src") {
    return tag == "img" || tag == "script" || tag == "iframe" ||
           tag == "frame" || tag == "source" || tag == "video" ||
           tag == "audio" || tag == "embed" || tag == "track" ||
           tag == "input";
  }
  if (attr == "poster") return tag == "video";
  if (attr == "data") return tag == "object";
  if (attr == "background") {
    return tag == "body" || tag == "table" || tag == "td" || tag == "th";
  }
  return false;
}

void srcset_edits(std::string_view html, const html_scan::Attr& a,
                  const Url& base, const LinkMapper& mapper,
                  std::vector<Edit>& edits) {
  size_t i = a.begin;
  while (i < a.end) {
    while (i < a.end && (is_space(html[i]) || html[i] == ',')) ++i;
    size_t s = i;
    while (i < a.end && !is_space(html[i])) ++i;
    size_t e = i;
    if (e > s && html[e - 1] == ',') --e;
    if (e > s) {
      std::string value = decode_html_entities(html.substr(s, e - s));
      auto mapped = map_value(value, base, mapper);
      if (mapped && *mapped != value) {
        edits.push_back({s, e, attr_escape(*mapped, a.quote)});
      }
    }
    while (i < a.end && html[i] != ',') ++i;  // descriptor
  }
}

// The parts of a refresh value ("5; url='x'", "0;x", HTML 4.8.5 "shared
// declarative refresh steps"): the whole seconds and where the URL is.
struct Refresh {
  long seconds = 0;
  size_t url_begin = 0, url_end = 0;  // empty range: no URL
};

std::optional<Refresh> parse_refresh(std::string_view v) {
  Refresh r;
  size_t k = 0;
  while (k < v.size() && is_space(v[k])) ++k;
  size_t digits = k;
  while (k < v.size() && v[k] >= '0' && v[k] <= '9') {
    if (r.seconds < 100000000) r.seconds = r.seconds * 10 + (v[k] - '0');
    ++k;
  }
  if (k == digits && (k >= v.size() || v[k] != '.')) return std::nullopt;
  while (k < v.size() && ((v[k] >= '0' && v[k] <= '9') || v[k] == '.')) ++k;
  while (k < v.size() && is_space(v[k])) ++k;
  if (k < v.size() && (v[k] == ';' || v[k] == ',')) ++k;
  while (k < v.size() && is_space(v[k])) ++k;
  if (starts_ci(v, k, "url")) {
    size_t m = k + 3;
    while (m < v.size() && is_space(v[m])) ++m;
    if (m < v.size() && v[m] == '=') {
      k = m + 1;
      while (k < v.size() && is_space(v[k])) ++k;
    }
  }
  size_t e = v.size();
  if (k < v.size() && (v[k] == '\'' || v[k] == '"')) {
    size_t q = v.find(v[k], k + 1);
    e = q == std::string_view::npos ? v.size() : q;
    ++k;
  }
  while (e > k && is_space(v[e - 1])) --e;
  r.url_begin = k;
  r.url_end = std::max(k, e);
  return r;
}

void refresh_edit(std::string_view html, const html_scan::Attr& a,
                  const Url& base, const LinkMapper& mapper,
                  std::vector<Edit>& edits) {
  std::string_view v = html.substr(a.begin, a.end - a.begin);
  auto r = parse_refresh(v);
  if (!r || r->url_end == r->url_begin) return;
  std::string value = decode_html_entities(v.substr(r->url_begin, r->url_end - r->url_begin));
  auto mapped = map_value(value, base, mapper);
  if (mapped && *mapped != value) {
    edits.push_back({a.begin + r->url_begin, a.begin + r->url_end,
                     attr_escape(*mapped, a.quote)});
  }
}

const html_scan::Attr* find_attr(const html_scan::Tag& t, std::string_view n) {
  for (const auto& a : t.attrs) {
    if (a.name == n && a.has_value) return &a;
  }
  return nullptr;
}

// The first <base href> resolved against the page, else the page.
Url document_base(std::string_view html, const std::vector<html_scan::Tag>& tags,
                  const Url& page) {
  for (const auto& t : tags) {  // the first <base href> applies everywhere
    const html_scan::Attr* h = t.name == "base" ? find_attr(t, "href") : nullptr;
    if (!h) continue;
    auto ref = parse_url(decode_html_entities(html.substr(h->begin, h->end - h->begin)));
    if (ref) return resolve(page, *ref);
    break;
  }
  return page;
}

bool is_refresh(std::string_view html, const html_scan::Tag& t) {
  if (t.name != "meta") return false;
  const auto* he = find_attr(t, "http-equiv");
  return he && iequals_ascii(trim(html.substr(he->begin, he->end - he->begin)), "refresh");
}

}  // namespace

std::optional<std::string> meta_refresh_target(std::string_view html,
                                               std::string_view page_url) {
  if (find_ci(html, "refresh", 0) == std::string_view::npos) return std::nullopt;
  auto page = parse_url(page_url);
  if (!page || !page->is_absolute()) return std::nullopt;
  std::vector<html_scan::Tag> tags = html_scan::scan(html);
  for (const auto& t : tags) {
    const html_scan::Attr* c = is_refresh(html, t) ? find_attr(t, "content") : nullptr;
    if (!c) continue;
    std::string_view v = html.substr(c->begin, c->end - c->begin);
    auto r = parse_refresh(v);
    if (!r) continue;  // browsers ignore an invalid one and read on
    if (r->seconds > 0 || r->url_end == r->url_begin) return std::nullopt;
    auto ref = parse_url(decode_html_entities(v.substr(r->url_begin, r->url_end - r->url_begin)));
    if (!ref) return std::nullopt;
    return resolve(document_base(html, tags, *page), *ref).to_string();
  }
  return std::nullopt;
}

std::string rewrite_html(std::string_view html, std::string_view page_url,
                         const LinkMapper& mapper,
                         std::string_view base_replacement) {
  auto page = parse_url(page_url);
  if (!page || !page->is_absolute()) return std::string(html);
  std::vector<html_scan::Tag> tags = html_scan::scan(html);
  Url base = document_base(html, tags, *page);
  std::vector<Edit> edits;
  edits.reserve(tags.size());
  std::unordered_map<std::string_view, std::optional<std::string>> seen;
  for (const auto& t : tags) {
    for (const auto& a : t.attrs) {
      if (!a.has_value) continue;
      std::string_view raw = html.substr(a.begin, a.end - a.begin);
      if (t.name == "base" && a.name == "href") {
        edits.push_back({a.begin, a.end, attr_escape(base_replacement, a.quote)});
      } else if (is_url_attr(t.name, a.name)) {
        // Pages repeat links (menus, lists): map each distinct value once.
        auto [it, fresh] = seen.try_emplace(raw);
        if (fresh) {
          std::string value = decode_html_entities(raw);
          it->second = map_value(value, base, mapper);
          if (it->second && *it->second == value) it->second.reset();
        }
        if (it->second) {
          edits.push_back({a.begin, a.end, attr_escape(*it->second, a.quote)});
        }
      } else if (a.name == "srcset" && (t.name == "img" || t.name == "source")) {
        srcset_edits(html, a, base, mapper, edits);
      } else if (a.name == "content" && is_refresh(html, t)) {
        refresh_edit(html, a, base, mapper, edits);
      } else if (a.name == "style") {
        css_edits(raw, a.begin, base, mapper, a.quote, true, edits);
      }
    }
    if (t.style_end > t.style_begin) {
      css_edits(html.substr(t.style_begin, t.style_end - t.style_begin),
                t.style_begin, base, mapper, 0, false, edits);
    }
  }
  return apply_edits(html, edits);
}

LinkMapper mirror_link_mapper(const MirrorPathMap& map, std::string self_path) {
  return [&map, self = std::move(self_path)](const Url& u) -> std::optional<std::string> {
    auto canon = canonicalize(u);
    if (canon) {
      auto p = map.link_path(*canon);
      if (p) return relative_href(self, *p);
    }
    return u.to_string();
  };
}

bool is_page_requisite(std::string_view tag, std::string_view attr,
                       std::string_view rel) {
  if (tag == "link" && attr == "href") {
    std::string r = to_lower_ascii(rel);
    for (std::string_view w : split(r, ' ')) {
      if (w == "stylesheet" || w == "icon" || w == "apple-touch-icon" ||
          w == "preload" || w == "manifest" || w == "mask-icon") {
        return true;
      }
    }
    return false;
  }
  if (tag == "css") return true;
  if (attr == "srcset" || attr == "poster" || attr == "background") return true;
  if (attr == "src") {
    return tag == "img" || tag == "script" || tag == "source" ||
           tag == "video" || tag == "audio" || tag == "embed" ||
           tag == "track" || tag == "input";
  }
  if (attr == "data") return tag == "object";
  return false;
}

}  // namespace winnow::crawler
