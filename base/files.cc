// files.cc: whole-file reads, atomic writes (AtomicFile: unique temporary,
// fsync, rename), and zlib/gzip/zstd
// (de)compression with a bound on output size (decompression bombs).
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "base/base.h"

namespace winnow {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return invalid_input(path + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return invalid_input(path + ": read error");
  return ss.str();
}

Status write_file_atomic(const std::string& path, std::string_view data) {
  AtomicFile f;
  Status st = f.create(path);
  if (st) st = f.write(data);
  if (st) st = f.publish();
  return st;
}

namespace {

constexpr size_t kAtomicBuffer = 1 << 20;  // flushed in writes of this size

std::string with_errno(const std::string& path, const char* what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// Writes all of data to fd (retrying short writes and EINTR).
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// ".winnow-tmp-PID-N" of a process that no longer runs: left by a writer
// killed before publish() or discard().
bool stale_temporary(const std::string& name) {
  constexpr std::string_view kPrefix = ".winnow-tmp-";
  if (name.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  size_t i = kPrefix.size(), dash = name.find('-', i);
  if (dash == std::string::npos || dash == i || dash + 1 == name.size()) return false;
  long pid = 0;
  for (size_t k = i; k < dash; ++k) {
    if (name[k] < '0' || name[k] > '9' || pid > 100000000) return false;
    pid = pid * 10 + (name[k] - '0');
  }
  for (size_t k = dash + 1; k < name.size(); ++k) {
    if (name[k] < '0' || name[k] > '9') return false;
  }
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// Sweeps each folder once per process, when the first AtomicFile is made
// in it.
void sweep_once(const std::string& dir) {
  static std::mutex mu;
  static std::set<std::string> swept;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!swept.insert(dir).second) return;
  }
  remove_stale_temporaries(dir.empty() ? "." : dir, false);
}

}  // namespace

size_t remove_stale_temporaries(const std::string& dir, bool recursive) {
  namespace fs = std::filesystem;
  std::error_code ec;
  size_t removed = 0;
  auto consider = [&](const fs::directory_entry& e) {
    std::error_code ec2;
    if (!e.is_regular_file(ec2)) return;
    if (!stale_temporary(e.path().filename().string())) return;
    if (fs::remove(e.path(), ec2)) ++removed;
  };
  if (recursive) {
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) consider(*it);
  } else {
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) consider(*it);
  }
  return removed;
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
}

Status AtomicFile::create(const std::string& path) {
  discard();
  path_ = path;
  buf_.clear();
  size_ = 0;
  finished_ = false;
  static std::atomic<uint64_t> counter{0};
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  sweep_once(dir);
  for (int tries = 0; tries < 1000; ++tries) {
    std::string tmp = dir + ".winnow-tmp-" + std::to_string(::getpid()) + "-" +
                      std::to_string(counter++);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      fd_ = fd;
      tmp_ = std::move(tmp);
      return Status::ok();
    }
    if (errno != EEXIST) return storage_error(with_errno(path, "cannot create"));
  }
  return storage_error(path + ": cannot create: no free temporary name");
}

Status AtomicFile::flush() {
  if (!buf_.empty() && !write_all(fd_, buf_)) {
    Status st = storage_error(with_errno(path_, "write failed"));
    discard();
    return st;
  }
  buf_.clear();
  return Status::ok();
}

Status AtomicFile::write(std::string_view data) {
  if (fd_ < 0 || finished_) {
    return Status::error(ErrorKind::kInternal, path_ + ": write after finish or failure");
  }
  size_ += static_cast<int64_t>(data.size());
  if (buf_.size() + data.size() < kAtomicBuffer) {
    buf_.append(data);
    return Status::ok();
  }
  Status st = flush();
  if (!st) return st;
  if (data.size() < kAtomicBuffer) {
    buf_.append(data);
    return Status::ok();
  }
  if (!write_all(fd_, data)) {
    st = storage_error(with_errno(path_, "write failed"));
    discard();
  }
  return st;
}

Status AtomicFile::finish() {
  if (finished_) return Status::ok();
  if (fd_ < 0) return Status::error(ErrorKind::kInternal, path_ + ": not open");
  Status st = flush();
  if (!st) return st;
  if (::fsync(fd_) != 0) {
    st = storage_error(with_errno(path_, "fsync failed"));
    discard();
    return st;
  }
  int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) {
    st = storage_error(with_errno(path_, "close failed"));
    discard();
    return st;
  }
  finished_ = true;
  return Status::ok();
}

Status AtomicFile::publish() {
  Status st = finish();
  if (!st) return st;
  if (tmp_.empty()) return Status::error(ErrorKind::kInternal, path_ + ": published twice");
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    st = storage_error(with_errno(path_, "cannot replace"));
    discard();
    return st;
  }
  tmp_.clear();
  return Status::ok();
}

std::string zlib_compress(std::string_view data, int level) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  std::string out(bound, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &bound,
                reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), level) != Z_OK) {
    return std::string();
  }
  out.resize(bound);
  return out;
}

