// clean_dir_test.cc: `winnow clean DIR` end to end (cli/clean_dir.cc): the
// folder is one site, one JSONL line per file with text left sorted by path
// (one per file with --no-dedup), --out and --url-prefix, bad files warned
// about by name while the batch goes on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "base/base.h"
#include "tests/support/util.h"

namespace {

namespace fs = std::filesystem;
using winnow::JsonValue;

std::vector<JsonValue> parse_lines(const std::string& text) {
  std::vector<JsonValue> out;
  for (auto line : winnow::split(text, '\n')) {
    if (line.empty()) continue;
    auto v = JsonValue::parse(line);
    REQUIRE(v.is_ok());
    out.push_back(std::move(*v));
  }
  return out;
}

std::string case_dir(const std::string& name) {
  return std::string(WINNOW_SOURCE_DIR) + "/fixtures/sites/" + name;
}

}  // namespace

TEST_CASE("clean DIR writes one sorted JSONL line per file", "[policy]") {
  auto r = winnow::test::run_winnow({"clean", case_dir("copyright-years")});
  REQUIRE(r.exit_code == 0);
  auto lines = parse_lines(r.out);
  REQUIRE(lines.size() == 6);
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].get_string("path") == "news/item-" + std::to_string(i) + ".html");
    CHECK(lines[i].get_string("url") == "");
    CHECK(lines[i].get_string("title") == "Harvest Note " + std::to_string(i + 1));
    CHECK(lines[i].get_string("lang") == "en");
    CHECK(lines[i].get_string("text").find("2003") == std::string::npos);
    CHECK(lines[i]["text"].is_string());
    CHECK(lines[i]["kind"].is_string());
  }
}

TEST_CASE("clean DIR --out and --url-prefix", "[policy]") {
  std::string dir = winnow::test::make_temp_dir("clean-dir-out");
  std::string out = dir + "/out.jsonl";
  auto r = winnow::test::run_winnow({"clean", case_dir("rtl-edition"), "--out", out,
                                     "--url-prefix", "https://valley.example.org", "--no-dedup"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  auto lines = parse_lines(winnow::test::slurp(out));
  REQUIRE(lines.size() == 8);
  CHECK(lines[0].get_string("path") == "ar/posts/0.html");
  CHECK(lines[0].get_string("url") == "https://valley.example.org/ar/posts/0.html");
  CHECK(lines[0].get_string("lang") == "ar");
  CHECK(lines[4].get_string("url") == "https://valley.example.org/fa/posts/0.html");
  // With dedup (the default) the two posts whose every paragraph another
  // post of their edition already holds get no line.
  auto dedup = winnow::test::run_winnow({"clean", case_dir("rtl-edition"), "--url-prefix",
                                         "https://valley.example.org"});
  REQUIRE(dedup.exit_code == 0);
  std::vector<std::string> paths;
  for (const JsonValue& v : parse_lines(dedup.out)) paths.push_back(v.get_string("path"));
  CHECK(paths == std::vector<std::string>{"ar/posts/0.html", "ar/posts/1.html", "ar/posts/3.html",
                                          "fa/posts/0.html", "fa/posts/1.html", "fa/posts/3.html"});
}

TEST_CASE("clean DIR warns about a bad file by name and goes on", "[policy]") {
  std::string dir = winnow::test::make_temp_dir("clean-dir-bad");
  fs::copy(case_dir("tiny-site"), dir, fs::copy_options::recursive);
  fs::remove(dir + "/expect.json");
  fs::create_symlink(dir + "/missing-target.html", dir + "/broken.html");
  auto r = winnow::test::run_winnow({"clean", dir});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("broken.html") != std::string::npos);
  CHECK(parse_lines(r.out).size() == 5);
}

TEST_CASE("clean DIR on a missing folder fails with one line", "[policy]") {
  auto r = winnow::test::run_winnow({"clean", "/nonexistent/winnow-dir/"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
}

TEST_CASE("clean DIR: the parse cache budget never changes the output", "[policy]") {
  // Pass 1 keeps parsed pages for pass 2 within --cache-mb; pages past the
  // budget are parsed again. All cached, none cached and partly cached
  // (1 MiB holds a few of these pages) must give the same bytes.
  std::string dir = winnow::test::fixture_archive() + "/site/sq";
  auto all = winnow::test::run_winnow({"clean", dir});
  auto none = winnow::test::run_winnow({"clean", dir, "--cache-mb", "0"});
  auto some = winnow::test::run_winnow({"clean", dir, "--cache-mb", "1"});
  REQUIRE(all.exit_code == 0);
  REQUIRE(none.exit_code == 0);
  REQUIRE(some.exit_code == 0);
  CHECK(none.out == all.out);
  CHECK(some.out == all.out);
  auto each = winnow::test::run_winnow({"clean", dir, "--no-dedup", "--cache-mb", "1"});
  REQUIRE(each.exit_code == 0);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
  CHECK(files >= 30);
  CHECK(parse_lines(each.out).size() == files);  // --no-dedup: a line per file
}
