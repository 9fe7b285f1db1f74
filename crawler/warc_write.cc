// warc_write.cc: `winnow warc` / `crawl --warc` -- every stored fetch as
// WARC/1.1 request + response (or revisit) records, one gzip member per
// record, rolled by size, with a sorted CDXJ index beside the files.
// Layout: docs/internals/mirror-warc.md "WARC output".
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "crawler/crawler.h"

namespace winnow::crawler {
namespace {

namespace fs = std::filesystem;

// Header bytes as stored, ending in exactly one empty line.
std::string header_block(std::string_view h) {
  while (!h.empty() && (h.back() == '\r' || h.back() == '\n')) h.remove_suffix(1);
  return std::string(h) + "\r\n\r\n";
}

bool ends_with(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

std::string base_name(const std::string& p) {
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Writes records into one or more files, each under a temporary name
// (AtomicFile) until publish(): an earlier WARC of the same name stays whole
// until the new one is complete. One thread.
class WarcFiles {
 public:
  explicit WarcFiles(const WarcOptions& o) : o_(o) {
    gz_ = ends_with(o.path, ".gz");
    std::string p = o.path;
    for (std::string_view ext : {".warc.gz", ".warc", ".gz"}) {
      if (ends_with(p, ext)) {
        ext_ = std::string(ext);
        stem_ = p.substr(0, p.size() - ext.size());
        break;
      }
    }
    if (ext_.empty()) stem_ = p;
  }
  std::string cdxj_path() const { return stem_ + ".cdxj"; }

  // Appends records (serialised) as one unit; returns the offset and length
  // of each in `where`. `date` dates the warcinfo of a new file.
  // Sets each record's WARC-Warcinfo-ID to the file it lands in.
  Status write(std::vector<WarcRecord>& recs, const std::string& date,
               std::vector<std::pair<int64_t, int64_t>>* where,
               WarcStats* stats) {
    int64_t total = 0;
    for (const auto& r : recs) {  // ids have a fixed length: size is exact
      total += static_cast<int64_t>(serialize_warc_record(r).size());
    }
    if (cur_ && o_.max_size > 0 && cur_->size() > info_size_ &&
        cur_->size() + total > o_.max_size) {
      Status st = cur_->finish();
      if (!st) return st;
      cur_ = nullptr;
    }
    if (!cur_) {
      Status st = open(date, stats);
      if (!st) return st;
    }
    std::vector<std::string> bytes;
    for (auto& r : recs) {
      for (auto& [k, v] : r.fields) {
        if (k == "WARC-Warcinfo-ID") v = info_id_;
      }
      std::string s = serialize_warc_record(r);
      bytes.push_back(gz_ ? gzip_member(s) : std::move(s));
    }
    for (const auto& b : bytes) {
      where->emplace_back(cur_->size(), static_cast<int64_t>(b.size()));
      Status st = cur_->write(b);
      if (!st) return st;
      ++stats->records;
    }
    return Status::ok();
  }

  // Completes every file (fsync), renames each over its name, then removes
  // the files of the same set an earlier run left and this run did not
  // write (see remove_stale).
  Status publish(WarcStats* stats) {
    for (auto& f : files_) {
      Status st = f->finish();
      if (!st) return st;
      stats->bytes += f->size();
    }
    for (auto& f : files_) {
      Status st = f->publish();
      if (!st) return st;
    }
    return remove_stale(*stats);
  }
  const std::string& name() const { return name_; }

 private:
  Status open(const std::string& date, WarcStats* stats) {
    if (o_.max_size > 0) {
      char num[16];
      std::snprintf(num, sizeof num, "-%05d", index_++);
      name_ = stem_ + num + ext_;
    } else {
      name_ = o_.path;
    }
    files_.push_back(std::make_unique<AtomicFile>());
    cur_ = files_.back().get();
    Status st = cur_->create(name_);
    if (!st) return st;
    stats->paths.push_back(name_);
    ++stats->files;
    WarcRecord info;
    info.block = "software: winnow/" WINNOW_VERSION "\r\nformat: WARC File Format 1.1\r\n"
                 "conformsTo: https://iipc.github.io/warc-specifications/"
                 "specifications/warc-format/warc-1.1/\r\n";
    info_id_ = warc_record_id("warcinfo " + base_name(name_) + " " + date);
    info.fields = {{"WARC-Type", "warcinfo"},
                   {"WARC-Record-ID", info_id_},
                   {"WARC-Date", date},
                   {"WARC-Filename", base_name(name_)},
                   {"Content-Type", "application/warc-fields"},
                   {"WARC-Block-Digest", warc_digest(info.block)}};
    std::string s = serialize_warc_record(info);
    st = cur_->write(gz_ ? gzip_member(s) : s);
    info_size_ = cur_->size();
    ++stats->records;
    return st;
  }

  // The set --out names is STEM.EXT or STEM-NNNNN.EXT (+ STEM.cdxj). Removes
  // the files of that set this run did not write: rolled files past the new
  // set (or all of them when not rolling), and STEM.EXT when rolling.
  Status remove_stale(const WarcStats& stats) {
    std::set<std::string> written(stats.paths.begin(), stats.paths.end());
    fs::path stem(stem_);
    fs::path dir = stem.has_parent_path() ? stem.parent_path() : fs::path(".");
    std::string base = stem.filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string n = it->path().filename().string();
      bool rolled = n.size() > base.size() + 1 + ext_.size() && n.rfind(base + "-", 0) == 0 &&
                    ends_with(n, ext_) &&
                    is_digits(std::string_view(n).substr(
                        base.size() + 1, n.size() - base.size() - 1 - ext_.size()));
      bool single = o_.max_size > 0 && n == base + ext_;
      if (!rolled && !single) continue;
      std::string full = stem.has_parent_path() ? (dir / n).string() : n;
      std::error_code type_ec;
      if (written.count(full) || !it->is_regular_file(type_ec)) continue;
      std::error_code rm_ec;
      if (!fs::remove(full, rm_ec)) {
        return storage_error(full + ": cannot remove this file of an earlier run: " +
                             rm_ec.message());
      }
    }
    if (ec) return storage_error(dir.string() + ": cannot list: " + ec.message());
    return Status::ok();
  }

  const WarcOptions& o_;
  bool gz_ = false;
  std::string stem_, ext_, name_, info_id_;
  std::vector<std::unique_ptr<AtomicFile>> files_;
  AtomicFile* cur_ = nullptr;
  int64_t info_size_ = 0;
  int index_ = 0;
};

struct Previous {
  std::string id, date;
};

// The URL the request went to (WARC-Target-URI): final_url as stored (for
// an imported record, its target as written), except for a redirect, whose
// final_url is the Location: then the stored URL.
std::string requested_url(const store::FetchRow& f) {
  bool redirect = f.status >= 300 && f.status < 400 && f.status != 304 && !f.not_modified;
  return redirect || f.final_url.empty() ? f.url : f.final_url;
}

// The records of one fetch: request then response (or revisit).
std::vector<WarcRecord> fetch_records(const store::FetchRow& f,
                                      const std::string& info_id,
                                      std::map<std::string, Previous>& previous,
                                      std::string* response_id) {
  std::string date = iso8601_utc(f.fetched_at / 1000);
  std::string target = requested_url(f);
  bool revisit = f.not_modified || f.status == 304;
  WarcRecord resp;
  resp.block = header_block(f.response_headers);
  if (!revisit) resp.block += f.body;
  std::string block_digest = warc_digest(resp.block);
  std::string type = revisit ? "revisit" : "response";
  std::string id = warc_record_id(type + " " + target + " " + date + " " + block_digest);
  resp.fields = {{"WARC-Type", type},
                 {"WARC-Record-ID", id},
                 {"WARC-Date", date},
                 {"WARC-Target-URI", target},
                 {"WARC-Warcinfo-ID", info_id},
                 {"Content-Type", "application/http;msgtype=response"},
                 {"WARC-Block-Digest", block_digest}};
  if (revisit) {
    resp.fields.emplace_back("WARC-Profile",
                             "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
    auto it = previous.find(target);
    if (it != previous.end()) {
      resp.fields.emplace_back("WARC-Refers-To", it->second.id);
      resp.fields.emplace_back("WARC-Refers-To-Target-URI", target);
      resp.fields.emplace_back("WARC-Refers-To-Date", it->second.date);
    }
  } else {
    resp.fields.emplace_back("WARC-Payload-Digest", warc_digest(f.body));
    if (f.truncated) resp.fields.emplace_back("WARC-Truncated", "length");
    previous[target] = {id, date};
  }
  WarcRecord req;
  req.block = header_block(f.request_headers);
  std::string req_digest = warc_digest(req.block);
  req.fields = {{"WARC-Type", "request"},
                {"WARC-Record-ID",
                 warc_record_id("request " + target + " " + date + " " + req_digest)},
                {"WARC-Date", date},
                {"WARC-Target-URI", target},
                {"WARC-Warcinfo-ID", info_id},
                {"WARC-Concurrent-To", id},
                {"Content-Type", "application/http;msgtype=request"},
                {"WARC-Block-Digest", req_digest}};
  *response_id = id;
  return {std::move(req), std::move(resp)};
}

}  // namespace

Status write_warc(store::Store& db, const WarcOptions& options,
                  WarcStats* stats) {
  WarcStats local;
  if (!stats) stats = &local;
  if (options.path.empty()) return invalid_input("warc: no output file given");
  WarcFiles files(options);
  std::map<std::string, Previous> previous;
  std::vector<std::string> cdx;
  Status err;
  Status st = db.for_each_fetch([&](const store::FetchRow& f) {
    if (f.status == 0 || f.response_headers.empty()) return true;
    std::string date = iso8601_utc(f.fetched_at / 1000);
    std::string id;
    std::vector<std::pair<int64_t, int64_t>> where;
    auto recs = fetch_records(f, warc_record_id(""), previous, &id);
    err = files.write(recs, date, &where, stats);
    if (!err) return false;
    bool revisit = recs[1].get("WARC-Type") == "revisit";
    revisit ? ++stats->revisits : ++stats->responses;
    std::string ts = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) +
                     date.substr(11, 2) + date.substr(14, 2) + date.substr(17, 2);
    std::string target = recs[1].get("WARC-Target-URI");
    JsonWriter j;
    j.str("url", target)
        .str("mime", revisit ? "warc/revisit" : f.content_type)
        .str("status", std::to_string(f.status))
        .str("digest", revisit ? "" : recs[1].get("WARC-Payload-Digest"))
        .str("length", std::to_string(where[1].second))
        .str("offset", std::to_string(where[1].first))
        .str("filename", base_name(files.name()));
    cdx.push_back(surt(target) + " " + ts + " " + j.finish());
    return true;
  });
  if (!err) return err;
  if (!st) return st;
  if (!options.cdxj) return files.publish(stats);
  std::sort(cdx.begin(), cdx.end());
  std::string out;
  for (const auto& line : cdx) out += line + "\n";
  // The index is complete (under its temporary name) before any WARC is
  // renamed, and renamed last.
  AtomicFile index;
  st = index.create(files.cdxj_path());
  if (st) st = index.write(out);
  if (st) st = index.finish();
  if (st) st = files.publish(stats);
  if (st) st = index.publish();
  return st;
}

}  // namespace winnow::crawler
