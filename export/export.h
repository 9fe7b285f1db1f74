// export: writes what survives chrome stripping and dedup -- the dataset
// JSONL (one object per kept document), the provenance JSONL (what each
// removed paragraph or document duplicates), and a plain-text report.
// Depends on base and parser types; the caller (cli/) reads the store.
//
// Threading: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/parser.h"

namespace winnow::exporter {

// A document as it goes out: only its kept paragraphs, plus the URLs that
// were collapsed into it.
struct ExportDoc {
  parser::Document doc;               // paragraphs = kept ones, in order
  std::vector<std::string> aliases;   // other URLs of the same document
};

// Stable document id: the first 16 hex digits of XXH3-128 of the canonical
// URL (or the URL when no canonical is known). Same URL, same id, whatever
// the crawl order or the store's row ids.
std::string document_id(const parser::Document& doc);

// One dataset line (no trailing newline); fields in docs/export-format.md.
std::string dataset_line(const ExportDoc& d, bool with_markdown = false);

// One provenance record: a removed paragraph (paragraph >= 0) or a whole
// removed document (paragraph == -1), and what it duplicates.
struct Provenance {
  std::string doc_id;
  std::string url;
  int paragraph = -1;
  std::string text;        // the removed paragraph (empty for documents)
  std::string reason;      // "exact", "near", "in-page", "exact-doc", ...
  std::string kept_doc_id;
  std::string kept_url;
  int kept_paragraph = -1;
};
std::string provenance_line(const Provenance& p);

// Sorts documents by (canonical URL, URL): the dataset order.
void sort_for_export(std::vector<ExportDoc>& docs);

}  // namespace winnow::exporter
