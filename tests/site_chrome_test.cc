// site_chrome_test.cc: the site-wide chrome rules (docs/internals/chrome.md,
// "Site-wide signals") on hand-built pages: what recurs across a site's pages
// is chrome, except recurring content (series intros, author bios, posts
// repeated on listing pages); plus site_key's language editions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chrome/chrome.h"

namespace {

using winnow::chrome::BlockVerdict;
using winnow::chrome::Reason;
using winnow::chrome::SiteModel;
using winnow::chrome::SiteModelOptions;
using winnow::parser::Block;
using winnow::parser::ParsedPage;
namespace p = winnow::parser;

constexpr uint32_t kNav = p::kInNav | p::kInList;
constexpr uint32_t kBody = p::kInMain | p::kInArticle;

// One block; `link` marks the whole text as a link.
Block blk(std::string text, std::string path, uint32_t flags, bool link = false) {
  Block b;
  b.text = std::move(text);
  b.path = std::move(path);
  b.path_hash = std::hash<std::string>{}(b.path);
  b.ancestor_flags = flags;
  b.text_chars = b.text.size();
  b.link_chars = link ? b.text.size() : 0;
  b.link_count = link ? 1 : 0;
  return b;
}

struct Page {
  std::string url;
  ParsedPage parsed;
  std::vector<BlockVerdict> page;  // what the per-page classifier said
  void add(Block b, bool page_chrome = false) {
    b.position = static_cast<int>(parsed.blocks.size());
    parsed.blocks.push_back(std::move(b));
    BlockVerdict v;
    v.chrome = page_chrome;
    v.reason = page_chrome ? Reason::kPageSignals : Reason::kContent;
    page.push_back(v);
  }
};

std::string sentence(int i) {
  return "Residents of the valley met on day " + std::to_string(i) +
         " to discuss the new water plan with the regional council.";
}

// An article page of site example.org: menu, title, body, footer.
Page article(int i, const std::string& copyright) {
  Page pg;
  pg.url = "https://example.org/posts/" + std::to_string(i);
  pg.add(blk("Home", "body>nav>ul>li", kNav, true));
  pg.add(blk("About Us", "body>nav>ul>li", kNav, true));
  pg.add(blk("Title number " + std::to_string(i), "body>main>article>h1", kBody));
  pg.add(blk(sentence(i), "body>main>article>p", kBody));
  pg.add(blk(sentence(i + 1000), "body>main>article>p", kBody));
  // The per-page classifier misses the copyright line on purpose here.
  pg.add(blk(copyright, "body>div.bottom>p", 0));
  return pg;
}

std::vector<BlockVerdict> run(SiteModel& m, std::vector<Page>& pages, size_t which) {
  for (auto& pg : pages) m.add_page(pg.url, pg.parsed, pg.page);
  return m.classify(pages[which].url, pages[which].parsed, pages[which].page);
}

}  // namespace

TEST_CASE("site_key: host plus language-edition prefix", "[policy]") {
  using winnow::chrome::site_key;
  CHECK(site_key("https://Example.ORG/ar/posts/1") == "example.org/ar");
  CHECK(site_key("https://example.org/fa") == "example.org/fa");
  CHECK(site_key("https://example.org/sq/") == "example.org/sq");
  CHECK(site_key("https://example.org/en-us/about") == "example.org/en-us");
  CHECK(site_key("https://example.org/pt_BR/x") == "example.org/pt_br");
  CHECK(site_key("https://example.org/posts/1") == "example.org");
  CHECK(site_key("https://example.org/tag/water") == "example.org");
  CHECK(site_key("https://example.org/js/app.html") == "example.org");
  CHECK(site_key("https://example.org/ar.html") == "example.org");
  CHECK(site_key("http://example.org:80/x") == "example.org");
  CHECK(site_key("http://example.org:8080/x") == "example.org:8080");
  CHECK(site_key("https://user@example.org/") == "example.org");
  CHECK(site_key("") == "");
}

TEST_CASE("copyright lines whose years differ are one recurring line", "[policy]") {
  std::vector<Page> pages;
  for (int i = 0; i < 10; ++i) {
    pages.push_back(article(i, i % 2 ? "© 2003 - 2024 Kestrel Forum"
                                     : "© 2003 - 2025 Kestrel Forum. All Rights Reserved."));
  }
  SiteModel m;
  auto v = run(m, pages, 3);
  REQUIRE(v.size() == 6);
  CHECK(v[5].chrome);
  CHECK(v[5].reason == Reason::kSiteRecurrence);
  CHECK_FALSE(v[2].chrome);  // title
  CHECK_FALSE(v[3].chrome);  // body
  CHECK(m.pages_seen("example.org") == 10);
}

