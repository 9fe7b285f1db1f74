// robots.h: part of the crawler front door (crawler/crawler.h) -- the
// Robots Exclusion Protocol (RFC 9309): an event-style parser, a compiled
// rule set with the matcher, and the per-host policy the crawl loop keeps
// (including what an HTTP status of /robots.txt means), plus sitemap
// parsing. Decisions and RFC sections: docs/internals/urls-and-robots.md.
//
// Threading: parse_robots is reentrant. RobotsRules and RobotsPolicy are
// immutable after construction, so one instance may be read from any number
// of threads; copying is cheap enough to do once per host.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace winnow::crawler {

// ---------------------------------------------------------------- Parser --
// Receives one event per recognised line, in file order. `line` is 1-based.
// Values are trimmed, comments removed; views are valid only during the
// call.
class RobotsParseHandler {
 public:
  virtual ~RobotsParseHandler() = default;
  virtual void on_user_agent(int line, std::string_view value) = 0;
  virtual void on_allow(int line, std::string_view value) = 0;
  virtual void on_disallow(int line, std::string_view value) = 0;
  virtual void on_crawl_delay(int line, std::string_view value) = 0;
  virtual void on_sitemap(int line, std::string_view value) = 0;
  // Any other "key: value" line (key as written), and lines that are not
  // rules at all (key = the whole line, value empty).
  virtual void on_unknown(int line, std::string_view key,
                          std::string_view value) = 0;
};

// Splits `body` into lines (LF, CR or CRLF), skips a UTF-8 BOM, strips
// '#' comments, and reports each line. Only the first
// limits::kMaxRobotsBytes bytes are read (RFC 9309 2.5). Keys are matched
// case-insensitively; a missing ':' is tolerated when the key is a known
// one followed by white space ("Disallow /x"); common misspellings
// ("useragent", "user agent", "dissallow", "disalow") are accepted.
void parse_robots(std::string_view body, RobotsParseHandler& handler);

// ----------------------------------------------------------------- Rules --
// A compiled robots.txt: groups of user agents with their rules.
class RobotsRules {
 public:
  RobotsRules() = default;  // no groups: everything allowed
  static RobotsRules parse(std::string_view body);

  // RFC 9309 2.2.2: is `path` (a URL's path[?query], or a full http(s) URL
  // whose path[?query] is used) allowed for the crawler whose User-Agent
  // header is `user_agent`? The product token (the leading [A-Za-z_-]
  // characters, e.g. "winnow" of "winnow/0.1") selects the groups naming
  // it case-insensitively (merged), else the '*' groups (merged), else
  // none (allowed). Longest matching rule wins, Allow wins ties; '*' and
  // '$' are wildcards; both sides are compared percent-encoding-normalised
  // (robots_normalize).
  // "/robots.txt" is always allowed.
  bool allowed(std::string_view user_agent, std::string_view path) const;
  // Crawl-delay of the selected group, capped at
  // limits::kMaxCrawlDelaySeconds; nullopt if none or unparseable.
  std::optional<double> crawl_delay(std::string_view user_agent) const;
  // Every Sitemap: value, in file order (they belong to no group).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  struct Rule {
    bool allow = false;
    std::string pattern;  // percent-normalised
  };
  struct Group {
    std::vector<std::string> agents;  // lower-case product tokens, or "*"
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };
  const std::vector<Group>& groups() const { return groups_; }

 private:
  friend class RobotsRulesBuilder;
  // The rules that apply to `user_agent` (merged groups), and its delay.
  void select(std::string_view user_agent, std::vector<const Rule*>* rules,
              std::optional<double>* delay) const;
  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
};

// Does robots pattern `pattern` (with '*' and '$') match `path`? Both must
// already be percent-normalised (robots_normalize). Exposed for tests.
bool robots_pattern_matches(std::string_view pattern, std::string_view path);
// Which side of a comparison robots_normalize prepares: a rule's pattern
// (where '*' and a final '$' are wildcards) or a URL's path[?query] (where
// they are literal characters, so they are written %2A and %24).
enum class RobotsSide { kPath, kPattern };
// The one form patterns and paths are compared in (RFC 9309 2.2.2), so an
// encoded and an unencoded spelling of a path match each other: octets that
// never appear raw in a URI (non-ASCII, controls, space, "<>\^`{|}) and a
// '%' starting no escape are percent-encoded; %xx hex is upper-cased; %xx of
// unreserved characters and of : @ ! ' ( ) , (and of / and ? after the
// query's '?') is decoded; escapes of the other reserved characters stay
// escapes ("%2F" in a path is not "/", "%26" is not "&").
std::string robots_normalize(std::string_view s, RobotsSide side = RobotsSide::kPath);

// ---------------------------------------------------------------- Policy --
// What the crawler does for one host, from the outcome of fetching its
// /robots.txt (RFC 9309 2.3.1).
class RobotsPolicy {
 public:
  enum class Mode { kAllowAll, kDisallowAll, kRules };
  RobotsPolicy() = default;  // allow all
  static RobotsPolicy allow_all();
  static RobotsPolicy disallow_all();
  static RobotsPolicy from_body(std::string_view body);
  // http_status: the final status after redirects (the caller follows at
  // most 5, RFC 9309 2.3.1.2); 0 means unreachable (DNS/connect/timeout).
  //   2xx -> parse `body`;  3xx (redirects exhausted) and 4xx -> allow all
  //   (2.3.1.2, 2.3.1.3);  5xx, 0 and anything else -> disallow all
  //   (2.3.1.4; the caller retries later and, per the RFC, may treat a
  //   robots.txt unreachable for 30 days as absent).
  static RobotsPolicy from_status(int http_status, std::string_view body);

  Mode mode() const { return mode_; }
  // See RobotsRules::allowed; also true for /robots.txt in every mode.
  bool allowed(std::string_view user_agent, std::string_view url) const;
  std::optional<double> crawl_delay(std::string_view user_agent) const;
  const std::vector<std::string>& sitemaps() const;
  const RobotsRules& rules() const { return rules_; }

 private:
  Mode mode_ = Mode::kAllowAll;
  RobotsRules rules_;
};

// -------------------------------------------------------------- Sitemaps --
// (crawler/sitemap.cc; https://www.sitemaps.org/protocol.html)
struct SitemapResult {
  bool is_index = false;          // <sitemapindex>: urls are sitemaps
  std::vector<std::string> urls;  // <loc> values / lines, entity-decoded,
                                  // trimmed, in order; only http(s)
  bool truncated = false;         // a limit below cut the list
};

// Parses a sitemap: XML <urlset> or <sitemapindex>, or a plain-text list
// (one URL per line). Gzip input (magic 1f 8b) is inflated first, bounded
// by limits::kMaxSitemapBytes. At most limits::kMaxSitemapUrls URLs are
// returned (truncated = true past that). Fails (kLimitExceeded) only when
// the inflated size passes the byte limit, or (kCorrupt) on bad gzip;
// `source` names the sitemap in messages.
Result<SitemapResult> parse_sitemap(std::string_view body,
                                    std::string_view source = "sitemap");

}  // namespace winnow::crawler
