// index.cc: the two indexes dedup keeps while deciding -- HashSet, a compact
// open-addressing set of 128-bit hashes (exact dedup of streams), and
// NearIndex, MinHash LSH over shingle sets with exact Jaccard verification
// (near-duplicates). Design: docs/internals/dedup.md "Indexes".
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <new>
#include <unordered_map>

#include "dedup/dedup.h"

namespace winnow::dedup {

// ------------------------------------------------------------- HashSet --
// 256 shards chosen by the top 8 bits of hi; in a shard, linear probing from
// fastrange(lo, capacity) over 12-byte slots (lo, low half of hi). A shard
// grows by 1/4 when its load would pass 4/5, so the load stays in
// [0.64, 0.8] once warm (15-19 bytes per entry) and a growth step holds only
// one small shard twice.
//
// Shard arrays come from the Arena: chunks of anonymous memory aligned to
// 2 MiB and marked MADV_HUGEPAGE (transparent huge pages are `madvise` mode
// on Debian), handed out in whole 4 KiB pages by a bump pointer (a shard
// uses all the slots of its pages), so a warm set lies mostly on 2 MiB
// pages and probing it costs fewer TLB misses. Memory from a fresh mapping
// is zero, so a new array needs no clearing. A freed array goes back to the
// kernel at once (MADV_DONTNEED: out of the RSS; the kernel splits a huge
// page that still holds live arrays), and a chunk is unmapped when nothing
// in it lives. No malloc: freed small arrays would stay resident as heap
// fragments (measured: +9 MB at 3 M entries). Arrays are never reused: the
// set only grows, so a freed array is smaller than any later request.
namespace {
constexpr size_t kInitialShardSlots = 64;  // rounded up to one page
constexpr size_t kPage = 4096;
constexpr size_t kHuge = size_t{2} << 20;
size_t slot_of(uint32_t lo_hi, uint32_t lo_lo, size_t cap) {
  const uint64_t lo = (uint64_t{lo_hi} << 32) | lo_lo;
  return static_cast<size_t>((static_cast<unsigned __int128>(lo) * cap) >> 64);
}
size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }
}  // namespace

class HashSet::Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (const Chunk& c : chunks_) ::munmap(c.base, c.size);
  }
  // bytes: a multiple of kPage. Zeroed memory; throws std::bad_alloc.
  void* alloc(size_t bytes) {
    if (chunks_.empty() || chunks_.back().size - chunks_.back().used < bytes) {
      add_chunk(std::max(kChunk, round_up(bytes, kHuge)));
    }
    Chunk& c = chunks_.back();
    void* p = c.base + c.used;
    c.used += bytes;
    c.live += bytes;
    return p;
  }
  void free(void* p, size_t bytes) {
    char* q = static_cast<char*>(p);
    for (size_t i = 0; i < chunks_.size(); ++i) {
      Chunk& c = chunks_[i];
      if (q < c.base || q >= c.base + c.size) continue;
      c.live -= bytes;
      if (c.live == 0 && i + 1 < chunks_.size()) {
        ::munmap(c.base, c.size);
        chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ::madvise(p, bytes, MADV_DONTNEED);
      }
      return;
    }
  }

 private:
  static constexpr size_t kChunk = size_t{64} << 20;  // address space only
  struct Chunk {
    char* base;
    size_t size, used, live;
  };
  void add_chunk(size_t size) {
    // Over-map by 2 MiB, then trim to a 2 MiB-aligned range.
    void* m = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) throw std::bad_alloc();
    char* raw = static_cast<char*>(m);
    char* base = reinterpret_cast<char*>(round_up(reinterpret_cast<uintptr_t>(raw), kHuge));
    if (base > raw) ::munmap(raw, static_cast<size_t>(base - raw));
    if (base + size < raw + size + kHuge) {
      ::munmap(base + size, static_cast<size_t>(raw + size + kHuge - (base + size)));
    }
    ::madvise(base, size, MADV_HUGEPAGE);
    if (!chunks_.empty() && chunks_.back().live == 0) {  // nothing left in it
      ::munmap(chunks_.back().base, chunks_.back().size);
      chunks_.pop_back();
    }
    chunks_.push_back({base, size, 0, 0});
  }
  std::vector<Chunk> chunks_;  // the last one is being handed out
};