TEST_CASE("a menu printed twice is chrome at both places", "[policy]") {
  std::vector<Page> pages;
  for (int i = 0; i < 6; ++i) {
    Page pg = article(i, "footer");
    // A second (mobile) copy of the menu the page classifier does not flag.
    pg.add(blk("Programs", "body>div.m>a", 0, true));
    pg.add(blk("Home", "body>div.m>a", 0, true));
    pages.push_back(std::move(pg));
  }
  SiteModel m;
  auto v = run(m, pages, 0);
  CHECK(v[6].chrome);
  CHECK(v[7].chrome);
}

TEST_CASE("a Recent Posts list whose entries change is chrome by position", "[policy]") {
  static const char* const kNames[] = {"Ash", "Birch", "Cedar", "Dogwood", "Elm",
                                       "Fir", "Gum", "Hazel", "Ivy", "Juniper",
                                       "Kauri", "Larch", "Maple", "Nutmeg"};
  std::vector<Page> pages;
  for (int i = 0; i < 24; ++i) {
    Page pg = article(i, "footer");
    // Entries are the 3 newest posts as of the page's fetch: each title
    // recurs on a few pages only. The page classifier flags all but one.
    for (int k = 0; k < 3; ++k) {
      pg.add(blk(std::string(kNames[(i / 2 + k) % 14]) + " Wins Review", "body>aside>ul>li",
                 0, true),
             k != 1);
    }
    pages.push_back(std::move(pg));
  }
  SiteModel m;
  auto v = run(m, pages, 5);
  CHECK(v[7].chrome);
  CHECK(v[7].reason == Reason::kSitePosition);
}

TEST_CASE("series intros and author bios recur but are content", "[policy]") {
  const std::string intro =
      "This article is part of our series on water rights in the upper valley, "
      "written with farmers who lost their wells.";
  const std::string bio =
      "Imre Halloway coordinates the field team and has reported from the "
      "uplands since 2009.";
  std::vector<Page> pages;
  for (int i = 0; i < 10; ++i) {
    Page pg;
    pg.url = "https://example.org/posts/" + std::to_string(i);
    pg.add(blk("Home", "body>nav>ul>li", kNav, true), true);
    pg.add(blk("Title " + std::to_string(i), "body>main>article>h1", kBody));
    if (i < 4) pg.add(blk(intro, "body>main>article>p", kBody));
    pg.add(blk(sentence(i), "body>main>article>p", kBody));
    pg.add(blk(bio, "body>main>article>div.bio>p", kBody));
    pages.push_back(std::move(pg));
  }
  SiteModel m;
  auto v = run(m, pages, 2);
  REQUIRE(v.size() == 5);
  CHECK(v[0].chrome);
  CHECK_FALSE(v[2].chrome);  // series intro, on 4 of 10 pages
  CHECK_FALSE(v[4].chrome);  // bio, on every page
}

TEST_CASE("posts repeated in full on listing pages stay content", "[policy]") {
  // 6 articles + 3 listing pages; each post appears on its permalink and on
  // one or two listings, with its short title and dateline.
  std::vector<Page> pages;
  auto post = [](Page& pg, int i, const std::string& base) {
    pg.add(blk("Title number " + std::to_string(i), base + ">h2", kBody));
    pg.add(blk("March " + std::to_string(i + 1) + ", 2024", base + ">p.date", kBody));
    pg.add(blk(sentence(i), base + ">p", kBody));
  };
  for (int i = 0; i < 6; ++i) {
    Page pg;
    pg.url = "https://example.org/posts/" + std::to_string(i);
    post(pg, i, "body>main>article");
    pages.push_back(std::move(pg));
  }
  for (int l = 0; l < 3; ++l) {
    Page pg;
    pg.url = "https://example.org/page/" + std::to_string(l);
    for (int i = l * 2; i < l * 2 + 4 && i < 6; ++i) post(pg, i, "body>main>div.post");
    pages.push_back(std::move(pg));
  }
  SiteModel m;
  auto v = run(m, pages, 6);  // listing page 0: posts 0..3
  REQUIRE(v.size() == 12);
  for (size_t i = 0; i < v.size(); ++i) {
    INFO("block " << i);
    CHECK_FALSE(v[i].chrome);
  }
}

TEST_CASE("below min_pages nothing counts as recurring", "[policy]") {
  std::vector<Page> pages = {article(1, "© 2024 Org"), article(2, "© 2024 Org")};
  SiteModel m;
  auto v = run(m, pages, 0);
  CHECK_FALSE(v[5].chrome);
}

