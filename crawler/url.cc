// url.cc: URL parsing, RFC 3986 reference resolution and canonicalisation
// (the frontier key). Host handling (IDN, punycode, registrable domain,
// scope) lives in url_host.cc. Rules: docs/internals/urls-and-robots.md.
#include <algorithm>
#include <cstring>

#include "crawler/url.h"

namespace winnow::crawler {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool is_unreserved(unsigned char c) {
  return is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c)) ||
         c == '-' || c == '.' || c == '_' || c == '~';
}
// Octets that are never left raw in a canonical URL (RFC 3986 2.1, 2.4 and
// the WHATWG URL "percent-encode sets" agree on these).
struct ByteTable {
  bool encode[256] = {};
  bool plain_host[256] = {};  // a-z 0-9 '-' '.': hosts needing no work
  constexpr ByteTable() {
    for (int c = 0; c < 256; ++c) {
      encode[c] = c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' ||
                  c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' ||
                  c == '}';
      plain_host[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.';
    }
  }
};
constexpr ByteTable kBytes;
bool must_encode(unsigned char c) { return kBytes.encode[c]; }
constexpr char kHex[] = "0123456789ABCDEF";

bool is_special_scheme(std::string_view s) {
  return iequals_ascii(s, "http") || iequals_ascii(s, "https");
}

// Trims C0 controls and spaces at both ends and drops TAB/CR/LF inside.
std::string clean_input(std::string_view in) {
  size_t b = 0, e = in.size();
  while (b < e && static_cast<unsigned char>(in[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(in[e - 1]) <= 0x20) --e;
  bool dirty = false;
  for (size_t i = b; i < e && !dirty; ++i)
    dirty = in[i] == '\t' || in[i] == '\r' || in[i] == '\n';
  if (!dirty) return std::string(in.substr(b, e - b));
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e; ++i) {
    char c = in[i];
    if (c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

// Parses "userinfo@host:port" into url; false on a bad port or IPv6.
bool parse_authority(std::string_view a, Url& url) {
  size_t at = a.rfind('@');
  if (at != std::string_view::npos) {
    url.has_userinfo = true;
    url.userinfo = std::string(a.substr(0, at));
    a.remove_prefix(at + 1);
  }
  std::string_view port;
  bool has_port = false;
  if (!a.empty() && a[0] == '[') {
    size_t close = a.find(']');
    if (close == std::string_view::npos) return false;
    url.host = std::string(a.substr(0, close + 1));
    std::string_view rest = a.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return false;
      port = rest.substr(1);
      has_port = true;
    }
  } else {
    size_t colon = a.rfind(':');
    if (colon != std::string_view::npos) {
      port = a.substr(colon + 1);
      has_port = true;
      a = a.substr(0, colon);
    }
    url.host = std::string(a);
  }
  if (has_port) {
    if (port.size() > 10) return false;
    long value = 0;
    for (char c : port) {
      if (!is_digit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 65535) return false;
    url.port = std::string(port);
  }
  return true;
}

// First index of any of `chars` in s at or after from (npos if none); a
// plain loop: string_view::find_first_of calls memchr per byte.
size_t find_any(std::string_view s, std::string_view chars, size_t from = 0) {
  for (size_t i = from; i < s.size(); ++i) {
    for (char c : chars) {
      if (s[i] == c) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::string Url::to_string() const {
  std::string out;
  out.reserve(scheme.size() + host.size() + path.size() + query.size() + 16);
  if (!scheme.empty()) out.append(scheme).push_back(':');
  if (has_authority) {
    out.append("//");
    if (has_userinfo) out.append(userinfo).push_back('@');
    out.append(host);
    if (!port.empty()) out.append(":").append(port);
  }
  out.append(path);
  if (has_query) out.append("?").append(query);
  if (has_fragment) out.append("#").append(fragment);
  return out;
}

Result<Url> parse_url(std::string_view text) {
  if (text.size() > limits::kMaxUrlLength * 4) {
    return invalid_input("URL longer than " +
                         std::to_string(limits::kMaxUrlLength * 4) +
                         " bytes: " + std::string(text.substr(0, 80)) + "...");
  }
  std::string s = clean_input(text);
  Url url;
  std::string_view rest = s;
  // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (!rest.empty() && is_alpha(rest[0])) {
    size_t i = 1;
    while (i < rest.size() &&
           (is_alpha(rest[i]) || is_digit(rest[i]) || rest[i] == '+' ||
            rest[i] == '-' || rest[i] == '.')) {
      ++i;
    }
    if (i < rest.size() && rest[i] == ':') {
      url.scheme = to_lower_ascii(rest.substr(0, i));
      rest.remove_prefix(i + 1);
    }
  }
  // WHATWG practice: '\' is '/' before the query in http(s) URLs.
  std::string fixed;
  if (url.scheme.empty() || is_special_scheme(url.scheme)) {
    size_t end = find_any(rest, "?#");
    if (rest.substr(0, end).find('\\') != std::string_view::npos) {
      fixed = std::string(rest);
      for (size_t i = 0; i < fixed.size() && i < end; ++i) {
        if (fixed[i] == '\\') fixed[i] = '/';
      }
      rest = fixed;
    }
  }
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t end = find_any(rest, "/?#");
    url.has_authority = true;
    if (!parse_authority(rest.substr(0, end), url)) {
      return invalid_input("bad host or port in URL: " + s);
    }
    rest =
        end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url.has_fragment = true;
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    url.has_query = true;
    url.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  url.path = std::string(rest);
  return url;
}

std::string remove_dot_segments(std::string_view path) {
  if ((path.empty() || path[0] != '.') &&
      path.find("/.") == std::string_view::npos) {
    return std::string(path);  // no dot segment: the common case
  }
  std::string in(path);
  std::string out;
  out.reserve(in.size());
  size_t pos = 0;
  auto rest_is = [&](std::string_view s) {
    return std::string_view(in).substr(pos) == s;
  };
  auto rest_starts = [&](std::string_view s) {
    return in.compare(pos, s.size(), s) == 0;
  };
  auto pop = [&] {
    size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (pos < in.size()) {
    if (rest_starts("../")) {
      pos += 3;
    } else if (rest_starts("./")) {
      pos += 2;
    } else if (rest_starts("/./")) {
      pos += 2;
    } else if (rest_is("/.")) {
      pos += 1;
      in[pos] = '/';
    } else if (rest_starts("/../")) {
      pos += 3;
      pop();
    } else if (rest_is("/..")) {
      pos += 2;
      in[pos] = '/';
      pop();
    } else if (rest_is(".") || rest_is("..")) {
      pos = in.size();
    } else {
      size_t next = in.find('/', pos + 1);
      if (next == std::string::npos) next = in.size();
      out.append(in, pos, next - pos);
      pos = next;
    }
  }
  return out;
}

Url resolve(const Url& base, const Url& ref) {
  Url t;
  auto copy_authority = [&t](const Url& from) {
    t.has_authority = from.has_authority;
    t.has_userinfo = from.has_userinfo;
    t.userinfo = from.userinfo;
    t.host = from.host;
    t.port = from.port;
  };
  if (!ref.scheme.empty()) {
    t.scheme = ref.scheme;
    copy_authority(ref);
    t.path = remove_dot_segments(ref.path);
    t.has_query = ref.has_query;
    t.query = ref.query;
  } else {
    if (ref.has_authority) {
      copy_authority(ref);
      t.path = remove_dot_segments(ref.path);
      t.has_query = ref.has_query;
      t.query = ref.query;
    } else {
      if (ref.path.empty()) {
        t.path = base.path;
        t.has_query = ref.has_query || base.has_query;
        t.query = ref.has_query ? ref.query : base.query;
      } else {
        if (ref.path[0] == '/') {
          t.path = remove_dot_segments(ref.path);
        } else {
          // RFC 3986 5.2.3 merge.
          std::string merged;
          if (base.has_authority && base.path.empty()) {
            merged = "/" + ref.path;
          } else {
            size_t slash = base.path.rfind('/');
            merged = slash == std::string::npos
                         ? ref.path
                         : base.path.substr(0, slash + 1) + ref.path;
          }
          t.path = remove_dot_segments(merged);
        }
        t.has_query = ref.has_query;
        t.query = ref.query;
      }
      copy_authority(base);
    }
    t.scheme = base.scheme;
  }
  t.has_fragment = ref.has_fragment;
  t.fragment = ref.fragment;
  return t;
}

namespace {

// Appends `in` with percent-encoding normalised (RFC 3986 6.2.2.1-2):
// %xx of unreserved decoded, other %xx upper-cased, a stray '%' and the
// must_encode() octets encoded, everything else (reserved) kept.
void append_normalized(std::string& out, std::string_view in) {
  out.reserve(out.size() + in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    size_t run = i;
    while (run < in.size() && in[run] != '%' &&
           !kBytes.encode[static_cast<unsigned char>(in[run])]) {
      ++run;
    }
    if (run > i) {
      out.append(in.data() + i, run - i);
      i = run;
      if (i >= in.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == '%') {
      int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
      int lo = hi >= 0 ? hex_value(in[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        unsigned char v = static_cast<unsigned char>(hi * 16 + lo);
        if (is_unreserved(v)) {
          out.push_back(static_cast<char>(v));
        } else {
          out.push_back('%');
          out.push_back(kHex[hi]);
          out.push_back(kHex[lo]);
        }
        i += 2;
        continue;
      }
      out.append("%25");
      continue;
    }
    if (must_encode(c)) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

// Normalises, filters (tracking parameters) and stably sorts the query.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;  // key, "k=v"
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view raw = query.substr(start, amp - start);
    start = amp + 1;
    if (raw.empty()) continue;
    std::string param;
    append_normalized(param, raw);
    size_t eq = param.find('=');
    std::string key = param.substr(0, eq);
    if (is_tracking_param(key)) continue;
    params.emplace_back(std::move(key), std::move(param));
  }
  std::stable_sort(
      params.begin(), params.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) out.push_back('&');
    out.append(params[i].second);
  }
  return out;
}

// The canonical host of an http(s) URL, or an error naming `url`.
Result<std::string> canonical_host(const Url& url) {
  const std::string& h = url.host;
  if (h.empty()) return invalid_input("URL has no host: " + url.to_string());
  bool plain = h.back() != '.';
  for (size_t i = 0; i < h.size() && plain; ++i) {
    plain = kBytes.plain_host[static_cast<unsigned char>(h[i])];
  }
  if (plain) return h;  // already lower-case ASCII: the common case
  if (h[0] == '[') return to_lower_ascii(h);  // IPv6 literal, kept as written
  std::string decoded = percent_decode(h);
  while (!decoded.empty() && decoded.back() == '.') decoded.pop_back();
  if (decoded.empty())
    return invalid_input("URL has no host: " + url.to_string());
  Result<std::string> ascii = host_to_ascii(decoded);
  if (!ascii) {
    return invalid_input("bad host in URL " + url.to_string() + ": " +
                         ascii.status().message());
  }
  for (char c : *ascii) {
    if (must_encode(static_cast<unsigned char>(c)) ||
        std::strchr("%/?#@[]:", c) != nullptr) {
      return invalid_input("bad character in host of URL: " + url.to_string());
    }
  }
  return ascii;
}

}  // namespace

Result<std::string> canonicalize(const Url& url) {
  if (url.scheme.empty()) {
    return invalid_input("relative URL cannot be canonicalised: " +
                         url.to_string());
  }
  if (!is_special_scheme(url.scheme)) {
    Url copy = url;
    copy.scheme = to_lower_ascii(url.scheme);
    copy.has_fragment = false;
    copy.fragment.clear();
    copy.has_userinfo = false;
    copy.userinfo.clear();
    return copy.to_string();
  }
  Result<std::string> host = canonical_host(url);
  if (!host) return host.status();
  std::string out;
  out.reserve(url.host.size() + url.path.size() + url.query.size() + 16);
  out.append(url.scheme).append("://");
  out.append(*host);
  size_t p = 0;
  while (p + 1 < url.port.size() && url.port[p] == '0') ++p;
  std::string_view port = std::string_view(url.port).substr(p);
  bool is_default = (url.scheme == "http" && port == "80") ||
                    (url.scheme == "https" && port == "443");
  if (!port.empty() && !is_default) out.append(":").append(port);
  std::string path;
  append_normalized(path, url.path);
  path = remove_dot_segments(path);
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  out.append(path);
  if (url.has_query) {
    std::string q = canonical_query(url.query);
    if (!q.empty()) out.append("?").append(q);
  }
  return out;
}

std::string percent_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 &&
        hex_value(in[i + 2]) >= 0) {
      out.push_back(
          static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::string redact_userinfo(std::string_view url) {
  size_t start = url.find("//");
  if (start == std::string_view::npos) return std::string(url);
  start += 2;
  size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  size_t at = url.substr(start, end - start).rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, start));
  out.append(url.substr(start + at + 1));
  return out;
}

Result<std::string> canonicalize(std::string_view url) {
  Result<Url> parsed = parse_url(url);
  if (!parsed) return parsed.status();
  return canonicalize(*parsed);
}

Result<std::string> resolve_and_canonicalize(const Url& base,
                                             std::string_view ref) {
  Result<Url> parsed = parse_url(ref);
  if (!parsed) return parsed.status();
  return canonicalize(resolve(base, *parsed));
}

bool is_crawlable(const Url& url) {
  return is_special_scheme(url.scheme) && url.has_authority &&
         !url.host.empty();
}

bool is_crawlable(std::string_view url) {
  Result<Url> parsed = parse_url(url);
  return parsed && is_crawlable(*parsed);
}

bool is_tracking_param(std::string_view key) {
  static constexpr std::string_view kExact[] = {
      "fbclid",     "gclid",   "gclsrc",     "dclid",   "gbraid",
      "wbraid",     "msclkid", "mc_cid",     "mc_eid",  "_ga",
      "_gl",        "yclid",   "igshid",     "twclid",  "ttclid",
      "li_fat_id",  "_hsenc",  "_hsmi",      "mkt_tok", "oly_anon_id",
      "oly_enc_id", "vero_id", "rb_clickid", "s_cid",   "wickedid"};
  if (key.size() > 4 && (key[0] == 'u' || key[0] == 'U') &&
      iequals_ascii(key.substr(0, 4), "utm_")) {
    return true;
  }
  for (std::string_view t : kExact) {
    if (iequals_ascii(key, t)) return true;
  }
  return false;
}

}  // namespace winnow::crawler
