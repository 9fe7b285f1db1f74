// base: the vocabulary every winnow stage shares -- Status/Result for expected
// failures, 128-bit content hashing, UTF-8 and string helpers, a small JSON
// reader/writer, time formatting and logging. Depends on std and xxHash only.
//
// Threading: every free function here is thread-safe; JsonWriter and
// JsonValue are plain values (one thread at a time).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/limits.h"

namespace winnow {

// ---------------------------------------------------------------- Status --
// Expected failures are values; bugs are asserts. The category decides the
// process exit code in cli/ (see README "Exit codes").
enum class ErrorKind {
  kOk = 0,
  kInvalidInput,   // unreadable file, malformed input
  kUsage,          // bad flag or argument (exit 2 rather than 1)
  kNetwork,        // DNS, connect, TLS, timeout, reset
  kHttp,           // a non-success HTTP status that ends an operation
  kRobots,         // refused by robots.txt
  kLimitExceeded,  // a base/limits.h limit tripped
  kStorage,        // SQLite or filesystem failure
  kCorrupt,        // stored data fails a check
  kInternal,       // should not happen; reported, never asserted on input
};

const char* error_kind_name(ErrorKind kind);

class Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(ErrorKind kind, std::string message) {
    return Status(kind, std::move(message));
  }
  bool is_ok() const { return kind_ == ErrorKind::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorKind kind() const { return kind_; }
  // One line naming the input (URL, file, row) and what is wrong.
  const std::string& message() const { return message_; }

 private:
  Status(ErrorKind kind, std::string message)
      : kind_(kind), message_(std::move(message)) {}
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
};

inline Status invalid_input(std::string m) {
  return Status::error(ErrorKind::kInvalidInput, std::move(m));
}
inline Status usage_error(std::string m) {
  return Status::error(ErrorKind::kUsage, std::move(m));
}
inline Status storage_error(std::string m) {
  return Status::error(ErrorKind::kStorage, std::move(m));
}

// A value or a Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool is_ok() const { return value_.has_value(); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// --------------------------------------------------------------- Hashing --
struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  bool operator==(const Hash128& o) const { return hi == o.hi && lo == o.lo; }
  bool operator!=(const Hash128& o) const { return !(*this == o); }
  bool operator<(const Hash128& o) const {
    return hi != o.hi ? hi < o.hi : lo < o.lo;
  }
  std::string hex() const;  // 32 lowercase hex digits, hi first
};

Hash128 hash128(std::string_view bytes);        // XXH3-128, seed 0
uint64_t hash64(std::string_view bytes, uint64_t seed = 0);  // XXH3-64

struct Hash128Hasher {
  size_t operator()(const Hash128& h) const { return static_cast<size_t>(h.lo); }
};

// SHA-1 (for WARC digests, which the standard fixes to sha1) and base32.
std::string sha1_raw(std::string_view bytes);     // 20 raw bytes
std::string base32_encode(std::string_view raw);  // RFC 4648, upper case

// --------------------------------------------------------------- Strings --
std::string_view trim(std::string_view s);  // ASCII whitespace
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool contains_ci(std::string_view hay, std::string_view needle);

// UTF-8: validity, repair (invalid sequences become U+FFFD), decoding.
bool is_valid_utf8(std::string_view s);
std::string repair_utf8(std::string_view s);
// Decodes one code point at s[i], advancing i; returns U+FFFD on bad input,
// one per maximal invalid subpart (a cut-off sequence's valid prefix is one
// U+FFFD), as the WHATWG UTF-8 decoder does.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);
bool is_unicode_space(char32_t cp);  // ASCII space, NBSP, U+2000..200A, etc.
// Reads the character of s at i, advancing i past it, and says whether it
// is white space (is_unicode_space); ASCII without decoding.
inline bool next_is_space(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
  }
  return is_unicode_space(next_code_point(s, i));
}
// Collapses runs of any Unicode white space (incl. NBSP) to one ASCII space
// and trims both ends.
std::string collapse_whitespace(std::string_view s);
// The page a URL names, for comparing two URLs of one crawl: the URL
// without its fragment and without a final "index.html", "index.htm" or
// "index.php" after a slash (a static server answers "/x/" with
// "/x/index.html"). A view into `url`.
std::string_view page_of_url(std::string_view url);
// page_of_url(a) == page_of_url(b), and neither is empty.
bool same_page_url(std::string_view a, std::string_view b);
// The authority ("host[:port]", as written) of an absolute URL; "" if none.
// A view into `url`.
std::string_view url_authority(std::string_view url);

