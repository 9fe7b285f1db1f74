// extract_dev.cc: bench driver for per-page extraction. Reads lines
// "id<TAB>path" (path may be gzip) from stdin or the file in argv[1] and
// prints {"id","text"} per page -- the same code path as `winnow clean`.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "chrome/chrome.h"
#include "parser/parser.h"

using namespace winnow;

int main(int argc, char** argv) {
  std::string list;
  if (argc > 1) {
    auto r = read_file(argv[1]);
    if (!r) {
      std::fprintf(stderr, "extract_dev: cannot read %s\n", argv[1]);
      return 1;
    }
    list = *r;
  } else {
    list.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  for (std::string_view line : split(list, '\n')) {
    line = trim(line);
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string id(line.substr(0, tab)), path(line.substr(tab + 1));
    auto data = read_file(path);
    std::string text;
    if (data) {
      std::string bytes = *data;
      if (bytes.size() > 2 && static_cast<unsigned char>(bytes[0]) == 0x1f) {
        auto raw = inflate_any(bytes, limits::kMaxBodyBytes);
        if (raw) bytes = *raw;
      }
      parser::ParseOptions po;
      po.collect_links = false;
      auto page = parser::parse_html(bytes, po);
      auto v = chrome::classify_page(page);
      text = parser::document_text(chrome::build_document("", page, v));
      const char* dbg = std::getenv("WINNOW_DEBUG");
      if (dbg && std::string_view(dbg) == "json") {  // one JSON object per block, to stderr
        for (size_t i = 0; i < page.blocks.size(); ++i) {
          const auto& b = page.blocks[i];
          std::fprintf(stderr, "%s\n",
                       JsonWriter()
                           .str("id", id)
                           .num("i", static_cast<int64_t>(i))
                           .num("kept", v[i].chrome ? 0 : 1)
                           .str("reason", chrome::reason_name(v[i].reason))
                           .str("kind", parser::block_kind_name(b.kind))
                           .num("level", b.level)
                           .num("flags", static_cast<int64_t>(b.ancestor_flags))
                           .num("links", static_cast<int64_t>(b.link_chars))
                           .num("chars", static_cast<int64_t>(b.text_chars))
                           .str("path", b.path)
                           .str("text", b.text)
                           .finish()
                           .c_str());
        }
      } else if (dbg) {  // one line per block, to stderr
        for (size_t i = 0; i < page.blocks.size(); ++i) {
          const auto& b = page.blocks[i];
          std::fprintf(stderr, "%c %5.1f %04x ld=%zu/%zu %s | %.80s\n", v[i].chrome ? '-' : '+',
                       v[i].score, b.ancestor_flags, b.link_chars, b.text_chars, b.path.c_str(),
                       b.text.c_str());
        }
      }
    }
    std::printf("%s\n", JsonWriter().str("id", id).str("text", text).finish().c_str());
  }
  return 0;
}
