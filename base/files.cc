// files.cc: whole-file reads, atomic writes, and zlib/gzip (de)compression
// with a bound on output size (decompression bombs).
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
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
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return storage_error(tmp + ": cannot write: " + std::strerror(errno));
    }
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return storage_error(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return storage_error(path + ": rename failed: " + std::strerror(errno));
  }
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

}  // namespace winnow
