// memory.cc: heap_bytes -- an estimate of the memory a ParsedPage holds, for
// callers that keep parsed pages under a memory budget.
#include "parser/parser.h"

namespace winnow::parser {
namespace {

// Allocator bookkeeping per heap block (glibc: 8-16 bytes, 16-aligned).
constexpr size_t kPerAllocation = 16;

size_t heap(const std::string& s) {
  // Short strings live inside the object (no heap block).
  return s.capacity() > 15 ? s.capacity() + 1 + kPerAllocation : 0;
}

template <typename T>
size_t heap_array(const std::vector<T>& v) {
  return v.capacity() == 0 ? 0 : v.capacity() * sizeof(T) + kPerAllocation;
}

size_t heap(const std::vector<std::string>& v) {
  size_t n = heap_array(v);
  for (const std::string& s : v) n += heap(s);
  return n;
}

}  // namespace

size_t heap_bytes(const ParsedPage& page) {
  size_t n = sizeof(ParsedPage);
  n += heap_array(page.nodes);
  for (const Node& x : page.nodes) n += heap(x.tag) + heap(x.id) + heap(x.classes) + heap(x.role);
  n += heap_array(page.blocks);
  for (const Block& b : page.blocks) n += heap(b.text) + heap(b.markdown) + heap(b.tag) + heap(b.path) + heap(b.href);
  const PageMeta& m = page.meta;
  for (const std::string* s : {&m.html_title, &m.og_title, &m.og_type, &m.site_name, &m.lang,
                               &m.dir, &m.canonical, &m.description, &m.author, &m.date,
                               &m.jsonld_type, &m.jsonld_headline}) {
    n += heap(*s);
  }
  n += heap(m.time_values) + heap(m.h1) + heap(page.links) + heap(page.warnings);
  return n;
}

}  // namespace winnow::parser
