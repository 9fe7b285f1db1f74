// text_fuzz.cc: the text cleaner -- parse_text (plain-text / Markdown dumps
// into blocks), the per-page classifier and document builder, and
// repair_text over a small corpus (the page twice, so cross-document rules
// such as running heads and rejoined words fire). Invariants: blocks are
// non-empty valid UTF-8 at their own positions; paragraphs point at blocks
// in range; repair keeps the text valid UTF-8 and never adds paragraphs.
#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = fuzz::as_view(data, size);
  parser::ParseOptions o;
  o.url = "http://example.com/dump.txt";
  const parser::ParsedPage page = parser::parse_text(in, o);
  FUZZ_CHECK(page.from_text);
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[i];
    FUZZ_CHECK(b.position == static_cast<int>(i));
    FUZZ_CHECK(!b.text.empty() && is_valid_utf8(b.text));
  }
  const auto verdicts = chrome::classify_page(page);
  FUZZ_CHECK(verdicts.size() == page.blocks.size());
  parser::Document doc = chrome::build_document(o.url, page, verdicts);
  for (const parser::Paragraph& p : doc.paragraphs) {
    FUZZ_CHECK(p.block >= 0 && p.block < static_cast<int>(page.blocks.size()));
  }
  std::vector<parser::Document> docs{doc, doc};
  docs[1].url = "http://example.com/dump2.txt";
  chrome::repair_text(docs);
  for (const parser::Document& d : docs) {
    FUZZ_CHECK(d.paragraphs.size() <= doc.paragraphs.size());
    for (const parser::Paragraph& p : d.paragraphs) FUZZ_CHECK(is_valid_utf8(p.text));
    FUZZ_CHECK(is_valid_utf8(parser::document_text(d)));
  }
  return 0;
}
