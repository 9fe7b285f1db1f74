// decode.cc: undoes a stored payload's Content-Encoding for later stages
// (the store keeps bytes as received, for WARC fidelity). gzip, deflate and
// br (and lists of them) via the fetcher's decoder (fetch_decode.cc).
#include "crawler/crawler.h"
#include "crawler/fetch_internal.h"

namespace winnow::crawler {

Result<std::string> decode_body(const store::FetchRow& fetch) {
  std::string enc = to_lower_ascii(trim(fetch.content_encoding));
  if (enc.empty() || enc == "identity") return fetch.body;
  auto r = internal::decode_content(fetch.body, enc, limits::kMaxBodyBytes);
  if (!r) {
    return Status::error(r.status().kind(),
                         fetch.url + ": " + r.status().message());
  }
  return r;
}

}  // namespace winnow::crawler
