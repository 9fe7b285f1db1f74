// meta.cc: metadata candidates of a page -- <title>, <meta> (og:*,
// twitter:*, author/date variants, description), <link rel=canonical>,
// <html lang/dir>, JSON-LD (including @graph), <time datetime>, and shared
// small helpers (attributes, tag names, URL resolution).
#include <cstring>
#include <vector>

#include "parser/internal.h"

namespace winnow::parser::internal {

std::string_view attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece p = e.original_tag;
  gumbo_tag_from_original_text(&p);
  return to_lower_ascii(std::string_view(p.data, p.length));
}

std::string resolve_url(std::string_view base, std::string_view href) {
  href = trim(href);
  if (href.empty() || href[0] == '#') return "";
  std::string lower = to_lower_ascii(href.substr(0, 12));
  if (lower.rfind("javascript:", 0) == 0 || lower.rfind("mailto:", 0) == 0 ||
      lower.rfind("tel:", 0) == 0 || lower.rfind("data:", 0) == 0)
    return "";
  size_t colon = href.find(':');
  size_t slash = href.find('/');
  if (colon != std::string_view::npos && colon > 0 &&
      (slash == std::string_view::npos || colon < slash))
    return std::string(href);  // absolute
  size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::string(href);
  size_t host_end = base.find('/', scheme_end + 3);
  if (host_end == std::string_view::npos) host_end = base.size();
  if (href.rfind("//", 0) == 0)
    return std::string(base.substr(0, scheme_end + 1)) + std::string(href);
  if (href[0] == '/') return std::string(base.substr(0, host_end)) + std::string(href);
  std::string_view path = base.substr(host_end);
  size_t cut = path.find_first_of("?#");
  if (cut != std::string_view::npos) path = path.substr(0, cut);
  if (href[0] == '?') return std::string(base.substr(0, host_end)) + std::string(path) + std::string(href);
  size_t last = path.rfind('/');
  std::string dir = last == std::string_view::npos ? "/" : std::string(path.substr(0, last + 1));
  // Resolve ./ and ../ segments of the relative reference.
  std::vector<std::string> segs;
  // Named: split() returns views into it, which must outlive the loop (a
  // temporary here was freed before the loop body ran; found by tests/fuzz).
  const std::string joined = dir + std::string(href);
  for (auto s : split(joined, '/')) segs.emplace_back(s);
  std::vector<std::string> outp;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& s = segs[i];
    bool last_seg = i + 1 == segs.size();
    if (s == ".") {
      if (last_seg) outp.emplace_back("");
    } else if (s == "..") {
      if (outp.size() > 1) outp.pop_back();
      if (last_seg) outp.emplace_back("");
    } else {
      outp.push_back(s);
    }
  }
  return std::string(base.substr(0, host_end)) + join(outp, "/");
}

namespace {

std::string node_text(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE) continue;
      out += ' ';
      const GumboVector& c = n->v.element.children;
      for (unsigned i = c.length; i-- > 0;)
        stack.push_back(static_cast<const GumboNode*>(c.data[i]));
    }
  }
  return collapse_whitespace(out);
}

void set_if_empty(std::string& field, std::string_view v) {
  if (field.empty()) field = collapse_whitespace(v);
}

std::string author_name(const JsonValue& a) {
  if (a.is_string()) return a.as_string();
  if (a.is_object()) return a.get_string("name");
  if (a.is_array() && !a.as_array().empty()) return author_name(a.as_array()[0]);
  return "";
}

void read_jsonld_object(const JsonValue& o, PageMeta* m) {
  if (!o.is_object()) return;
  const JsonValue& type = o["@type"];
  std::string t = type.is_string() ? type.as_string()
                  : (type.is_array() && !type.as_array().empty()
                         ? type.as_array()[0].as_string()
                         : "");
  if (!t.empty() && m->jsonld_type.empty()) m->jsonld_type = t;
  bool articleish = t.find("Article") != std::string::npos ||
                    t == "BlogPosting" || t == "Report" || t == "WebPage";
  if (articleish || !t.empty()) {
    if (t != "WebSite" && t != "Organization" && t != "BreadcrumbList") {
      set_if_empty(m->jsonld_headline, o.get_string("headline"));
      std::string d = o.get_string("datePublished");
      if (!d.empty() && m->date.empty()) m->date = d;
      if (m->author.empty()) set_if_empty(m->author, author_name(o["author"]));
    }
  }
  if (t == "WebSite" || t == "Organization") {
    if (m->site_name.empty() && t == "WebSite") set_if_empty(m->site_name, o.get_string("name"));
  }
  for (const JsonValue& g : o["@graph"].as_array()) read_jsonld_object(g, m);
}