// Words as a reader counts them, in any script (base/words.cc): a run of
// non-space characters counts once, except that each CJK ideograph, kana
// and hangul syllable is a word of its own, and runs in scripts written
// without spaces (Thai, Lao, Khmer, Myanmar) count one word per 4 code
// points. CJK and full-width punctuation separate words and is no word.
// Stops counting past `limit` (returns at most limit + 1).
size_t count_words(std::string_view s, size_t limit = SIZE_MAX);
// Calls fn(word) for each word count_words counts, in order: a view of a
// run, of one ideograph, or of up to 4 code points of a no-space script.
// Punctuation inside a run stays in it ("2**10", "don't").
template <typename Fn>
void for_each_word(std::string_view s, Fn&& fn);
// What a code point is to word splitting.
enum class WordClass : uint8_t {
  kSpace,      // Unicode white space
  kBreak,      // CJK / full-width punctuation: separates words, is none
  kIdeograph,  // Han, kana, hangul syllables, bopomofo: one word each
  kNoSpace,    // Thai, Lao, Khmer, Myanmar letters and marks
  kOther,      // everything else: part of a run
};
WordClass word_class(char32_t cp);

// --------------------------------------------------------------- Charset --
// Sniffs the encoding of an HTML/text body: BOM, then `declared` (a
// Content-Type value or a bare label, may be empty), then a <meta charset>
// prescan, then UTF-8 sniffing. A UTF-8 label is followed whatever the bytes
// (bad bytes become U+FFFD when converting, as in browsers). Valid UTF-8
// holding non-ASCII bytes wins over a single-byte declaration. Without a
// usable label, text with at least as many well-formed multi-byte UTF-8
// characters as invalid sequences is UTF-8, the rest windows-1252. A
// sequence cut off by the end of `bytes` (a body cut at a byte limit) does
// not count against UTF-8. Returns one of "utf-8", "windows-1252" (also for
// iso-8859-1/ascii labels, as browsers do), "iso-8859-15", "utf-16le",
// "utf-16be".
std::string detect_charset(std::string_view bytes, std::string_view declared);
// Converts bytes in `charset` (any label detect_charset returns or accepts)
// to UTF-8; a BOM is dropped; bad sequences become U+FFFD. Unknown labels
// are treated as UTF-8 (with repair).
std::string convert_to_utf8(std::string_view bytes, std::string_view charset);

// ------------------------------------------------------------------ JSON --
// Appends s as a JSON string literal (quotes included). Invalid UTF-8 is
// repaired; control characters are escaped.
void json_quote(std::string& out, std::string_view s);

// Builds one JSON object on a single line, keys in insertion order.
class JsonWriter {
 public:
  JsonWriter& str(std::string_view key, std::string_view value);
  JsonWriter& num(std::string_view key, int64_t value);
  JsonWriter& real(std::string_view key, double value);
  JsonWriter& boolean(std::string_view key, bool value);
  JsonWriter& null(std::string_view key);
  JsonWriter& raw(std::string_view key, std::string_view json);  // pre-encoded
  JsonWriter& str_array(std::string_view key,
                        const std::vector<std::string>& values);
  std::string finish() const;  // "{...}"

 private:
  void key(std::string_view k);
  std::string body_;
};

// A parsed JSON value (for reading JSONL inputs, gold files, expectations).
class JsonValue {
 public:
  using Array = std::vector<JsonValue>;
  using Object = std::vector<std::pair<std::string, JsonValue>>;
  JsonValue() = default;
  static Result<JsonValue> parse(std::string_view text);

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_number() const { return std::holds_alternative<double>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_array() const { return std::holds_alternative<Array>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }

  bool as_bool(bool def = false) const;
  double as_number(double def = 0) const;
  const std::string& as_string() const;  // "" if not a string
  const Array& as_array() const;         // empty if not an array
  const Object& as_object() const;       // empty if not an object
  // Member lookup; returns a null value when absent or not an object.
  const JsonValue& operator[](std::string_view key) const;
  std::string get_string(std::string_view key, const std::string& def = "") const;

  template <typename T>
  explicit JsonValue(T v) : v_(std::move(v)) {}

 private:
  std::variant<std::monostate, bool, double, std::string, Array, Object> v_;
};

// ------------------------------------------------------------------ Time --
int64_t unix_now_ms();
// "2024-03-05T10:20:30Z"
std::string iso8601_utc(int64_t unix_seconds);
// IMF-fixdate (RFC 9110 5.6.7) "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(int64_t unix_seconds);
// Parses IMF-fixdate, RFC 850 and asctime forms; nullopt if none match.
std::optional<int64_t> parse_http_date(std::string_view s);
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

// --------------------------------------------------------------- Logging --
enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kQuiet = 4 };
void set_log_level(LogLevel level);
LogLevel log_level();
// Writes "winnow: <level>: message" to stderr when level passes the filter.
// Thread-safe; one line per call.
void log_line(LogLevel level, std::string_view message);
inline void log_warn(std::string_view m) { log_line(LogLevel::kWarn, m); }
inline void log_info(std::string_view m) { log_line(LogLevel::kInfo, m); }
inline void log_debug(std::string_view m) { log_line(LogLevel::kDebug, m); }