HashSet::Slot* HashSet::allocate(size_t& cap) {
  const size_t bytes = round_up(cap * sizeof(Slot), kPage);
  cap = bytes / sizeof(Slot);  // the whole pages are usable
  return static_cast<Slot*>(arena_->alloc(bytes));
}

void HashSet::release(Slot* slots, size_t cap) {
  arena_->free(slots, round_up(cap * sizeof(Slot), kPage));
}

HashSet::HashSet() : arena_(std::make_unique<Arena>()), shards_(kShards) {
  for (Shard& s : shards_) {
    s.cap = kInitialShardSlots;
    s.slots = allocate(s.cap);
    memory_ += s.cap * sizeof(Slot);
  }
}

HashSet::~HashSet() = default;  // the arena unmaps every array

void HashSet::prefetch(const Hash128& h) const {
  const Shard& s = shards_[h.hi >> 56];
  const size_t i = slot_of(static_cast<uint32_t>(h.lo >> 32),
                           static_cast<uint32_t>(h.lo), s.cap);
  __builtin_prefetch(s.slots + i);
}

bool HashSet::insert(const Hash128& h) {
  Slot k{static_cast<uint32_t>(h.lo), static_cast<uint32_t>(h.lo >> 32),
         static_cast<uint32_t>(h.hi)};
  if ((k.lo_lo | k.lo_hi | k.hi_lo) == 0) k.lo_lo = 1;  // all-zero = empty
  Shard& s = shards_[h.hi >> 56];
  if ((s.size + 1) * 5 > s.cap * 4) grow(s);
  Slot* t = s.slots;
  const size_t cap = s.cap;
  for (size_t i = slot_of(k.lo_hi, k.lo_lo, cap);; i = i + 1 == cap ? 0 : i + 1) {
    const Slot& e = t[i];
    if (e.lo_lo == k.lo_lo && e.lo_hi == k.lo_hi && e.hi_lo == k.hi_lo) return false;
    if ((e.lo_lo | e.lo_hi | e.hi_lo) == 0) {
      t[i] = k;
      ++s.size;
      ++size_;
      return true;
    }
  }
}

// Rehashing walks the old slots in order, so homes come nearly sorted (the
// home is monotone in lo): when an entry's home lies inside the span the
// previous entry probed through (all occupied), probing starts after it,
// which keeps a growth step linear instead of quadratic in cluster length.
void HashSet::grow(Shard& s) {
  size_t cap = s.cap + s.cap / 4;
  Slot* bigger = allocate(cap);
  size_t prev_home = 1, prev_pos = 0;  // empty span
  for (const Slot* e = s.slots; e != s.slots + s.cap; ++e) {
    if ((e->lo_lo | e->lo_hi | e->hi_lo) == 0) continue;
    const size_t h = slot_of(e->lo_hi, e->lo_lo, cap);
    size_t i = h >= prev_home && h <= prev_pos ? prev_pos + 1 : h;
    if (i == cap) i = 0;
    while ((bigger[i].lo_lo | bigger[i].lo_hi | bigger[i].hi_lo) != 0) {
      i = i + 1 == cap ? 0 : i + 1;
    }
    bigger[i] = *e;
    prev_home = h, prev_pos = i;
    if (prev_pos < prev_home) prev_home = 1, prev_pos = 0;  // wrapped: no span
  }
  release(s.slots, s.cap);
  memory_ += (cap - s.cap) * sizeof(Slot);
  s.slots = bigger;
  s.cap = cap;
}

size_t HashSet::memory_bytes() const { return memory_; }

