// warc_import.cc: `winnow import` -- WARC files (ours, wget's, any
// conforming writer's) into the store as urls + fetches rows, so archives
// scraped by other tools go through clean, dedup and export.
// Behaviour: docs/internals/mirror-warc.md "Import".
#include <map>

#include "crawler/crawler.h"

namespace winnow::crawler {
namespace {

struct HttpHead {
  std::string version;
  int status = 0;
  std::string headers;  // status line + headers + CRLF CRLF
  std::string body;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string get(std::string_view name) const {
    for (const auto& [k, v] : fields) {
      if (iequals_ascii(k, name)) return v;
    }
    return "";
  }
};

bool parse_http_response(const std::string& block, HttpHead& h) {
  size_t end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string::npos) {
    end = block.find("\n\n");
    sep = 2;
  }
  if (end == std::string::npos) return false;
  h.headers = block.substr(0, end + sep);
  h.body = block.substr(end + sep);
  std::vector<std::string_view> lines = split(std::string_view(block).substr(0, end), '\n');
  if (lines.empty()) return false;
  std::string_view status = trim(lines[0]);
  if (status.rfind("HTTP/", 0) != 0) return false;
  size_t sp = status.find(' ');
  if (sp == std::string_view::npos) return false;
  h.version = std::string(status.substr(0, sp));
  std::string_view code = trim(status.substr(sp + 1)).substr(0, 3);
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    h.status = h.status * 10 + (c - '0');
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t colon = lines[i].find(':');
    if (colon == std::string_view::npos) continue;
    h.fields.emplace_back(std::string(trim(lines[i].substr(0, colon))),
                          std::string(trim(lines[i].substr(colon + 1))));
  }
  return true;
}

// Undoes chunked transfer coding; false if the body is not chunked.
bool dechunk(const std::string& in, std::string& out) {
  size_t i = 0;
  out.clear();
  while (i < in.size()) {
    size_t eol = in.find("\r\n", i);
    if (eol == std::string::npos) return false;
    std::string_view line = std::string_view(in).substr(i, eol - i);
    line = line.substr(0, line.find(';'));
    line = trim(line);
    if (line.empty() || line.size() > 15) return false;
    size_t n = 0;
    for (char c : line) {
      int v = (c >= '0' && c <= '9') ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (v < 0) return false;
      n = n * 16 + static_cast<size_t>(v);
    }
    i = eol + 2;
    if (n == 0) return true;
    if (i + n > in.size()) return false;
    out.append(in, i, n);
    i += n + 2;
  }
  return false;
}

int64_t warc_date_ms(const std::string& d) {
  // 2024-03-05T10:20:30Z (fraction ignored)
  if (d.size() < 19) return 0;
  auto num = [&](size_t p, size_t n) { return std::atoi(d.substr(p, n).c_str()); };
  int64_t days = days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                                 static_cast<unsigned>(num(8, 2)));
  return ((days * 24 + num(11, 2)) * 60 + num(14, 2)) * 60000 + num(17, 2) * 1000;
}

// What the crawler stores as final_url: a redirect's Location resolved
// against the URL requested, else that URL (as the record names it).
std::string final_url_of(const std::string& target, const HttpHead& h) {
  bool redirect = h.status >= 300 && h.status < 400 && h.status != 304;
  std::string location(trim(h.get("Location")));
  if (!redirect || location.empty()) return target;
  auto base = parse_url(target);
  auto ref = parse_url(location);
  if (!base || !ref) return target;
  return resolve(*base, *ref).to_string();
}

// Reads one file; state is per file (requests pair up within a file).
class Importer {
 public:
  Importer(store::Store& db, ImportStats* stats) : db_(db), stats_(stats) {}

  Status record(const WarcRecord& r, int64_t offset, const std::string& path) {
    ++stats_->records;
    std::string type = r.get("WARC-Type");
    std::string target = r.get("WARC-Target-URI");
    if (target.size() > 1 && target.front() == '<' && target.back() == '>') {
      target = target.substr(1, target.size() - 2);  // WARC/1.0 style
    }
    if (type == "request") {
      requests_[r.get("WARC-Record-ID")] = r.block;
      for (const auto& [k, v] : r.fields) {
        if (iequals_ascii(k, "WARC-Concurrent-To")) requests_[v] = r.block;
      }
      last_request_[target] = r.block;
      return Status::ok();
    }
    if (type != "response" && type != "revisit") {
      ++stats_->skipped;
      return Status::ok();
    }
    auto canon = canonicalize(target);
    if (!canon || !is_crawlable(*canon)) {
      ++stats_->skipped;
      return Status::ok();
    }
    HttpHead h;
    if (!parse_http_response(r.block, h)) {
      ++stats_->malformed;
      log_warn(path + ": malformed WARC record at offset " + std::to_string(offset) +
               ": block is not an HTTP response; skipped");
      return Status::ok();
    }
    return store_fetch(r, type == "revisit", *canon, target, h);
  }

