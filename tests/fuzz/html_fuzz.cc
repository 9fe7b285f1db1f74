// html_fuzz.cc: HTML to blocks (parser::parse_html) and the per-page
// cleaner on top of it (chrome classify_page, build_document, repair_text).
// Invariants: the node skeleton is a tree whose parents come first; every
// block names a node in range, sits at its own position, holds non-empty
// valid UTF-8 with text_chars code points and link_chars <= text_chars;
// the blocks cover the page's text at most once (their text is bounded by
// the bytes decoded, not a multiple of them); every paragraph of the
// document points at a block in range.
#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;

namespace {
size_t code_points(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    (void)next_code_point(s, i);
    ++n;
  }
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = fuzz::as_view(data, size);
  parser::ParseOptions o;
  o.url = "http://example.com/dir/page.html";
  const parser::ParsedPage page = parser::parse_html(in, o);
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const parser::Node& n = page.nodes[i];
    FUZZ_CHECK(n.parent >= -1 && n.parent < static_cast<int>(i));
    FUZZ_CHECK(n.parent < 0 || n.depth > page.nodes[static_cast<size_t>(n.parent)].depth);
  }
  size_t text_bytes = 0;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[i];
    FUZZ_CHECK(b.node >= -1 && b.node < static_cast<int>(page.nodes.size()));
    FUZZ_CHECK(b.position == static_cast<int>(i));
    FUZZ_CHECK(!b.text.empty());
    FUZZ_CHECK(is_valid_utf8(b.text) && is_valid_utf8(b.markdown));
    FUZZ_CHECK(b.text_chars == code_points(b.text));
    FUZZ_CHECK(b.link_chars <= b.text_chars);
    text_bytes += b.text.size();
  }
  // Decoding turns one byte into at most 3 (U+FFFD, windows-1252) and a
  // character reference into at most 2 characters of 3 bytes each.
  FUZZ_CHECK(text_bytes <= 3 * size);
  for (const std::string& l : page.links) FUZZ_CHECK(is_valid_utf8(l));
  FUZZ_CHECK(is_valid_utf8(page.meta.html_title) && is_valid_utf8(page.meta.lang));

  const auto verdicts = chrome::classify_page(page);
  FUZZ_CHECK(verdicts.size() == page.blocks.size());
  std::vector<parser::Document> docs{chrome::build_document(o.url, page, verdicts)};
  for (const parser::Paragraph& p : docs[0].paragraphs) {
    FUZZ_CHECK(p.block >= 0 && p.block < static_cast<int>(page.blocks.size()));
    FUZZ_CHECK(is_valid_utf8(p.text));
  }
  chrome::repair_text(docs);
  FUZZ_CHECK(is_valid_utf8(parser::document_text(docs[0])));
  FUZZ_CHECK(is_valid_utf8(parser::document_markdown(docs[0])));
  return 0;
}
