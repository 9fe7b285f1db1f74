// text.cc: to_utf8, parse_text (plain-text / Markdown dumps into blocks),
// and rendering a Document as text or Markdown; enum names.
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

namespace {

void add_block(ParsedPage* page, BlockKind kind, int level, std::string text) {
  if (text.empty() || page->blocks.size() >= limits::kMaxBlocksPerPage) return;
  Block b;
  b.kind = kind;
  b.level = level;
  b.markdown = text;
  b.text = std::move(text);
  if (kind == BlockKind::kHeading) {
    b.tag.assign(1, 'h');
    b.tag.push_back(static_cast<char>('0' + std::clamp(level, 1, 6)));
  } else {
    b.tag = kind == BlockKind::kListItem ? "li" : "p";
  }
  b.node = 0;
  b.path = "text>";
  b.path += b.tag;
  b.path_hash = hash64(b.path);
  size_t n = 0;
  for (unsigned char c : b.text)
    if ((c & 0xC0) != 0x80) ++n;
  b.text_chars = n;
  b.position = static_cast<int>(page->blocks.size());
  b.depth = 1;
  page->blocks.push_back(std::move(b));
}

}  // namespace

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

ParsedPage parse_text(std::string_view bytes, const ParseOptions& options) {
  ParsedPage page;
  page.from_text = true;
  std::string text = internal::bounded_utf8(bytes, options, "text", "read", page);
  Node root;
  root.tag = "text";
  page.nodes.push_back(root);
  std::string para;
  auto end_para = [&] {
    add_block(&page, BlockKind::kParagraph, 0, collapse_whitespace(para));
    para.clear();
  };
  for (std::string_view line : split(text, '\n')) {
    std::string_view t = trim(line);
    if (t.empty()) {
      end_para();
      continue;
    }
    size_t hashes = 0;
    while (hashes < t.size() && t[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < t.size() && t[hashes] == ' ') {
      end_para();
      add_block(&page, BlockKind::kHeading, static_cast<int>(hashes),
                collapse_whitespace(t.substr(hashes)));
      continue;
    }
    if (t.size() > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
      end_para();
      add_block(&page, BlockKind::kListItem, 0, collapse_whitespace(t.substr(2)));
      continue;
    }
    if (!para.empty()) para += ' ';
    para.append(t);
  }
  end_para();
  if (!page.blocks.empty() && page.blocks[0].kind == BlockKind::kHeading &&
      page.blocks[0].level == 1)
    page.meta.h1.push_back(page.blocks[0].text);
  return page;
}

std::string document_text(const Document& doc) {
  std::string out;
  for (const Paragraph& p : doc.paragraphs) {
    if (p.text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p.text;
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
