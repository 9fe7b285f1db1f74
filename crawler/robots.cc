// robots.cc: RFC 9309 robots.txt -- the line parser that emits events, the
// builder that turns events into groups, the matcher, and RobotsPolicy.
// Decisions and RFC sections: docs/internals/urls-and-robots.md.
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "crawler/robots.h"
#include "crawler/url.h"

namespace winnow::crawler {
namespace {

enum class Key {
  kUserAgent,
  kAllow,
  kDisallow,
  kCrawlDelay,
  kSitemap,
  kUnknown
};

// Keys by their lower-cased spelling, including common misspellings
// (Google's robotstxt accepts the same ones).
Key classify_key(std::string_view raw) {
  std::string k = to_lower_ascii(trim(raw));
  if (k == "user-agent" || k == "useragent" || k == "user agent")
    return Key::kUserAgent;
  if (k == "allow") return Key::kAllow;
  if (k == "disallow" || k == "dissallow" || k == "dissalow" ||
      k == "disalow" || k == "diasllow" || k == "disallaw") {
    return Key::kDisallow;
  }
  if (k == "crawl-delay" || k == "crawldelay" || k == "crawl delay")
    return Key::kCrawlDelay;
  if (k == "sitemap" || k == "site-map") return Key::kSitemap;
  return Key::kUnknown;
}

void emit_line(int number, std::string_view line, RobotsParseHandler& h) {
  size_t hash = line.find('#');
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  line = trim(line);
  if (line.empty()) return;
  std::string_view key, value;
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    key = trim(line.substr(0, colon));
    value = trim(line.substr(colon + 1));
  } else {
    // Missing ':' (common practice): "Disallow /x" -- only for known keys.
    size_t ws = line.find_first_of(" \t");
    if (ws != std::string_view::npos &&
        classify_key(line.substr(0, ws)) != Key::kUnknown) {
      key = line.substr(0, ws);
      value = trim(line.substr(ws + 1));
    } else {
      h.on_unknown(number, line, "");
      return;
    }
  }
  switch (classify_key(key)) {
    case Key::kUserAgent:
      h.on_user_agent(number, value);
      break;
    case Key::kAllow:
      h.on_allow(number, value);
      break;
    case Key::kDisallow:
      h.on_disallow(number, value);
      break;
    case Key::kCrawlDelay:
      h.on_crawl_delay(number, value);
      break;
    case Key::kSitemap:
      h.on_sitemap(number, value);
      break;
    case Key::kUnknown:
      h.on_unknown(number, key, value);
      break;
  }
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-';
}

// The product token of a User-Agent value: its leading [A-Za-z_-]
// characters, lower-cased (RFC 9309 2.2.1); "*" alone (or followed by white
// space) stays "*". "*bot" names no crawler: it gives "".
std::string product_token(std::string_view ua) {
  ua = trim(ua);
  if (!ua.empty() && ua[0] == '*' && (ua.size() == 1 || ua[1] == ' ' ||
                                      ua[1] == '\t')) {
    return "*";
  }
  size_t n = 0;
  while (n < ua.size() && is_token_char(ua[n])) ++n;
  return to_lower_ascii(ua.substr(0, n));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path[?query] a rule is matched against.
std::string path_of(std::string_view url) {
  if (url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://" ||
      iequals_ascii(url.substr(0, 7), "http://") ||
      iequals_ascii(url.substr(0, 8), "https://")) {
    Result<Url> parsed = parse_url(url);
    if (parsed) {
      std::string p = parsed->path.empty() ? "/" : parsed->path;
      if (parsed->has_query) p.append("?").append(parsed->query);
      return p;
    }
  }
  if (url.empty()) return "/";
  return std::string(url);
}

bool is_robots_txt(std::string_view path) {
  size_t q = path.find('?');
  return path.substr(0, q) == "/robots.txt";
}

}  // namespace

void parse_robots(std::string_view body, RobotsParseHandler& handler) {
  if (body.size() > limits::kMaxRobotsBytes)
    body = body.substr(0, limits::kMaxRobotsBytes);
  // A UTF-8 BOM, or the start of one (a file cut or mangled by an editor),
  // is not part of the first line.
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  size_t bom = 0;
  while (bom < kBom.size() && bom < body.size() && body[bom] == kBom[bom]) {
    ++bom;
  }
  body.remove_prefix(bom);
  int number = 1;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    emit_line(number, body.substr(start, end - start), handler);
    ++number;
    if (end < body.size() && body[end] == '\r' && end + 1 < body.size() &&
        body[end + 1] == '\n') {
      ++end;
    }
    start = end + 1;
  }
}

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

