// gumbo_bare.cc: speed baseline -- reads each file named on stdin lines
// ("id<TAB>path", gzip allowed), gumbo_parse()s it and destroys the tree.
// Decompression happens outside the timed parse total it reports.
#include <gumbo.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "base/base.h"

int main() {
  std::string list((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  double parse_ms = 0;
  size_t pages = 0, bytes_total = 0;
  for (std::string_view line : winnow::split(list, '\n')) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    auto data = winnow::read_file(std::string(line.substr(tab + 1)));
    if (!data) continue;
    std::string bytes = *data;
    if (bytes.size() > 2 && static_cast<unsigned char>(bytes[0]) == 0x1f) {
      auto raw = winnow::inflate_any(bytes, 64u << 20);
      if (raw) bytes = *raw;
    }
    auto t0 = std::chrono::steady_clock::now();
    // Same Gumbo options as parser/html.cc, so the comparison is like for like.
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 100;
    GumboOutput* out = gumbo_parse_with_options(&opt, bytes.data(), bytes.size());
    gumbo_destroy_output(&opt, out);
    parse_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++pages;
    bytes_total += bytes.size();
  }
  std::printf("gumbo_bare pages=%zu bytes=%zu parse_ms=%.1f\n", pages, bytes_total, parse_ms);
  return 0;
}
