// decode.cc: undoes a stored payload's Content-Encoding for later stages
// (the store keeps bytes as received, for WARC fidelity).
#include "crawler/crawler.h"

namespace winnow::crawler {

Result<std::string> decode_body(const store::FetchRow& fetch) {
  std::string enc = to_lower_ascii(trim(fetch.content_encoding));
  if (enc.empty() || enc == "identity") return fetch.body;
  size_t cap = std::min(limits::kMaxBodyBytes,
                        std::max<size_t>(fetch.body.size(), 1024) *
                            limits::kMaxDecompressionRatio);
  if (enc == "gzip" || enc == "x-gzip" || enc == "deflate") {
    auto r = inflate_any(fetch.body, cap);
    if (!r) {
      return Status::error(r.status().kind(),
                           fetch.url + ": " + r.status().message());
    }
    return r;
  }
  return Status::error(ErrorKind::kInvalidInput,
                       fetch.url + ": unsupported Content-Encoding '" + enc + "'");
}

}  // namespace winnow::crawler