// Is %xx of `v` the same as `v` written plainly? Unreserved characters
// (RFC 3986 6.2.2.2), and the reserved ones that delimit nothing inside a
// path segment or a query value (':', '@', '!', '\'', '(', ')', ','); in
// the query also '/' and '?', which are data there. Never '*' or '$' (robots
// wildcards), '/' in the path, or the query's own delimiters '&', '=', '+',
// ';'.
bool escape_is_plain(unsigned char v, bool in_query) {
  if (is_unreserved(v)) return true;
  switch (v) {
    case ':': case '@': case '!': case '\'': case '(': case ')': case ',':
      return true;
    case '/': case '?':
      return in_query;
    default:
      return false;
  }
}

// Octets that never appear raw in a URI (RFC 3986 2.1, 3.3): controls,
// space, non-ASCII, and "<>\^`{|}.
bool must_escape(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' ||
         c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}';
}

}  // namespace

std::string robots_normalize(std::string_view s, RobotsSide side) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const bool pattern = side == RobotsSide::kPattern;
  std::string out;
  out.reserve(s.size() + 8);
  auto escape = [&](unsigned char c) {
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  };
  bool in_query = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() &&
        hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      unsigned char v = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 +
                                                   hex_value(s[i + 2]));
      if (escape_is_plain(v, in_query)) {
        out.push_back(static_cast<char>(v));
      } else {
        escape(v);
      }
      i += 2;
    } else if (c == '%' || must_escape(c)) {
      escape(c);  // a '%' that starts no escape stands for itself
    } else if (c == '*') {
      if (pattern) {
        out.push_back('*');
      } else {
        escape(c);  // a literal '*' in a URL
      }
    } else if (c == '$') {
      if (pattern && i + 1 == s.size()) {
        out.push_back('$');  // the end anchor
      } else {
        escape(c);
      }
    } else {
      if (c == '?') in_query = true;
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

bool robots_pattern_matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::vector<std::string_view> parts = split(pattern, '*');
  size_t pos = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    bool last = i + 1 == parts.size();
    if (i == 0) {
      if (path.substr(0, part.size()) != part) return false;
      pos = part.size();
      if (last) return !anchored || pos == path.size();
      continue;
    }
    if (last && anchored) {
      // The last piece must end the path, after everything matched so far.
      return path.size() >= pos + part.size() &&
             path.substr(path.size() - part.size()) == part;
    }
    size_t found = path.find(part, pos);
    if (found == std::string_view::npos) return false;
    pos = found + part.size();
  }
  return true;
}

// Turns parse events into groups (RFC 9309 2.1): user-agent lines in a row
// open one group; a rule after them closes the run; rules before any
// user-agent line belong to no group and are ignored.
class RobotsRulesBuilder : public RobotsParseHandler {
 public:
  explicit RobotsRulesBuilder(RobotsRules* out) : out_(out) {}
  void on_user_agent(int, std::string_view value) override {
    if (!in_agents_) {
      out_->groups_.emplace_back();
      in_agents_ = true;
    }
    out_->groups_.back().agents.push_back(product_token(value));
  }
  void on_allow(int, std::string_view value) override { rule(true, value); }
  void on_disallow(int, std::string_view value) override { rule(false, value); }
  // Crawl-delay (not in RFC 9309; 2.2.4 "other records") is a member of
  // its group like a rule, so it ends a run of user-agent lines: a group
  // holding only a delay does not take the next group's rules. Sitemap and
  // unknown records do not end the run.
  void on_crawl_delay(int, std::string_view value) override {
    if (out_->groups_.empty()) return;
    in_agents_ = false;
    std::string text(value);
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(d) || d < 0) return;
    if (d > limits::kMaxCrawlDelaySeconds) d = limits::kMaxCrawlDelaySeconds;
    auto& g = out_->groups_.back();
    if (!g.crawl_delay) g.crawl_delay = d;
  }
  void on_sitemap(int, std::string_view value) override {
    if (!value.empty()) out_->sitemaps_.emplace_back(value);
  }
  void on_unknown(int, std::string_view, std::string_view) override {}

 private:
  void rule(bool allow, std::string_view value) {
    if (out_->groups_.empty()) return;
    in_agents_ = false;
    if (value.empty()) return;  // "Disallow:" with no path allows all
    out_->groups_.back().rules.push_back(
        {allow, robots_normalize(value, RobotsSide::kPattern)});
  }
  RobotsRules* out_;
  bool in_agents_ = false;
};

