// main.cc: the winnow binary's entry point -- builds the command tree,
// parses flags (usage errors exit 2 with one line), runs the chosen command,
// and fails (exit 1, one line) when what it printed could not be written.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli/cli.h"

namespace winnow::cli {

int fail(const Status& status) {
  const bool usage = status.kind() == ErrorKind::kUsage;
  std::string line = (usage ? "winnow: usage error: " : "winnow: error: ") + status.message();
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  return usage ? kExitUsage : kExitFailure;
}

namespace {

// stdout is buffered: a write to a full disk or a closed pipe shows only
// when the buffer is flushed. A command that succeeded fails here (one
// line, exit 1) instead of losing its output silently at exit.
int check_stdout(int rc) {
  std::cout.flush();
  errno = 0;
  const bool bad = std::fflush(stdout) != 0 || std::ferror(stdout) || std::cout.fail();
  if (!bad || rc != kExitOk) return rc;
  const int err = errno;
  return fail(Status::error(
      ErrorKind::kStorage,
      std::string("standard output: write failed") + (err ? std::string(": ") + std::strerror(err) : "")));
}

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
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return check_stdout(app.exit(e));
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
  return check_stdout(action());
}

}  // namespace
}  // namespace winnow::cli

// Expected failures are Status values; an exception reaching here (a
// std::filesystem or std::regex error, bad_alloc) is still reported as one
// line and exit 1, never left to std::terminate().
int main(int argc, char** argv) {
  try {
    return winnow::cli::run_main(argc, argv);
  } catch (const std::exception& e) {
    return winnow::cli::fail(winnow::Status::error(winnow::ErrorKind::kInternal, e.what()));
  } catch (...) {
    return winnow::cli::fail(
        winnow::Status::error(winnow::ErrorKind::kInternal, "unexpected exception"));
  }
}