std::string gzip_member(std::string_view data, int level) {
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

Result<std::string> inflate_any(std::string_view data, size_t max_out) {
  std::string out;
  size_t pos = 0;
  // Auto-detect gzip/zlib (32 + 15); fall back to raw deflate (-15).
  bool raw = false;
  while (pos < data.size()) {
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, raw ? -15 : 32 + 15) != Z_OK) {
      return Status::error(ErrorKind::kInternal, "inflateInit failed");
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    zs.avail_in = static_cast<uInt>(data.size() - pos);
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = inflate(&zs, Z_NO_FLUSH);
      size_t got = sizeof buf - zs.avail_out;
      if (out.size() + got > max_out) {
        inflateEnd(&zs);
        return Status::error(ErrorKind::kLimitExceeded,
                             "decompressed size exceeds " +
                                 std::to_string(max_out) + " bytes");
      }
      out.append(buf, got);
      if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
      if (rc == Z_BUF_ERROR && got > 0) rc = Z_OK;
    }
    size_t consumed = (data.size() - pos) - zs.avail_in;
    inflateEnd(&zs);
    if (rc == Z_DATA_ERROR && !raw && pos == 0 && out.empty()) {
      raw = true;
      continue;
    }
    if (rc != Z_STREAM_END) {
      return Status::error(ErrorKind::kCorrupt, "compressed data is truncated or corrupt");
    }
    pos += consumed;
    // Skip zero padding between gzip members.
    while (pos < data.size() && data[pos] == '\0') ++pos;
    if (raw) break;
  }
  return out;
}

namespace {

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};
using CCtxPtr = std::unique_ptr<ZSTD_CCtx, CCtxFree>;
using DCtxPtr = std::unique_ptr<ZSTD_DCtx, DCtxFree>;

// One context per thread, reused: creating one costs more than compressing
// a typical page. Only used with default parameters.
ZSTD_CCtx* thread_cctx() {
  thread_local CCtxPtr c(ZSTD_createCCtx());
  return c.get();
}
ZSTD_DCtx* thread_dctx() {
  thread_local DCtxPtr d(ZSTD_createDCtx());
  return d.get();
}

Status too_large(size_t max_out) {
  return Status::error(ErrorKind::kLimitExceeded,
                       "decompressed size exceeds " + std::to_string(max_out) +
                           " bytes");
}

Status zstd_corrupt() {
  return Status::error(ErrorKind::kCorrupt,
                       "zstd data is truncated or corrupt");
}

// Streaming decompression for what the one-shot path does not take: frames
// without a content size, several frames, skippable frames. Output is
// checked against max_out per 64 KB chunk, and the window a frame may ask
// for (zstd allocates it up front) is capped at max(8 MB, max_out): larger
// is refused as kLimitExceeded.
Result<std::string> zstd_stream(std::string_view data, size_t max_out) {
  DCtxPtr d(ZSTD_createDCtx());
  if (!d) return Status::error(ErrorKind::kInternal, "ZSTD_createDCtx failed");
  int wlog = 23;  // 8 MB: what zstd asks every decoder to support
  while (wlog < 27 && (size_t{1} << wlog) < max_out) ++wlog;
  ZSTD_DCtx_setParameter(d.get(), ZSTD_d_windowLogMax, wlog);
  std::string out;
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  char buf[65536];
  for (;;) {
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    size_t ret = ZSTD_decompressStream(d.get(), &o, &in);
    if (ZSTD_isError(ret)) {
      if (ZSTD_getErrorCode(ret) == ZSTD_error_frameParameter_windowTooLarge) {
        return too_large(max_out);
      }
      return zstd_corrupt();
    }
    if (out.size() + o.pos > max_out) return too_large(max_out);
    out.append(buf, o.pos);
    if (in.pos == in.size) {
      if (ret == 0) break;                    // last frame complete
      if (o.pos < o.size) return zstd_corrupt();  // input ends mid-frame
    }
  }
  return out;
}

}  // namespace

std::string zstd_compress(std::string_view data, int level) {
  ZSTD_CCtx* c = thread_cctx();
  if (c == nullptr) return std::string();
  size_t bound = ZSTD_compressBound(data.size());
  // Typical pages compress into a per-thread scratch buffer and are copied
  // out at their compressed size (no allocation of the worst case per
  // call); large ones get a buffer of their own, so none stays held.
  constexpr size_t kScratchMax = 1 << 20;
  thread_local std::string scratch;
  std::string own;
  std::string& buf = bound <= kScratchMax ? scratch : own;
  if (buf.size() < bound) buf.resize(bound);
  size_t n = ZSTD_compressCCtx(c, buf.data(), bound, data.data(),
                               data.size(), level);
  if (ZSTD_isError(n)) return std::string();
  if (&buf == &own) {
    own.resize(n);
    return own;
  }
  return std::string(scratch.data(), n);
}

bool is_zstd_frame(std::string_view data) {
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 &&
         static_cast<unsigned char>(data[1]) == 0xB5 &&
         static_cast<unsigned char>(data[2]) == 0x2F &&
         static_cast<unsigned char>(data[3]) == 0xFD;
}

Result<std::string> decompress_any(std::string_view data, size_t max_out) {
  if (!is_zstd_frame(data)) return inflate_any(data, max_out);
  // One frame with its content size (what zstd_compress writes): checked
  // against max_out before anything is allocated, decoded in one call into
  // a buffer of exactly that size (zstd never writes past it).
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) return zstd_corrupt();
  if (size != ZSTD_CONTENTSIZE_UNKNOWN) {
    if (size > max_out) return too_large(max_out);
    size_t frame = ZSTD_findFrameCompressedSize(data.data(), data.size());
    ZSTD_DCtx* d = thread_dctx();
    if (!ZSTD_isError(frame) && frame == data.size() && d != nullptr) {
      std::string out(static_cast<size_t>(size), '\0');
      size_t n = ZSTD_decompressDCtx(d, out.data(), out.size(), data.data(),
                                     data.size());
      if (ZSTD_isError(n) || n != out.size()) return zstd_corrupt();
      return out;
    }
  }
  return zstd_stream(data, max_out);
}

}  // namespace winnow