TEST_CASE("language editions learn their chrome separately", "[policy]") {
  std::vector<Page> pages;
  for (int i = 0; i < 6; ++i) {
    Page pg = article(i, "© 2024 Org");
    pg.url = "https://example.org/ar/posts/" + std::to_string(i);
    pages.push_back(std::move(pg));
  }
  Page en = article(99, "© 2024 Org");
  SiteModel m;
  run(m, pages, 0);
  m.add_page(en.url, en.parsed, en.page);
  CHECK(m.pages_seen("example.org/ar") == 6);
  CHECK(m.pages_seen("example.org") == 1);
  CHECK_FALSE(m.classify(en.url, en.parsed, en.page)[5].chrome);
  CHECK(m.classify(pages[0].url, pages[0].parsed, pages[0].page)[5].chrome);
}

TEST_CASE("max_keys_per_site prunes single-page keys but keeps chrome", "[policy]") {
  SiteModelOptions o;
  o.max_keys_per_site = 16;  // trips after the first page or two
  std::vector<Page> pages;
  for (int i = 0; i < 20; ++i) pages.push_back(article(i, "© 2003 - 2024 Org"));
  SiteModel m(o);
  auto v = run(m, pages, 19);
  CHECK(v[5].chrome);
  CHECK_FALSE(v[3].chrome);
}

TEST_CASE("a post repeated on its year's few archive pages stays content", "[policy]") {
  // A blog of 30 posts and one post of 2021, shown in full on /2021/ and
  // /2021/01/ too: in the "2021" section its short lines recur on every
  // page, and they were dropped as that section's template. A section of
  // so few pages teaches no template; the site judges them.
  std::vector<Page> pages;
  for (int i = 0; i < 30; ++i) pages.push_back(article(i, "Copyright 2024 Valley"));
  auto post = [](Page& pg, const std::string& base) {
    pg.add(blk("Double helping", base + ">h2", kBody));
    pg.add(blk("I use three block lists:", base + ">p", kBody));
    pg.add(blk("Lists of the valley council and the water board", base + ">ul>li", kBody));
  };
  for (const char* url : {"https://example.org/2021/01/02/double/", "https://example.org/2021/",
                          "https://example.org/2021/01/"}) {
    Page pg;
    pg.url = url;
    post(pg, "body>main>article");
    pages.push_back(std::move(pg));
  }
  SiteModel m;
  auto v = run(m, pages, 30);
  REQUIRE(v.size() == 3);
  for (size_t i = 0; i < v.size(); ++i) {
    INFO("block " << i);
    CHECK_FALSE(v[i].chrome);
  }
}

TEST_CASE("a poem's section break and its closing date stay in site mode", "[policy]") {
  // Stanzas split by "*****" and signed with a date at the end: the break
  // has no letter and the date is a date line, yet both are the poem's.
  // The dateline under the title is still the post's meta line.
  std::vector<Page> pages;
  for (int i = 0; i < 30; ++i) pages.push_back(article(i, "Copyright 2024 Valley"));
  constexpr uint32_t kPostBody = kBody | p::kArticleBody;
  Page poem;
  poem.url = "https://example.org/posts/poem";
  poem.add(blk("Home", "body>nav>ul>li", kNav, true));
  poem.add(blk("In debt to you", "body>main>article>h2", kBody));
  poem.add(blk("16 May 2011", "body>main>article>div.date", kBody));
  poem.add(blk("Both worlds are sweet with your scent", "body>main>article>div.body>p", kPostBody));
  poem.add(blk("Love shines on your dome", "body>main>article>div.body>p", kPostBody));
  poem.add(blk("*****", "body>main>article>div.body>p", kPostBody));
  poem.add(blk("All my words live by your love", "body>main>article>div.body>p", kPostBody));
  poem.add(blk("Friday 6 May 2011", "body>main>article>div.body>p", kPostBody));
  poem.add(blk("Afterword: last year this week I listed books for the fair, and here is this "
               "year's list, one book a day.",
               "body>main>article>div.body>p", kPostBody));
  pages.push_back(poem);
  SiteModel m;
  auto v = run(m, pages, 30);
  REQUIRE(v.size() == 9);
  CHECK_FALSE(v[5].chrome);  // the section break
  winnow::chrome::ExtractOptions site;
  site.site_mode = true;
  p::Document doc = winnow::chrome::build_document(poem.url, pages[30].parsed, v, site);
  std::vector<std::string> texts;
  for (const auto& para : doc.paragraphs) texts.push_back(para.text);
  CHECK(texts == std::vector<std::string>{
                     "In debt to you", "Both worlds are sweet with your scent",
                     "Love shines on your dome", "*****", "All my words live by your love",
                     "Friday 6 May 2011",
                     "Afterword: last year this week I listed books for the fair, and here is "
                     "this year's list, one book a day."});
  CHECK(doc.date == "2011-05-16");
}