 private:
  Status store_fetch(const WarcRecord& r, bool revisit, const std::string& canon,
                     const std::string& target, HttpHead& h) {
    store::FetchRow f;
    f.url = canon;
    f.final_url = final_url_of(target, h);
    f.status = h.status;
    f.http_version = h.version;
    f.response_headers = h.headers;
    auto req = requests_.find(r.get("WARC-Record-ID"));
    if (req == requests_.end()) req = requests_.find(r.get("WARC-Concurrent-To"));
    if (req != requests_.end()) {
      f.request_headers = req->second;
    } else if (last_request_.count(target)) {
      f.request_headers = last_request_[target];
    }
    std::string ct = h.get("Content-Type");
    f.content_type = to_lower_ascii(trim(ct.substr(0, ct.find(';'))));
    size_t cs = to_lower_ascii(ct).find("charset=");
    if (cs != std::string::npos) {
      std::string v(trim(ct.substr(cs + 8)));
      v = v.substr(0, v.find(';'));
      if (!v.empty() && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
      f.charset = to_lower_ascii(v);
    }
    f.content_encoding = to_lower_ascii(trim(h.get("Content-Encoding")));
    f.body = std::move(h.body);
    std::string plain;
    if (contains_ci(h.get("Transfer-Encoding"), "chunked") && dechunk(f.body, plain)) {
      f.body = std::move(plain);
    }
    f.truncated = !r.get("WARC-Truncated").empty();
    f.etag = h.get("ETag");
    f.last_modified = h.get("Last-Modified");
    f.fetched_at = warc_date_ms(r.get("WARC-Date"));
    f.not_modified = revisit && h.status == 304;
    if (revisit && h.status != 304) {
      // identical-payload-digest: the payload is the referred record's.
      auto it = by_digest_.find(r.get("WARC-Payload-Digest"));
      if (it == by_digest_.end()) {
        ++stats_->skipped;
        return Status::ok();
      }
      f.body = it->second;
    }
    auto decoded = decode_body(f);
    f.content_hash = hash128(decoded ? *decoded : f.body).hex();
    std::string host = host_of(canon);
    store::NewUrl nu;
    nu.url = canon;
    nu.host = host;
    nu.kind = f.content_type == "text/html" ? store::UrlKind::kPage
                                            : store::UrlKind::kRequisite;
    auto added = db_.add_urls({nu});
    if (!added) return added.status();
    auto row = db_.find_url(canon);
    if (!row) return row.status();
    if (!*row) return Status::error(ErrorKind::kInternal, canon + ": url row missing after insert");
    f.url_id = (*row)->id;
    if (!revisit && f.body.size() <= (1u << 20)) {
      by_digest_[warc_digest(f.body)] = f.body;
    }
    auto id = db_.add_fetch(f);
    if (!id) return id.status();
    revisit ? ++stats_->revisits : ++stats_->responses;
    return Status::ok();
  }

  store::Store& db_;
  ImportStats* stats_;
  std::map<std::string, std::string> requests_;      // record id -> block
  std::map<std::string, std::string> last_request_;  // target -> block
  std::map<std::string, std::string> by_digest_;     // payload digest -> body
};

}  // namespace

Status import_warc(store::Store& db, const std::string& path,
                   ImportStats* stats) {
  ImportStats local;
  if (!stats) stats = &local;
  // A non-WARC file must change nothing: check the start before writing.
  static const char kStop[] = "probe: first record read";
  Status probe = read_warc(
      path, [](const WarcRecord&, int64_t) {
        return Status::error(ErrorKind::kInternal, kStop);  // stop at once
      },
      [](const std::string&) {});
  if (!probe && probe.message() != kStop) return probe;
  Importer imp(db, stats);
  Status st = db.begin();
  if (!st) return st;
  st = read_warc(
      path,
      [&](const WarcRecord& r, int64_t off) { return imp.record(r, off, path); },
      [&](const std::string& w) {
        ++stats->malformed;
        log_warn(w);
      });
  if (!st) {
    (void)db.rollback();
    return st;
  }
  return db.commit();
}

}  // namespace winnow::crawler
