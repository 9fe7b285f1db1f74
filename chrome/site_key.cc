// site_key.cc: which "site" a URL belongs to for cross-page chrome
// detection -- the lower-cased host (port kept unless default), plus a
// language-edition first path segment ("/ar", "/fa", "/en-us") so that each
// edition of a multilingual site learns its own chrome.
#include <array>
#include <string>
#include <string_view>

#include "chrome/chrome.h"

namespace winnow::chrome {
namespace {

// ISO 639-1 codes (two letters). A first path segment that is one of these
// (optionally followed by -cc or _cc, a region) names a language edition.
constexpr std::string_view kIso6391 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce "
    "ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr "
    "fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
    "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw "
    "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";
// Three-letter codes that sites use for editions where no two-letter code
// exists (ISO 639-2/3). Kept short on purpose: "/tag/", "/new/", "/api/"
// are three letters too and must not split a site.
constexpr std::array<std::string_view, 14> kIso6393 = {
    "ast", "ckb", "fil", "haw", "kmr", "yue", "zgh", "sdh",
    "prs", "pbu", "tzm", "kab", "arz", "ary"};

bool is_lang_code(std::string_view seg) {
  if (seg.size() == 5 && (seg[2] == '-' || seg[2] == '_')) {
    std::string_view cc = seg.substr(3);
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z'); };
    if (!alpha(cc[0]) || !alpha(cc[1])) return false;
    seg = seg.substr(0, 2);
  }
  if (seg.size() == 2) {
    for (size_t i = 0; i + 2 <= kIso6391.size(); i += 3) {
      if (kIso6391.substr(i, 2) == seg) return true;
    }
    return false;
  }
  if (seg.size() == 3) {
    for (std::string_view c : kIso6393) {
      if (c == seg) return true;
    }
  }
  return false;
}

}  // namespace

std::string site_key(std::string_view url) {
  std::string_view rest = url;
  std::string_view scheme;
  size_t colon = rest.find("://");
  if (colon != std::string_view::npos) {
    scheme = rest.substr(0, colon);
    rest.remove_prefix(colon + 3);
  } else if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
  } else {
    rest = std::string_view();  // a relative URL or a bare path: no host
    size_t p = url.find('/');
    if (p != std::string_view::npos) rest = url;  // keep the path part
  }
  std::string host;
  std::string_view path;
  if (colon != std::string_view::npos || url.substr(0, 2) == "//") {
    size_t end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    path = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    size_t at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    host = to_lower_ascii(authority);
    std::string lscheme = to_lower_ascii(scheme);
    auto strip_port = [&host](std::string_view port) {
      if (host.size() > port.size() &&
          host.compare(host.size() - port.size(), port.size(), port) == 0) {
        host.resize(host.size() - port.size());
      }
    };
    if (lscheme == "http") strip_port(":80");
    if (lscheme == "https") strip_port(":443");
    if (!host.empty() && host.back() == '.') host.pop_back();
  } else {
    path = url.substr(0, url.find_first_of("?#"));
  }
  // First path segment.
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  size_t end = path.find_first_of("/?#");
  std::string seg = to_lower_ascii(path.substr(0, end));
  // "/ar" alone or "/ar/..." is an edition; "/ar.html" is not.
  if (is_lang_code(seg)) return host + "/" + seg;
  return host;
}

}  // namespace winnow::chrome
