// dedup: the stage's one front door -- text normalisation for hashing, exact
// and near-duplicate paragraphs (XXH3-128 and MinHash LSH), exact and
// near-duplicate documents, and the owner rule that decides which copy of a
// text is kept. Pure: values in, decisions out; no SQL, no I/O (cli/ moves
// rows between the store and here). Design and defaults:
// docs/internals/dedup.md.
//
// Threading: every function is pure and thread-safe; LineDeduper is one
// object per thread (not shared).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/base.h"
#include "parser/parser.h"

namespace winnow::dedup {

// ------------------------------------------------------------ normalise --
struct NormalizeOptions {
  // Replace every decimal digit (any script) by '0' before hashing, so
  // "Vol. 12, No. 3" and "Vol. 13, No. 4" hash alike. Default off: dates and
  // figures usually make paragraphs different.
  bool fold_digits = false;
  // Drop combining marks (accents, Arabic vowel signs): "Braşov" reads as
  // "brasov", as a URL's slug spells it. For matching words, not hashing.
  bool strip_marks = false;
};

// The hashing form of a paragraph: Unicode NFKC with case folding
// (utf8proc), default-ignorable code points dropped, quotes and dashes
// unified (dashes become word breaks, quotes vanish), every other
// punctuation character removed, runs of white space collapsed to one
// ASCII space, trimmed. Invalid UTF-8 is repaired first (U+FFFD).
std::string normalize(std::string_view text, const NormalizeOptions& o = {});
// Same, writing into `out` (cleared first) to reuse its buffer.
void normalize_into(std::string_view text, const NormalizeOptions& o,
                    std::string& out);
// normalize() with a cache of the normalised form of non-ASCII words
// (bounded: cleared past 100,000 entries), several times faster on text
// with accents or curly quotes. Same output as normalize(). One per thread;
// the caller owns it.
class Normalizer {
 public:
  explicit Normalizer(NormalizeOptions o = {});
  ~Normalizer();
  void normalize(std::string_view text, std::string& out);
  // Same, into a buffer the Normalizer owns: the view stays valid until the
  // next call on this object.
  std::string_view normalize(std::string_view text);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return hash64(s); }
  };
  static constexpr size_t kMaxCached = 100000;
  // Appends the normal form of a token holding non-ASCII bytes at w (which
  // has room for the token) and returns the new end; may move buf_.
  char* append_cached(std::string_view token, char* w, bool& pending,
                      size_t rest);
  NormalizeOptions o_;
  // ASCII byte -> 0 dropped, 1 word break, else the byte to emit (folded).
  char ascii_[128];
  std::string buf_;  // output buffer; its size is the capacity in use
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> cache_;
};

// XXH3-128 of normalize(text).
Hash128 paragraph_hash(std::string_view text, const NormalizeOptions& o = {});

// --------------------------------------------------------- similarity --
// Word k-shingles of a normalised text as sorted unique 64-bit hashes,
// over the words for_each_word yields; an ideograph weighs half a word, so
// a shingle of Chinese or Japanese is 2k characters. A text shorter than
// one shingle gives one shingle of all its words.
std::vector<uint64_t> shingles(std::string_view normalized, int k);
// Exact Jaccard similarity of two sorted unique shingle sets (0 if both
// are empty).
double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
// Jaccard of two raw texts after normalize() and shingles(k).
double text_similarity(std::string_view a, std::string_view b, int k);

// ------------------------------------------------------------ documents --
// What a document is for the owner rule (docs/internals/dedup.md, "Owner").
enum class DocKind { kArticle = 0, kOther = 1, kListing = 2, kNewsletter = 3 };
const char* doc_kind_name(DocKind kind);
// Maps the parser's page kind, calling a page a newsletter issue when a
// path segment of its URL starts with "newsletter" (e.g. /en/newsletter/
// 2024-03, /newsletters/issue-12) and it is not an article.
DocKind classify(parser::PageKind kind, std::string_view url);

// One paragraph's decision. keep=false means removed.
struct ParagraphDecision {
  bool keep = true;
  // "" kept; "exact" same normalised text is kept elsewhere; "in-page" the
  // same text earlier in this document; "near" a near-duplicate (>= 20
  // words) of a kept paragraph; "short-kept" kept although it repeats,
  // because it is below the minimum length; "shared-kept" kept although
  // another article holds it (Options::keep_shared_in_articles).
  std::string reason;
  int64_t dup_doc = 0;  // DocInput::id owning the text (0 when reason "")
  int dup_index = -1;   // paragraph index there
};

// One document's decision.
struct DocDecision {
  int64_t id = 0;
  bool keep = true;
  // "" kept; "exact-doc" / "near-doc" collapsed into dup_of; "empty" a
  // non-article page with nothing substantive left (nothing new).
  std::string reason;
  int64_t dup_of = 0;
  std::vector<std::string> aliases;  // kept doc: URLs collapsed into it
  std::vector<ParagraphDecision> paragraphs;  // one per input paragraph
};

