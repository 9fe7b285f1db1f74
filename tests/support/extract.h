// extract.h: single-page extraction as `winnow clean FILE` does it (parse,
// per-page classification, document), for tests of the per-page rules.
// Header-only so the support library need not link chrome/.
#pragma once

#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "parser/parser.h"

namespace winnow::test {

// The kept paragraphs of `html` read as the page at `url`; the document too
// when doc_out is given.
inline std::vector<std::string> kept_paragraphs(const std::string& html, const std::string& url,
                                                parser::Document* doc_out = nullptr) {
  parser::ParseOptions o;
  o.url = url;
  auto page = parser::parse_html(html, o);
  auto v = chrome::classify_page(page);
  auto doc = chrome::build_document(o.url, page, v);
  std::vector<std::string> out;
  for (const auto& p : doc.paragraphs) out.push_back(p.text);
  if (doc_out) *doc_out = std::move(doc);
  return out;
}

}  // namespace winnow::test