RobotsRules RobotsRules::parse(std::string_view body) {
  RobotsRules rules;
  RobotsRulesBuilder builder(&rules);
  parse_robots(body, builder);
  return rules;
}

void RobotsRules::select(std::string_view user_agent,
                         std::vector<const Rule*>* rules,
                         std::optional<double>* delay) const {
  std::string token = product_token(user_agent);
  auto collect = [&](std::string_view name) {
    bool any = false;
    for (const Group& g : groups_) {
      bool hit = false;
      for (const std::string& a : g.agents) hit = hit || a == name;
      if (!hit) continue;
      any = true;
      for (const Rule& r : g.rules) rules->push_back(&r);
      if (!*delay && g.crawl_delay) *delay = g.crawl_delay;
    }
    return any;
  };
  if (!token.empty() && token != "*" && collect(token)) return;
  collect("*");
}

bool RobotsRules::allowed(std::string_view user_agent,
                          std::string_view url) const {
  std::string path = path_of(url);
  if (is_robots_txt(path)) return true;
  std::vector<const Rule*> rules;
  std::optional<double> delay;
  select(user_agent, &rules, &delay);
  if (rules.empty()) return true;
  std::string normalized = robots_normalize(path);
  long best = -1;
  bool allow = true;
  for (const Rule* r : rules) {
    if (!robots_pattern_matches(r->pattern, normalized)) continue;
    long len = static_cast<long>(r->pattern.size());
    if (len > best || (len == best && r->allow)) {
      best = len;
      allow = r->allow;
    }
  }
  return allow;
}

std::optional<double> RobotsRules::crawl_delay(
    std::string_view user_agent) const {
  std::vector<const Rule*> rules;
  std::optional<double> delay;
  select(user_agent, &rules, &delay);
  return delay;
}

RobotsPolicy RobotsPolicy::allow_all() { return RobotsPolicy(); }

RobotsPolicy RobotsPolicy::disallow_all() {
  RobotsPolicy p;
  p.mode_ = Mode::kDisallowAll;
  return p;
}

RobotsPolicy RobotsPolicy::from_body(std::string_view body) {
  RobotsPolicy p;
  p.mode_ = Mode::kRules;
  p.rules_ = RobotsRules::parse(body);
  return p;
}

RobotsPolicy RobotsPolicy::from_status(int http_status, std::string_view body) {
  if (http_status >= 200 && http_status < 300) return from_body(body);
  if (http_status >= 300 && http_status < 500) return allow_all();
  return disallow_all();
}

bool RobotsPolicy::allowed(std::string_view user_agent,
                           std::string_view url) const {
  switch (mode_) {
    case Mode::kAllowAll:
      return true;
    case Mode::kDisallowAll:
      return is_robots_txt(path_of(url));
    case Mode::kRules:
      return rules_.allowed(user_agent, url);
  }
  return false;
}

std::optional<double> RobotsPolicy::crawl_delay(
    std::string_view user_agent) const {
  if (mode_ != Mode::kRules) return std::nullopt;
  return rules_.crawl_delay(user_agent);
}

const std::vector<std::string>& RobotsPolicy::sitemaps() const {
  return rules_.sitemaps();
}

}  // namespace winnow::crawler