// ------------------------------------------------------ Files, zlib, zstd --
Result<std::string> read_file(const std::string& path);
// Writes atomically through an AtomicFile: readers see the old bytes or the
// new ones, never a mix; on failure the old file is untouched and no
// temporary file is left.
Status write_file_atomic(const std::string& path, std::string_view data);

// Removes ".winnow-tmp-PID-N" files in dir (and below it when recursive)
// whose process no longer runs: what a writer killed mid-write left.
// AtomicFile calls it once per folder per process; the mirror sweeps its
// whole tree. Returns how many were removed.
size_t remove_stale_temporaries(const std::string& dir, bool recursive);

// A file written under a unique temporary name in the target's folder
// (".winnow-tmp-PID-N", created with O_EXCL, so it never takes over an
// existing file; mode 0666 less the umask) and renamed over the target only by publish(), so the target holds
// its old bytes until the new ones are complete and on disk. Dropped
// without publish(), it removes its temporary. Errors name the target.
// Ownership: owns the descriptor and the temporary; one thread at a time.
class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status create(const std::string& path);
  Status write(std::string_view data);  // buffered
  // Flushes, fsyncs and closes (checking close); no more writes.
  Status finish();
  // finish() if not done, then renames the temporary over the target.
  Status publish();
  int64_t size() const { return size_; }  // bytes written so far
  const std::string& path() const { return path_; }

 private:
  Status flush();
  void discard();
  std::string path_, tmp_, buf_;
  int fd_ = -1;
  int64_t size_ = 0;
  bool finished_ = false;
};

// zlib/gzip helpers. inflate_any accepts zlib, gzip (multi-member) and raw
// deflate; stops with kLimitExceeded once output would exceed max_out.
std::string zlib_compress(std::string_view data, int level = 6);
Result<std::string> inflate_any(std::string_view data, size_t max_out);
std::string gzip_member(std::string_view data, int level = 6);

// zstd helpers (stored bodies: fetches.body_z). zstd_compress writes one
// frame with its content size; "" only if zstd fails (never in practice).
std::string zstd_compress(std::string_view data, int level = 1);
// True if data starts with a zstd frame (magic 28 B5 2F FD).
bool is_zstd_frame(std::string_view data);
// Decompresses a stored body: zstd frames (sniffed by their magic) or
// anything inflate_any accepts (stores written before zstd hold zlib).
// kLimitExceeded once output would exceed max_out (decompression bombs),
// kCorrupt on damaged or truncated data; "" gives "".
Result<std::string> decompress_any(std::string_view data, size_t max_out);

// ------------------------------------------------- for_each_word (inline) --
template <typename Fn>
void for_each_word(std::string_view s, Fn&& fn) {
  size_t start = 0, i = 0;
  WordClass run = WordClass::kSpace;  // class of the open run (kSpace: none)
  int no_space_cps = 0;
  auto close = [&](size_t end) {
    if (run != WordClass::kSpace && end > start) fn(s.substr(start, end - start));
    run = WordClass::kSpace;
  };
  while (i < s.size()) {
    const size_t at = i;
    const auto b = static_cast<unsigned char>(s[i]);
    WordClass c;
    if (b < 0x80) {
      ++i;
      c = (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
              ? WordClass::kSpace : WordClass::kOther;
    } else {
      c = word_class(next_code_point(s, i));
    }
    switch (c) {
      case WordClass::kSpace:
      case WordClass::kBreak:
        close(at);
        break;
      case WordClass::kIdeograph:
        close(at);
        fn(s.substr(at, i - at));
        break;
      case WordClass::kNoSpace:
        if (run != WordClass::kNoSpace || no_space_cps == 4) {
          close(at);
          run = WordClass::kNoSpace;
          start = at;
          no_space_cps = 0;
        }
        ++no_space_cps;
        break;
      case WordClass::kOther:
        if (run != WordClass::kOther) {
          close(at);
          run = WordClass::kOther;
          start = at;
        }
        break;
    }
  }
  close(s.size());
}

}  // namespace winnow
