// site_pages.cc: find_site_pages -- telling a site's standalone pages
// (about, contact, a course list) from its posts by what the posts share.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chrome/chrome.h"

namespace winnow::chrome {
namespace {

// How many path segments of a URL are all digits ("/2016/09/slug/" 2,
// "/9456.html" 1, "/about/" 0): the shape a generator gives its posts'
// addresses (dates, ids) and not its pages'. The query and fragment do
// not count; an extension after the digits does not stop a segment.
int digit_segments(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return 0;
  std::string_view path = url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  int n = 0;
  for (std::string_view seg : split(path, '/')) {
    seg = seg.substr(0, seg.find('.'));
    if (seg.empty()) continue;
    bool digits = true;
    for (char c : seg) digits = digits && c >= '0' && c <= '9';
    n += digits ? 1 : 0;
  }
  return n;
}

// The value most pages of a group share, when at least kShare of them do.
constexpr double kShare = 0.9;
template <typename T>
std::optional<T> shared_value(const std::vector<T>& values) {
  std::map<T, size_t> counts;
  for (const T& v : values) ++counts[v];
  for (const auto& [v, n] : counts) {
    if (static_cast<double>(n) >= kShare * static_cast<double>(values.size())) return v;
  }
  return std::nullopt;
}

}  // namespace

std::vector<bool> find_site_pages(const std::vector<PageSignals>& pages) {
  std::vector<bool> out(pages.size(), false);
  // Pages with text that are not listings, per host (the language
  // editions of one site share their posts' shape).
  std::map<std::string, std::vector<size_t>, std::less<>> by_host;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].kind == parser::PageKind::kListing || !pages[i].has_text) continue;
    by_host[std::string(url_authority(pages[i].url))].push_back(i);
  }
  for (const auto& [host, members] : by_host) {
    // The shares come from the pages with prose.
    std::vector<bool> dated;
    std::vector<std::string> og, schema;
    std::vector<int> shape;
    for (size_t i : members) {
      if (!pages[i].has_prose) continue;
      dated.push_back(pages[i].dated);
      og.push_back(pages[i].og_type);
      schema.push_back(pages[i].schema_type);
      shape.push_back(digit_segments(pages[i].url));
    }
    if (dated.size() < kMinSitePosts) continue;
    const auto d = shared_value(dated);
    const auto o = shared_value(og);
    const auto s = shared_value(schema);
    const auto h = shared_value(shape);
    for (size_t i : members) {
      const PageSignals& p = pages[i];
      int differs = 0;
      if (d && p.dated != *d) ++differs;
      if (o && p.og_type != *o) ++differs;
      if (s && p.schema_type != *s) ++differs;
      if (h && digit_segments(p.url) != *h) ++differs;
      out[i] = differs >= 2;
    }
  }
  return out;
}

}  // namespace winnow::chrome
