// util.cc: temp dirs, child processes (fork/exec, no shell), file helpers
// and the once-per-process fixture archive.
#include "tests/support/util.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace winnow::test {

namespace fs = std::filesystem;

std::string make_temp_dir(const std::string& tag) {
  const char* env = std::getenv("WINNOW_TEST_TMP");
  fs::path base = env && *env ? fs::path(env) : fs::temp_directory_path() / "winnow-tests";
  fs::path dir = base / (tag + "-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  return dir.string();
}

namespace {

// VmHWM of a running process (its peak resident set since exec), 0 once
// it has exited. getrusage's ru_maxrss would be no better: it also counts
// the pages the child shared with this process at fork.
long peak_rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

}  // namespace

RunResult run_program(const std::string& program,
                      const std::vector<std::string>& args,
                      const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2], err_pipe[2], exec_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe) || pipe2(exec_pipe, O_CLOEXEC)) {
    throw std::runtime_error("pipe failed");
  }
  // argv is built before fork: the child of a process with threads (the
  // test's HTTP server) may only make async-signal-safe calls until exec
  // -- a malloc there can wait forever on a lock another thread held.
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1],
                   err_pipe[0], err_pipe[1], exec_pipe[0]}) {
      close(fd);
    }
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // exec closes the child's end (O_CLOEXEC): from then on its VmHWM is its
  // own, no longer the copy of this process's pages that fork made.
  close(exec_pipe[1]);
  char ignored;
  while (read(exec_pipe[0], &ignored, 1) < 0 && errno == EINTR) {}
  close(exec_pipe[0]);
  RunResult r;
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (stdin_text.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    pollfd fds[3];
    int n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) { fds[n] = {out_pipe[0], POLLIN, 0}; out_i = n++; }
    if (err_open) { fds[n] = {err_pipe[0], POLLIN, 0}; err_i = n++; }
    if (in_fd >= 0) { fds[n] = {in_fd, POLLOUT, 0}; in_i = n++; }
    // Wakes every 10 ms to sample the child's peak RSS.
    if (poll(fds, static_cast<nfds_t>(n), 10) < 0) break;
    r.max_rss_kb = std::max(r.max_rss_kb, peak_rss_kb(pid));
    if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = write(in_fd, stdin_text.data() + written, stdin_text.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 || written == stdin_text.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
    for (auto [idx, fd, dst, open] :
         {std::tuple{out_i, out_pipe[0], &r.out, &out_open},
          std::tuple{err_i, err_pipe[0], &r.err, &err_open}}) {
      if (idx >= 0 && (fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got <= 0) {
          *open = false;
        } else {
          dst->append(buf, static_cast<size_t>(got));
        }
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - t0).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult run_winnow(const std::vector<std::string>& args,
                     const std::string& stdin_text) {
  return run_program(WINNOW_BIN, args, stdin_text);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& data) {
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

const std::string& fixture_archive() {
  static std::once_flag once;
  static std::string dir;
  std::call_once(once, [] {
    dir = make_temp_dir("fixture-archive");
    RunResult r = run_program(WINNOW_FIXTUREGEN, {"--out", dir});
    if (r.exit_code != 0) {
      throw std::runtime_error("fixturegen failed: " + r.err);
    }
  });
  return dir;
}

}  // namespace winnow::test
