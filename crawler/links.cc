// links.cc: link discovery without a DOM -- one pass over HTML bytes that
// reads tags and attributes (quotes respected), skips comments and
// <script>/<textarea>/<title> contents, scans <style> and style="" with the
// CSS scanner, and resolves every value against <base href> or the page
// URL at the end. Also the CSS url()/@import scanner and the HTML character
// reference decoder. Rules: docs/internals/urls-and-robots.md.
#include <cstring>
#include <unordered_set>

#include "crawler/url.h"

namespace winnow::crawler {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// Case-insensitive find of an ASCII lower-case needle.
size_t find_ci(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty() || hay.size() < needle.size())
    return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (lower(hay[i]) != needle[0]) continue;
    size_t k = 1;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

struct Attr {
  std::string_view name;   // as written
  std::string_view value;  // raw, undecoded
};

// A value found in the document, before resolution.
struct RawLink {
  std::string value;  // entity-decoded
  LinkKind kind;
  std::string_view tag;
  bool canonical = false;
};

struct Scan {
  std::vector<RawLink> raw;
  std::string base_href;  // first <base href>, decoded
  bool has_base = false;
};

// Static names for Link::tag (string_view into these stays valid forever).
std::string_view static_tag(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "a",      "area",  "link",  "img",   "script", "iframe", "frame",
      "source", "video", "audio", "embed", "object", "meta",   "track",
      "input",  "body",  "table", "td",    "th",     "style",  "css"};
  for (std::string_view t : kTags) {
    if (t == name) return t;
  }
  return "html";
}

const Attr* find_attr(const std::vector<Attr>& attrs, std::string_view name) {
  for (const Attr& a : attrs) {
    if (iequals_ascii(a.name, name)) return &a;
  }
  return nullptr;
}

void add(Scan& s, std::string_view value, LinkKind kind, std::string_view tag,
         bool canonical = false) {
  s.raw.push_back(
      {decode_html_entities(value), kind, static_tag(tag), canonical});
}

// srcset: comma-separated "url [descriptor]" candidates (HTML 4.8.4.3.10).
void add_srcset(Scan& s, std::string_view value, std::string_view tag) {
  std::string decoded = decode_html_entities(value);
  std::string_view v = decoded;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (is_space(v[i]) || v[i] == ',')) ++i;
    size_t start = i;
    while (i < v.size() && !is_space(v[i])) ++i;
    std::string_view url = v.substr(start, i - start);
    bool ended = false;
    while (!url.empty() && url.back() == ',') {
      url.remove_suffix(1);
      ended = true;
    }
    if (!url.empty())
      s.raw.push_back(
          {std::string(url), LinkKind::kRequisite, static_tag(tag)});
    if (!ended) {
      while (i < v.size() && v[i] != ',') ++i;  // skip the descriptor
    }
  }
}

// <meta http-equiv=refresh content="5; url=target">.
void add_refresh(Scan& s, std::string_view content) {
  std::string decoded = decode_html_entities(content);
  std::string_view c = trim(decoded);
  size_t i = 0;
  while (i < c.size() && ((c[i] >= '0' && c[i] <= '9') || c[i] == '.')) ++i;
  while (i < c.size() && is_space(c[i])) ++i;
  if (i < c.size() && (c[i] == ';' || c[i] == ',')) ++i;
  while (i < c.size() && is_space(c[i])) ++i;
  std::string_view rest = c.substr(i);
  if (iequals_ascii(rest.substr(0, 3), "url")) {
    size_t j = 3;
    while (j < rest.size() && is_space(rest[j])) ++j;
    if (j < rest.size() && rest[j] == '=') {
      rest = trim(rest.substr(j + 1));
    }
  }
  if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) {
    size_t close = rest.find(rest[0], 1);
    rest =
        rest.substr(1, close == std::string_view::npos ? std::string_view::npos
                                                       : close - 1);
  }
  if (!trim(rest).empty())
    s.raw.push_back({std::string(trim(rest)), LinkKind::kNavigation, "meta"});
}

