// site_cases_runner.cc: runs one data-file case, fixtures/sites/<case>/
// (registered per folder by tests/CMakeLists.txt). The case folder holds a
// small site (.html/.htm/.txt/.md files, any depth) and expect.json:
//   {"description": "...",
//    "url_prefix": "https://example.org/",      optional: gives files URLs
//    "pages": {"<relative path>": {
//        "kept":    ["paragraph", ...],   exact paragraphs after cleaning
//        "dropped": ["line", ...],        lines that must appear in no kept
//                                         paragraph of this page
//        "title":   "..."                 optional, exact
//    }}}
// The folder is cleaned the way `winnow clean DIR` does it (one site: parse
// every file, SiteModel over all, classify, build_document, repair_text).
// Exit 0 when every expectation holds; otherwise prints a diff per page and
// exits 1. Usage: site_cases_runner <case_dir>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "chrome/chrome.h"
#include "parser/parser.h"

namespace {

namespace fs = std::filesystem;
using winnow::JsonValue;
namespace chrome = winnow::chrome;
namespace parser = winnow::parser;

struct File {
  std::string rel;
  std::string url;
  bool html = false;
  parser::ParsedPage page;
};

std::vector<File> load_site(const std::string& dir, const std::string& prefix) {
  std::vector<File> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string ext = winnow::to_lower_ascii(e.path().extension().string());
    if (ext != ".html" && ext != ".htm" && ext != ".txt" && ext != ".md") continue;
    File f;
    f.rel = e.path().lexically_relative(dir).generic_string();
    f.html = ext == ".html" || ext == ".htm";
    if (!prefix.empty()) f.url = prefix + f.rel;
    auto bytes = winnow::read_file(e.path().string());
    if (!bytes) {
      std::printf("warning: %s: %s\n", f.rel.c_str(), bytes.status().message().c_str());
      continue;
    }
    parser::ParseOptions po;
    po.url = f.url;
    f.page = f.html ? parser::parse_html(*bytes, po) : parser::parse_text(*bytes, po);
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(),
            [](const File& a, const File& b) { return a.rel < b.rel; });
  return files;
}

std::vector<std::string> strings(const JsonValue& v) {
  std::vector<std::string> out;
  for (const JsonValue& x : v.as_array()) out.push_back(x.as_string());
  return out;
}

// Prints a line diff of want vs got ("-" missing, "+" unexpected).
void print_diff(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  size_t n = want.size(), m = got.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = want[i] == got[j] ? lcs[i + 1][j + 1] + 1
                                    : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && want[i] == got[j]) {
      std::printf("    %s\n", want[i].c_str());
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      std::printf("  + %s\n", got[j++].c_str());
    } else {
      std::printf("  - %s\n", want[i++].c_str());
    }
  }
}

int run_case(const std::string& dir) {
  auto text = winnow::read_file(dir + "/expect.json");
  if (!text) {
    std::printf("%s\n", text.status().message().c_str());
    return 1;
  }
  auto expect = JsonValue::parse(*text);
  if (!expect) {
    std::printf("%s/expect.json: %s\n", dir.c_str(), expect.status().message().c_str());
    return 1;
  }
  std::string prefix = expect->get_string("url_prefix");
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::vector<File> files = load_site(dir, prefix);
  chrome::SiteModel model;
  for (const File& f : files) model.add_page(f.url, f.page);
  std::vector<parser::Document> docs;
  for (const File& f : files) {
    docs.push_back(chrome::build_document(f.url, f.page, model.classify(f.url, f.page)));
  }
  chrome::repair_text(docs);
  std::map<std::string, const parser::Document*> by_path;
  for (size_t i = 0; i < files.size(); ++i) by_path[files[i].rel] = &docs[i];

  int failures = 0;
  for (const auto& [path, want] : (*expect)["pages"].as_object()) {
    auto it = by_path.find(path);
    if (it == by_path.end()) {
      std::printf("FAIL %s: no such file in the case\n", path.c_str());
      ++failures;
      continue;
    }
    const parser::Document& d = *it->second;
    std::vector<std::string> got;
    for (const auto& p : d.paragraphs) got.push_back(p.text);
    if (!want["kept"].is_null() && strings(want["kept"]) != got) {
      std::printf("FAIL %s: kept paragraphs differ (- expected, + got)\n", path.c_str());
      print_diff(strings(want["kept"]), got);
      ++failures;
    }
    for (const std::string& line : strings(want["dropped"])) {
      for (const std::string& g : got) {
        if (g.find(line) != std::string::npos) {
          std::printf("FAIL %s: chrome line kept: %s\n", path.c_str(), line.c_str());
          ++failures;
          break;
        }
      }
    }
    if (want["title"].is_string() && want["title"].as_string() != d.title) {
      std::printf("FAIL %s: title \"%s\", expected \"%s\"\n", path.c_str(), d.title.c_str(),
                  want["title"].as_string().c_str());
      ++failures;
    }
  }
  std::printf("%s: %zu files, %d failure(s)\n", dir.c_str(), files.size(), failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: site_cases_runner <case_dir>\n");
    return 2;
  }
  return run_case(argv[1]);
}