// A document as dedup sees it. Borrowed by run_dedup for the call only.
struct DocInput {
  int64_t id = 0;              // caller's id (store documents.id); unique
  std::string url;
  std::string canonical_url;   // "" when unknown
  DocKind kind = DocKind::kOther;
  std::string date;            // ISO 8601 or ""
  std::vector<std::string> paragraphs;  // clean text, in page order
  // Owner order set by the caller, lower first, before kind and the rest
  // (default 0 for all leaves the order to them): clean DIR orders text
  // dumps by rank_by_sharing.
  int64_t priority = 0;
  // The caller knows the document is a work of its own (clean DIR: an
  // article whose text is not mostly found on one other page). Two such
  // documents, like two pages that each name themselves canonical, never
  // collapse into one, however alike (a tutorial revised for a new
  // edition, two pages made from one template).
  bool own_work = false;
  // The document's title, "" when unknown. A document that repeats an
  // earlier one whole or nearly (exact-doc, near-doc) under another title
  // (under a quarter of their words in common), at an address of the same
  // shape, is a repost, not a copy (a poem posted again under a new
  // title): it stays, and keeps the text it shares with that one document
  // (with keep_shared_in_articles), whatever the page kinds.
  // Copies of one page (a ?replytocom= variant, a print view, a stale
  // permalink) carry its title and still collapse.
  std::string title;
  // Set for a document decided by an earlier run (incremental mode): its
  // decision is kept as is (only its aliases may grow) and its kept text
  // seeds the indexes, so new documents only keep what is new.
  std::optional<DocDecision> settled;
};

struct Options {
  NormalizeOptions normalize;
  // Minimum normalised words for a paragraph to be deduplicated across or
  // inside documents (below it repeats are kept, reason "short-kept"),
  // except an exact repeat of the paragraph right before it (an editing
  // slip, a caption equal to the alt text), which is always removed.
  // Also the bar for "substantive" when deciding a page has nothing new.
  // Default 5, range 1-100.
  int min_words = 5;
  // Near-duplicate documents: Jaccard threshold (0-1) on word
  // doc_shingle-shingles of the normalised text; 0 disables. Default 0.40 on
  // 3-shingles: precision and recall 1.000 on the fixture pairs (edit rate
  // <= 0.15 positive, >= 0.40 negative); curve in bench/RESULTS.md.
  double near_doc_threshold = 0.40;
  int doc_shingle = 3;  // words per shingle, 1-10
  // Near-duplicate paragraphs of at least near_para_min_words words:
  // Jaccard threshold on word para_shingle-shingles; 0 disables. Default
  // 0.45 on 2-shingles (same measurement on the paragraph pairs).
  double near_para_threshold = 0.45;
  int para_shingle = 2;         // words per shingle, 1-10
  int near_para_min_words = 20; // shorter paragraphs: exact dedup only
  // Two articles are two works: a paragraph one of them holds stays in the
  // other too (reason "shared-kept": a series' common introduction, a
  // chapter reprinted in a new edition). Copies on listings, newsletters
  // and other pages are removed, and stale copies of an article collapse
  // into it as before (two pages that each name themselves canonical at
  // different URLs never collapse). false (the default): a text is kept
  // once across all documents. `winnow run` and `winnow dedup` set it.
  bool keep_shared_in_articles = false;
  // With keep_shared_in_articles: only between two works of their own
  // (DocInput::own_work, or self-canonical), so a page that merely copies
  // an article (a tag page showing one post) keeps nothing of it. clean
  // DIR sets it: a text dump says nothing else about what a page is.
  bool shared_between_works = false;
};

struct Stats {
  int64_t documents = 0;
  int64_t removed_documents = 0;  // exact-doc + near-doc + empty
  int64_t paragraphs = 0;          // all input paragraphs
  int64_t removed_paragraphs = 0;  // removed, incl. those of removed docs
};

struct Result {
  std::vector<DocDecision> docs;  // same order as the input
  Stats stats;
};

// Decides every document and paragraph. The result depends only on the set
// of inputs (ids, URLs, texts), never on their order: documents are sorted
// by the owner order before deciding (docs/internals/dedup.md).
Result run_dedup(const std::vector<DocInput>& docs, const Options& options);

// ------------------------------------------------ owners from sharing --
// Pages without markup (text dumps) do not say whether they are an
// article or a listing; how they share paragraphs does (sharing.cc,
// docs/internals/dedup.md "Owners from shared text"). Borrowed for the
// call only.
struct SharingInput {
  std::string url;                      // orders ties; its last segment is
                                        // compared with the first paragraphs
  std::vector<std::string> paragraphs;  // clean text, in page order
  // Lines that may be the page's headline (for the slug test); empty: the
  // first three paragraphs.
  std::vector<std::string> headlines;
};

struct SharingRank {
  // kListing: most of the page is paragraphs of other pages, from several
  // of them; kArticle: most of it is its own or one nested group of shared
  // text; kOther: no paragraph of 12 or more characters.
  DocKind kind = DocKind::kOther;
  double own_share = 0;    // 0-1, the share behind `kind`
  double contained = 0;    // 0-1, the largest share of the text found on one other article
  double in_articles = 0;  // 0-1, the share of the text found on other articles
  int64_t text_chars = 0;  // normalised code points of the paragraphs used
  int64_t priority = 0;    // 0..n-1: DocInput::priority, the owner order
};

