// url.h: part of the crawler front door (crawler/crawler.h) -- URL parsing
// and reference resolution (RFC 3986), canonicalisation (the frontier key),
// scope tests, link discovery over raw HTML/CSS bytes, and trap defences.
// Rules and reasons: docs/internals/urls-and-robots.md.
//
// Threading: every free function here is pure and thread-safe. TrapCounter
// is a plain value owned by the crawl loop (one thread at a time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/base.h"

namespace winnow::crawler {

// Defined in crawler/crawler.h (kHost, kDomain, kPrefix); declared here so
// in_scope() can name it.
enum class Scope;

// ------------------------------------------------------------------- Url --
// One URI reference split into its RFC 3986 components, as written (no
// decoding). `has_*` distinguish "absent" from "present but empty", which
// reference resolution (RFC 3986 5.2) needs. A plain value.
struct Url {
  std::string scheme;  // without ':'; lower-cased by parse_url; "" = relative
  bool has_authority = false;  // "//" present
  std::string userinfo;        // without '@'; only meaningful with has_userinfo
  bool has_userinfo = false;
  std::string host;  // reg-name, IPv4, or "[IPv6]" (brackets kept)
  std::string port;  // digits as written; "" = none
  std::string path;  // may be empty
  bool has_query = false;
  std::string query;  // without '?'
  bool has_fragment = false;
  std::string fragment;  // without '#'

