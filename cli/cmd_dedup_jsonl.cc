// cmd_dedup_jsonl.cc: `winnow dedup-jsonl IN --out OUT` -- exact (and with
// --near, near-duplicate) dedup of a JSONL dataset from elsewhere, or of a
// plain file with one paragraph per line (--format lines). Streaming with
// big buffers and a 12-byte-per-slot hash set: memory grows only with the
// number of distinct texts. Order-preserving; the first occurrence wins.
// Rules: docs/internals/dedup.md "dedup-jsonl".
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

#include "cli/cli.h"
#include "dedup/dedup.h"

namespace winnow::cli {

namespace {

struct JsonlArgs {
  std::string in;
  std::string out;
  std::string field = "text";
  std::string level = "both";   // paragraph | document | both
  std::string format = "jsonl"; // jsonl | lines
  bool raw = false;             // hash bytes as they are, no normalisation
  bool near = false;            // also near-duplicates (keeps shingle sets)
  bool fold_digits = false;
  int min_words = 5;
  size_t max_line = limits::kMaxJsonlLineBytes;
};

struct Counts {
  int64_t lines = 0, docs_removed = 0, paras = 0, paras_removed = 0;
  int64_t too_long = 0, no_field = 0;
};

// Reads lines with one big buffer; a line longer than max_line is skipped
// (reported through too_long) without being held in memory.
class LineReader {
 public:
  LineReader(std::FILE* f, size_t max_line) : f_(f), max_(max_line) {
    buf_.resize(kChunk);
  }
  // Next line without its '\n' (and a trailing '\r'); false at the end.
  bool next(std::string_view& line, int64_t& too_long) {
    for (;;) {
      if (take(line, too_long)) return true;
      if (!fill(too_long)) return false;
    }
  }
  int64_t number() const { return number_; }
  bool error() const { return std::ferror(f_) != 0; }

 private:
  static constexpr size_t kChunk = 1u << 20;
  // The next complete line already in the buffer; false if there is none.
  bool take(std::string_view& line, int64_t& too_long) {
    for (;;) {
      const char* nl = static_cast<const char*>(
          std::memchr(buf_.data() + pos_, '\n', end_ - pos_));
      if (!nl) return false;
      const size_t n = static_cast<size_t>(nl - (buf_.data() + pos_));
      const size_t start = pos_;
      pos_ += n + 1;
      ++number_;
      if (skipping_) {
        skipping_ = false;
        ++too_long;
        continue;
      }
      if (n > max_) {
        ++too_long;
        continue;
      }
      line = std::string_view(buf_.data() + start, n);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
  }
  // Moves the partial line to the front and reads more; false at EOF.
  bool fill(int64_t& too_long) {
    const size_t rest = end_ - pos_;
    if (skipping_ || rest > max_) {
      skipping_ = true;
      pos_ = end_ = 0;
    } else {
      std::memmove(buf_.data(), buf_.data() + pos_, rest);
      pos_ = 0;
      end_ = rest;
    }
    if (buf_.size() - end_ < kChunk / 2) buf_.resize(buf_.size() * 2);
    const size_t got = std::fread(buf_.data() + end_, 1, buf_.size() - end_, f_);
    if (got == 0) {
      if (end_ > pos_ || skipping_) {  // last line without '\n'
        buf_.resize(std::max(buf_.size(), end_ + 1));
        buf_[end_++] = '\n';
        (void)too_long;
        return true;
      }
      return false;
    }
    end_ += got;
    return true;
  }
  std::FILE* f_;
  size_t max_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool skipping_ = false;
  int64_t number_ = 0;
};

class Deduper {
 public:
  explicit Deduper(const JsonlArgs& a)
      : a_(a), no_{a.fold_digits}, normalizer_(no_), near_docs_(3, 0.40),
        near_paras_(2, 0.45) {}
  // Exact, first occurrence wins; documents and paragraphs in two sets.
  bool seen(std::string_view text, bool doc = false) {
    dedup::HashSet& set = doc ? doc_set_ : set_;
    if (a_.raw) return !set.insert(hash128(text));
    normalizer_.normalize(text, norm_);
    return !set.insert(hash128(norm_));
  }
  // Removes repeated paragraphs; returns false if the document is a repeat
  // or nothing new is left.
  bool filter(std::string& text, Counts& c);

