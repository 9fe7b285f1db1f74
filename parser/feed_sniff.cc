// feed_sniff.cc: is_xml_feed -- an RSS/Atom/RDF feed or a sitemap, whatever
// Content-Type the server sent (WordPress and others often send feeds as
// text/html), is not a page of the site.
#include "parser/parser.h"

namespace winnow::parser {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

void skip_space(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                        s.front() == '\r' || s.front() == '\f')) {
    s.remove_prefix(1);
  }
}

// Skips "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" before the root
// element; false when one is not closed.
bool skip_prolog_item(std::string_view& s) {
  std::string_view close;
  if (s.substr(0, 2) == "<?") {
    close = "?>";
  } else if (s.substr(0, 4) == "<!--") {
    close = "-->";
  } else if (s.substr(0, 2) == "<!") {
    close = ">";
  } else {
    return false;
  }
  size_t end = s.find(close, 2);
  if (end == std::string_view::npos) return false;
  s.remove_prefix(end + close.size());
  return true;
}

}  // namespace

bool is_xml_feed(std::string_view body) {
  body = body.substr(0, 4096);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  skip_space(body);
  while (skip_prolog_item(body)) skip_space(body);
  if (body.empty() || body.front() != '<') return false;
  body.remove_prefix(1);
  // The root element's name, with any namespace prefix ("rdf:RDF").
  for (std::string_view root : {"rss", "feed", "rdf:rdf", "urlset", "sitemapindex"}) {
    if (!starts_with_ci(body, root)) continue;
    if (body.size() == root.size()) return true;
    char next = body[root.size()];
    if (next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '\r' ||
        next == '/') {
      return true;
    }
  }
  return false;
}

}  // namespace winnow::parser