// extract_css_urls(css). Sites repeat the same inline <style> on every
// page: the URLs of the last few large style texts are remembered (per
// thread, compared byte for byte), so each is scanned once. The result
// stays valid until the next call on this thread.
const std::vector<std::string>& css_urls(std::string_view css) {
  struct CssMemo {
    std::string css;
    std::vector<std::string> urls;
  };
  constexpr size_t kMemoMinBytes = 512, kMemoMaxBytes = 64 * 1024;
  constexpr size_t kMemoEntries = 8;
  thread_local std::vector<CssMemo> memo;
  thread_local size_t next_slot = 0;
  thread_local std::vector<std::string> scratch;
  if (css.size() < kMemoMinBytes || css.size() > kMemoMaxBytes) {
    scratch = extract_css_urls(css);
    return scratch;
  }
  for (const CssMemo& m : memo) {
    if (m.css == css) return m.urls;
  }
  CssMemo m{std::string(css), extract_css_urls(css)};
  if (memo.size() < kMemoEntries) return memo.emplace_back(std::move(m)).urls;
  CssMemo& slot = memo[next_slot];
  next_slot = (next_slot + 1) % kMemoEntries;
  slot = std::move(m);
  return slot.urls;
}

void add_css(Scan& s, std::string_view css) {
  for (const std::string& u : css_urls(css)) {
    s.raw.push_back({u, LinkKind::kRequisite, "css"});
  }
}

// <link rel=...>: stylesheet/icon are requisites; canonical, alternate,
// next, prev are navigation; other rels are ignored.
void handle_link_tag(Scan& s, const std::vector<Attr>& attrs) {
  const Attr* href = find_attr(attrs, "href");
  const Attr* rel = find_attr(attrs, "rel");
  if (!href || !rel) return;
  std::string rels = to_lower_ascii(decode_html_entities(rel->value));
  bool requisite = false, navigation = false, canonical = false;
  for (std::string_view tok : split(rels, ' ')) {
    tok = trim(tok);
    if (tok == "stylesheet" || tok == "icon" || tok == "apple-touch-icon")
      requisite = true;
    if (tok == "alternate" || tok == "next" || tok == "prev") navigation = true;
    if (tok == "canonical") canonical = navigation = true;
  }
  if (requisite) {
    add(s, href->value, LinkKind::kRequisite, "link");
  } else if (navigation) {
    add(s, href->value, LinkKind::kNavigation, "link", canonical);
  }
}

void handle_tag(Scan& s, std::string_view tag, const std::vector<Attr>& attrs) {
  auto val = [&](std::string_view name) { return find_attr(attrs, name); };
  const Attr* a = nullptr;
  if (tag == "a" || tag == "area") {
    if ((a = val("href"))) add(s, a->value, LinkKind::kNavigation, tag);
  } else if (tag == "base") {
    if ((a = val("href")) && !s.has_base) {
      s.base_href = decode_html_entities(a->value);
      s.has_base = true;
    }
  } else if (tag == "link") {
    handle_link_tag(s, attrs);
  } else if (tag == "iframe" || tag == "frame") {
    if ((a = val("src"))) add(s, a->value, LinkKind::kNavigation, tag);
  } else if (tag == "img" || tag == "source") {
    if ((a = val("src"))) add(s, a->value, LinkKind::kRequisite, tag);
    if ((a = val("srcset"))) add_srcset(s, a->value, tag);
  } else if (tag == "script" || tag == "audio" || tag == "embed" ||
             tag == "track" || tag == "video") {
    if ((a = val("src"))) add(s, a->value, LinkKind::kRequisite, tag);
    if (tag == "video" && (a = val("poster")))
      add(s, a->value, LinkKind::kRequisite, tag);
  } else if (tag == "object") {
    if ((a = val("data"))) add(s, a->value, LinkKind::kRequisite, tag);
  } else if (tag == "input") {
    const Attr* type = val("type");
    if (type && iequals_ascii(trim(type->value), "image") && (a = val("src"))) {
      add(s, a->value, LinkKind::kRequisite, tag);
    }
  } else if (tag == "meta") {
    const Attr* equiv = val("http-equiv");
    if (equiv && iequals_ascii(trim(equiv->value), "refresh") &&
        (a = val("content"))) {
      add_refresh(s, a->value);
    }
  } else if (tag == "body" || tag == "table" || tag == "td" || tag == "th") {
    if ((a = val("background"))) add(s, a->value, LinkKind::kRequisite, tag);
  }
  if ((a = val("style"))) {
    std::string css = decode_html_entities(a->value);
    add_css(s, css);
  }
}

