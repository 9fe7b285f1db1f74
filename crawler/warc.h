// warc.h: part of the crawler front door (crawler/crawler.h) -- WARC/1.1
// output (warcinfo, request, response and revisit records, one gzip member
// per record, deterministic record ids, size-based rolling, a CDXJ index)
// and WARC import (ours and other tools', plain or gzip multi-member).
// Record layout and rules: docs/internals/mirror-warc.md.
//
// Threading: the record helpers are pure and thread-safe; write_warc and
// import_warc use one Store on the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"

namespace winnow::store {
class Store;
}

namespace winnow::crawler {

// "sha1:" + RFC 4648 base32 of the SHA-1 of bytes (WARC-*-Digest values).
std::string warc_digest(std::string_view bytes);

// "<urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx>" derived from `seed`
// (SHA-1 based, RFC 4122 version 5 layout): the same seed gives the same id.
std::string warc_record_id(std::string_view seed);

// One WARC record: named fields in order, and the block.
struct WarcRecord {
  std::vector<std::pair<std::string, std::string>> fields;  // without
                                                            // Content-Length
  std::string block;
  // The value of a field (case-insensitive name), "" if absent.
  std::string get(std::string_view name) const;
};

// "WARC/1.1\r\n" + fields + "Content-Length: N\r\n\r\n" + block + "\r\n\r\n".
std::string serialize_warc_record(const WarcRecord& record);

// The SURT form of a URL used as the CDXJ key: scheme and "www." dropped,
// host labels reversed and comma-joined, non-default port kept as ":PORT",
// then ")" + path + "?" + query with parameters sorted, all lower case
// ("http://www.Example.com/a?b=1&a=2" -> "com,example)/a?a=2&b=1").
std::string surt(std::string_view url);

// Options for write_warc(); field by field.
struct WarcOptions {
  std::string path;       // output file; ".gz" suffix = gzip members
                          // (one per record), otherwise plain; required
  int64_t max_size = 0;   // bytes per file before rolling to the next;
                          // 0 = one file. With rolling the files are
                          // STEM-00000.warc[.gz], STEM-00001...
  bool cdxj = true;       // also write STEM.cdxj (sorted) beside it
};

struct WarcStats {
  int64_t records = 0;    // records written (all types)
  int64_t responses = 0;
  int64_t revisits = 0;
  int64_t files = 0;      // WARC files written
  int64_t bytes = 0;      // bytes written over all files
  std::vector<std::string> paths;  // files written, in order
};

// Writes every stored fetch (oldest first) as request + response records
// (revisit for a 304), headers and payload exactly as received. Network
// errors (status 0) are left out. Output is reproducible: ids and dates
// come from the stored data only.
Status write_warc(store::Store& db, const WarcOptions& options,
                  WarcStats* stats);

// ------------------------------------------------------------------ import --
struct ImportStats {
  int64_t records = 0;    // records read
  int64_t responses = 0;  // stored as fetches
  int64_t revisits = 0;   // stored as not-modified fetches
  int64_t skipped = 0;    // other record types, non-http targets
  int64_t malformed = 0;  // warned about and skipped
};

// Calls fn for each record of a WARC file (plain or gzip, multi-member);
// `offset` is where the record starts in the uncompressed stream. A
// malformed record is reported to `warn` (one line naming file and offset)
// and skipped; a record block over limits::kMaxWarcRecordBytes likewise.
// Fails (kInvalidInput) when the file does not start with a WARC record.
Status read_warc(const std::string& path,
                 const std::function<Status(const WarcRecord&, int64_t offset)>& fn,
                 const std::function<void(const std::string&)>& warn,
                 size_t max_record_bytes = limits::kMaxWarcRecordBytes);

// Reads WARC files into the store as urls + fetches rows (response and
// revisit records; requests supply the request headers). A non-WARC file
// fails before anything is stored; malformed records are warned and
// skipped. One transaction per file.
Status import_warc(store::Store& db, const std::string& path,
                   ImportStats* stats);

}  // namespace winnow::crawler
