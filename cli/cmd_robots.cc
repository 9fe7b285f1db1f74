// cmd_robots.cc: `winnow robots --file ROBOTS.txt --agent UA URL...` --
// prints "allowed URL" or "disallowed URL" per URL (one line each, in the
// order given) by RFC 9309 rules (crawler/robots.h). Exit 0; an unreadable
// file exits 1 with one line; missing arguments exit 2.
#include <cstdio>

#include "cli/cli.h"

namespace winnow::cli {
namespace {

struct RobotsArgs {
  std::string file;               // robots.txt to read
  std::string agent;              // User-Agent (its product token is matched)
  std::vector<std::string> urls;  // URLs or /paths to test
};

int run_robots(const RobotsArgs& args) {
  Result<std::string> body = read_file(args.file);
  if (!body) {
    return fail(invalid_input("cannot read robots file " + args.file + ": " +
                              body.status().message()));
  }
  crawler::RobotsPolicy policy = crawler::RobotsPolicy::from_body(*body);
  std::string out;
  for (const std::string& url : args.urls) {
    out.append(policy.allowed(args.agent, url) ? "allowed " : "disallowed ");
    out.append(url).push_back('\n');
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void add_robots_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RobotsArgs>();
  CLI::App* sub = app.add_subcommand(
      "robots",
      "Check URLs against a robots.txt file (RFC 9309): prints "
      "'allowed URL' or 'disallowed URL' per URL.");
  sub->add_option("--file", args->file, "robots.txt file to read")->required();
  sub->add_option("--agent", args->agent,
                  "User-Agent to check for (its product token, e.g. 'winnow' "
                  "of 'winnow/1.0', selects the group)")
      ->required();
  sub->add_option("urls", args->urls, "URLs (or /paths) to check")->required();
  sub->callback(
      [args, &action] { action = [args] { return run_robots(*args); }; });
}

}  // namespace winnow::cli
