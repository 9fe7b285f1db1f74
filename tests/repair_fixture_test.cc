// repair_fixture_test.cc: repair_text keeps mending what the fixture archive
// damages on purpose (fixtures/README.md, "PDF conversion damage"): HTML
// newsletter issues converted from PDF (the editor's paragraph hyphenated
// across a page break, a running head and page number per page) and the
// text dumps (words hyphenated at the margin, running heads, Markdown
// leftovers). The pipeline is the one `winnow clean DIR` runs: parse,
// SiteModel over the corpus, classify, build_document, repair_text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "chrome/chrome.h"
#include "parser/parser.h"
#include "tests/support/util.h"

namespace {

using winnow::JsonValue;
namespace fs = std::filesystem;
namespace chrome = winnow::chrome;
namespace parser = winnow::parser;

constexpr const char* kRoot = "https://kvrf.example.org";

std::vector<JsonValue> read_jsonl(const std::string& path) {
  std::vector<JsonValue> out;
  for (const std::string& line : winnow::test::read_lines(path)) {
    if (line.empty()) continue;
    auto v = JsonValue::parse(line);
    REQUIRE(v.is_ok());
    out.push_back(std::move(*v));
  }
  return out;
}

// Documents of `files` (parsed by `parse`) after the whole pipeline.
template <typename Parse>
std::vector<parser::Document> clean_corpus(const std::vector<std::string>& files,
                                           const std::vector<std::string>& urls, Parse parse) {
  chrome::SiteModel model;
  std::vector<parser::ParsedPage> pages;
  for (size_t i = 0; i < files.size(); ++i) {
    auto bytes = winnow::read_file(files[i]);
    REQUIRE(bytes.is_ok());
    parser::ParseOptions po;
    po.url = urls[i];
    pages.push_back(parse(*bytes, po));
    model.add_page(urls[i], pages.back());
  }
  std::vector<parser::Document> docs;
  for (size_t i = 0; i < files.size(); ++i) {
    docs.push_back(chrome::build_document(urls[i], pages[i], model.classify(urls[i], pages[i])));
  }
  chrome::repair_text(docs);
  return docs;
}

bool has_paragraph(const parser::Document& d, const std::string& text) {
  return std::any_of(d.paragraphs.begin(), d.paragraphs.end(),
                     [&](const parser::Paragraph& p) { return p.text == text; });
}

}  // namespace

TEST_CASE("repair mends the fixture newsletters' PDF-conversion damage", "[policy]") {
  const std::string& dir = winnow::test::fixture_archive();
  std::vector<std::string> files, urls;
  std::map<std::string, size_t> by_url;
  for (const JsonValue& v : read_jsonl(dir + "/gold/pages.jsonl")) {
    const std::string url = v.get_string("url");
    std::string f = dir + "/site" + url;
    if (!fs::is_regular_file(f)) f += (f.back() == '/' ? "" : "/") + std::string("index.html");
    by_url[url] = files.size();
    files.push_back(f);
    urls.push_back(kRoot + url);
  }
  auto docs = clean_corpus(files, urls, [](std::string_view b, const parser::ParseOptions& o) {
    return parser::parse_html(b, o);
  });
  // Every newsletter-only paragraph of the gold (the editor's note rejoined
  // across its page break, the notice) is one paragraph of its issue.
  int newsletter_paras = 0, found = 0;
  std::string missing;
  for (const JsonValue& p : read_jsonl(dir + "/gold/paragraphs.jsonl")) {
    const std::string owner = p.get_string("owner_url");
    if (owner.find("/newsletter/") == std::string::npos) continue;
    auto it = by_url.find(owner);
    REQUIRE(it != by_url.end());
    ++newsletter_paras;
    const std::string want = winnow::collapse_whitespace(p.get_string("text"));
    const bool ok = has_paragraph(docs[it->second], want);
    if (!ok) missing += "\n" + owner + ": " + p.get_string("text");
    found += ok ? 1 : 0;
  }
  REQUIRE(newsletter_paras >= 24);
  INFO("missing:" << missing);
  CHECK(found == newsletter_paras);
  // No running head or bare page number is left in any issue.
  for (size_t i = 0; i < docs.size(); ++i) {
    if (urls[i].find("/newsletter/") == std::string::npos) continue;
    for (const auto& p : docs[i].paragraphs) {
      INFO(urls[i]);
      CHECK(p.text.rfind("Kestrel Valley Bulletin \xC2\xB7", 0) == std::string::npos);
      CHECK(p.text.find_first_not_of("0123456789") != std::string::npos);
    }
  }
}

TEST_CASE("repair mends the fixture text dumps", "[policy]") {
  const std::string& dir = winnow::test::fixture_archive();
  std::vector<JsonValue> gold = read_jsonl(dir + "/gold/textdump.jsonl");
  std::vector<std::string> files, urls;
  for (const JsonValue& g : gold) {
    files.push_back(dir + "/" + g.get_string("path"));
    urls.push_back(g.get_string("source_url"));
  }
  auto docs = clean_corpus(files, urls, [](std::string_view b, const parser::ParseOptions& o) {
    return parser::parse_text(b, o);
  });
  int hyphenated = 0, joined = 0;
  std::string missing;
  for (size_t i = 0; i < gold.size(); ++i) {
    std::string text = " " + parser::document_text(docs[i]) + " ";
    for (char& c : text) {
      if (c == '\n' || c == ',' || c == '.') c = ' ';
    }
    for (const JsonValue& h : gold[i]["hyphenation"].as_array()) {
      ++hyphenated;
      const std::string word = h.get_string("joined");
      const bool ok = text.find(" " + word + " ") != std::string::npos;
      if (!ok) missing += "\n" + gold[i].get_string("path") + ": " + word;
      joined += ok ? 1 : 0;
    }
    INFO(gold[i].get_string("path"));
    CHECK(text.find("Kestrel Valley Bulletin \xC2\xB7") == std::string::npos);
    CHECK(text.find("**") == std::string::npos);
    CHECK(text.find("](") == std::string::npos);
    CHECK(text.find("<https://") == std::string::npos);
  }
  REQUIRE(hyphenated >= 24);
  INFO("not rejoined:" << missing);
  CHECK(joined == hyphenated);
}
