// test_server.h: an in-process HTTP/1.1 server on 127.0.0.1 (ephemeral port)
// for tests. Serves a folder (directory URLs map to index.html; "{{ROOT}}"
// in .xml and robots.txt files becomes this server's http://127.0.0.1:PORT),
// in-memory pages and handlers, and injects faults on chosen paths: status
// codes, delays, redirects, truncated or stalled bodies, wrong Content-Type
// or charset, gzip and br encodings. Bodies go out as they are (no
// compression the test did not ask for). Records every request for assertions.
//
// Threading: the server answers on its own threads; every public method is
// safe to call from the test thread while it runs. Stops in the destructor.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace winnow::test {

struct Fault {
  int status = 0;                 // answer with this status instead
  double delay_seconds = 0;       // sleep before answering
  std::string redirect_to;        // Location (status defaults to 302)
  int64_t truncate_at = -1;       // promise the full length, send N bytes, close
  int64_t stall_after = -1;       // send N bytes, then stall stall_seconds
  double stall_seconds = 0;
  std::string content_type;       // override Content-Type (incl. charset)
  bool gzip = false;              // Content-Encoding: gzip
  bool brotli = false;            // Content-Encoding: br (with gzip: "gzip, br", stacked)
  std::string body;               // override body (with status, or alone)
  std::map<std::string, std::string> headers;  // extra headers
  int times = -1;                 // only the first N requests (-1 = always)
};

struct RequestRecord {
  std::string method;
  std::string path;               // path + "?" + query as requested
  std::map<std::string, std::string> headers;  // lower-case names
  int64_t at_ms = 0;              // steady clock, ms since server start
};

using Handler =
    std::function<void(const httplib::Request&, httplib::Response&)>;

class TestServer {
 public:
  // root_dir may be empty: then only pages/handlers set below are served.
  explicit TestServer(std::string root_dir = "");
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  std::string root() const;                      // "http://127.0.0.1:PORT"
  std::string url(const std::string& path) const;  // root() + path

  // Exact path match (query string ignored unless the key contains '?').
  void set_fault(const std::string& path, Fault fault);
  void set_page(const std::string& path, std::string body,
                std::string content_type = "text/html; charset=utf-8");
  // Handles every path starting with prefix (longest prefix wins).
  void set_handler(const std::string& prefix, Handler handler);

  int hits(const std::string& path) const;  // requests for path (no query)
  std::vector<RequestRecord> requests() const;

 private:
  void handle(const httplib::Request& req, httplib::Response& res);
  bool apply_fault(const httplib::Request& req, httplib::Response& res,
                   std::string body, std::string content_type);
  bool serve_file(const std::string& path, std::string& body,
                  std::string& content_type) const;

  std::string root_dir_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  int64_t start_ms_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, Fault> faults_;
  std::map<std::string, int> fault_uses_;
  std::map<std::string, std::pair<std::string, std::string>> pages_;
  std::map<std::string, Handler> handlers_;
  std::vector<RequestRecord> log_;
};

}  // namespace winnow::test
