// traps.cc: crawler trap defences -- stateless checks on one canonical URL
// (length, path depth, repeated segments, query parameters) and TrapCounter
// (query variants per host+path, stored pages per host). Limits and their
// reasons: base/limits.h and docs/internals/urls-and-robots.md.
#include <algorithm>

#include "crawler/url.h"

namespace winnow::crawler {
namespace {

// Splits a canonical URL into "host[:port]", path and query (views into it).
struct Parts {
  std::string_view host, path, query;
  bool has_query = false;
};

Parts split_canonical(std::string_view url) {
  Parts p;
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t auth_end = url.find_first_of("/?#", start);
  if (auth_end == std::string_view::npos) auth_end = url.size();
  p.host = url.substr(start, auth_end - start);
  size_t at = p.host.rfind('@');
  if (at != std::string_view::npos) p.host.remove_prefix(at + 1);
  std::string_view rest = url.substr(auth_end);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    p.has_query = true;
    p.query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  p.path = rest;
  return p;
}

// The host without ":port" (IPv6 literals keep their brackets).
std::string_view strip_port(std::string_view host) {
  size_t colon = host.rfind(':');
  if (colon == std::string_view::npos) return host;
  if (host.find(']') != std::string_view::npos && host.rfind(']') > colon)
    return host;
  return host.substr(0, colon);
}

}  // namespace

const char* trap_kind_name(TrapKind kind) {
  switch (kind) {
    case TrapKind::kNone:
      return "none";
    case TrapKind::kUrlTooLong:
      return "url-too-long";
    case TrapKind::kPathTooDeep:
      return "path-too-deep";
    case TrapKind::kRepeatedSegment:
      return "repeated-segment";
    case TrapKind::kTooManyQueryParams:
      return "too-many-query-params";
    case TrapKind::kTooManyQueryVariants:
      return "too-many-query-variants";
    case TrapKind::kHostPageLimit:
      return "host-page-limit";
  }
  return "unknown";
}

Status trap_status(TrapKind kind, std::string_view url) {
  if (kind == TrapKind::kNone) return Status::ok();
  std::string shown(url.substr(0, 200));
  if (url.size() > 200) shown += "...";
  return Status::error(
      ErrorKind::kLimitExceeded,
      std::string("trap limit ") + trap_kind_name(kind) + ": " + shown);
}

TrapKind check_url_traps(std::string_view canonical_url,
                         const TrapLimits& limits) {
  if (canonical_url.size() > limits.max_url_length)
    return TrapKind::kUrlTooLong;
  Parts parts = split_canonical(canonical_url);
  std::vector<std::string_view> segments;
  for (std::string_view seg : split(parts.path, '/')) {
    if (!seg.empty()) segments.push_back(seg);
  }
  if (static_cast<int>(segments.size()) > limits.max_path_depth)
    return TrapKind::kPathTooDeep;
  std::vector<std::string_view> sorted = segments;
  std::sort(sorted.begin(), sorted.end());
  int run = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    run = (i > 0 && sorted[i] == sorted[i - 1]) ? run + 1 : 1;
    if (run >= limits.max_repeated_segment) return TrapKind::kRepeatedSegment;
  }
  if (parts.has_query) {
    int params = 0;
    for (std::string_view p : split(parts.query, '&')) {
      if (!p.empty()) ++params;
    }
    if (params > limits.max_query_params) return TrapKind::kTooManyQueryParams;
  }
  return TrapKind::kNone;
}

TrapKind TrapCounter::admit(std::string_view canonical_url) {
  TrapKind kind = check_url_traps(canonical_url, limits_);
  if (kind != TrapKind::kNone) return kind;
  Parts parts = split_canonical(canonical_url);
  if (pages(strip_port(parts.host)) >= limits_.max_pages_per_host) {
    return TrapKind::kHostPageLimit;
  }
  if (!parts.has_query) return TrapKind::kNone;
  std::string key(parts.host);
  key.append(parts.path);
  std::vector<uint64_t>& seen = variants_[hash64(key)];
  uint64_t variant = hash64(parts.query);
  if (std::find(seen.begin(), seen.end(), variant) != seen.end())
    return TrapKind::kNone;
  if (static_cast<int>(seen.size()) >= limits_.max_query_variants) {
    return TrapKind::kTooManyQueryVariants;
  }
  seen.push_back(variant);
  return TrapKind::kNone;
}

void TrapCounter::record_page(std::string_view host) {
  ++pages_[std::string(host)];
}

void TrapCounter::record_pages(std::string_view host, int64_t n) {
  pages_[std::string(host)] += n;
}

int64_t TrapCounter::pages(std::string_view host) const {
  auto it = pages_.find(std::string(host));
  return it == pages_.end() ? 0 : it->second;
}

}  // namespace winnow::crawler
