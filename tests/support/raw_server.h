// raw_server.h: a loopback TCP server that answers each connection with the
// exact bytes a test writes -- for answers an HTTP library will not produce:
// a bad status line, bad chunk sizes, a wrong Content-Length, a reset
// connection, a body dripped one byte at a time. One request per connection
// (the server closes it after the handler returns).
//
// Threading: each connection runs the handler on its own thread; the public
// methods are safe to call from the test thread. The destructor stops
// accepting, shuts every open connection down (so a handler's send() fails)
// and joins the threads.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace winnow::test {

// One accepted connection, handed to the handler. Not copyable.
class RawConnection {
 public:
  RawConnection(int fd, const std::atomic<bool>* stopping)
      : fd_(fd), stopping_(stopping) {}
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  // Writes all of bytes; false once the peer has gone or the server stops.
  bool send(std::string_view bytes);
  // Aborts the connection with a TCP RST (SO_LINGER 0, then close).
  void reset();
  bool stopping() const { return stopping_->load(); }
  bool closed() const { return fd_ < 0; }

 private:
  friend class RawServer;
  int fd_;
  const std::atomic<bool>* stopping_;
};

class RawServer {
 public:
  // handler(path, connection): path is the request target as sent.
  using Handler = std::function<void(const std::string&, RawConnection&)>;
  explicit RawServer(Handler handler);
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  int port() const { return port_; }
  std::string root() const;                        // "http://127.0.0.1:PORT"
  std::string url(const std::string& path) const;  // root() + path
  int hits(const std::string& path) const;         // requests for target

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::thread> workers_;
  std::set<int> open_fds_;
  std::map<std::string, int> hits_;
};

}  // namespace winnow::test