// Reads attributes from html[pos] to the tag's '>'; returns the index after
// it, or npos when the input ends first (HTML drops such a tag).
size_t read_attrs(std::string_view html, size_t pos, std::vector<Attr>& attrs) {
  size_t n = html.size();
  while (pos < n) {
    while (pos < n && (is_space(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= n) return std::string_view::npos;
    if (html[pos] == '>') return pos + 1;
    size_t start = pos;
    ++pos;  // a name may start with '=' (HTML 13.2.5.32)
    while (pos < n && !is_space(html[pos]) && html[pos] != '/' &&
           html[pos] != '>' && html[pos] != '=') {
      ++pos;
    }
    Attr attr{html.substr(start, pos - start), {}};
    size_t p = pos;
    while (p < n && is_space(html[p])) ++p;
    if (p < n && html[p] == '=') {
      ++p;
      while (p < n && is_space(html[p])) ++p;
      if (p < n && (html[p] == '"' || html[p] == '\'')) {
        size_t close = html.find(html[p], p + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        attr.value = html.substr(p + 1, close - p - 1);
        pos = close + 1;
      } else {
        size_t v = p;
        while (p < n && !is_space(html[p]) && html[p] != '>') ++p;
        attr.value = html.substr(v, p - v);
        pos = p;
      }
    }
    attrs.push_back(attr);
  }
  return std::string_view::npos;
}

// Skips the contents of a raw-text element; returns the index of its
// closing "</name" (or the end).
size_t skip_raw_text(std::string_view html, size_t pos,
                     std::string_view close_tag) {
  size_t end = find_ci(html, close_tag, pos);
  return end == std::string_view::npos ? html.size() : end;
}

size_t scan_markup(std::string_view html, size_t lt, Scan& s,
                   std::vector<Attr>& attrs) {
  size_t n = html.size();
  if (html.substr(lt, 4) == "<!--") {
    size_t end = html.find("-->", lt + 4);
    return end == std::string_view::npos ? n : end + 3;
  }
  char next = lt + 1 < n ? html[lt + 1] : '\0';
  bool alpha = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
  if (next == '!' || next == '?' || next == '/') {
    size_t end = html.find('>', lt + 1);
    return end == std::string_view::npos ? n : end + 1;
  }
  if (!alpha) return lt + 1;
  size_t p = lt + 1;
  char name_buf[16];
  size_t len = 0;
  while (p < n && !is_space(html[p]) && html[p] != '/' && html[p] != '>') {
    if (len < sizeof(name_buf)) name_buf[len] = lower(html[p]);
    ++len;
    ++p;
  }
  std::string_view tag(name_buf, len <= sizeof(name_buf) ? len : 0);
  attrs.clear();
  p = read_attrs(html, p, attrs);
  if (p == std::string_view::npos) return n;
  handle_tag(s, tag, attrs);
  if (tag == "script") return skip_raw_text(html, p, "</script");
  if (tag == "textarea") return skip_raw_text(html, p, "</textarea");
  if (tag == "title") return skip_raw_text(html, p, "</title");
  if (tag == "style") {
    size_t end = skip_raw_text(html, p, "</style");
    add_css(s, html.substr(p, end - p));
    return end;
  }
  return p;
}

}  // namespace

PageLinks extract_links(std::string_view html, std::string_view page_url) {
  PageLinks out;
  Result<Url> page = parse_url(page_url);
  if (!page || !page->is_absolute()) return out;
  if (html.size() > limits::kMaxHtmlBytes)
    html = html.substr(0, limits::kMaxHtmlBytes);
  Scan scan;
  std::vector<Attr> attrs;
  size_t pos = 0;
  while (pos < html.size()) {
    const void* hit = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (!hit) break;
    size_t lt =
        static_cast<size_t>(static_cast<const char*>(hit) - html.data());
    pos = scan_markup(html, lt, scan, attrs);
  }
  Url base = *page;
  if (scan.has_base) {
    Result<Url> b = parse_url(scan.base_href);
    if (b) {
      Url resolved = resolve(*page, *b);
      if (is_crawlable(resolved)) base = resolved;
    }
  }
  Result<std::string> base_canonical = canonicalize(base);
  out.base = base_canonical ? *base_canonical : std::string(page_url);
  std::unordered_set<std::string> seen;
  // Navigation repeats the same values (header, footer): a value seen
  // before resolves to the same URL, so it is resolved only once.
  std::unordered_set<std::string_view> raw_seen;
  for (RawLink& r : scan.raw) {
    std::string_view v = trim(r.value);
    if (v.empty() || v[0] == '#') continue;
    if (!raw_seen.insert(v).second && !r.canonical) continue;
    Result<std::string> url = resolve_and_canonicalize(base, v);
    if (!url) continue;
    if (url->compare(0, 7, "http://") != 0 &&
        url->compare(0, 8, "https://") != 0)
      continue;
    if (r.canonical && out.canonical.empty()) out.canonical = *url;
    if (!seen.insert(*url).second) continue;
    out.links.push_back({std::move(url).value(), r.kind, r.tag});
  }
  return out;
}

}  // namespace winnow::crawler
