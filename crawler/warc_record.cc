// warc_record.cc: the pure WARC/1.1 pieces -- digests, deterministic record
// ids, record serialisation and the SURT key of the CDXJ index.
#include <algorithm>
#include <cstdio>

#include "crawler/crawler.h"

namespace winnow::crawler {

std::string warc_digest(std::string_view bytes) {
  return "sha1:" + base32_encode(sha1_raw(bytes));
}

std::string warc_record_id(std::string_view seed) {
  std::string h = sha1_raw(seed);
  h[6] = static_cast<char>((h[6] & 0x0F) | 0x50);  // version 5
  h[8] = static_cast<char>((h[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string out = "<urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(h[i]));
    out += buf;
  }
  return out + ">";
}

std::string WarcRecord::get(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (iequals_ascii(k, name)) return v;
  }
  return "";
}

std::string serialize_warc_record(const WarcRecord& r) {
  std::string out = "WARC/1.1\r\n";
  for (const auto& [k, v] : r.fields) {
    out += k;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  out += "Content-Length: " + std::to_string(r.block.size()) + "\r\n\r\n";
  out += r.block;
  out += "\r\n\r\n";
  return out;
}

std::string surt(std::string_view url) {
  auto parsed = parse_url(url);
  if (!parsed || !parsed->has_authority) return to_lower_ascii(url);
  const Url& u = *parsed;
  std::string host = to_lower_ascii(u.host);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  std::vector<std::string_view> labels = split(host, '.');
  std::reverse(labels.begin(), labels.end());
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i];
  }
  bool default_port = u.port.empty() || (u.scheme == "http" && u.port == "80") ||
                      (u.scheme == "https" && u.port == "443");
  if (!default_port) out += ":" + u.port;
  out += ')';
  out += u.path.empty() ? "/" : to_lower_ascii(u.path);
  if (u.has_query) {
    std::vector<std::string_view> params = split(u.query, '&');
    std::vector<std::string> sorted(params.begin(), params.end());
    std::sort(sorted.begin(), sorted.end());
    out += "?" + to_lower_ascii(join(sorted, "&"));
  }
  return out;
}

}  // namespace winnow::crawler
