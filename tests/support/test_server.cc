// test_server.cc: implementation of the in-process loopback HTTP test server.
#include "tests/support/test_server.h"

#include "base/base.h"

#include <brotli/encode.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace winnow::test {

namespace {

int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch())
      .count();
}

std::string mime_for(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css";
  if (ext == ".js") return "application/javascript";
  if (ext == ".xml") return "application/xml";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".gz") return "application/gzip";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Sends body exactly as given. cpp-httplib compresses text answers set with
// set_content on its own (brotli at its slowest quality, ~0.2 s for a 30 KB
// page, when the client accepts br); an answer of known length from a
// content provider goes out as it is, so encodings are only what a Fault
// asks for.
void send_as_is(httplib::Response& res, std::string body, const std::string& type) {
  res.body.clear();
  if (body.empty()) {
    res.set_content("", type);
    return;
  }
  auto shared = std::make_shared<std::string>(std::move(body));
  res.set_content_provider(shared->size(), type,
                           [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                             if (offset >= shared->size()) return false;
                             length = std::min(length, shared->size() - offset);
                             sink.write(shared->data() + offset, length);
                             return true;
                           });
}

std::string brotli_encode(const std::string& data) {
  size_t n = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(n, '\0');
  if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &n,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return data;
  }
  out.resize(n);
  return out;
}

}  // namespace

constexpr size_t kServerThreads = 64;

TestServer::TestServer(std::string root_dir) : root_dir_(std::move(root_dir)) {
  start_ms_ = steady_ms();
  server_.set_keep_alive_max_count(1000);
  // Without TCP_NODELAY every answer waits ~40 ms for delayed ACKs.
  server_.set_tcp_nodelay(true);
  // A kept-alive connection holds one server thread until it closes or idles
  // out (5 s); cpp-httplib's default pool of 8 threads would make a crawler
  // with more connections than that (plus its idle cached ones) wait for
  // free threads, so the pool is sized well above any test's concurrency.
  server_.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  auto fn = [this](const httplib::Request& req, httplib::Response& res) {
    handle(req, res);
  };
  server_.Get(".*", fn);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TestServer::~TestServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string TestServer::root() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::string TestServer::url(const std::string& path) const {
  return root() + path;
}

void TestServer::set_fault(const std::string& path, Fault fault) {
  std::lock_guard<std::mutex> lock(mu_);
  faults_[path] = std::move(fault);
  fault_uses_[path] = 0;
}

void TestServer::set_page(const std::string& path, std::string body,
                          std::string content_type) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_[path] = {std::move(body), std::move(content_type)};
}

void TestServer::set_handler(const std::string& prefix, Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  handlers_[prefix] = std::move(handler);
}

int TestServer::hits(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& r : log_) {
    std::string p = r.path.substr(0, r.path.find('?'));
    if (p == path) ++n;
  }
  return n;
}

std::vector<RequestRecord> TestServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

bool TestServer::serve_file(const std::string& path, std::string& body,
                            std::string& content_type) const {
  if (root_dir_.empty() || path.find("..") != std::string::npos) return false;
  std::filesystem::path p = std::filesystem::path(root_dir_) / path.substr(1);
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) p /= "index.html";
  if (!std::filesystem::is_regular_file(p, ec)) return false;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  body = ss.str();
  content_type = mime_for(p.string());
  auto name = p.filename().string();
  if (p.extension() == ".xml" || name == "robots.txt") {
    replace_all(body, "{{ROOT}}", root());
  }
  return true;
}

void TestServer::handle(const httplib::Request& req, httplib::Response& res) {
  std::string full = req.path;
  std::string query;
  if (!req.params.empty() || req.target.find('?') != std::string::npos) {
    query = req.target.substr(req.target.find('?') + 1);
    full += "?" + query;
  }
  Handler handler;
  std::pair<std::string, std::string> page;
  bool have_page = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    RequestRecord rec;
    rec.method = req.method;
    rec.path = full;
    for (const auto& [k, v] : req.headers) {
      std::string key = k;
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      rec.headers[key] = v;
    }
    rec.at_ms = steady_ms() - start_ms_;
    log_.push_back(std::move(rec));
    size_t best = 0;
    for (const auto& [prefix, h] : handlers_) {
      if (req.path.rfind(prefix, 0) == 0 && prefix.size() >= best) {
        best = prefix.size();
        handler = h;
      }
    }
    auto it = pages_.find(full);
    if (it == pages_.end()) it = pages_.find(req.path);
    if (it != pages_.end()) {
      page = it->second;
      have_page = true;
    }
  }
  std::string body, type;
  if (have_page) {
    body = page.first;
    type = page.second;
  } else if (handler) {
    handler(req, res);
    body = res.body;
    type = res.get_header_value("Content-Type");
    if (type.empty()) type = "text/html; charset=utf-8";
    res.headers.erase("Content-Type");  // set again once, below
  } else if (!serve_file(req.path, body, type)) {
    body = "not found";
    type = "text/plain";
    if (apply_fault(req, res, body, type)) return;
    res.status = 404;
    send_as_is(res, body, type);
    return;
  }
  if (apply_fault(req, res, body, type)) return;
  if (res.status <= 0) res.status = 200;
  send_as_is(res, std::move(body), type);
}

bool TestServer::apply_fault(const httplib::Request& req, httplib::Response& res,
                             std::string body, std::string content_type) {
  Fault f;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::string full = req.target;
    auto it = faults_.find(full);
    if (it == faults_.end()) it = faults_.find(req.path);
    if (it == faults_.end()) return false;
    int& uses = fault_uses_[it->first];
    if (it->second.times >= 0 && uses >= it->second.times) return false;
    ++uses;
    f = it->second;
  }
  if (f.delay_seconds > 0) {
    std::this_thread::sleep_for(std::chrono::duration<double>(f.delay_seconds));
  }
  for (const auto& [k, v] : f.headers) res.set_header(k, v);
  if (!f.body.empty()) body = f.body;
  if (!f.content_type.empty()) content_type = f.content_type;
  if (!f.redirect_to.empty()) {
    res.status = f.status ? f.status : 302;
    res.set_header("Location", f.redirect_to);
    send_as_is(res, "redirect", "text/plain");
    return true;
  }
  res.status = f.status ? f.status : 200;
  if (f.gzip && f.brotli) {
    body = brotli_encode(winnow::gzip_member(body));
    res.set_header("Content-Encoding", "gzip, br");
  } else if (f.gzip) {
    body = winnow::gzip_member(body);
    res.set_header("Content-Encoding", "gzip");
  } else if (f.brotli) {
    body = brotli_encode(body);
    res.set_header("Content-Encoding", "br");
  }
  if (f.truncate_at >= 0 || f.stall_after >= 0) {
    auto shared = std::make_shared<std::string>(std::move(body));
    int64_t cut = f.truncate_at >= 0 ? f.truncate_at : f.stall_after;
    double stall = f.stall_seconds;
    bool truncate = f.truncate_at >= 0;
    res.set_content_provider(
        shared->size(), content_type,
        [shared, cut, stall, truncate](size_t offset, size_t,
                                       httplib::DataSink& sink) {
          size_t limit = static_cast<size_t>(cut);
          if (offset < limit) {
            sink.write(shared->data() + offset, limit - offset);
            return true;
          }
          if (!truncate) {
            std::this_thread::sleep_for(std::chrono::duration<double>(stall));
            sink.write(shared->data() + offset, shared->size() - offset);
            return true;
          }
          return false;  // close the connection mid-body
        });
    return true;
  }
  send_as_is(res, std::move(body), content_type);
  return true;
}

}  // namespace winnow::test