void read_jsonld(std::string_view text, PageMeta* m) {
  auto v = JsonValue::parse(trim(text));
  if (!v) return;
  if (v->is_array()) {
    for (const JsonValue& o : v->as_array()) read_jsonld_object(o, m);
  } else {
    read_jsonld_object(*v, m);
  }
}

void read_meta_tag(const GumboElement& e, PageMeta* m) {
  std::string key = to_lower_ascii(attr(e, "property"));
  if (key.empty()) key = to_lower_ascii(attr(e, "name"));
  if (key.empty()) key = to_lower_ascii(attr(e, "itemprop"));
  std::string_view content = attr(e, "content");
  if (key.empty()) {
    std::string he = to_lower_ascii(attr(e, "http-equiv"));
    if (he == "content-language") set_if_empty(m->lang, content);
    return;
  }
  if (key == "og:title" || key == "twitter:title") set_if_empty(m->og_title, content);
  else if (key == "og:type") set_if_empty(m->og_type, content);
  else if (key == "og:site_name" || key == "application-name") set_if_empty(m->site_name, content);
  else if (key == "description" || key == "og:description") set_if_empty(m->description, content);
  else if (key == "author" || key == "article:author" || key == "byl" ||
           key == "dc.creator" || key == "sailthru.author" || key == "parsely-author" ||
           key == "twitter:creator") {
    if (content.find("://") == std::string_view::npos) set_if_empty(m->author, content);
  } else if (key == "article:published_time" || key == "datepublished" ||
             key == "date" || key == "pubdate" || key == "publishdate" ||
             key == "dc.date" || key == "dc.date.issued" || key == "og:published_time" ||
             key == "sailthru.date" || key == "parsely-pub-date" || key == "publish-date" ||
             key == "article.published" || key == "displaydate" || key == "dcterms.date") {
    set_if_empty(m->date, content);
  } else if (key == "og:locale" || key == "language" || key == "dc.language") {
    // only a fallback; <html lang> wins
    if (m->lang.empty()) m->lang = collapse_whitespace(content);
  }
}

}  // namespace

void collect_meta(const GumboNode* root, const std::string& base_url, PageMeta* m) {
  std::string html_lang;
  if (root->type == GUMBO_NODE_ELEMENT) {
    html_lang = collapse_whitespace(attr(root->v.element, "lang"));
    if (html_lang.empty()) html_lang = collapse_whitespace(attr(root->v.element, "xml:lang"));
    m->dir = to_lower_ascii(attr(root->v.element, "dir"));
  }
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    switch (e.tag) {
      case GUMBO_TAG_TITLE:
        if (m->html_title.empty()) m->html_title = node_text(n);
        continue;
      case GUMBO_TAG_META:
        read_meta_tag(e, m);
        continue;
      case GUMBO_TAG_LINK:
        if (m->canonical.empty() && iequals_ascii(trim(attr(e, "rel")), "canonical"))
          m->canonical = resolve_url(base_url, attr(e, "href"));
        continue;
      case GUMBO_TAG_SCRIPT:
        if (iequals_ascii(trim(attr(e, "type")), "application/ld+json") &&
            e.children.length > 0) {
          auto* c = static_cast<const GumboNode*>(e.children.data[0]);
          if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA)
            read_jsonld(c->v.text.text, m);
        }
        continue;
      case GUMBO_TAG_STYLE:
        continue;
      case GUMBO_TAG_TIME: {
        std::string_view dt = attr(e, "datetime");
        if (!dt.empty()) m->time_values.emplace_back(trim(dt));
        break;
      }
      case GUMBO_TAG_H1: {
        std::string t = node_text(n);
        if (!t.empty()) m->h1.push_back(t);
        continue;
      }
      default:
        break;
    }
    for (unsigned i = e.children.length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
  }
  if (!html_lang.empty()) m->lang = html_lang;
  if (m->date.empty() && !m->time_values.empty()) m->date = m->time_values.front();
}

}  // namespace winnow::parser::internal