// ----------------------------------------------------------- NearIndex --
namespace {

constexpr int kBands = 32;
constexpr int kMaxRows = 3;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

// One band's entries: open addressing (linear probing) of (key, id) pairs;
// a key may repeat (texts sharing the band). Doubles at load 3/4.
class BandTable {
 public:
  void add(uint64_t key, int64_t id) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    put(slots_, {key, id});
    ++size_;
  }
  void find(uint64_t key, std::vector<int64_t>& out) const {
    if (slots_.empty()) return;
    const size_t cap = slots_.size();
    for (size_t i = home(key, cap); slots_[i].id >= 0; i = i + 1 == cap ? 0 : i + 1) {
      if (slots_[i].key == key) out.push_back(slots_[i].id);
    }
  }

 private:
  struct Entry {
    uint64_t key = 0;
    int64_t id = -1;  // -1 = empty
  };
  static size_t home(uint64_t key, size_t cap) {
    return static_cast<size_t>((static_cast<unsigned __int128>(key) * cap) >> 64);
  }
  static void put(std::vector<Entry>& t, const Entry& e) {
    const size_t cap = t.size();
    size_t i = home(e.key, cap);
    while (t[i].id >= 0) i = i + 1 == cap ? 0 : i + 1;
    t[i] = e;
  }
  void grow() {
    std::vector<Entry> bigger(slots_.empty() ? 64 : slots_.size() * 2);
    for (const Entry& e : slots_) {
      if (e.id >= 0) put(bigger, e);
    }
    slots_.swap(bigger);
  }
  std::vector<Entry> slots_;
  size_t size_ = 0;
};

}  // namespace

struct NearIndex::Impl {
  int shingle = 3;
  double threshold = 0.5;
  int rows = 3;  // per band; 2 below 0.5 (candidate chance >= 0.99 at t)
  BandTable bands[kBands];
  std::unordered_map<int64_t, std::vector<uint64_t>> sets;  // add() only

  // One key per band: the band's MinHash values hashed with the band index.
  void band_keys(const std::vector<uint64_t>& sh, uint64_t* keys) const {
    const int k = kBands * rows;
    uint64_t mins[kBands * kMaxRows];
    std::fill(mins, mins + k, ~0ull);
    for (uint64_t h : sh) {
      for (int i = 0; i < k; ++i) {
        const uint64_t v = mix(h ^ (0x9e3779b97f4a7c15ull * (i + 1)));
        mins[i] = v < mins[i] ? v : mins[i];
      }
    }
    for (int b = 0; b < kBands; ++b) {
      uint64_t key = mix(static_cast<uint64_t>(b) + 1);
      for (int r = 0; r < rows; ++r) key = mix(key ^ mins[b * rows + r]);
      keys[b] = key;
    }
  }
};

NearIndex::NearIndex(int shingle, double threshold)
    : impl_(std::make_unique<Impl>()) {
  impl_->shingle = shingle;
  impl_->threshold = threshold;
  impl_->rows = threshold < 0.5 ? 2 : 3;
}

NearIndex::~NearIndex() = default;

double NearIndex::threshold() const { return impl_->threshold; }

NearIndex::Bands NearIndex::bands(const std::vector<uint64_t>& sh) const {
  Bands b{};
  impl_->band_keys(sh, b.data());
  return b;
}

std::vector<int64_t> NearIndex::candidates(const Bands& keys) const {
  std::vector<int64_t> cands;
  for (int b = 0; b < kBands; ++b) impl_->bands[b].find(keys[b], cands);
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
  return cands;
}

int64_t NearIndex::find(const std::vector<uint64_t>& sh) const {
  int64_t best = -1;
  double best_sim = 0;
  if (sh.empty()) return -1;
  for (int64_t id : candidates(bands(sh))) {
    auto it = impl_->sets.find(id);
    if (it == impl_->sets.end()) continue;
    const double s = jaccard(sh, it->second);
    if (s >= impl_->threshold && s > best_sim) {
      best = id;
      best_sim = s;
    }
  }
  return best;
}

void NearIndex::add_bands(int64_t id, const Bands& keys) {
  if (id < 0) return;
  for (int b = 0; b < kBands; ++b) impl_->bands[b].add(keys[b], id);
}

void NearIndex::add(int64_t id, std::vector<uint64_t> sh) {
  if (sh.empty() || id < 0) return;
  add_bands(id, bands(sh));
  impl_->sets[id] = std::move(sh);
}

}  // namespace winnow::dedup
