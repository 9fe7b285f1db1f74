// text.cc: to_utf8, bounded input, rendering a Document as text or
// Markdown, enum names. parse_text lives in parser/text_dump.cc.
#include <algorithm>

#include "parser/internal.h"

namespace winnow::parser {

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading: return "heading";
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kPre: return "pre";
    case BlockKind::kTableCell: return "table_cell";
    case BlockKind::kCaption: return "caption";
    case BlockKind::kOther: return "other";
  }
  return "other";
}

const char* page_kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle: return "article";
    case PageKind::kListing: return "listing";
    case PageKind::kOther: return "other";
    case PageKind::kPage: return "page";
  }
  return "other";
}

BlockKind block_kind_from_name(std::string_view name) {
  for (BlockKind k : {BlockKind::kHeading, BlockKind::kParagraph, BlockKind::kListItem,
                      BlockKind::kQuote, BlockKind::kPre, BlockKind::kTableCell,
                      BlockKind::kCaption, BlockKind::kOther}) {
    if (name == block_kind_name(k)) return k;
  }
  return BlockKind::kParagraph;
}

PageKind page_kind_from_name(std::string_view name) {
  if (name == "article") return PageKind::kArticle;
  if (name == "listing") return PageKind::kListing;
  if (name == "page") return PageKind::kPage;
  return PageKind::kOther;
}

std::string to_utf8(std::string_view bytes, std::string_view declared,
                    std::string* charset_used) {
  // Valid UTF-8 comes out as it went in, less a UTF-8 BOM, whatever the
  // label: detect_charset picks utf-8 for it (valid UTF-8 beats a
  // single-byte label) except for pure ASCII under a windows-1252 or
  // iso-8859-15 label, which converts byte for byte. So the common case
  // skips the charset sniffing and the second validity pass.
  if (charset_used == nullptr && is_valid_utf8(bytes)) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return std::string(bytes);
  }
  std::string cs = detect_charset(bytes, declared);
  if (charset_used) *charset_used = cs;
  return convert_to_utf8(bytes, cs);
}

std::string internal::bounded_utf8(std::string_view bytes, const ParseOptions& options,
                                   std::string_view what, std::string_view verb,
                                   ParsedPage& page) {
  if (bytes.size() > options.max_bytes) {
    page.warnings.push_back(std::string(what) + " is " + std::to_string(bytes.size()) +
                            " bytes; only the first " +
                            std::to_string(options.max_bytes) + " were " +
                            std::string(verb));
    bytes = bytes.substr(0, options.max_bytes);
  }
  return to_utf8(bytes, options.content_type);
}

namespace {

// Appends text without its blank lines (lines of only spaces, tabs or
// carriage returns): a <pre> block's empty lines would otherwise read as
// paragraph breaks in a text whose paragraphs are separated by one.
void append_without_blank_lines(std::string& out, std::string_view text) {
  bool first = true;
  for (size_t at = 0; at <= text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      if (!first) out += '\n';
      out += line;
      first = false;
    }
    at = end + 1;
  }
}

}  // namespace

std::string document_text(const Document& doc) {
  std::string out;
  for (const Paragraph& p : doc.paragraphs) {
    if (p.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    if (!out.empty()) out += "\n\n";
    if (p.text.find('\n') == std::string::npos) {
      out += p.text;
    } else {
      append_without_blank_lines(out, p.text);
    }
  }
  return out;
}

std::string document_markdown(const Document& doc) {
  std::string out;
  if (!doc.title.empty()) out = "# " + doc.title;
  bool skip_title = true;
  for (const Paragraph& p : doc.paragraphs) {
    const std::string& body = p.markdown.empty() ? p.text : p.markdown;
    if (body.empty()) continue;
    // The title line already heads the document.
    if (skip_title && p.kind == BlockKind::kHeading && p.text == doc.title) {
      skip_title = false;
      continue;
    }
    skip_title = false;
    if (!out.empty()) out += "\n\n";
    switch (p.kind) {
      case BlockKind::kHeading:
        out.append(static_cast<size_t>(std::clamp(p.level, 2, 6)), '#');
        out += ' ';
        out += body;
        break;
      case BlockKind::kListItem: out += "- "; out += body; break;
      case BlockKind::kQuote: out += "> "; out += body; break;
      case BlockKind::kPre: out += "```\n"; out += body; out += "\n```"; break;
      default: out += body;
    }
  }
  return out;
}

}  // namespace winnow::parser
