// main.cc: the winnow binary's entry point -- builds the command tree,
// parses flags (usage errors exit 2 with one line), runs the chosen command.
#include <cstdio>
#include <iostream>

#include "cli/cli.h"

namespace winnow::cli {

int fail(const Status& status) {
  std::string line = "winnow: error: " + status.message();
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  return status.kind() == ErrorKind::kInvalidInput ? kExitFailure : kExitFailure;
}

namespace {

int run_main(int argc, char** argv) {
  CLI::App app{
      "winnow: crawl archive websites, strip the navigation chrome every page "
      "repeats, and remove duplicate paragraphs and articles."};
  app.set_version_flag("--version", std::string("winnow ") + WINNOW_VERSION);
  app.require_subcommand(1);
  Action action;
  add_run_command(app, action);
  add_crawl_command(app, action);
  add_extract_command(app, action);
  add_dedup_command(app, action);
  add_export_command(app, action);
  add_clean_command(app, action);
  add_robots_command(app, action);
  add_dedup_jsonl_command(app, action);
  add_mirror_command(app, action);
  add_warc_command(app, action);
  add_import_command(app, action);
  add_stats_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    for (char& c : msg) {
      if (c == '\n') c = ' ';
    }
    std::fprintf(stderr, "winnow: usage error: %s (see winnow --help)\n",
                 msg.c_str());
    return kExitUsage;
  }
  if (!action) return kExitUsage;
  return action();
}

}  // namespace
}  // namespace winnow::cli

int main(int argc, char** argv) { return winnow::cli::run_main(argc, argv); }
