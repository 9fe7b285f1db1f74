// index.cc: the two indexes dedup keeps while deciding -- HashSet, a compact
// open-addressing set of 128-bit hashes (exact dedup of streams), and
// NearIndex, MinHash LSH over shingle sets with exact Jaccard verification
// (near-duplicates). Design: docs/internals/dedup.md "Indexes".
#include <algorithm>
#include <unordered_map>

#include "dedup/dedup.h"

namespace winnow::dedup {

// ------------------------------------------------------------- HashSet --
// 256 shards chosen by the top 8 bits of hi; in a shard, linear probing from
// fastrange(lo, capacity). A shard grows by 1/8 when its load would pass
// 3/4, so the load stays in [2/3, 3/4] once warm (21-24 bytes per entry)
// and a growth step holds only one small shard twice.
namespace {
constexpr size_t kInitialShardSlots = 64;
bool empty_slot(const Hash128& h) { return h.hi == 0 && h.lo == 0; }
size_t slot_of(uint64_t lo, size_t cap) {
  return static_cast<size_t>((static_cast<unsigned __int128>(lo) * cap) >> 64);
}
bool place(std::vector<Hash128>& t, const Hash128& h) {
  const size_t cap = t.size();
  for (size_t i = slot_of(h.lo, cap);; i = i + 1 == cap ? 0 : i + 1) {
    if (empty_slot(t[i])) {
      t[i] = h;
      return true;
    }
    if (t[i] == h) return false;
  }
}
}  // namespace

HashSet::HashSet() : shards_(kShards) {
  for (Shard& s : shards_) s.slots.resize(kInitialShardSlots);
}

bool HashSet::insert(const Hash128& in) {
  Hash128 h = in;
  if (empty_slot(h)) h.lo = 1;  // {0,0} marks an empty slot
  Shard& s = shards_[h.hi >> 56];
  if ((s.size + 1) * 4 > s.slots.size() * 3) grow(s);
  if (!place(s.slots, h)) return false;
  ++s.size;
  ++size_;
  return true;
}

void HashSet::grow(Shard& s) {
  std::vector<Hash128> bigger(s.slots.size() + s.slots.size() / 8);
  for (const Hash128& h : s.slots) {
    if (!empty_slot(h)) place(bigger, h);
  }
  memory_ += (bigger.size() - s.slots.size()) * sizeof(Hash128);
  s.slots.swap(bigger);
}

size_t HashSet::memory_bytes() const { return memory_; }

// ----------------------------------------------------------- NearIndex --
namespace {

constexpr int kBands = 32;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

}  // namespace

struct NearIndex::Impl {
  int shingle = 3;
  double threshold = 0.5;
  int rows = 3;  // per band; 2 below 0.5 (candidate chance >= 0.999 at t)
  std::unordered_map<uint64_t, std::vector<int64_t>> buckets;
  std::unordered_map<int64_t, std::vector<uint64_t>> sets;

  // One key per band: the band's MinHash values hashed with the band index.
  std::vector<uint64_t> band_keys(const std::vector<uint64_t>& sh) const {
    const int k = kBands * rows;
    std::vector<uint64_t> mins(static_cast<size_t>(k), ~0ull);
    for (uint64_t h : sh) {
      for (int i = 0; i < k; ++i) {
        const uint64_t v = mix(h ^ (0x9e3779b97f4a7c15ull * (i + 1)));
        if (v < mins[static_cast<size_t>(i)]) mins[static_cast<size_t>(i)] = v;
      }
    }
    std::vector<uint64_t> keys(kBands);
    for (int b = 0; b < kBands; ++b) {
      uint64_t key = mix(static_cast<uint64_t>(b) + 1);
      for (int r = 0; r < rows; ++r) {
        key = mix(key ^ mins[static_cast<size_t>(b * rows + r)]);
      }
      keys[static_cast<size_t>(b)] = key;
    }
    return keys;
  }
};

NearIndex::NearIndex(int shingle, double threshold)
    : impl_(std::make_unique<Impl>()) {
  impl_->shingle = shingle;
  impl_->threshold = threshold;
  impl_->rows = threshold < 0.5 ? 2 : 3;
}

NearIndex::~NearIndex() = default;

int64_t NearIndex::find(const std::vector<uint64_t>& sh) const {
  if (sh.empty()) return -1;
  std::vector<int64_t> cands;
  for (uint64_t key : impl_->band_keys(sh)) {
    auto it = impl_->buckets.find(key);
    if (it == impl_->buckets.end()) continue;
    cands.insert(cands.end(), it->second.begin(), it->second.end());
  }
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
  int64_t best = -1;
  double best_sim = 0;
  for (int64_t id : cands) {
    const double s = jaccard(sh, impl_->sets.at(id));
    if (s >= impl_->threshold && s > best_sim) {
      best = id;
      best_sim = s;
    }
  }
  return best;
}

void NearIndex::add(int64_t id, std::vector<uint64_t> sh) {
  if (sh.empty()) return;
  for (uint64_t key : impl_->band_keys(sh)) impl_->buckets[key].push_back(id);
  impl_->sets[id] = std::move(sh);
}

}  // namespace winnow::dedup