// One rank per page, same order. Deterministic: depends on the URLs and
// texts only.
std::vector<SharingRank> rank_by_sharing(const std::vector<SharingInput>& pages);

// Paragraphs that name another page of the folder -- equal, a short label
// aside ("fa: <title>") or a site name after a title separator
// ("<title> | Site"), to the headline of another page, the line its
// address spells -- and so are links (a listing's titles, "related posts",
// translation boxes), not content. Per page, the paragraph indexes.
// With `titles`: per page, the line that names it as the page prints it
// (its address spells it, or it reads as a title and heads few pages), or
// "": a text dump's title.
std::vector<std::vector<size_t>> headline_links(const std::vector<SharingInput>& pages,
                                                std::vector<std::string>* titles = nullptr);

// After run_dedup: removes the paragraphs, however short, that continue a
// copied passage -- they repeat, in order, the paragraphs around the kept
// copy of a removed paragraph (sharing.cc). `result` is run_dedup(docs)'s.
void drop_copied_runs(const std::vector<DocInput>& docs, Result& result);

// XXH3-128 over all normalised paragraphs: equal for exact duplicate
// documents (and the store's change detector for incremental runs).
Hash128 document_fingerprint(const std::vector<std::string>& paragraphs,
                             const NormalizeOptions& o = {});

// ------------------------------------------------------- streaming sets --
// A compact set of 128-bit hashes for dedup-jsonl: 256 shards (chosen by the
// top 8 bits of hi) of open addressing with linear probing. A slot keeps 12
// bytes: lo and the low 32 bits of hi, so two keys are equal when 104 of
// their bits are (8 by the shard, 96 stored); for n distinct keys the chance
// of any false "seen" is about n^2 / 2^105 (1e-14 at a billion). A shard
// grows by 1/4 when its load would pass 4/5, so a warm set costs 15-19
// bytes per distinct entry and growing holds only one shard twice. The
// shard arrays come from the set's own arena of 2 MiB-aligned
// MADV_HUGEPAGE chunks (fewer TLB misses; index.cc). Not thread-safe.
class HashSet {
 public:
  HashSet();
  ~HashSet();
  HashSet(const HashSet&) = delete;
  HashSet& operator=(const HashSet&) = delete;
  // Inserts h; returns true if it was not there before.
  bool insert(const Hash128& h);
  // Hints the CPU to load h's home slot (call a few inserts ahead).
  void prefetch(const Hash128& h) const;
  size_t size() const { return size_; }
  size_t memory_bytes() const;  // slots of all shards

 private:
  static constexpr size_t kShards = 256;
  struct Slot {  // {0,0,0} = empty; a real all-zero key is remapped
    uint32_t lo_lo, lo_hi, hi_lo;
  };
  struct Shard {
    Slot* slots = nullptr;  // cap slots, zeroed when allocated
    size_t cap = 0;
    size_t size = 0;
  };
  class Arena;  // shard arrays: 2 MiB-aligned chunks, huge pages
  Slot* allocate(size_t& cap);  // may round cap up
  void release(Slot* slots, size_t cap);
  void grow(Shard& s);
  std::unique_ptr<Arena> arena_;
  std::vector<Shard> shards_;
  size_t size_ = 0;
  size_t memory_ = 0;
};

// MinHash LSH over word-shingle sets (32 bands; 2 rows per band below a
// threshold of 0.5, else 3): finds indexed texts whose exact Jaccard
// similarity reaches the threshold. Two ways to use it:
//  - add() keeps each set and find() verifies candidates itself (streams,
//    where the text is gone: dedup-jsonl --near; memory grows with the
//    sets, ~8 bytes per shingle);
//  - add_bands() keeps only 32 band entries (16 bytes each) per text and
//    the caller verifies candidates() by re-shingling the text it still
//    holds (run_dedup).
// Ids are the caller's, >= 0. Not thread-safe; one owner.
class NearIndex {
 public:
  NearIndex(int shingle, double threshold);
  ~NearIndex();
  NearIndex(const NearIndex&) = delete;
  NearIndex& operator=(const NearIndex&) = delete;
  // Returns the id of a text indexed with add() with Jaccard >= threshold
  // (best first, ties to the lowest id), or -1.
  int64_t find(const std::vector<uint64_t>& shingles) const;
  void add(int64_t id, std::vector<uint64_t> shingles);
  // The band keys of a non-empty shingle set (MinHash), computed once for
  // candidates() and add_bands().
  using Bands = std::array<uint64_t, 32>;
  Bands bands(const std::vector<uint64_t>& shingles) const;
  // Ids sharing at least one band: sorted, unique.
  std::vector<int64_t> candidates(const Bands& bands) const;
  void add_bands(int64_t id, const Bands& bands);
  double threshold() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::dedup
