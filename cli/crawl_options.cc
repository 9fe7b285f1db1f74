// crawl_options.cc: the crawl flags shared by `winnow crawl` and `winnow run`
// (meaning and defaults: crawler::CrawlOptions in crawler/crawler.h).
#include <regex>

#include "cli/cli.h"

namespace winnow::cli {

namespace {

// Checked while the flags are parsed, so a bad value is a usage error
// (exit 2) before any store or folder is created; crawler::crawl checks
// the same again for callers other than the CLI.
const CLI::Validator kRegex(
    [](std::string& v) -> std::string {
      try {
        std::regex re(v, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return "'" + v + "': bad regex: " + e.what();
      }
      return "";
    },
    "REGEX");

const CLI::Validator kSeedUrl(
    [](std::string& v) -> std::string {
      auto c = crawler::canonicalize(v);
      if (!c || !crawler::is_crawlable(*c)) {
        return "'" + crawler::redact_userinfo(v) + "': not an http(s) URL";
      }
      return "";
    },
    "URL");

}  // namespace

void add_crawl_options(CLI::App* sub, crawler::CrawlOptions& o,
                       std::vector<std::string>& seeds) {
  sub->add_option("seeds", seeds, "Seed URLs (http/https)")->required()->check(kSeedUrl);
  sub->add_option("--max-pages", o.max_pages,
                  "Pages fetched this run (0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--max-depth", o.max_depth,
                  "Link hops from a seed (-1 = no limit)")
      ->check(CLI::Range(-1, 1000000));
  sub->add_option("--max-pages-per-host", o.traps.max_pages_per_host,
                  "Pages stored per host before its new links are skipped as "
                  "host-page-limit (default 1000000)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  sub->add_option("--concurrency", o.concurrency, "Total connections")
      ->check(CLI::Range(1, 256));
  sub->add_option("--per-host", o.per_host, "Parallel connections per host")
      ->check(CLI::Range(1, 64));
  sub->add_option("--delay", o.delay,
                  "Minimum seconds between requests to one host")
      ->check(CLI::Range(0.0, 3600.0));
  static const std::map<std::string, crawler::Scope> scopes{
      {"host", crawler::Scope::kHost},
      {"domain", crawler::Scope::kDomain},
      {"prefix", crawler::Scope::kPrefix}};
  sub->add_option("--scope", o.scope, "host|domain|prefix")
      ->transform(CLI::CheckedTransformer(scopes, CLI::ignore_case));
  sub->add_option("--include", o.include,
                  "Only follow URLs matching this regex (repeatable)")
      ->check(kRegex);
  sub->add_option("--exclude", o.exclude,
                  "Never follow URLs matching this regex (repeatable)")
      ->check(kRegex);
  sub->add_option("--user-agent", o.user_agent, "User-Agent header");
  sub->add_flag("--ignore-robots", o.ignore_robots, "Do not read robots.txt");
  sub->add_option("--timeout", o.timeout, "Seconds per request")
      ->check(CLI::Range(0.1, 3600.0));
  sub->add_option("--max-bytes", o.max_bytes,
                  "Bytes per response body; more is cut and marked truncated")
      ->check(CLI::Range(static_cast<size_t>(1), static_cast<size_t>(1) << 34));
  sub->add_option("--retries", o.retries, "Retries after the first attempt")
      ->check(CLI::Range(0, 100));
  static const std::map<std::string, bool> onoff{{"on", true}, {"off", false}};
  sub->add_option("--sitemaps", o.sitemaps, "on|off: read sitemaps")
      ->transform(CLI::CheckedTransformer(onoff, CLI::ignore_case));
  sub->add_flag("--refresh", o.refresh,
                "Re-fetch stored pages with conditional GET");
  sub->add_flag("--quiet", o.quiet, "No progress line");
  auto* log = sub->add_option_function<std::string>(
      "--log", [&o](const std::string& v) { o.log_json = v == "json"; },
      "json: progress and events as JSON lines on stderr");
  log->check(CLI::IsMember({"json", "text"}));
  sub->add_flag("--page-requisites", o.page_requisites,
                "Also fetch images, CSS, scripts and fonts pages need (in scope, "
                "or on --requisite-hosts)");
  sub->add_option("--requisite-hosts", o.requisite_hosts,
                  "With --page-requisites, hosts out of scope whose requisites are "
                  "fetched too: HOST (any port, and its subdomains) or HOST:PORT; "
                  "comma-separated and repeatable")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& h) -> std::string {
            h = to_lower_ascii(trim(h));
            size_t colon = h.rfind(':');
            std::string_view name = std::string_view(h).substr(0, colon);
            bool ok = !name.empty() && name.find_first_of("/@?#[] ") == std::string_view::npos;
            if (colon != std::string::npos) {
              std::string_view port = std::string_view(h).substr(colon + 1);
              ok = ok && !port.empty() && port.size() <= 5 &&
                   port.find_first_not_of("0123456789") == std::string_view::npos;
            }
            return ok ? std::string() : "'" + h + "' is not HOST or HOST:PORT";
          },
          "HOST[:PORT]"));
  sub->add_option("--mirror", o.mirror_dir, "Also write an offline mirror here");
  sub->add_option("--warc", o.warc_path, "Also write a WARC file here");
}

}  // namespace winnow::cli
