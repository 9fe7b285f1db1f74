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
//    "dedup": false                             optional: --no-dedup
//    "across_articles": true                    optional: --across-articles
// The folder is cleaned by `winnow clean DIR` itself (build/winnow): one
// site, chrome learnt across the files, duplicates removed across them
// unless "dedup" is false; a file the command writes no line for has no
// paragraphs.
// Exit 0 when every expectation holds; otherwise prints a diff per page and
// exits 1. Usage: site_cases_runner <case_dir>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "tests/support/util.h"

namespace {

namespace fs = std::filesystem;
using winnow::JsonValue;

// One file of the case as `winnow clean DIR` wrote it (absent: no line).
struct Cleaned {
  std::vector<std::string> paragraphs;
  std::string title;
};

// Runs `winnow clean DIR` on the case folder; path -> what it kept. The
// expectations file is not a page (.json), so the command skips it.
std::map<std::string, Cleaned> clean_case(const std::string& dir, const JsonValue& expect,
                                          bool* ok) {
  std::vector<std::string> args = {"clean", dir};
  std::string prefix = expect.get_string("url_prefix");
  if (!prefix.empty()) args.insert(args.end(), {"--url-prefix", prefix});
  if (expect["dedup"].is_bool() && !expect["dedup"].as_bool()) args.push_back("--no-dedup");
  if (expect["across_articles"].is_bool() && expect["across_articles"].as_bool()) {
    args.push_back("--across-articles");
  }
  winnow::test::RunResult r = winnow::test::run_winnow(args);
  std::map<std::string, Cleaned> out;
  *ok = r.exit_code == 0;
  if (!*ok) {
    std::printf("winnow clean %s: exit %d\n%s", dir.c_str(), r.exit_code, r.err.c_str());
    return out;
  }
  for (std::string_view line : winnow::split(r.out, '\n')) {
    if (line.empty()) continue;
    auto v = JsonValue::parse(line);
    if (!v) {
      std::printf("bad output line: %s\n", std::string(line).c_str());
      *ok = false;
      continue;
    }
    Cleaned c;
    c.title = v->get_string("title");
    std::string text = v->get_string("text");
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      size_t end = text.find("\n\n", start);
      if (end == std::string::npos) end = text.size();
      c.paragraphs.push_back(text.substr(start, end - start));
      start = end + 2;
    }
    out[v->get_string("path")] = std::move(c);
  }
  return out;
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
  bool ok = true;
  std::map<std::string, Cleaned> cleaned = clean_case(dir, *expect, &ok);
  if (!ok) return 1;

  int failures = 0;
  for (const auto& [path, want] : (*expect)["pages"].as_object()) {
    if (!fs::exists(fs::path(dir) / path)) {
      std::printf("FAIL %s: no such file in the case\n", path.c_str());
      ++failures;
      continue;
    }
    // A file with nothing left gets no line: no paragraphs, no title.
    const Cleaned d = cleaned.count(path) ? cleaned[path] : Cleaned{};
    const std::vector<std::string>& got = d.paragraphs;
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
  std::printf("%s: %zu files written, %d failure(s)\n", dir.c_str(), cleaned.size(), failures);
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
