// fetcher.cc: the libcurl multi fetcher -- many transfers on one thread,
// pooled easy handles, http/https only, no automatic redirects or decoding
// (the crawl loop follows Location and the store keeps bytes as received),
// request headers captured as sent and response headers as received.
#include <curl/curl.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "crawler/fetch_internal.h"

namespace winnow::crawler::internal {

struct Fetcher::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchResult result;
  size_t max_bytes = 0;
  bool header_too_large = false;  // on_header refused limits::kMaxHeaderBytes
  int64_t start_ms = 0;
  char errbuf[CURL_ERROR_SIZE] = {0};

  ~Transfer() {
    if (headers) curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

// Compresses bodies for the store on other threads. Each job is moved in
// and out under `mu`; a worker touches nothing else but curl_multi_wakeup,
// which libcurl allows from any thread.
struct Fetcher::Workers {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<FetchResult> in;
  std::vector<FetchResult> out;
  bool stop = false;
  void* multi = nullptr;
  std::vector<std::thread> threads;

  void run() {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      cv.wait(lock, [&] { return stop || !in.empty(); });
      if (stop) return;
      FetchResult r = std::move(in.front());
      in.pop_front();
      lock.unlock();
      r.body_z = zstd_compress(r.body, 1);
      lock.lock();
      out.push_back(std::move(r));
      curl_multi_wakeup(static_cast<CURLM*>(multi));
    }
  }
};

namespace {

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* tr = static_cast<Fetcher::Transfer*>(user);
  size_t len = size * n;
  if (tr->result.body.empty()) {
    // Room for the announced Content-Length at once instead of growing by
    // doubling (a copy per step); capped, so a false length costs little.
    curl_off_t cl = -1;
    if (curl_easy_getinfo(tr->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) ==
            CURLE_OK &&
        cl > 0) {
      constexpr size_t kMaxReserve = size_t{1} << 20;
      tr->result.body.reserve(std::min(
          {static_cast<size_t>(cl), tr->max_bytes, kMaxReserve}));
    }
  }
  size_t room = tr->max_bytes - std::min(tr->max_bytes, tr->result.body.size());
  if (len > room) {
    tr->result.body.append(data, room);
    tr->result.truncated = true;
    return 0;  // abort: CURLE_WRITE_ERROR, handled as a truncated body
  }
  tr->result.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* tr = static_cast<Fetcher::Transfer*>(user);
  size_t len = size * n;
  std::string_view line(data, len);
  // A new status line (after 100 Continue) starts a new header block.
  if (line.substr(0, 5) == "HTTP/") tr->result.response_headers.clear();
  if (tr->result.response_headers.size() + len > limits::kMaxHeaderBytes) {
    tr->header_too_large = true;
    return 0;
  }
  tr->result.response_headers.append(line);
  return len;
}

// HTTP Basic credentials from a URL's userinfo ("user:pass", percent-
// encoded), or none: pooled handles must not keep an earlier request's.
void set_credentials(CURL* e, const std::string& userinfo) {
  if (userinfo.empty()) {
    curl_easy_setopt(e, CURLOPT_USERNAME, nullptr);
    curl_easy_setopt(e, CURLOPT_PASSWORD, nullptr);
    curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    return;
  }
  size_t colon = userinfo.find(':');
  std::string user = percent_decode(userinfo.substr(0, colon));
  std::string pass =
      colon == std::string::npos ? "" : percent_decode(userinfo.substr(colon + 1));
  curl_easy_setopt(e, CURLOPT_USERNAME, user.c_str());  // curl copies
  curl_easy_setopt(e, CURLOPT_PASSWORD, pass.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
}

// The value of every Authorization header line after its scheme becomes
// "[redacted]": the headers as sent are stored and written to WARC files.
void redact_authorization(std::string& headers) {
  static constexpr std::string_view kName = "authorization:";
  size_t line = 0;
  while (line < headers.size()) {
    size_t end = headers.find('\n', line);
    if (end == std::string::npos) end = headers.size();
    std::string_view l(headers.data() + line, end - line);
    if (l.size() > kName.size() && iequals_ascii(l.substr(0, kName.size()), kName)) {
      size_t v = line + kName.size();
      while (v < end && headers[v] == ' ') ++v;
      size_t sp = headers.find(' ', v);
      size_t stop = end > line && headers[end - 1] == '\r' ? end - 1 : end;
      size_t from = sp != std::string::npos && sp < stop ? sp + 1 : v;
      headers.replace(from, stop - from, "[redacted]");
      end = headers.find('\n', line);
      if (end == std::string::npos) end = headers.size();
    }
    line = end + 1;
  }
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) {
    auto* tr = static_cast<Fetcher::Transfer*>(user);
    tr->result.request_headers.append(data, size);
  }
  return 0;
}

// What went wrong, in words: our own limits named, else curl's message.
std::string error_text(const Fetcher::Transfer& t, CURLcode rc) {
  if (t.header_too_large) {
    return "response header larger than " + std::to_string(limits::kMaxHeaderBytes) +
           " bytes (limit)";
  }
  // curl refuses one header line over CURL_MAX_HTTP_HEADER (100 KiB) by
  // failing its buffer with "Out of memory", before any body byte.
  if (rc == CURLE_OUT_OF_MEMORY && t.result.body.empty()) {
    return "response header line longer than " + std::to_string(CURL_MAX_HTTP_HEADER) +
           " bytes (curl's limit)";
  }
  return t.errbuf[0] ? t.errbuf : curl_easy_strerror(rc);
}

const char* version_name(long v) {
  switch (v) {
    case CURL_HTTP_VERSION_1_0: return "HTTP/1.0";
    case CURL_HTTP_VERSION_1_1: return "HTTP/1.1";
    case CURL_HTTP_VERSION_2_0: return "HTTP/2";
    case CURL_HTTP_VERSION_3: return "HTTP/3";
    default: return "";
  }
}

}  // namespace

