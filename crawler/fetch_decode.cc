// fetch_decode.cc: undoing Content-Encoding (gzip/deflate via zlib, br via
// libbrotlidec) under the body and decompression-ratio limits, and small
// header helpers (header lookup, Retry-After, media type).
#include <brotli/decode.h>

#include <algorithm>
#include <cmath>

#include "crawler/fetch_internal.h"

namespace winnow::crawler::internal {

Result<std::string> brotli_decode(std::string_view data, size_t max_out) {
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return Status::error(ErrorKind::kInternal, "brotli: out of memory");
  std::string out;
  size_t avail_in = data.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
  uint8_t buf[16384];
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    size_t avail_out = sizeof buf;
    uint8_t* next_out = buf;
    rc = BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out,
                                       &next_out, nullptr);
    out.append(reinterpret_cast<char*>(buf), sizeof buf - avail_out);
    if (out.size() > max_out) {
      BrotliDecoderDestroyInstance(st);
      return Status::error(ErrorKind::kLimitExceeded,
                           "decompressed size exceeds " + std::to_string(max_out) +
                               " bytes");
    }
  }
  BrotliDecoderDestroyInstance(st);
  if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
    return Status::error(ErrorKind::kCorrupt, "bad or truncated br body");
  }
  return out;
}

namespace {

// One element of a Content-Encoding list that names no coding.
bool no_coding(std::string_view c) {
  c = trim(c);
  return c.empty() || iequals_ascii(c, "identity");
}

}  // namespace

bool is_identity_coding(std::string_view encoding) {
  for (std::string_view c : split(encoding, ',')) {
    if (!no_coding(c)) return false;
  }
  return true;
}

Result<std::string> decode_content(std::string_view body,
                                   std::string_view encoding, size_t max_out) {
  std::string cur(body);
  std::vector<std::string_view> codings = split(encoding, ',');
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    if (no_coding(*it)) continue;
    std::string c = to_lower_ascii(trim(*it));
    size_t cap = std::min(max_out, std::max<size_t>(cur.size(), 1024) *
                                       limits::kMaxDecompressionRatio);
    Result<std::string> r = Status::ok();
    if (c == "gzip" || c == "x-gzip" || c == "deflate") {
      r = inflate_any(cur, cap);
    } else if (c == "br") {
      r = brotli_decode(cur, cap);
    } else {
      return invalid_input("unsupported Content-Encoding '" + c + "'");
    }
    if (!r) {
      return Status::error(r.status().kind(), c + " body: " + r.status().message());
    }
    cur = std::move(*r);
  }
  return cur;
}

std::string header_value(std::string_view raw, std::string_view name) {
  // Repeated fields are one comma-separated list (RFC 9110 5.3).
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) eol = raw.size();
    std::string_view line = raw.substr(pos, eol - pos);
    pos = eol + 1;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (iequals_ascii(trim(line.substr(0, colon)), name)) {
      if (!out.empty()) out += ", ";
      out += trim(line.substr(colon + 1));
    }
  }
  return out;
}

std::optional<double> parse_retry_after(std::string_view value,
                                        int64_t now_s) {
  std::string_view v = trim(value);
  if (v.empty()) return std::nullopt;
  double secs = -1;
  if (std::all_of(v.begin(), v.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    secs = v.size() > 9 ? limits::kMaxRetryAfterSeconds
                        : std::stod(std::string(v));
  } else if (auto t = parse_http_date(v)) {
    secs = static_cast<double>(*t - now_s);
    if (secs < 0) secs = 0;
  } else {
    return std::nullopt;
  }
  return std::min(secs, limits::kMaxRetryAfterSeconds);
}

std::string media_type(std::string_view content_type) {
  // A repeated Content-Type arrives joined by commas ("text/html,
  // text/html; charset=utf-8"). As browsers do (WHATWG Fetch, "extract a
  // MIME type"), the last element naming a type/subtype wins.
  std::string_view first, last;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i <= content_type.size(); ++i) {
    if (i < content_type.size() && content_type[i] == '"') quoted = !quoted;
    if (i < content_type.size() && (content_type[i] != ',' || quoted)) continue;
    std::string_view part = content_type.substr(start, i - start);
    std::string_view type = trim(part.substr(0, part.find(';')));
    if (start == 0) first = type;
    if (type.find('/') != std::string_view::npos) last = type;
    start = i + 1;
  }
  return to_lower_ascii(last.empty() ? first : last);
}

int64_t backoff_ms(int attempt, std::string_view key, double base_s) {
  double exp = base_s * std::pow(2.0, std::max(0, attempt - 1));
  uint64_t h = hash64(key, static_cast<uint64_t>(attempt));
  double jitter = 0.5 + static_cast<double>(h % 1000) / 1000.0;
  return static_cast<int64_t>(std::min(300.0, exp * jitter) * 1000);
}

std::string authority_of(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  return std::string(url.substr(start, end - start));
}

std::string origin_of(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  size_t end = url.find_first_of("/?#", start + 3);
  if (end == std::string_view::npos) end = url.size();
  return std::string(url.substr(0, end));
}

}  // namespace winnow::crawler::internal
