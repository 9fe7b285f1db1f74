// sitemap.cc: sitemap parsing (https://www.sitemaps.org/protocol.html) --
// XML <urlset>/<sitemapindex>, gzip, and plain-text sitemaps -- bounded by
// limits::kMaxSitemapUrls and limits::kMaxSitemapBytes. No XML library: the
// format is flat, so a tag scanner that reads <loc> text is enough.
#include "crawler/robots.h"
#include "crawler/url.h"

namespace winnow::crawler {
namespace {

bool is_http_url(std::string_view s) {
  return iequals_ascii(s.substr(0, 7), "http://") ||
         iequals_ascii(s.substr(0, 8), "https://");
}

// Local name of the tag starting at xml[lt] ('<'), prefix removed
// ("sm:loc" -> "loc"), lower-cased; sets *closing for "</...". The image
// sitemap extension's <image:loc> (a picture, not a page) is "image:loc".
std::string tag_name(std::string_view xml, size_t lt, bool* closing) {
  size_t i = lt + 1;
  *closing = i < xml.size() && xml[i] == '/';
  if (*closing) ++i;
  size_t start = i;
  while (i < xml.size() && xml[i] != '>' && xml[i] != '/' && xml[i] != ' ' &&
         xml[i] != '\t' && xml[i] != '\r' && xml[i] != '\n') {
    ++i;
  }
  std::string_view name = xml.substr(start, i - start);
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos &&
      !iequals_ascii(name.substr(0, colon), "image")) {
    name.remove_prefix(colon + 1);
  }
  return to_lower_ascii(name);
}

// Text content of an element: CDATA sections unwrapped, entities decoded.
std::string element_text(std::string_view raw) {
  std::string text;
  size_t i = 0;
  while (i < raw.size()) {
    size_t cdata = raw.find("<![CDATA[", i);
    if (cdata == std::string_view::npos) {
      text.append(decode_html_entities(raw.substr(i)));
      break;
    }
    text.append(decode_html_entities(raw.substr(i, cdata - i)));
    size_t end = raw.find("]]>", cdata + 9);
    if (end == std::string_view::npos) end = raw.size();
    text.append(raw.substr(cdata + 9, end - cdata - 9));
    i = end + 3;
  }
  return std::string(trim(text));
}

void add_url(SitemapResult& out, std::string_view url) {
  if (!is_http_url(url)) return;
  if (out.urls.size() >= limits::kMaxSitemapUrls) {
    out.truncated = true;
    return;
  }
  out.urls.emplace_back(url);
}

void parse_xml(std::string_view xml, SitemapResult& out) {
  size_t pos = 0;
  while (pos < xml.size() && !out.truncated) {
    size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos) break;
    if (xml.substr(lt, 4) == "<!--") {
      size_t end = xml.find("-->", lt + 4);
      pos = end == std::string_view::npos ? xml.size() : end + 3;
      continue;
    }
    bool closing = false;
    std::string name = tag_name(xml, lt, &closing);
    size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) break;
    pos = gt + 1;
    if (closing) continue;
    if (name == "sitemapindex") out.is_index = true;
    if (name != "loc" || xml[gt - 1] == '/') continue;
    // Content runs to the next "</" that is not inside a CDATA section.
    size_t end = pos;
    while (true) {
      size_t close = xml.find("</", end);
      if (close == std::string_view::npos) {
        end = xml.size();
        break;
      }
      // Only a CDATA section opening before `close` matters; searching
      // just that stretch keeps the parse linear in the document size.
      size_t cdata = xml.substr(0, close).find("<![CDATA[", end);
      if (cdata != std::string_view::npos) {
        size_t cend = xml.find("]]>", cdata);
        end = cend == std::string_view::npos ? xml.size() : cend + 3;
        continue;
      }
      end = close;
      break;
    }
    add_url(out, element_text(xml.substr(pos, end - pos)));
    pos = end;
  }
}

void parse_text(std::string_view text, SitemapResult& out) {
  size_t start = 0;
  while (start < text.size() && !out.truncated) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    if (!line.empty()) add_url(out, line);
    start = end + 1;
  }
}

}  // namespace

Result<SitemapResult> parse_sitemap(std::string_view body,
                                    std::string_view source) {
  std::string inflated;
  if (body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
      static_cast<unsigned char>(body[1]) == 0x8b) {
    Result<std::string> r = inflate_any(body, limits::kMaxSitemapBytes);
    if (!r) {
      if (r.status().kind() == ErrorKind::kLimitExceeded) {
        return Status::error(ErrorKind::kLimitExceeded,
                             std::string(source) + ": sitemap inflates past " +
                                 std::to_string(limits::kMaxSitemapBytes) +
                                 " bytes");
      }
      return Status::error(
          ErrorKind::kCorrupt,
          std::string(source) + ": bad gzip sitemap: " + r.status().message());
    }
    inflated = std::move(r).value();
    body = inflated;
  }
  if (body.size() > limits::kMaxSitemapBytes) {
    return Status::error(ErrorKind::kLimitExceeded,
                         std::string(source) + ": sitemap larger than " +
                             std::to_string(limits::kMaxSitemapBytes) +
                             " bytes");
  }
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  SitemapResult out;
  std::string_view head = trim(body.substr(0, 1024));
  if (!head.empty() && head[0] == '<') {
    parse_xml(body, out);
  } else {
    parse_text(body, out);
  }
  return out;
}

}  // namespace winnow::crawler
