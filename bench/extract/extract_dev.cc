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
      if (std::getenv("WINNOW_DEBUG")) {  // one line per block, to stderr
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
