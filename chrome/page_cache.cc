// page_cache.cc: PageCache -- parsed pages kept between the learning and the
// classifying pass of a site, under a memory budget (see chrome.h).
#include "chrome/chrome.h"

namespace winnow::chrome {

PageCache::PageCache(size_t budget_bytes) : budget_(budget_bytes) {}

bool PageCache::put(size_t id, KeptPage&& kept) {
  const size_t bytes = parser::heap_bytes(kept.page) +
                       kept.verdicts.capacity() * sizeof(BlockVerdict);
  if (bytes > budget_ - used_ || pages_.count(id) > 0) return false;
  used_ += bytes;
  pages_.emplace(id, std::make_pair(std::move(kept), bytes));
  return true;
}

std::optional<KeptPage> PageCache::take(size_t id) {
  auto it = pages_.find(id);
  if (it == pages_.end()) return std::nullopt;
  std::optional<KeptPage> out(std::move(it->second.first));
  used_ -= it->second.second;
  pages_.erase(it);
  return out;
}

}  // namespace winnow::chrome
