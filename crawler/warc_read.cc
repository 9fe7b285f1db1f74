// warc_read.cc: a streaming WARC reader -- plain files or gzip with any
// number of members, records found by their "WARC/1.x" line, blocks bounded
// by limits::kMaxWarcRecordBytes; malformed records are reported and
// skipped by resynchronising on the next "WARC/" line.
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "crawler/crawler.h"

namespace winnow::crawler {
namespace {

// Uncompressed bytes of one WARC file, read in chunks. One thread.
class Stream {
 public:
  explicit Stream(FILE* f) : f_(f) {}
  ~Stream() {
    if (gz_) inflateEnd(&z_);
  }
  Status init(const std::string& path) {
    path_ = path;
    unsigned char magic[2] = {0, 0};
    size_t n = std::fread(magic, 1, 2, f_);
    std::rewind(f_);
    gz_ = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (gz_) {
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, 15 + 16) != Z_OK) {
        return Status::error(ErrorKind::kInternal, path + ": zlib init failed");
      }
    }
    return Status::ok();
  }
  // Makes at least n bytes available from pos_, unless the input ends.
  bool ensure(size_t n) {
    while (buf_.size() - pos_ < n && !eof_) fill();
    return buf_.size() - pos_ >= n;
  }
  std::string_view view() const {
    return std::string_view(buf_).substr(pos_);
  }
  void consume(size_t n) {
    pos_ += n;
    if (pos_ > (1u << 20)) {
      base_ += static_cast<int64_t>(pos_);
      buf_.erase(0, pos_);
      pos_ = 0;
    }
  }
  // Skips n bytes without keeping them; false if the input ended first.
  bool skip(size_t n) {
    while (n > 0) {
      if (!ensure(1)) return false;
      size_t take = std::min(n, buf_.size() - pos_);
      consume(take);
      n -= take;
    }
    return true;
  }
  int64_t offset() const { return base_ + static_cast<int64_t>(pos_); }
  const std::string& error() const { return error_; }

 private:
  void fill() {
    char in[65536];
    if (!gz_) {
      size_t n = std::fread(in, 1, sizeof in, f_);
      if (n == 0) eof_ = true;
      buf_.append(in, n);
      return;
    }
    if (z_.avail_in == 0) {
      size_t n = std::fread(inbuf_, 1, sizeof inbuf_, f_);
      if (n == 0) {
        eof_ = true;
        return;
      }
      z_.next_in = reinterpret_cast<Bytef*>(inbuf_);
      z_.avail_in = static_cast<uInt>(n);
    }
    char out[65536];
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = sizeof out;
    int rc = inflate(&z_, Z_NO_FLUSH);
    buf_.append(out, sizeof out - z_.avail_out);
    if (rc == Z_STREAM_END) {
      inflateReset(&z_);  // next member
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = "bad gzip data";
      eof_ = true;
    }
  }

  FILE* f_;
  std::string path_;
  bool gz_ = false;
  z_stream z_{};
  char inbuf_[65536];
  std::string buf_;
  size_t pos_ = 0;
  int64_t base_ = 0;
  bool eof_ = false;
  std::string error_;
};

// Parses "Name: value" lines (with folded continuations).
bool parse_fields(std::string_view head, WarcRecord& r) {
  for (std::string_view line : split(head, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !r.fields.empty()) {
      r.fields.back().second += " " + std::string(trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    r.fields.emplace_back(std::string(trim(line.substr(0, colon))),
                          std::string(trim(line.substr(colon + 1))));
  }
  return true;
}

bool parse_length(const std::string& s, size_t& out) {
  if (s.empty() || s.size() > 15) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<size_t>(c - '0');
  }
  return true;
}

// Moves to the next line starting "WARC/1."; false at the end.
bool resync(Stream& s) {
  while (s.ensure(8)) {
    std::string_view v = s.view();
    size_t at = v.find("\nWARC/1.");
    if (at != std::string_view::npos) {
      s.consume(at + 1);
      return true;
    }
    s.consume(v.size() - 7);  // keep a tail that may hold a split marker
  }
  return false;
}

}  // namespace

Status read_warc(const std::string& path,
                 const std::function<Status(const WarcRecord&, int64_t)>& fn,
                 const std::function<void(const std::string&)>& warn,
                 size_t max_record_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"),
                                          &std::fclose);
  if (!f) return invalid_input(path + ": cannot open: " + std::strerror(errno));
  Stream s(f.get());
  Status st = s.init(path);
  if (!st) return st;
  bool first = true;
  int64_t offset = 0;  // of the record being read
  auto malformed = [&](const std::string& why) {
    warn(path + ": malformed WARC record at offset " + std::to_string(offset) +
         ": " + why + "; skipped");
  };
  while (true) {
    while (s.ensure(1) && (s.view()[0] == '\r' || s.view()[0] == '\n')) {
      s.consume(1);
    }
    if (!s.ensure(1)) break;
    offset = s.offset();
    s.ensure(8);
    if (s.view().substr(0, 6) != "WARC/1") {
      if (first) {
        return invalid_input(path + ": not a WARC file (no WARC/1.x record at "
                                    "offset 0)");
      }
      malformed("no WARC/1.x version line");
      if (!resync(s)) break;
      continue;
    }
    first = false;
    size_t end = std::string_view::npos;
    while (true) {
      end = s.view().find("\r\n\r\n");
      if (end != std::string_view::npos) break;
      size_t have = s.view().size();
      if (have > limits::kMaxHeaderBytes || !s.ensure(have + 1)) break;
    }
    if (end == std::string_view::npos) {
      malformed("header block not terminated");
      s.consume(1);
      if (!resync(s)) break;
      continue;
    }
    WarcRecord rec;
    std::string_view head = s.view().substr(0, end);
    head = head.substr(head.find('\n') + 1);
    size_t len = 0;
    if (!parse_fields(head, rec) || !parse_length(rec.get("Content-Length"), len)) {
      malformed("bad header line or Content-Length");
      s.consume(end + 4);
      if (!resync(s)) break;
      continue;
    }
    s.consume(end + 4);
    if (len > max_record_bytes) {
      malformed("block of " + std::to_string(len) + " bytes exceeds the limit of " +
                std::to_string(max_record_bytes));
      if (!s.skip(len)) break;
      continue;
    }
    if (!s.ensure(len)) {
      malformed("block truncated (Content-Length " + std::to_string(len) + ")");
      break;
    }
    rec.block.assign(s.view().substr(0, len));
    s.consume(len);
    rec.fields.erase(std::remove_if(rec.fields.begin(), rec.fields.end(),
                                    [](const auto& kv) {
                                      return iequals_ascii(kv.first, "Content-Length");
                                    }),
                     rec.fields.end());
    st = fn(rec, offset);
    if (!st) return st;
  }
  if (!s.error().empty()) {
    if (first) return invalid_input(path + ": not a WARC file (" + s.error() + ")");
    warn(path + ": " + s.error() + " at offset " + std::to_string(s.offset()) +
         "; stopped reading");
  }
  return Status::ok();
}

}  // namespace winnow::crawler