Fetcher::Fetcher(const FetcherOptions& options) : options_(options) {
  static const bool inited = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)inited;
  CURLM* m = curl_multi_init();
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(options.max_connections));
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(options.max_host_connections));
  curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  multi_ = m;
  int threads = std::clamp(options.compress_threads, 0, 4);
  if (threads > 0) {
    workers_ = std::make_unique<Workers>();
    workers_->multi = m;
    for (int i = 0; i < threads; ++i) {
      workers_->threads.emplace_back([w = workers_.get()] { w->run(); });
    }
  }
}

Fetcher::~Fetcher() {
  if (workers_) {
    {
      std::lock_guard<std::mutex> lock(workers_->mu);
      workers_->stop = true;
    }
    workers_->cv.notify_all();
    for (std::thread& t : workers_->threads) t.join();
  }
  auto* m = static_cast<CURLM*>(multi_);
  for (auto& [easy, t] : running_) curl_multi_remove_handle(m, t->easy);
  running_.clear();
  pool_.clear();
  curl_multi_cleanup(m);
}

Status Fetcher::start(const FetchRequest& request) {
  std::unique_ptr<Transfer> t;
  if (!pool_.empty()) {
    t = std::move(pool_.back());
    pool_.pop_back();
    curl_easy_reset(t->easy);
    if (t->headers) curl_slist_free_all(t->headers);
    t->headers = nullptr;
    t->result = FetchResult();
  } else {
    t = std::make_unique<Transfer>();
    t->easy = curl_easy_init();
    if (!t->easy) {
      return Status::error(ErrorKind::kInternal, "curl_easy_init failed");
    }
  }
  CURL* e = t->easy;
  t->result.token = request.token;
  t->result.url = request.url;
  t->max_bytes = request.max_bytes ? request.max_bytes : options_.max_bytes;
  t->result.max_bytes = t->max_bytes;
  t->header_too_large = false;
  t->start_ms = unix_now_ms();
  t->errbuf[0] = 0;
  t->headers = curl_slist_append(nullptr, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  t->headers = curl_slist_append(t->headers, "Accept-Encoding: gzip, deflate, br");
  for (const auto& h : request.headers) {
    t->headers = curl_slist_append(t->headers, h.c_str());
  }
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  set_credentials(e, request.userinfo);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.timeout * 1000));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout * 1000));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, limits::kMinTransferBytesPerSecond);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(std::max(1.0, options_.low_speed_time)));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(e, CURLOPT_DEBUGDATA, t.get());
  curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  if (curl_multi_add_handle(static_cast<CURLM*>(multi_), e) != CURLM_OK) {
    pool_.push_back(std::move(t));
    return Status::error(ErrorKind::kInternal,
                         request.url + ": curl_multi_add_handle failed");
  }
  running_.emplace(e, std::move(t));
  ++active_;
  return Status::ok();
}

void Fetcher::poll(int timeout_ms, std::vector<FetchResult>* done) {
  auto* m = static_cast<CURLM*>(multi_);
  int still = 0;
  curl_multi_perform(m, &still);
  size_t before = done->size();
  collect(done);
  drain(done);
  if (done->size() == before && timeout_ms > 0) {
    // A worker finishing a body wakes this (curl_multi_wakeup).
    curl_multi_poll(m, nullptr, 0, timeout_ms, nullptr);
    curl_multi_perform(m, &still);
    collect(done);
    drain(done);
  }
}

void Fetcher::drain(std::vector<FetchResult>* done) {
  if (!workers_) return;
  std::lock_guard<std::mutex> lock(workers_->mu);
  for (FetchResult& r : workers_->out) {
    done->push_back(std::move(r));
    --active_;
  }
  workers_->out.clear();
}

void Fetcher::collect(std::vector<FetchResult>* done) {
  auto* m = static_cast<CURLM*>(multi_);
  CURLMsg* msg;
  int left = 0;
  while ((msg = curl_multi_info_read(m, &left)) != nullptr) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* e = msg->easy_handle;
    CURLcode rc = msg->data.result;
    auto it = running_.find(e);
    if (it == running_.end()) continue;
    std::unique_ptr<Transfer> t = std::move(it->second);
    running_.erase(it);
    curl_multi_remove_handle(m, e);
    FetchResult& r = t->result;
    redact_authorization(r.request_headers);
    long code = 0, ver = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &ver);
    r.http_version = version_name(ver);
    char* loc = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc) {
      r.redirect_url = loc;
    }
    r.elapsed_ms = unix_now_ms() - t->start_ms;
    bool write_cut = rc == CURLE_WRITE_ERROR && r.truncated;
    if (rc == CURLE_OK || write_cut) {
      r.status = static_cast<int>(code);
    } else {
      r.status = 0;
      r.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
      r.error = error_text(*t, rc);
    }
    if (workers_ && !r.body.empty()) {
      {
        std::lock_guard<std::mutex> lock(workers_->mu);
        workers_->in.push_back(std::move(r));
      }
      workers_->cv.notify_one();  // still active() until drained
    } else {
      done->push_back(std::move(r));
      --active_;
    }
    t->result = FetchResult();
    pool_.push_back(std::move(t));
  }
}

}  // namespace winnow::crawler::internal
