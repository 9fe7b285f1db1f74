// cmd_dedup_jsonl.cc: `winnow dedup-jsonl IN --out OUT` -- exact (and with
// --near, near-duplicate) dedup of a JSONL dataset from elsewhere, or of a
// plain file with one paragraph per line (--format lines). Streaming with
// big buffers and a 12-byte-per-slot hash set: memory grows only with the
// number of distinct texts. Order-preserving; the first occurrence wins.
// Rules: docs/internals/dedup.md "dedup-jsonl".
#include <cstdio>
#include <cstring>
#include <memory>

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
  // Up to max next lines, all views into the buffer as it is now (valid
  // until the next call); 0 at the end.
  size_t batch(std::string_view* lines, size_t max, int64_t& too_long) {
    for (;;) {
      size_t k = 0;
      while (k < max && take(lines[k], too_long)) ++k;
      if (k > 0) return k;
      if (!fill(too_long)) return 0;
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

// Byte range of the top-level string member `field` in a JSON object line.
bool find_member(std::string_view s, std::string_view field, size_t& b,
                 size_t& e);

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

bool find_member(std::string_view s, std::string_view field, size_t& b,
                 size_t& e) {
  size_t i = 0;
  auto ws = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
  };
  auto skip_string = [&]() -> bool {  // at '"'
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '"') {
        ++i;
        return true;
      }
    }
    return false;
  };
  auto skip_value = [&]() -> bool {
    int depth = 0;
    do {
      ws();
      if (i >= s.size()) return false;
      const char ch = s[i];
      if (ch == '"') {
        if (!skip_string()) return false;
      } else if (ch == '{' || ch == '[') {
        ++depth, ++i;
      } else if (ch == '}' || ch == ']') {
        --depth, ++i;
      } else {
        ++i;  // number/literal chars, commas and colons inside containers
        while (depth == 0 && i < s.size() && s[i] != ',' && s[i] != '}') ++i;
      }
    } while (depth > 0);
    return true;
  };
  ws();
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  for (;;) {
    ws();
    if (i >= s.size() || s[i] != '"') return false;
    const size_t kb = i;
    if (!skip_string()) return false;
    auto key = JsonValue::parse(s.substr(kb, i - kb));
    ws();
    if (i >= s.size() || s[i] != ':') return false;
    ++i;
    ws();
    const size_t vb = i;
    if (!skip_value()) return false;
    if (key && key->as_string() == field && vb < s.size() && s[vb] == '"') {
      b = vb;
      e = i;
      return true;
    }
    ws();
    if (i >= s.size() || s[i] != ',') return false;
    ++i;
  }
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

// Kept lines are copied into one big buffer, written when full.
class OutBuffer {
 public:
  explicit OutBuffer(std::FILE* f) : f_(f), buf_(kSize) {}
  ~OutBuffer() { flush(); }
  void line(std::string_view s) {
    if (s.size() + 1 > kSize - used_) {
      flush();
      if (s.size() + 1 > kSize) {
        std::fwrite(s.data(), 1, s.size(), f_);
        std::fputc('\n', f_);
        return;
      }
    }
    std::memcpy(buf_.data() + used_, s.data(), s.size());
    used_ += s.size();
    buf_[used_++] = '\n';
  }
  void flush() {
    if (used_) std::fwrite(buf_.data(), 1, used_, f_);
    used_ = 0;
  }

 private:
  static constexpr size_t kSize = 1u << 20;
  std::FILE* f_;
  std::vector<char> buf_;
  size_t used_ = 0;
};

// --format lines: each line is one paragraph, exact dedup (bytes with --raw,
// else the normal form). Lines come in batches from one buffer fill; a
// batch is hashed and its set slots prefetched before the inserts, which
// then run in input order, so the output is the same as one at a time.
void dedup_lines(const JsonlArgs& a, LineReader& reader, std::FILE* out,
                 Counts& c) {
  constexpr size_t kBatch = 16;
  std::string_view lines[kBatch];
  Hash128 hashes[kBatch];
  dedup::HashSet set;
  dedup::Normalizer normalizer(dedup::NormalizeOptions{a.fold_digits});
  OutBuffer ob(out);
  while (const size_t k = reader.batch(lines, kBatch, c.too_long)) {
    for (size_t i = 0; i < k; ++i) {
      hashes[i] = hash128(a.raw ? lines[i] : normalizer.normalize(lines[i]));
      set.prefetch(hashes[i]);
    }
    c.paras += static_cast<int64_t>(k);
    for (size_t i = 0; i < k; ++i) {
      if (set.insert(hashes[i])) {
        ob.line(lines[i]);
      } else {
        ++c.paras_removed;
      }
    }
  }
}

// Dedups a.in into `out` (stdout or the temporary file run() renames).
int run_to(const JsonlArgs& a, std::FILE* out) {
  File in(a.in == "-" ? nullptr : std::fopen(a.in.c_str(), "rb"));
  std::FILE* inp = a.in == "-" ? stdin : in.get();
  if (!inp) return fail(invalid_input(a.in + ": cannot open: " + std::strerror(errno)));
  LineReader reader(inp, a.max_line);
  Counts c;
  if (a.format == "lines") {
    dedup_lines(a, reader, out, c);
    if (reader.error()) return fail(invalid_input(a.in + ": read failed"));
    c.lines = reader.number();
    return finish(a, c, out);
  }
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
  // Static: stdout's buffer must outlive the flush at exit.
  static std::vector<char> obuf(1u << 20);
  if (a.out == "-") {
    std::setvbuf(stdout, obuf.data(), _IOFBF, obuf.size());
    return run_to(a, stdout);
  }
  std::string tmp = a.out + ".partial";
  File out(std::fopen(tmp.c_str(), "wb"));
  if (!out) return fail(invalid_input(a.out + ": cannot create: " + std::strerror(errno)));
  std::setvbuf(out.get(), obuf.data(), _IOFBF, obuf.size());
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