  // Recomposes the reference (RFC 3986 5.3).
  std::string to_string() const;
  bool is_absolute() const { return !scheme.empty(); }
};

// Parses an absolute URL or a relative reference. Leading/trailing ASCII
// whitespace and C0 controls are trimmed and TAB/CR/LF inside are removed
// (browser practice); '\' is read as '/' in http(s) URLs. Fails
// (kInvalidInput, message names the input) on a bad scheme, a bad port
// (non-digits or > 65535), an unterminated "[IPv6", or more than
// limits::kMaxUrlLength * 4 bytes.
Result<Url> parse_url(std::string_view text);

// RFC 3986 5.2.2 reference resolution (strict: a ref with a scheme is
// used as-is). `base` must be absolute; the result's path has its dot
// segments removed (5.2.4).
Url resolve(const Url& base, const Url& ref);

// RFC 3986 5.2.4 remove_dot_segments.
std::string remove_dot_segments(std::string_view path);

// The canonical string of an absolute URL: the frontier and store key. Two
// URLs that differ only in the ways listed in the doc (case of scheme/host,
// default port, dot segments, percent-encoding of unreserved characters and
// hex case, fragment, empty path, query parameter order, tracking
// parameters, IDN vs punycode, trailing dot of the host) give the same
// string. http(s) URLs get every rule; other schemes only scheme case and
// fragment removal. Userinfo ("user:pass@") is dropped for every scheme:
// credentials never become part of a URL winnow stores, logs or writes.
// Fails on a relative URL or a host that cannot be encoded (bad UTF-8,
// punycode overflow, a label > 63 bytes).
Result<std::string> canonicalize(const Url& url);
Result<std::string> canonicalize(std::string_view url);
// Every %xx decoded (hosts, where escapes carry UTF-8; credentials).
std::string percent_decode(std::string_view in);
// `url` as given with any "userinfo@" of its authority removed (for
// messages naming a URL that may not parse or canonicalise).
std::string redact_userinfo(std::string_view url);

// canonicalize(resolve(base, parse_url(ref))): what link discovery uses.
Result<std::string> resolve_and_canonicalize(const Url& base,
                                             std::string_view ref);

// True for http and https (case-insensitive) with a non-empty host: the
// only URLs the crawler fetches.
bool is_crawlable(const Url& url);
bool is_crawlable(std::string_view url);

// True when `key` (a query parameter name, case-insensitive) is a tracking
// parameter canonicalize() drops: utm_*, fbclid, gclid, ... (full list in
// the doc).
bool is_tracking_param(std::string_view key);

// RFC 3492 punycode encoding of one label's code points (no "xn--"
// prefix). Fails on overflow.
Result<std::string> punycode_encode(const std::u32string& label);
// Lower-cases and punycode-encodes each non-ASCII label of a UTF-8 host
// ("bücher.de" -> "xn--bcher-kva.de"). ASCII hosts are only lower-cased.
// No UTS-46 mapping beyond simple lower-casing (see the doc).
Result<std::string> host_to_ascii(std::string_view host);

// The host of a URL string after canonicalisation ("" when it has none or
// does not parse). No port.
std::string host_of(std::string_view url);

// The registrable domain ("eTLD+1") of a canonical (lower-case, punycode)
// host by the Public Suffix List, private suffixes included (libpsl, the
// newer of its built-in list and Debian's publicsuffix file): so
// a.github.io and b.github.io are two sites, x.gov.ir is its own. A host
// that is itself a suffix, one-label hosts and IP literals are returned
// unchanged; an unknown TLD counts as a suffix (the list's "*" rule).
std::string registrable_domain(std::string_view host);

// Is `candidate` within `scope` of `seed`? Both should be canonical URLs
// (canonicalize() output); the scheme is ignored (http and https of one
// host are the same site).
//   kHost:   same host and port.
//   kDomain: same registrable_domain().
//   kPrefix: same host and port, and the candidate path starts with the
//            seed's directory (its path up to and including the last '/').
bool in_scope(std::string_view candidate, std::string_view seed, Scope scope);

// ---------------------------------------------------------------- Links --
// Link discovery without a DOM: one pass over the bytes (crawler/links.cc).
enum class LinkKind {
  kNavigation,  // a page to crawl: a/area href, frames, link rel=next/prev/
                // alternate/canonical, meta refresh
  kRequisite,   // needed to render the page: img, script, stylesheets,
                // icons, media, embed/object, CSS url() and @import
};

struct Link {
  std::string url;  // absolute, canonical (canonicalize())
  LinkKind kind = LinkKind::kNavigation;
  std::string_view tag;  // lower-case element name, "css" for CSS url()/
                         // @import; static storage, valid forever
};

struct PageLinks {
  // In document order; each canonical URL once (its first occurrence wins).
  // Only crawlable (http/https) URLs; javascript:, mailto:, data: and
  // values that fail to parse are dropped.
  std::vector<Link> links;
  std::string canonical;  // first <link rel=canonical> target, "" if none
  std::string base;       // the effective base URL (first <base href>, else
                          // the page URL), canonical
};

// Scans HTML for links (see LinkKind; also srcset candidates, object data,
// video poster, style="...url()" and <style> contents). Skips comments and
// <script> contents, decodes character references in attribute values,
// resolves against the first <base href> or `page_url`. Reads at most
// limits::kMaxHtmlBytes. `page_url` must be absolute; if it does not parse
// the result is empty.
PageLinks extract_links(std::string_view html, std::string_view page_url);

// The raw (unresolved) url() and @import targets of a style sheet, in
// order, with CSS escapes and quotes removed. Skips /* comments */.
std::vector<std::string> extract_css_urls(std::string_view css);
// The same resolved against `css_url` as kRequisite links (tag "css").
std::vector<Link> extract_css_links(std::string_view css,
                                    std::string_view css_url);

// Decodes HTML character references (named: the common set; numeric
// decimal/hex) in an attribute value; unknown references stay as written.
std::string decode_html_entities(std::string_view s);

// ---------------------------------------------------------------- Traps --
// Crawler trap defences (crawler/traps.cc); limits from base/limits.h.
enum class TrapKind {
  kNone = 0,
  kUrlTooLong,            // limits::kMaxUrlLength
  kPathTooDeep,           // limits::kMaxPathDepth
  kRepeatedSegment,       // limits::kMaxRepeatedSegment
  kTooManyQueryParams,    // limits::kMaxQueryParams
  kTooManyQueryVariants,  // limits::kMaxQueryVariantsPerPath
  kHostPageLimit,         // limits::kMaxPagesPerHost
};
// "url-too-long", "path-too-deep", ... (stable; used in logs and the store).
const char* trap_kind_name(TrapKind kind);
// A kLimitExceeded Status naming the URL and the limit, or ok for kNone.
Status trap_status(TrapKind kind, std::string_view url);

// Bounds for the trap checks; field by field (effect, unit, default).
struct TrapLimits {
  size_t max_url_length = limits::kMaxUrlLength;  // bytes of the canonical URL
  int max_path_depth = limits::kMaxPathDepth;     // non-empty path segments
  // One path segment occurring this many times anywhere in the path trips
  // (catches /x/x/x and /a/b/a/b/a/b alike).
  int max_repeated_segment = limits::kMaxRepeatedSegment;
  int max_query_params = limits::kMaxQueryParams;  // '&'-separated params
  int max_query_variants = limits::kMaxQueryVariantsPerPath;  // per host+path
  int64_t max_pages_per_host = limits::kMaxPagesPerHost;      // stored pages
};

// The stateless checks on one canonical URL, in this order: length, path
// depth, repeated segments, query params. Returns the first that trips.
TrapKind check_url_traps(std::string_view canonical_url,
                         const TrapLimits& limits = {});

// Stateful trap checks over a whole crawl: distinct query strings per
// (host, path) and stored pages per host. Owned by the crawl loop; not
// thread-safe. Memory: one 64-bit hash per admitted query variant.
class TrapCounter {
 public:
  explicit TrapCounter(TrapLimits limits = {}) : limits_(limits) {}

  // Runs check_url_traps, then the host page limit, then the query-variant
  // limit. When the URL passes, its query variant is recorded (admitting
  // the same URL again is free and passes). Call once per URL before
  // queueing it.
  TrapKind admit(std::string_view canonical_url);
  // Counts one stored page for `host` (host_of() of the URL).
  void record_page(std::string_view host);
  // Counts `n` pages stored by an earlier run (a resumed crawl).
  void record_pages(std::string_view host, int64_t n);
  int64_t pages(std::string_view host) const;

 private:
  TrapLimits limits_;
  std::unordered_map<uint64_t, std::vector<uint64_t>> variants_;  // host+path
  std::unordered_map<std::string, int64_t> pages_;                // by host
};

}  // namespace winnow::crawler
