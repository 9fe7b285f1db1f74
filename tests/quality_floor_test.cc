// quality_floor_test.cc: pins extraction quality on the fixture archive
// (tests/support fixture_archive(), gold in gold/pages.jsonl and
// gold/articles.jsonl). The whole pipeline runs -- parse, SiteModel over all
// pages, classify, build_document, repair_text -- and must hold:
//   block-level chrome precision >= 0.99 and recall >= 0.99,
//   article body token F1 >= 0.98 (against the permalink page's gold
//     content blocks: title, byline, date line, caption, body),
//   title and date exact on >= 98% of articles.
// Gold blocks are matched to parsed blocks by whitespace-collapsed text, in
// page order. A floor is never lowered silently (docs/internals/chrome.md).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
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

struct GoldPage {
  std::string url;
  std::vector<std::pair<std::string, bool>> blocks;  // text, chrome
};

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

std::string page_file(const std::string& dir, const std::string& url) {
  std::string p = dir + "/site" + url;
  if (fs::is_regular_file(p)) return p;
  if (!p.empty() && p.back() != '/') p += '/';
  return p + "index.html";
}

std::string norm(std::string_view s) { return winnow::collapse_whitespace(s); }

std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> out;
  const std::string collapsed = winnow::collapse_whitespace(s);
  for (auto t : winnow::split(collapsed, ' ')) {
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// Bag-of-tokens F1 of got against want.
double token_f1(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  if (got.empty() && want.empty()) return 1.0;
  std::unordered_map<std::string, int> w;
  for (const auto& t : want) ++w[t];
  int common = 0;
  for (const auto& t : got) {
    auto it = w.find(t);
    if (it != w.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  if (common == 0) return 0.0;
  double p = static_cast<double>(common) / static_cast<double>(got.size());
  double r = static_cast<double>(common) / static_cast<double>(want.size());
  return 2 * p * r / (p + r);
}

// Fraction of want's tokens found in got (bag of tokens).
double recall_of(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  if (want.empty()) return 1.0;
  std::unordered_map<std::string, int> g;
  for (const auto& t : got) ++g[t];
  int found = 0;
  for (const auto& t : want) {
    auto it = g.find(t);
    if (it != g.end() && it->second > 0) {
      --it->second;
      ++found;
    }
  }
  return static_cast<double>(found) / static_cast<double>(want.size());
}

struct Run {
  std::vector<GoldPage> gold;
  std::vector<parser::ParsedPage> pages;
  std::vector<std::vector<chrome::BlockVerdict>> verdicts;
  std::vector<parser::Document> docs;
  std::map<std::string, size_t> by_url;
};

Run run_pipeline(const std::string& dir) {
  Run r;
  for (const JsonValue& v : read_jsonl(dir + "/gold/pages.jsonl")) {
    GoldPage g;
    g.url = v.get_string("url");
    for (const JsonValue& b : v["blocks"].as_array()) {
      g.blocks.emplace_back(norm(b.get_string("text")), b["chrome"].as_bool());
    }
    r.gold.push_back(std::move(g));
  }
  chrome::SiteModel model;
  for (const GoldPage& g : r.gold) {
    auto bytes = winnow::read_file(page_file(dir, g.url));
    REQUIRE(bytes.is_ok());
    parser::ParseOptions po;
    po.url = kRoot + g.url;
    r.pages.push_back(parser::parse_html(*bytes, po));
    model.add_page(po.url, r.pages.back());
  }
  for (size_t i = 0; i < r.gold.size(); ++i) {
    std::string url = kRoot + r.gold[i].url;
    r.verdicts.push_back(model.classify(url, r.pages[i]));
    r.docs.push_back(chrome::build_document(url, r.pages[i], r.verdicts.back()));
    r.by_url[r.gold[i].url] = i;
  }
  chrome::repair_text(r.docs);
  return r;
}

}  // namespace

TEST_CASE("quality floors on the fixture archive", "[policy]") {
  const std::string& dir = winnow::test::fixture_archive();
  Run r = run_pipeline(dir);

  // Block-level chrome detection: chrome is the positive class.
  int64_t tp = 0, fp = 0, fn = 0, matched = 0, total = 0;
  for (size_t i = 0; i < r.gold.size(); ++i) {
    const auto& blocks = r.pages[i].blocks;
    size_t next = 0;
    for (const auto& [text, is_chrome] : r.gold[i].blocks) {
      ++total;
      size_t j = next;
      while (j < blocks.size() && norm(blocks[j].text) != text) ++j;
      if (j == blocks.size()) continue;  // not found: counted in match rate
      ++matched;
      next = j + 1;
      bool said = r.verdicts[i][j].chrome;
      if (said && is_chrome) ++tp;
      if (said && !is_chrome) ++fp;
      if (!said && is_chrome) ++fn;
    }
  }
  double precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0;
  double recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1.0;
  double match_rate = total ? static_cast<double>(matched) / static_cast<double>(total) : 1.0;

  // Articles at their permalinks: body token F1, title and date.
  double f1_sum = 0, body_recall_sum = 0;
  int articles = 0, titles_ok = 0, dates_ok = 0, misses = 0;
  for (const JsonValue& a : read_jsonl(dir + "/gold/articles.jsonl")) {
    auto it = r.by_url.find(a.get_string("url"));
    if (it == r.by_url.end()) continue;
    const parser::Document& d = r.docs[it->second];
    // The page's gold content blocks: title, byline, date line, caption and
    // body paragraphs (articles.jsonl "paragraphs" holds the body alone; the
    // rest is content too, and a Document keeps it as paragraphs).
    std::vector<std::string> want, body;
    for (const auto& [text, is_chrome] : r.gold[it->second].blocks) {
      if (is_chrome) continue;
      for (auto& t : tokens(text)) want.push_back(t);
    }
    for (const JsonValue& p : a["paragraphs"].as_array()) {
      for (auto& t : tokens(p.as_string())) body.push_back(t);
    }
    std::vector<std::string> got;
    for (const auto& p : d.paragraphs) {
      for (auto& t : tokens(p.text)) got.push_back(t);
    }
    f1_sum += token_f1(got, want);
    body_recall_sum += token_f1(got, body) > 0 ? recall_of(got, body) : 0;
    ++articles;
    bool title_ok = norm(d.title) == norm(a.get_string("title"));
    bool date_ok = d.date.substr(0, 10) == a.get_string("date");
    titles_ok += title_ok ? 1 : 0;
    dates_ok += date_ok ? 1 : 0;
    if (!title_ok && misses++ < 5) {
      std::printf("title miss %s: \"%s\" want \"%s\"\n", a.get_string("url").c_str(),
                  d.title.c_str(), a.get_string("title").c_str());
    }
  }
  REQUIRE(articles > 0);
  double f1 = f1_sum / articles;
  double title_rate = static_cast<double>(titles_ok) / articles;
  double date_rate = static_cast<double>(dates_ok) / articles;
  std::printf(
      "quality: blocks matched %.4f (%lld/%lld); chrome precision %.4f recall %.4f; "
      "articles %d body F1 %.4f (recall of articles.jsonl body %.4f) title %.4f date %.4f\n",
      match_rate, static_cast<long long>(matched), static_cast<long long>(total), precision,
      recall, articles, f1, body_recall_sum / articles, title_rate, date_rate);
  CHECK(match_rate >= 0.98);
  CHECK(precision >= 0.99);
  CHECK(recall >= 0.99);
  CHECK(f1 >= 0.98);
  CHECK(title_rate >= 0.98);
  CHECK(date_rate >= 0.98);
}