 private:
  bool near_seen(dedup::NearIndex& idx, int k, int64_t& next_id) {
    auto sh = dedup::shingles(norm_, k);
    if (idx.find(sh) >= 0) return true;
    idx.add(next_id++, std::move(sh));
    return false;
  }
  const JsonlArgs& a_;
  dedup::NormalizeOptions no_;
  dedup::Normalizer normalizer_;
  dedup::HashSet set_, doc_set_;
  std::string norm_;
  dedup::NearIndex near_docs_, near_paras_;
  int64_t doc_ids_ = 0, para_ids_ = 0;
};

bool Deduper::filter(std::string& text, Counts& c) {
  const bool doc_level = a_.level != "paragraph";
  const bool para_level = a_.level != "document";
  if (doc_level) {
    if (seen(text, true)) return false;
    if (a_.near) {
      normalizer_.normalize(text, norm_);
      if (near_seen(near_docs_, 3, doc_ids_)) return false;
    }
  }
  if (!para_level) return true;
  std::string out;
  bool any_new = false, any_removed = false;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find("\n\n", i);
    if (j == std::string::npos) j = text.size();
    std::string_view p = trim(std::string_view(text).substr(i, j - i));
    i = j;
    while (i < text.size() && (text[i] == '\n' || text[i] == '\r')) ++i;
    if (p.empty()) continue;
    ++c.paras;
    normalizer_.normalize(p, norm_);
    const bool short_para = count_words(norm_) < static_cast<size_t>(a_.min_words);
    bool dup = !short_para && seen(p);
    if (!dup && !short_para && a_.near && count_words(norm_) >= 20) {
      normalizer_.normalize(p, norm_);
      dup = near_seen(near_paras_, 2, para_ids_);
    }
    if (dup) {
      ++c.paras_removed;
      any_removed = true;
      continue;
    }
    any_new = any_new || !short_para;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  if (any_removed && !any_new) return false;
  if (any_removed) text = std::move(out);
  return true;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

int finish(const JsonlArgs& a, const Counts& c, std::FILE* out) {
  if (std::fflush(out) != 0 || std::ferror(out)) {
    return fail(invalid_input(a.out + ": write failed"));
  }
  std::fprintf(stderr,
               "winnow: dedup-jsonl: %s: %lld lines, %lld documents removed, "
               "%lld of %lld paragraphs removed, %lld lines over %zu bytes "
               "skipped, %lld without a \"%s\" string\n",
               a.in.c_str(), static_cast<long long>(c.lines),
               static_cast<long long>(c.docs_removed),
               static_cast<long long>(c.paras_removed),
               static_cast<long long>(c.paras),
               static_cast<long long>(c.too_long), a.max_line,
               static_cast<long long>(c.no_field), a.field.c_str());
  return kExitOk;
}

// --format lines: each line is one paragraph, exact dedup (bytes with --raw,
// else the normal form). Two threads in a pipeline over a ring of kSlots
// buffers of 512 KiB (memory stays at that, whatever the input). The
// calling thread reads a buffer (read(2): files and pipes alike), splits it
// into lines, and later writes the kept lines of that buffer with writev(2)
// straight from it; the set thread hashes each line, prefetches its set
// slot kPrefetch lines ahead and inserts the hashes in input order, marking
// which lines are new. Hashing (the normaliser, without --raw) goes to
// whichever thread has time: the reader hashes a buffer itself when the set
// thread already has another one waiting. Each buffer goes kFree -> kReady
// (reader) -> kDecided (set thread) -> written and kFree again (reader), so
// the output is the same as one line at a time.
class LinesPipeline {
 public:
  LinesPipeline(const JsonlArgs& a, int in_fd, int out_fd)
      : a_(a), in_(in_fd), out_(out_fd),
        normalizer_(dedup::NormalizeOptions{a.fold_digits}),
        set_normalizer_(dedup::NormalizeOptions{a.fold_digits}) {}
  // Returns "" or an error message ("read failed", "write failed").
  std::string run(Counts& c);

 private:
  static constexpr size_t kSlots = 4;
  static constexpr size_t kSlotBytes = 512u << 10;
  static constexpr size_t kSlotMaxLines = 1u << 15;
  static constexpr size_t kPrefetch = 16;  // inserts the prefetch runs ahead
  static constexpr uint32_t kAddNewline = 1u << 31;  // in Line::len
  enum State : uint32_t { kFree, kReady, kDecided };
  // A line is buf[off, off + len); unless kAddNewline is set, buf[off + len]
  // is its '\n' and is written with it, else "\n" is written after it (a
  // stripped '\r', or the last line without '\n').
  struct Line {
    uint32_t off, len;
  };
  struct Slot {
    std::vector<char> buf;
    std::vector<Line> lines;
    std::vector<Hash128> hashes;  // when hashed by the reader
    bool hashed = false;
    std::vector<uint8_t> keep;  // set thread: 1 = first occurrence
    bool last = false;          // the end of the input
    std::atomic<uint32_t> state{kFree};
  };

  void fill(size_t i);  // reader: slot i gets the next lines (and hashes)
  Hash128 hash(dedup::Normalizer& n, const Slot& s, size_t j) const {
    const Line l = s.lines[j];
    const std::string_view line(s.buf.data() + l.off, l.len & ~kAddNewline);
    return hash128(a_.raw ? line : n.normalize(line));
  }
  void add_line(Slot& s, size_t off, size_t n, bool add_newline);
  void write(Slot& s, Counts& c);  // reader: the kept lines of s
  void decide();                   // the set thread
  static void wait_for(Slot& s, uint32_t want) {
    for (uint32_t st; (st = s.state.load(std::memory_order_acquire)) != want;) {
      s.state.wait(st, std::memory_order_acquire);
    }
  }
  static void publish(Slot& s, uint32_t st) {
    s.state.store(st, std::memory_order_release);
    s.state.notify_one();
  }

  const JsonlArgs& a_;
  int in_, out_;
  dedup::Normalizer normalizer_, set_normalizer_;  // one per thread
  Slot slots_[kSlots];
  // The unfinished end of the previous buffer: slots_[carry_slot_].buf
  // [carry_off_, carry_off_ + carry_len_), copied to the front of the next.
  // carry_partial_: it holds no '\n' (one unfinished line).
  size_t carry_slot_ = 0, carry_off_ = 0, carry_len_ = 0;
  bool carry_partial_ = true;
  bool eof_ = false, skipping_ = false, read_failed_ = false;
  bool write_failed_ = false;
  int64_t number_ = 0, too_long_ = 0;
};

void LinesPipeline::add_line(Slot& s, size_t off, size_t n, bool add_newline) {
  if (n > 0 && s.buf[off + n - 1] == '\r') {
    --n;
    add_newline = true;
  }
  s.lines.push_back({static_cast<uint32_t>(off),
                     static_cast<uint32_t>(n) | (add_newline ? kAddNewline : 0)});
}

void LinesPipeline::fill(size_t i) {
  Slot& s = slots_[i];
  s.lines.clear();
  // An unfinished long line doubles the buffer (amortised linear); a big
  // buffer left by one goes back to kSlotBytes.
  const size_t want = std::max(kSlotBytes, carry_partial_ ? 2 * carry_len_ : carry_len_);
  if (s.buf.size() < want || (s.buf.size() > 4 * want && carry_len_ < kSlotBytes / 2)) {
    std::vector<char>(want).swap(s.buf);
  }
  if (carry_len_) {
    std::memcpy(s.buf.data(), slots_[carry_slot_].buf.data() + carry_off_, carry_len_);
  }
  size_t end = carry_len_;
  carry_len_ = 0;
  while (end < s.buf.size() && !eof_) {
    const ssize_t got = ::read(in_, s.buf.data() + end, s.buf.size() - end);
    if (got > 0) {
      end += static_cast<size_t>(got);
    } else if (got == 0 || errno != EINTR) {
      eof_ = true;
      read_failed_ = got < 0;
    }
  }
  const char* data = s.buf.data();
  // One more input line at off, n bytes: kept, or counted as over-long (also
  // the end of one whose start was dropped while skipping_).
  auto take = [&](size_t off, size_t n, bool add_newline) {
    ++number_;
    if (skipping_ || n > a_.max_line) {
      skipping_ = false;
      ++too_long_;
    } else {
      add_line(s, off, n, add_newline);
    }
  };
  size_t pos = 0;
  while (s.lines.size() < kSlotMaxLines) {
    const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', end - pos));
    if (!nl) break;
    const size_t n = static_cast<size_t>(nl - (data + pos));
    take(pos, n, false);
    pos += n + 1;
  }
  const size_t rest = end - pos;
  carry_partial_ = true;
  if (s.lines.size() == kSlotMaxLines && rest > 0) {  // more lines: next time
    carry_slot_ = i, carry_off_ = pos, carry_len_ = rest;
    carry_partial_ = !std::memchr(data + pos, '\n', rest);
  } else if (eof_) {
    if (rest > 0 || skipping_) take(pos, rest, true);  // the last line, without '\n'
  } else if (skipping_ || rest > a_.max_line) {
    skipping_ = true;  // over-long: dropped as it comes, never held whole
  } else {
    carry_slot_ = i, carry_off_ = pos, carry_len_ = rest;
  }
  s.last = eof_ && carry_len_ == 0;
  // Load balance: while the set thread has another buffer waiting besides
  // the one it works on, the reader is ahead and hashes this one itself
  // (normalising, without --raw); otherwise the set thread hashes it.
  size_t waiting = 0;
  for (size_t k = 0; k < kSlots; ++k) {
    waiting += k != i && slots_[k].state.load(std::memory_order_acquire) == kReady;
  }
  s.hashed = waiting >= 2;
  if (s.hashed) {
    s.hashes.resize(s.lines.size());
    for (size_t j = 0; j < s.lines.size(); ++j) s.hashes[j] = hash(normalizer_, s, j);
  }
}

void LinesPipeline::decide() {
  dedup::HashSet set;
  Hash128 h[kPrefetch];
  for (size_t i = 0;; i = (i + 1) % kSlots) {
    Slot& s = slots_[i];
    wait_for(s, kReady);
    const size_t n = s.lines.size();
    s.keep.resize(n);
    // Line j is hashed and its slot prefetched kPrefetch inserts before
    // its own insert.
    for (size_t j = 0; j < n + kPrefetch; ++j) {
      Hash128& slot = h[j % kPrefetch];  // line j - kPrefetch's, then j's
      if (j >= kPrefetch) s.keep[j - kPrefetch] = set.insert(slot);
      if (j < n) {
        slot = s.hashed ? s.hashes[j] : hash(set_normalizer_, s, j);
        set.prefetch(slot);
      }
    }
    const bool last = s.last;
    publish(s, kDecided);
    if (last) return;
  }
}

void LinesPipeline::write(Slot& s, Counts& c) {
  static const char kNewline = '\n';
  constexpr int kIov = 1024;  // IOV_MAX on Linux
  iovec iov[kIov];
  int k = 0;
  auto flush = [&] {
    iovec* v = iov;
    while (k > 0 && !write_failed_) {
      const ssize_t w = ::writev(out_, v, k);
      if (w < 0) {
        if (errno != EINTR) write_failed_ = true;
        continue;
      }
      size_t left = static_cast<size_t>(w);
      while (k > 0 && left >= v->iov_len) left -= v->iov_len, ++v, --k;
      if (k > 0) {
        v->iov_base = static_cast<char*>(v->iov_base) + left;
        v->iov_len -= left;
      }
    }
    k = 0;
  };
  auto piece = [&](const char* p, size_t n) {
    if (k > 0 && static_cast<const char*>(iov[k - 1].iov_base) + iov[k - 1].iov_len == p) {
      iov[k - 1].iov_len += n;  // adjacent in the buffer: one run
      return;
    }
    if (k == kIov) flush();
    iov[k++] = {const_cast<char*>(p), n};
  };
  const size_t n = s.lines.size();
  c.paras += static_cast<int64_t>(n);
  for (size_t j = 0; j < n; ++j) {
    if (!s.keep[j]) {
      ++c.paras_removed;
      continue;
    }
    const Line l = s.lines[j];
    const size_t len = l.len & ~kAddNewline;
    if (l.len & kAddNewline) {
      piece(s.buf.data() + l.off, len);
      piece(&kNewline, 1);
    } else {
      piece(s.buf.data() + l.off, len + 1);
    }
  }
  flush();
}

std::string LinesPipeline::run(Counts& c) {
  std::thread setter([this] { decide(); });
  size_t head = 0, tail = 0, inflight = 0;  // oldest unwritten, next to fill
  bool reading = true;
  while (reading || inflight > 0) {
    if (reading && inflight < kSlots) {
      fill(tail);
      reading = !slots_[tail].last;
      if (reading && write_failed_) {  // stop: an empty last slot
        slots_[tail].lines.clear();
        slots_[tail].last = true;
        reading = false;
      }
      publish(slots_[tail], kReady);
      tail = (tail + 1) % kSlots;
      ++inflight;
      if (slots_[head].state.load(std::memory_order_acquire) != kDecided) continue;
    }
    wait_for(slots_[head], kDecided);
    write(slots_[head], c);
    slots_[head].state.store(kFree, std::memory_order_relaxed);
    head = (head + 1) % kSlots;
    --inflight;
  }
  setter.join();
  c.lines = number_;
  c.too_long = too_long_;
  if (read_failed_) return a_.in + ": read failed";
  if (write_failed_) return a_.out + ": write failed";
  return "";
}

// Dedups a.in into `out` (stdout or the temporary file run() renames).
int run_to(const JsonlArgs& a, std::FILE* out) {
  if (a.format == "lines") {
    const int fd = a.in == "-" ? 0 : ::open(a.in.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(invalid_input(a.in + ": cannot open: " + std::strerror(errno)));
    Counts c;
    std::string err;
    if (std::fflush(out) != 0) {
      err = a.out + ": write failed";
    } else {
      err = LinesPipeline(a, fd, fileno(out)).run(c);
    }
    if (fd != 0) ::close(fd);
    if (!err.empty()) return fail(invalid_input(err));
    return finish(a, c, out);
  }
  File in(a.in == "-" ? nullptr : std::fopen(a.in.c_str(), "rb"));
  std::FILE* inp = a.in == "-" ? stdin : in.get();
  if (!inp) return fail(invalid_input(a.in + ": cannot open: " + std::strerror(errno)));
  LineReader reader(inp, a.max_line);
  Counts c;
  Deduper dd(a);
  std::string_view line;
  while (reader.next(line, c.too_long)) {
    ++c.lines;
    if (trim(line).empty()) continue;
    auto v = JsonValue::parse(line);
    if (!v || !v->is_object()) {
      return fail(invalid_input(a.in + ":" + std::to_string(reader.number()) +
                                ": not a JSON object"));
    }
    size_t b = 0, e = 0;
    if (!(*v)[a.field].is_string() || !find_member(line, a.field, b, e)) {
      ++c.no_field;
      std::fwrite(line.data(), 1, line.size(), out);
      std::fputc('\n', out);
      continue;
    }
    std::string text = (*v)[a.field].as_string();
    const std::string before = text;
    if (!dd.filter(text, c)) {
      ++c.docs_removed;
      continue;
    }
    if (text == before) {
      std::fwrite(line.data(), 1, line.size(), out);
    } else {
      std::string rebuilt(line.substr(0, b));
      json_quote(rebuilt, text);
      rebuilt += line.substr(e);
      std::fwrite(rebuilt.data(), 1, rebuilt.size(), out);
    }
    std::fputc('\n', out);
  }
  if (reader.error()) return fail(invalid_input(a.in + ": read failed"));
  c.lines = reader.number();  // skipped over-long lines included
  return finish(a, c, out);
}

// `--out -` writes to stdout. Otherwise output goes to OUT.partial, renamed
// over OUT only on success: a failed run leaves an existing OUT untouched.
int run(const JsonlArgs& a) {
  // Static: stdout's buffer must outlive the flush at exit. Not touched
  // (not resident) with --format lines, which writes with writev(2).
  constexpr size_t kObuf = 1u << 20;
  static char* const obuf = new char[kObuf];
  if (a.out == "-") {
    std::setvbuf(stdout, obuf, _IOFBF, kObuf);
    return run_to(a, stdout);
  }
  std::string tmp = a.out + ".partial";
  File out(std::fopen(tmp.c_str(), "wb"));
  if (!out) return fail(invalid_input(a.out + ": cannot create: " + std::strerror(errno)));
  std::setvbuf(out.get(), obuf, _IOFBF, kObuf);
  int rc = run_to(a, out.get());
  if (std::fclose(out.release()) != 0 && rc == kExitOk) {
    rc = fail(invalid_input(a.out + ": write failed"));
  }
  if (rc == kExitOk && std::rename(tmp.c_str(), a.out.c_str()) != 0) {
    rc = fail(invalid_input(a.out + ": cannot rename into place: " + std::strerror(errno)));
  }
  if (rc != kExitOk) std::remove(tmp.c_str());
  return rc;
}

}  // namespace

void add_dedup_jsonl_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<JsonlArgs>();
  CLI::App* sub = app.add_subcommand(
      "dedup-jsonl",
      "Remove duplicate documents and paragraphs from a JSONL file (streaming, "
      "order-preserving, first occurrence wins)");
  sub->add_option("in", a->in, "Input JSONL file ('-' = stdin)")->required();
  sub->add_option("--out", a->out, "Output file ('-' = stdout; written in full or not at all)")->required();
  sub->add_option("--field", a->field, "String member holding the text (default text)");
  sub->add_option("--level", a->level, "paragraph | document | both (default both)")
      ->check(CLI::IsMember({"paragraph", "document", "both"}));
  sub->add_option("--format", a->format,
                  "jsonl, or lines: one paragraph per line, exact dedup of lines")
      ->check(CLI::IsMember({"jsonl", "lines"}));
  sub->add_flag("--raw", a->raw, "Hash raw bytes (no Unicode normalisation)");
  sub->add_flag("--near", a->near,
                "Also remove near-duplicates (documents; paragraphs of 20+ words)");
  sub->add_flag("--fold-digits", a->fold_digits, "Treat all digits as equal");
  sub->add_option("--min-words", a->min_words,
                  "Paragraphs with fewer normalised words are never removed (default 5)")
      ->check(CLI::Range(1, 100));
  sub->add_option("--max-line-bytes", a->max_line,
                  "Longer lines are reported and skipped (default 64 MiB)")
      ->check(CLI::Range(size_t{1}, limits::kMaxJsonlLineBytes));
  sub->callback([a, &action] { action = [a] { return run(*a); }; });
}

}  // namespace winnow::cli
