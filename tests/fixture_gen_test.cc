// fixture_gen_test.cc: tests for fixtures/generator (fixturegen). Runs the
// generator into temp dirs and checks reproducibility, size, every pattern
// listed in archive-shape.md, gold file consistency and scaling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef WINNOW_FIXTUREGEN
#error "WINNOW_FIXTUREGEN must be defined to the fixturegen executable path"
#endif

namespace fs = std::filesystem;

namespace {

fs::path tmp_root() {
  const char* e = std::getenv("WINNOW_TEST_TMP");
  fs::path p = e && *e ? fs::path(e) : fs::temp_directory_path();
  p /= "fixture_gen_test";
  fs::create_directories(p);
  return p;
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs fixturegen; returns its exit status.
int run_gen(const fs::path& out, const std::string& extra = "") {
  const std::string cmd = quote(WINNOW_FIXTUREGEN) + " --out " + quote(out.string()) + " " + extra +
                          " > " + quote((out.string() + ".log")) + " 2>&1";
  return std::system(cmd.c_str());
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> v;
  std::ifstream f(p, std::ios::binary);
  for (std::string l; std::getline(f, l);) v.push_back(l);
  return v;
}

uint64_t fnv(const std::string& s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return h;
}

std::map<std::string, uint64_t> tree_hashes(const fs::path& root) {
  std::map<std::string, uint64_t> m;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() != ".log")
      m[fs::relative(e.path(), root).generic_string()] = fnv(slurp(e.path()));
  return m;
}

bool is_html(const fs::path& p) { return p.extension() == ".html"; }

std::vector<fs::path> html_files(const fs::path& site) {
  std::vector<fs::path> v;
  for (const auto& e : fs::recursive_directory_iterator(site))
    if (e.is_regular_file() && is_html(e.path())) v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

long manifest_num(const std::string& manifest, const std::string& key) {
  const std::string k = "\"" + key + "\": ";
  const size_t at = manifest.find(k);
  if (at == std::string::npos) return -1;
  return std::strtol(manifest.c_str() + at + k.size(), nullptr, 10);
}

// The default archive, generated once per process.
const fs::path& archive() {
  static const fs::path dir = [] {
    fs::path d = tmp_root() / "default";
    REQUIRE(run_gen(d) == 0);
    return d;
  }();
  return dir;
}

std::string page(const std::string& url_file) { return slurp(archive() / "site" / url_file); }

// Every <p>...</p> text of a page, in order.
std::vector<std::string> paragraphs(const std::string& html) {
  std::vector<std::string> v;
  for (size_t at = html.find("<p"); at != std::string::npos; at = html.find("<p", at + 1)) {
    if (html[at + 2] != '>' && html[at + 2] != ' ') continue;
    const size_t s = html.find('>', at) + 1, e = html.find("</p>", s);
    if (e == std::string::npos) break;
    v.push_back(html.substr(s, e - s));
  }
  return v;
}

// Checks a PDF's xref table: every offset points at "N 0 obj".
bool pdf_xref_ok(const std::string& pdf) {
  const size_t sx = pdf.rfind("startxref\n");
  if (sx == std::string::npos) return false;
  const size_t xref = std::strtoul(pdf.c_str() + sx + 10, nullptr, 10);
  if (pdf.compare(xref, 4, "xref") != 0) return false;
  std::istringstream in(pdf.substr(xref + 5));
  size_t first = 0, n = 0;
  in >> first >> n;
  for (size_t i = 0; i < n; ++i) {
    std::string off, gen, kind;
    in >> off >> gen >> kind;
    if (i == 0) continue;
    const std::string want = std::to_string(first + i) + " 0 obj";
    if (pdf.compare(std::stoul(off), want.size(), want) != 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("fixturegen output is byte-identical across runs", "[fixturegen]") {
  const fs::path again = tmp_root() / "again";
  REQUIRE(run_gen(again) == 0);
  const auto a = tree_hashes(archive()), b = tree_hashes(again);
  CHECK(a.size() > 300);
  CHECK(a == b);
  // Rerunning into the same dir replaces its contents identically.
  REQUIRE(run_gen(again) == 0);
  CHECK(tree_hashes(again) == a);
  // Another seed gives another archive.
  const fs::path other = tmp_root() / "seed2";
  REQUIRE(run_gen(other, "--seed 2") == 0);
  CHECK(tree_hashes(other) != a);
}

TEST_CASE("default archive size and manifest counts match files", "[fixturegen]") {
  const fs::path& d = archive();
  const auto html = html_files(d / "site");
  CHECK(html.size() >= 300);
  const std::string m = slurp(d / "gold" / "manifest.json");
  CHECK(manifest_num(m, "pages") == static_cast<long>(html.size()));
  CHECK(lines_of(d / "gold" / "pages.jsonl").size() == html.size());
  CHECK(manifest_num(m, "articles") == static_cast<long>(lines_of(d / "gold" / "articles.jsonl").size()));
  CHECK(manifest_num(m, "paragraphs") == static_cast<long>(lines_of(d / "gold" / "paragraphs.jsonl").size()));
  CHECK(manifest_num(m, "excerpts") == static_cast<long>(lines_of(d / "gold" / "excerpts.jsonl").size()));
  size_t pdfs = 0, dumps = 0;
  for (const auto& e : fs::recursive_directory_iterator(d / "site"))
    if (e.path().filename() == "issue.pdf") ++pdfs;
  for (const auto& e : fs::directory_iterator(d / "textdump")) dumps += e.is_regular_file() ? 1 : 0;
  CHECK(manifest_num(m, "pdfs") == static_cast<long>(pdfs));
  CHECK(manifest_num(m, "newsletters") >= 12);
  CHECK(manifest_num(m, "textdump_files") == static_cast<long>(dumps));
  CHECK(lines_of(d / "gold" / "textdump.jsonl").size() == dumps);
  CHECK(manifest_num(m, "near_dup_doc_pairs") == 200);
  CHECK(manifest_num(m, "near_dup_para_pairs") == 400);
}

TEST_CASE("chrome patterns are present on every page", "[fixturegen]") {
  const fs::path site = archive() / "site";
  std::set<std::string> copyrights, recent_lists;
  size_t checked = 0;
  for (const auto& p : html_files(site)) {
    const std::string rel = fs::relative(p, site).generic_string();
    if (rel.find("/print/") != std::string::npos) continue;
    const std::string h = slurp(p);
    if (h.find("http-equiv=\"refresh\"") != std::string::npos) continue;  // redirect stub
    INFO(rel);
    if (rel.rfind("en/", 0) == 0) CHECK(count(h, ">Annual Reports</a>") == 3);  // menu printed 3 times
    CHECK(count(h, "class=\"menu-item menu-item-has-children\"") == 3 * 3);
    for (const char* lang : {"href=\"/en/\"", "href=\"/ar/\"", "href=\"/fa/\"", "href=\"/sq/\"",
                             "href=\"/zh/\"", "href=\"/ja/\""})
      CHECK(h.find(lang) != std::string::npos);
    // The tag grid on every page; English pages also list months.
    CHECK(count(h, "class=\"tag-cloud-link\"") >= 3);
    if (rel.rfind("en/", 0) == 0) CHECK(count(h, ">Archives</") == 1);
    const size_t c = h.find("<div class=\"copyright\">");
    REQUIRE(c != std::string::npos);
    copyrights.insert(h.substr(c, h.find("</div>", c) - c));
    const size_t r = h.find(">Recent Posts</");
    if (rel.rfind("en/", 0) == 0) REQUIRE(r != std::string::npos);
    if (r != std::string::npos) recent_lists.insert(h.substr(r, h.find("</ul>", r) - r));
    CHECK(h.find(">Instagram</a>") != std::string::npos);
    ++checked;
  }
  CHECK(checked >= 300);
  CHECK(copyrights.size() >= 2);
  CHECK(std::any_of(copyrights.begin(), copyrights.end(),
                    [](const std::string& s) { return s.find("All Rights Reserved.") != std::string::npos; }));
  CHECK(recent_lists.size() >= 2);  // the sidebar changes with snapshot time
  const std::string art = page("en/page/2/index.html");
  CHECK(art.find("\">Facebook</a><a class=\"share-twitter\"") != std::string::npos);
  CHECK(art.find("Older Posts") != std::string::npos);
  CHECK(art.find("Newer Posts") != std::string::npos);
  CHECK(art.find("0 comments") != std::string::npos);
  CHECK(art.find("Back To Top") != std::string::npos);
}

TEST_CASE("duplication, aliases and listing patterns", "[fixturegen]") {
  const fs::path site = archive() / "site";
  bool doubled = false, alt_caption = false;
  for (const auto& p : html_files(site / "en" / "posts")) {
    const std::string h = slurp(p);
    const auto ps = paragraphs(h);
    for (size_t i = 0; i + 1 < ps.size(); ++i) doubled |= ps[i].size() > 40 && ps[i] == ps[i + 1];
    const size_t a = h.find(" alt=\"");
    if (a != std::string::npos) {
      const std::string alt = h.substr(a + 6, h.find('"', a + 6) - a - 6);
      alt_caption |= h.find("<figcaption>" + alt + "</figcaption>") != std::string::npos;
    }
  }
  CHECK(doubled);
  CHECK(alt_caption);
  // Home pages fetched at different times overlap.
  auto ids = [](const std::string& h) {
    std::set<std::string> s;
    for (size_t at = h.find("id=\"post-"); at != std::string::npos; at = h.find("id=\"post-", at + 1))
      s.insert(h.substr(at + 9, 5));
    return s;
  };
  const auto p2 = ids(page("en/page/2/index.html")), p3 = ids(page("en/page/3/index.html"));
  CHECK(p2.size() >= 5);
  CHECK(std::any_of(p2.begin(), p2.end(), [&](const std::string& i) { return p3.count(i) > 0; }));
  // Listing-only posts: in articles.jsonl, no permalink file.
  size_t listing_only = 0;
  for (const auto& l : lines_of(archive() / "gold" / "articles.jsonl")) {
    if (l.find("\"has_permalink\":false") == std::string::npos) continue;
    ++listing_only;
    const size_t u = l.find("\"url\":\"") + 7;
    const std::string url = l.substr(u, l.find('"', u) - u);
    CHECK_FALSE(fs::exists(site / url.substr(1) / "index.html"));
  }
  CHECK(listing_only >= 3);
  // Stale copies at old permalinks, print views, tracking links.
  const std::string gold_articles = slurp(archive() / "gold" / "articles.jsonl");
  CHECK(count(gold_articles, "\"near_dup_of\":\"") >= 3);
  CHECK(gold_articles.find("?utm_source=newsletter&utm_medium=email\"") != std::string::npos);
  CHECK(gold_articles.find("/print/\"") != std::string::npos);
  size_t old_html = 0;
  for (const auto& p : html_files(site / "en"))
    old_html += p.filename() != "index.html" ? 1 : 0;
  CHECK(old_html >= 3);
  // Run-on listing: one category page runs a post body straight into the next.
  bool runon = false;
  for (const auto& p : html_files(site / "en" / "category"))
    runon |= slurp(p).find("</div>\n<div class=\"entry-content\">") != std::string::npos;
  CHECK(runon);
  const std::string pages_gold = slurp(archive() / "gold" / "pages.jsonl");
  CHECK(pages_gold.find("\"text\":\"Yes.\",\"chrome\":false") != std::string::npos);
  CHECK(pages_gold.find("Voices from the Upper Valley") != std::string::npos);
  CHECK(pages_gold.find("Imre Halloway coordinates") != std::string::npos);
}

TEST_CASE("metadata appears in varied forms", "[fixturegen]") {
  bool og = false, time = false, ld = false;
  for (const auto& p : html_files(archive() / "site" / "en" / "posts")) {
    const std::string h = slurp(p);
    og |= h.find("property=\"og:title\"") != std::string::npos && h.find(" | Kestrel") != std::string::npos;
    time |= h.find("<time class=\"entry-date published\" datetime=\"") != std::string::npos;
    ld |= h.find("\"datePublished\":\"") != std::string::npos;
  }
  CHECK(og);
  CHECK(time);
  CHECK(ld);
  const std::string text = slurp(archive() / "gold" / "pages.jsonl");
  CHECK(text.find("\u201C") != std::string::npos);  // curly quotes
  CHECK(text.find("\u2014") != std::string::npos);  // em dash
  CHECK(text.find("\u00A0km") != std::string::npos);  // no-break space
  CHECK(text.find(" -- ") != std::string::npos);     // ASCII forms too
}

TEST_CASE("newsletters, excerpts and PDFs", "[fixturegen]") {
  const fs::path nl = archive() / "site" / "en" / "newsletter";
  size_t issues = 0;
  for (const auto& e : fs::directory_iterator(nl)) {
    if (!e.is_directory()) continue;
    ++issues;
    const std::string h = slurp(e.path() / "index.html");
    INFO(e.path().string());
    CHECK(h.find("Monthly English Publication of Kestrel Valley Rights Forum") != std::string::npos);
    CHECK(h.find(">To download the PDF file click here</a>") != std::string::npos);
    CHECK(h.find(">Inside this issue<") != std::string::npos);
    CHECK(h.find("-</p>") != std::string::npos);  // hyphenated across a page break
    CHECK(count(h, "class=\"running-head\"") >= 2);
    CHECK(count(h, "<div class=\"nl-item\">") >= 8);
    CHECK(count(h, "<div class=\"nl-item\">") <= 12);
    CHECK(h.find("About Kestrel Valley Rights Forum") != std::string::npos);
    const std::string pdf = slurp(e.path() / "issue.pdf");
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    CHECK(pdf_xref_ok(pdf));
  }
  CHECK(issues >= 12);
  const std::string ex = slurp(archive() / "gold" / "excerpts.jsonl");
  CHECK(count(ex, "\"exact\":true") >= 8);
  CHECK(count(ex, "\"exact\":false") >= 1);
  CHECK(count(ex, "\"cut\":true") >= 1);
}

TEST_CASE("language editions", "[fixturegen]") {
  const fs::path site = archive() / "site";
  for (const char* lang : {"ar", "fa", "sq", "zh", "ja"}) {
    size_t articles = 0;
    for (const auto& p : html_files(site / lang)) {
      const std::string h = slurp(p);
      const bool rtl = std::string(lang) == "ar" || std::string(lang) == "fa";
      CHECK(h.find(std::string("<html lang=\"") + lang + "\" dir=\"" + (rtl ? "rtl" : "ltr") + "\"") !=
            std::string::npos);
      articles += p.string().find("/posts/") != std::string::npos ? 1 : 0;
    }
    CHECK(articles >= 15);
  }
  CHECK(slurp(archive() / "gold" / "pages.jsonl").find(" KVRF ") != std::string::npos);  // mixed script
}

// True when s holds a code point in [lo, hi] (UTF-8, 3-byte range only).
bool has_range(const std::string& s, uint32_t lo, uint32_t hi) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const unsigned char a = s[i], b = s[i + 1], c = s[i + 2];
    if ((a & 0xF0) != 0xE0 || (b & 0xC0) != 0x80 || (c & 0xC0) != 0x80) continue;
    const uint32_t cp = ((a & 0x0Fu) << 12) | ((b & 0x3Fu) << 6) | (c & 0x3Fu);
    if (cp >= lo && cp <= hi) return true;
  }
  return false;
}

TEST_CASE("Chinese and Japanese editions: no spaces, kana and kanji, teaser listings",
          "[fixturegen]") {
  size_t zh = 0, ja = 0, ja_mixed = 0;
  for (const auto& l : lines_of(archive() / "gold" / "articles.jsonl")) {
    const bool is_zh = l.find("\"lang\":\"zh\"") != std::string::npos;
    const bool is_ja = l.find("\"lang\":\"ja\"") != std::string::npos;
    if (!is_zh && !is_ja) continue;
    const size_t p = l.find("\"paragraphs\":[");
    const std::string body = l.substr(p, l.find("],\"aliases\"") - p);
    INFO(l.substr(0, 60));
    CHECK(body.find(' ') == std::string::npos);             // CJK: no spaces
    CHECK(has_range(body, 0x4E00, 0x9FFF));                  // ideographs
    if (is_ja) ja_mixed += has_range(body, 0x3040, 0x309F) && has_range(body, 0x30A0, 0x30FF);
    (is_zh ? zh : ja)++;
  }
  CHECK(zh >= 15);
  CHECK(ja >= 15);
  CHECK(ja_mixed == ja);  // hiragana and katakana in every Japanese article
  // Listings show teasers cut with an ellipsis and a read-more link.
  const std::string zh_home = page("zh/index.html"), ja_home = page("ja/index.html");
  CHECK(count(zh_home, "\u2026</p>") >= 5);
  CHECK(count(zh_home, ">\u9605\u8BFB\u5168\u6587</a>") >= 5);  // 阅读全文
  CHECK(count(ja_home, ">\u7D9A\u304D\u3092\u8AAD\u3080</a>") >= 5);  // 続きを読む
}

TEST_CASE("redirect stubs, reply-link variants, teasers and tag pages", "[fixturegen]") {
  const fs::path site = archive() / "site";
  const std::string articles = slurp(archive() / "gold" / "articles.jsonl");
  const std::string pages = slurp(archive() / "gold" / "pages.jsonl");
  // Meta-refresh stubs: a page with no chrome or text of its own, an alias
  // of its article in the gold.
  size_t stubs = 0;
  for (const auto& e : fs::directory_iterator(site / "en" / "archives")) {
    const std::string id = e.path().filename().string();
    const std::string h = slurp(e.path() / "index.html");
    INFO(id);
    CHECK(h.find("<meta http-equiv=\"refresh\" content=\"0; url=/en/posts/" + id + "\">") !=
          std::string::npos);
    CHECK(articles.find("\"/en/archives/" + id + "/\"") != std::string::npos);
    CHECK(pages.find("{\"url\":\"/en/archives/" + id + "/\",\"kind\":\"redirect\"") != std::string::npos);
    ++stubs;
  }
  CHECK(stubs >= 4);
  CHECK(page("about/index.html").empty());
  CHECK(page("en/about/index.html").find("href=\"/en/archives/") != std::string::npos);
  // ?replytocom= variants: reply links on commented articles, which name
  // themselves canonical; the variants are aliases.
  size_t replies = 0;
  for (const auto& p : html_files(site / "en" / "posts")) {
    const std::string h = slurp(p);
    const size_t at = h.find("?replytocom=");
    if (at == std::string::npos) continue;
    ++replies;
    const std::string id = fs::relative(p.parent_path(), site / "en" / "posts").generic_string();
    CHECK(h.find("<link rel=\"canonical\" href=\"/en/posts/" + id + "\">") != std::string::npos);
    const std::string variant = h.substr(h.rfind('"', at) + 1, h.find('#', at) - h.rfind('"', at) - 1);
    CHECK(articles.find("\"" + variant + "\"") != std::string::npos);
  }
  CHECK(replies >= 5);
  // English tag pages: teasers ending in an ellipsis, then "Read more"; the
  // teaser is not in paragraphs.jsonl.
  const std::string tag = page("en/tag/wells/index.html");
  CHECK(count(tag, "\u2026</p>") >= 5);
  CHECK(count(tag, ">Read more</a>") >= 5);
  const auto ps = paragraphs(tag);
  std::string teaser;
  for (const auto& p : ps)
    if (p.size() > 4 && p.compare(p.size() - 3, 3, "\u2026") == 0) teaser = p;
  REQUIRE(!teaser.empty());
  CHECK(slurp(archive() / "gold" / "paragraphs.jsonl").find(teaser) == std::string::npos);
}

TEST_CASE("robots, sitemaps and other pages", "[fixturegen]") {
  const fs::path site = archive() / "site";
  const std::string robots = slurp(site / "robots.txt");
  CHECK(robots.find("Disallow: /en/search") != std::string::npos);
  CHECK(robots.find("Disallow: /private/") != std::string::npos);
  CHECK(robots.find("Sitemap: {{ROOT}}/sitemap.xml") != std::string::npos);
  CHECK(slurp(site / "sitemap.xml").find("<loc>{{ROOT}}/sitemap-en.xml</loc>") != std::string::npos);
  CHECK(slurp(site / "sitemap-en.xml").find("<loc>{{ROOT}}/en/posts/") != std::string::npos);
  for (const char* p : {"en/about/index.html", "en/contact/index.html", "en/search/index.html",
                        "en/newsletter/index.html", "private/index.html"})
    CHECK(fs::exists(site / p));
}

TEST_CASE("text dumps and near-duplicate pairs", "[fixturegen]") {
  std::string all;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(archive() / "textdump")) {
    all += slurp(e.path());
    ++n;
  }
  CHECK(n >= 35);
  for (const char* s : {"FacebookTwitterPinterestEmail", "Back To Top", "**", "](#)", "<https://", "## ",
                        "\u2019", "\u00A9 2003 - "})
    CHECK(all.find(s) != std::string::npos);
  const std::string td = slurp(archive() / "gold" / "textdump.jsonl");
  CHECK(td.find("\"hyphenation\":[{\"line\":") != std::string::npos);
  for (const char* f : {"near_dup_docs.jsonl", "near_dup_paras.jsonl"}) {
    size_t pos = 0, neg = 0;
    for (const auto& l : lines_of(archive() / "gold" / f)) {
      const size_t r = l.find("\"edit_rate\":");
      REQUIRE(r != std::string::npos);
      const double rate = std::strtod(l.c_str() + r + 12, nullptr);
      const bool dup = l.find("\"duplicate\":true") != std::string::npos;
      CHECK(dup == (rate <= 0.15));
      (dup ? pos : neg)++;
    }
    CHECK(pos >= 80);
    CHECK(neg >= 80);
  }
}

TEST_CASE("--pages scales the archive", "[fixturegen]") {
  const fs::path d = tmp_root() / "pages2000";
  REQUIRE(run_gen(d, "--pages 2000") == 0);
  const auto html = html_files(d / "site");
  CHECK(html.size() >= 2000);
  CHECK(manifest_num(slurp(d / "gold" / "manifest.json"), "pages") == static_cast<long>(html.size()));
}
