// serve_main.cc: `fixture-server DIR [--port-file FILE]` -- serves a fixture
// folder over HTTP on 127.0.0.1 (ephemeral port) until killed; prints
// "http://127.0.0.1:PORT" on stdout (and into --port-file) once ready.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

#include "tests/support/test_server.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fixture-server DIR [--port-file FILE]\n");
    return 2;
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  winnow::test::TestServer server(argv[1]);
  std::string root = server.root();
  std::printf("%s\n", root.c_str());
  std::fflush(stdout);
  if (argc >= 4 && std::strcmp(argv[2], "--port-file") == 0) {
    std::ofstream(argv[3]) << root << "\n";
  }
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return 0;
}
