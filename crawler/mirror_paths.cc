// mirror_paths.cc: URL -> local mirror path (safe on every common
// filesystem), collision handling, and relative hrefs between mirror files.
// Rules: docs/internals/mirror-warc.md "Path mapping".
#include <algorithm>
#include <array>

#include "crawler/mirror.h"

namespace winnow::crawler {
namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends c as %XX (upper-case hex).
void append_pct(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

std::string decode_pct(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
      out += static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// Bytes never written raw into a file name.
bool unsafe_byte(unsigned char c) {
  return c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' ||
         c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
}

std::string escape_component(std::string_view decoded) {
  bool utf8 = is_valid_utf8(decoded);
  std::string out;
  for (unsigned char c : decoded) {
    if (unsafe_byte(c) || (!utf8 && c >= 0x80)) {
      append_pct(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool is_reserved_stem(std::string_view stem) {
  std::string s = to_lower_ascii(stem);
  if (s == "con" || s == "prn" || s == "aux" || s == "nul") return true;
  if (s.size() == 4 && (s.rfind("com", 0) == 0 || s.rfind("lpt", 0) == 0) &&
      s[3] >= '0' && s[3] <= '9') {
    return true;
  }
  return false;
}

// Index of the extension's '.' in a name, or npos (".bashrc" has none).
size_t ext_pos(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string_view::npos;
  if (name.size() - dot > 10) return std::string_view::npos;
  return dot;
}

// Cuts at a byte boundary that splits neither a %XX escape nor a UTF-8
// sequence.
std::string_view safe_prefix(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  for (size_t k = 1; k <= 2 && cut >= k; ++k) {
    if (s[cut - k] == '%') {
      cut -= k;
      break;
    }
  }
  return s.substr(0, cut);
}

// Makes one escaped component safe: dots-only names, reserved device names,
// trailing dots/spaces, length.
std::string finish_component(std::string c) {
  if (c.empty()) c.push_back('_');
  if (c.find_first_not_of('.') == std::string::npos) {
    std::string out;
    for (size_t i = 0; i < c.size(); ++i) out += "%2E";
    c = out;
  }
  size_t dot = c.find('.');
  std::string stem = c.substr(0, dot);
  if (is_reserved_stem(stem)) c.insert(stem.size(), 1, '_');
  if (!c.empty() && (c.back() == '.' || c.back() == ' ')) {  // the last one only
    const auto last = static_cast<unsigned char>(c.back());
    c.pop_back();
    append_pct(c, last);
  }
  if (c.size() > limits::kMaxPathComponentBytes) {
    std::string h = hash128(c).hex().substr(0, 16);
    size_t ep = ext_pos(c);
    std::string ext = ep == std::string::npos ? "" : c.substr(ep);
    size_t keep = limits::kMaxPathComponentBytes - ext.size() - 17;
    c = std::string(safe_prefix(c, keep)) + "~" + h + ext;
  }
  return c;
}

std::string ext_for_type(std::string_view type) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"text/html", ".html"}, {"application/xhtml+xml", ".html"},
      {"text/css", ".css"}, {"text/javascript", ".js"},
      {"application/javascript", ".js"}, {"application/json", ".json"},
      {"text/plain", ".txt"}, {"application/xml", ".xml"},
      {"text/xml", ".xml"}, {"image/png", ".png"}, {"image/jpeg", ".jpg"},
      {"image/gif", ".gif"}, {"image/webp", ".webp"}, {"image/svg+xml", ".svg"},
      {"image/x-icon", ".ico"}, {"image/vnd.microsoft.icon", ".ico"},
      {"application/pdf", ".pdf"}, {"font/woff", ".woff"},
      {"font/woff2", ".woff2"}, {"font/ttf", ".ttf"}, {"font/otf", ".otf"}};
  for (const auto& [t, e] : kTypes) {
    if (t == type) return std::string(e);
  }
  return "";
}

// Adds an extension as wget --adjust-extension does.
void adjust_extension(std::string& name, std::string_view type,
                      bool has_query) {
  std::string ext = ext_for_type(type);
  if (ext.empty()) return;
  std::string lower = to_lower_ascii(name);
  auto ends = [&](std::string_view e) {
    return lower.size() >= e.size() &&
           lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  };
  if (ext == ".html") {
    if (has_query || !(ends(".html") || ends(".htm"))) name += ext;
    return;
  }
  if (ext == ".css") {
    if (has_query || !ends(".css")) name += ext;
    return;
  }
  if (has_query || ext_pos(name) == std::string::npos) name += ext;
}

// Bytes written raw in an href between mirror files (RFC 3986 unreserved
// and sub-delims, minus '&' and quotes, plus '/'); the rest become %XX.
constexpr auto kHrefKeep = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  for (unsigned char c : std::string_view("-._~!$+,;=@/")) t[c] = true;
  return t;
}();

}  // namespace

std::string mirror_path(std::string_view url, std::string_view content_type) {
  auto parsed = parse_url(url);
  if (!parsed || !is_crawlable(*parsed)) return "";
  const Url& u = *parsed;
  std::string host = to_lower_ascii(decode_pct(u.host));
  bool default_port = u.port.empty() ||
                      (u.scheme == "http" && u.port == "80") ||
                      (u.scheme == "https" && u.port == "443");
  if (!default_port) host += "_" + u.port;
  std::vector<std::string> parts;
  parts.push_back(finish_component(escape_component(host)));
  std::string_view path = u.path;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> segs = split(path, '/');
  if (segs.empty()) segs.push_back("");
  bool dir_url = u.path.empty() || u.path.back() == '/';
  for (size_t i = 0; i < segs.size(); ++i) {
    bool last = i + 1 == segs.size();
    std::string c = escape_component(decode_pct(segs[i]));
    if (last) {
      if (dir_url) c = "index.html";
      if (u.has_query) c += "%3F" + escape_component(decode_pct(u.query));
      adjust_extension(c, content_type, u.has_query);
    }
    parts.push_back(finish_component(std::move(c)));
  }
  return join(parts, "/");
}

void MirrorPathMap::add(const std::string& url, std::string_view type) {
  std::string p = mirror_path(url, type);
  if (!p.empty()) raw_[url] = std::move(p);
}

void MirrorPathMap::add_redirect(const std::string& from, const std::string& to) {
  if (from != to) redirect_[from] = to;
}

void MirrorPathMap::finish() {
  // Directories win over files: collect every directory prefix first.
  std::set<std::string> dirs;
  for (const auto& [url, path] : raw_) {
    std::string lower = to_lower_ascii(path);
    for (size_t i = lower.find('/'); i != std::string::npos;
         i = lower.find('/', i + 1)) {
      dirs.insert(lower.substr(0, i));
    }
  }
  std::set<std::string> used;
  final_.clear();
  for (const auto& [url, path] : raw_) {  // sorted by URL: deterministic
    std::string candidate = path;
    for (int n = 1; dirs.count(to_lower_ascii(candidate)) ||
                    used.count(to_lower_ascii(candidate));
         ++n) {
      size_t slash = path.rfind('/');
      std::string dir = path.substr(0, slash + 1);
      std::string name = path.substr(slash + 1);
      size_t ep = ext_pos(name);
      std::string ext = ep == std::string::npos ? "" : name.substr(ep);
      std::string stem = name.substr(0, name.size() - ext.size());
      std::string suffix(1, '~');  // not "~" + ...: GCC 12 -O3 -Wrestrict false positive
      suffix += std::to_string(n);
      size_t room = limits::kMaxPathComponentBytes - ext.size() - suffix.size();
      candidate = dir;
      candidate += safe_prefix(stem, room);
      candidate += suffix;
      candidate += ext;
    }
    used.insert(to_lower_ascii(candidate));
    final_[url] = candidate;
  }
}

std::optional<std::string> MirrorPathMap::path_of(std::string_view url) const {
  auto it = final_.find(std::string(url));
  if (it == final_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> MirrorPathMap::link_path(std::string_view url) const {
  std::optional<std::string> own = path_of(url);
  if (redirect_.empty()) return own;
  std::optional<std::string> found = own;
  std::set<std::string> seen{std::string(url)};
  std::string at(url);
  for (int hop = 0; hop < limits::kMaxRedirects; ++hop) {
    auto r = redirect_.find(at);
    if (r == redirect_.end()) break;
    at = r->second;
    if (!seen.insert(at).second) return own;  // a loop
    if (auto p = path_of(at)) found = std::move(p);
  }
  return found;
}

std::string relative_href(std::string_view from_path, std::string_view to_path) {
  // Length of the common leading directories ("a/b/" of "a/b/x" and "a/b/y").
  size_t common = 0;
  for (size_t i = 0; i < from_path.size() && i < to_path.size() &&
                     from_path[i] == to_path[i];
       ++i) {
    if (from_path[i] == '/') common = i + 1;
  }
  size_t ups = static_cast<size_t>(
      std::count(from_path.begin() + static_cast<std::ptrdiff_t>(common),
                 from_path.end(), '/'));
  std::string_view rest = to_path.substr(common);
  std::string out;
  out.reserve(ups * 3 + rest.size() + 16);
  for (size_t i = 0; i < ups; ++i) out += "../";
  for (unsigned char c : rest) {
    if (kHrefKeep[c]) {
      out += static_cast<char>(c);
    } else {
      append_pct(out, c);
    }
  }
  return out;
}

}  // namespace winnow::crawler
