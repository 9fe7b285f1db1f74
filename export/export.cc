// export.cc: dataset and provenance JSON lines (format: docs/export-format.md).
#include "export/export.h"

#include <algorithm>

namespace winnow::exporter {

std::string document_id(const parser::Document& doc) {
  const std::string& key = doc.canonical_url.empty() ? doc.url : doc.canonical_url;
  return hash128(key).hex().substr(0, 16);
}

std::string dataset_line(const ExportDoc& d, bool with_markdown) {
  const parser::Document& doc = d.doc;
  JsonWriter w;
  w.str("id", document_id(doc))
      .str("url", doc.url)
      .str("canonical_url", doc.canonical_url.empty() ? doc.url : doc.canonical_url)
      .str_array("aliases", d.aliases)
      .str("title", doc.title)
      .str("date", doc.date)
      .str("author", doc.author)
      .str("site_name", doc.site_name)
      .str("lang", doc.lang)
      .str("kind", parser::page_kind_name(doc.kind))
      .num("paragraphs", static_cast<int64_t>(doc.paragraphs.size()))
      .str("text", parser::document_text(doc));
  if (with_markdown) w.str("markdown", parser::document_markdown(doc));
  return w.finish();
}

std::string provenance_line(const Provenance& p) {
  JsonWriter w;
  w.str("doc_id", p.doc_id).str("url", p.url);
  if (p.paragraph >= 0) {
    w.num("paragraph", p.paragraph).str("text", p.text);
  } else {
    w.null("paragraph");
  }
  w.str("reason", p.reason).str("kept_doc_id", p.kept_doc_id).str("kept_url", p.kept_url);
  if (p.kept_paragraph >= 0) {
    w.num("kept_paragraph", p.kept_paragraph);
  } else {
    w.null("kept_paragraph");
  }
  return w.finish();
}

void sort_for_export(std::vector<ExportDoc>& docs) {
  auto key = [](const ExportDoc& d) -> const std::string& {
    return d.doc.canonical_url.empty() ? d.doc.url : d.doc.canonical_url;
  };
  std::stable_sort(docs.begin(), docs.end(), [&](const ExportDoc& a, const ExportDoc& b) {
    const std::string& ka = key(a);
    const std::string& kb = key(b);
    if (ka != kb) return ka < kb;
    return a.doc.url < b.doc.url;
  });
}

}  // namespace winnow::exporter
