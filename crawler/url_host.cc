// url_host.cc: host handling for URLs -- RFC 3492 punycode, IDN host to
// ASCII (simple lower-casing, no UTS-46), the registrable domain by the
// Public Suffix List (libpsl), host_of() and in_scope(). Rules:
// docs/internals/urls-and-robots.md.
#include <libpsl.h>

#include <cstdint>

#include "crawler/crawler.h"

namespace winnow::crawler {
namespace {

// RFC 3492 5: Bootstring parameters for punycode.
constexpr uint32_t kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
constexpr uint32_t kInitialBias = 72, kInitialN = 128;

uint32_t adapt(uint32_t delta, uint32_t numpoints, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / numpoints;
  uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

char encode_digit(uint32_t d) {
  return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26));
}

// Simple lower-casing of the scripts most IDNs use (Latin-1, Latin
// Extended-A, Greek, Cyrillic); other code points are kept.
char32_t simple_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 &&
      c != 0x149 && c != 0x178 && c != 0x17F) {
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool is_upper = odd_upper ? (c % 2 == 1) : (c % 2 == 0);
    return is_upper ? c + 1 : c;
  }
  if (c == 0x178) return 0xFF;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

bool is_ip_literal(std::string_view host) {
  if (!host.empty() && host[0] == '[') return true;
  if (host.empty()) return false;
  for (char c : host) {
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  }
  return true;
}

// Host and port of a canonical URL; false if it does not parse.
bool host_port(std::string_view url, std::string* host, std::string* port,
               std::string* path) {
  Result<Url> parsed = parse_url(url);
  if (!parsed || !parsed->has_authority) return false;
  *host = to_lower_ascii(parsed->host);
  *port = parsed->port;
  if (*port == "80" && parsed->scheme == "http") port->clear();
  if (*port == "443" && parsed->scheme == "https") port->clear();
  if (path) *path = parsed->path.empty() ? "/" : parsed->path;
  return true;
}

}  // namespace

Result<std::string> punycode_encode(const std::u32string& label) {
  std::string out;
  uint32_t n = kInitialN, delta = 0, bias = kInitialBias;
  for (char32_t c : label) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
  }
  uint32_t b = static_cast<uint32_t>(out.size());
  uint32_t h = b;
  if (b > 0) out.push_back('-');
  const uint32_t kMax = UINT32_MAX;
  while (h < label.size()) {
    uint32_t m = kMax;
    for (char32_t c : label) {
      if (c >= n && c < m) m = c;
    }
    if ((m - n) > (kMax - delta) / (h + 1)) {
      return Status::error(ErrorKind::kInvalidInput, "punycode overflow");
    }
    delta += (m - n) * (h + 1);
    n = m;
    for (char32_t c : label) {
      if (c < n && ++delta == 0) {
        return Status::error(ErrorKind::kInvalidInput, "punycode overflow");
      }
      if (c == n) {
        uint32_t q = delta;
        for (uint32_t k = kBase;; k += kBase) {
          uint32_t t =
              k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
          if (q < t) break;
          out.push_back(encode_digit(t + (q - t) % (kBase - t)));
          q = (q - t) / (kBase - t);
        }
        out.push_back(encode_digit(q));
        bias = adapt(delta, h + 1, h == b);
        delta = 0;
        ++h;
      }
    }
    ++delta;
    ++n;
  }
  return out;
}

Result<std::string> host_to_ascii(std::string_view host) {
  std::string out;
  out.reserve(host.size());
  bool ascii = true;
  for (char c : host) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii) return to_lower_ascii(host);
  if (!is_valid_utf8(host)) {
    return invalid_input("host is not valid UTF-8");
  }
  bool first = true;
  for (std::string_view label : split(host, '.')) {
    std::u32string cps;
    bool label_ascii = true;
    for (size_t i = 0; i < label.size();) {
      char32_t cp = simple_lower(next_code_point(label, i));
      if (cp >= 0x80) label_ascii = false;
      cps.push_back(cp);
    }
    std::string encoded;
    if (label_ascii) {
      for (char32_t cp : cps) encoded.push_back(static_cast<char>(cp));
    } else {
      Result<std::string> p = punycode_encode(cps);
      if (!p) return p.status();
      encoded = "xn--" + *p;
    }
    if (encoded.size() > 63)
      return invalid_input("host label longer than 63 bytes");
    if (!first) out.push_back('.');
    first = false;
    out.append(encoded);
  }
  return out;
}

std::string host_of(std::string_view url) {
  Result<std::string> canonical = canonicalize(url);
  if (!canonical) return "";
  std::string host, port;
  if (!host_port(*canonical, &host, &port, nullptr)) return "";
  return host;
}

std::string registrable_domain(std::string_view host) {
  if (host.empty() || is_ip_literal(host)) return std::string(host);
  // The newest of libpsl's built-in list and Debian's publicsuffix file,
  // loaded once and read-only afterwards (safe from any thread).
  static const psl_ctx_t* const psl = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest ? latest : psl_builtin();
  }();
  std::string h(host);
  const char* domain = psl ? psl_registrable_domain(psl, h.c_str()) : nullptr;
  // nullptr: the host is itself a public suffix (or one label): its own site.
  return domain ? std::string(domain) : h;
}

namespace {

// The authority of an http(s) URL as written ("" if not http(s)), without
// userinfo: a cheap key for two canonical URLs.
std::string_view raw_authority(std::string_view url) {
  size_t start;
  if (url.substr(0, 7) == "http://") {
    start = 7;
  } else if (url.substr(0, 8) == "https://") {
    start = 8;
  } else {
    return {};
  }
  size_t end = url.find_first_of("/?#", start);
  std::string_view a = url.substr(start, end == std::string_view::npos
                                             ? std::string_view::npos
                                             : end - start);
  size_t at = a.rfind('@');
  if (at != std::string_view::npos) a.remove_prefix(at + 1);
  return a;
}

}  // namespace

bool in_scope(std::string_view candidate, std::string_view seed, Scope scope) {
  // Fast path (the crawl loop asks this for every link): canonical URLs of
  // one site carry the same authority string. Ports 80/443 are left to the
  // full comparison, which knows each scheme's default.
  if (scope != Scope::kDomain) {
    std::string_view ca = raw_authority(candidate);
    std::string_view sa = raw_authority(seed);
    bool plain = !ca.empty() && ca == sa &&
                 !(ca.size() > 3 && ca.substr(ca.size() - 3) == ":80") &&
                 !(ca.size() > 4 && ca.substr(ca.size() - 4) == ":443");
    for (char c : ca) plain = plain && !(c >= 'A' && c <= 'Z') && c != '%';
    if (plain && scope == Scope::kHost) return true;
  }
  std::string ch, cp, cpath, sh, sp, spath;
  if (!host_port(candidate, &ch, &cp, &cpath)) return false;
  if (!host_port(seed, &sh, &sp, &spath)) return false;
  switch (scope) {
    case Scope::kHost:
      return ch == sh && cp == sp;
    case Scope::kDomain:
      return registrable_domain(ch) == registrable_domain(sh);
    case Scope::kPrefix: {
      if (ch != sh || cp != sp) return false;
      std::string_view dir = spath;
      dir = dir.substr(0, dir.rfind('/') + 1);
      return std::string_view(cpath).substr(0, dir.size()) == dir;
    }
  }
  return false;
}

}  // namespace winnow::crawler
