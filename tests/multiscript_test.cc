// multiscript_test.cc: lengths, word counts, shingles, dedup, page kinds and
// chrome on Chinese, Japanese, Korean, Persian, Arabic and Thai text
// (docs/internals/dedup.md "Words in every script"). What went wrong before:
// words were runs between spaces, so a Chinese or Japanese paragraph was
// "one word": too short to deduplicate, and an article of such paragraphs
// had no "long paragraph", so it was never an article. All texts invented.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "base/base.h"
#include "chrome/chrome.h"
#include "dedup/dedup.h"
#include "parser/parser.h"

namespace {

using winnow::count_words;
using winnow::dedup::DocInput;
using winnow::dedup::DocKind;
using winnow::dedup::Options;
using winnow::dedup::run_dedup;

const std::string kZh =
    "这座小城的图书馆在去年冬天重新开放，馆内新增了一间儿童阅览室和一个小型展厅。"
    "志愿者们每周六下午为孩子们朗读故事，附近的居民也经常带着自己的旧书来捐赠。";
// The same paragraph with one clause changed (去年冬天 -> 今年春天).
const std::string kZhEdited =
    "这座小城的图书馆在今年春天重新开放，馆内新增了一间儿童阅览室和一个小型展厅。"
    "志愿者们每周六下午为孩子们朗读故事，附近的居民也经常带着自己的旧书来捐赠。";
const std::string kJa =
    "町の図書館は昨年の冬に改装を終えて再開した。新しく子ども向けの読書室と小さな展示室が"
    "設けられ、毎週土曜日の午後にはボランティアが絵本の読み聞かせを行っている。";
const std::string kFa =
    "کتابخانهٔ شهر پس از یک سال بازسازی دوباره باز شد و اکنون اتاقی ویژهٔ کودکان دارد. "
    "داوطلبان هر شنبه برای بچه‌ها داستان می‌خوانند.";
// The same text typed with Arabic yeh and kaf, as some keyboards do.
const std::string kFaArabicLetters =
    "كتابخانهٔ شهر پس از يك سال بازسازي دوباره باز شد و اكنون اتاقي ويژهٔ كودكان دارد. "
    "داوطلبان هر شنبه براي بچه‌ها داستان مي‌خوانند.";
const std::string kAr =
    "أعيد افتتاح مكتبة المدينة بعد عام من الترميم، وأصبحت تضم قاعة للأطفال ومعرضا صغيرا.";
// The same sentence with its vowel marks written out.
const std::string kArVocalised =
    "أُعِيدَ افْتِتَاحُ مَكْتَبَةِ المَدِينَةِ بَعْدَ عَامٍ مِنَ التَّرْمِيمِ، وَأَصْبَحَتْ تَضُمُّ قَاعَةً لِلأَطْفَالِ وَمَعْرِضًا صَغِيرًا.";

DocInput doc(int64_t id, std::string url, DocKind kind, std::vector<std::string> paras) {
  DocInput d;
  d.id = id;
  d.url = std::move(url);
  d.kind = kind;
  d.paragraphs = std::move(paras);
  return d;
}

}  // namespace

TEST_CASE("words: CJK characters count one each, spaced scripts by runs", "[policy]") {
  CHECK(count_words("The quick brown fox") == 4);
  CHECK(count_words("我今天去了北京。") == 7);          // the full stop is no word
  CHECK(count_words("東京で会議が開かれた。") == 10);
  CHECK(count_words("Winnow は速い") == 4);             // "Winnow" + 3 kana/kanji
  CHECK(count_words("한국어 문장") == 5);                // hangul syllables
  CHECK(count_words("می‌خواهم کتاب بخوانم") == 3);       // ZWNJ inside a word
  CHECK(count_words("كَتَبَ الوَلَدُ الدَّرسَ") == 3);   // diacritics inside words
  CHECK(count_words("ภาษาไทยง่ายมาก") == 4);            // 14 code points, 4 per word
  CHECK(count_words("２０２４年") == 2);                  // full-width digits are a run
  CHECK(count_words("2**10 __init__ don't") == 3);      // punctuation stays in its run
  CHECK(count_words(kZh, 5) == 6);                      // stops past the limit
  CHECK(count_words(kZh) == 71);
  std::vector<std::string> words;
  winnow::for_each_word("中文abc 文。x", [&](std::string_view w) { words.emplace_back(w); });
  CHECK(words == std::vector<std::string>{"中", "文", "abc", "文", "x"});
}

TEST_CASE("dedup in every script: minimum length counts characters of CJK", "[policy]") {
  Options o;
  // Four ideographs: below the 5-word minimum, kept on both pages.
  // A Chinese paragraph: removed from the listing, kept in the article.
  auto r = run_dedup({doc(1, "https://ex.org/zh/a", DocKind::kArticle, {"近期活动", kZh, kJa}),
                      doc(2, "https://ex.org/zh/", DocKind::kListing, {"近期活动", kZh, kJa, kFa})},
                     o);
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[1].paragraphs[0].keep);
  CHECK(r.docs[1].paragraphs[0].reason == "short-kept");
  CHECK_FALSE(r.docs[1].paragraphs[1].keep);
  CHECK(r.docs[1].paragraphs[1].reason == "exact");
  CHECK_FALSE(r.docs[1].paragraphs[2].keep);
  CHECK(r.docs[1].paragraphs[3].keep);
}

TEST_CASE("dedup in every script: near duplicates by character shingles", "[policy]") {
  auto r = run_dedup({doc(1, "https://ex.org/zh/a", DocKind::kArticle, {kZh}),
                      doc(2, "https://ex.org/zh/b", DocKind::kArticle, {kJa, kZhEdited, kFa, kAr})},
                     Options{});
  CHECK_FALSE(r.docs[1].paragraphs[1].keep);
  CHECK(r.docs[1].paragraphs[1].reason == "near");
  CHECK(winnow::dedup::text_similarity(kZh, kZhEdited, 2) > 0.8);
  CHECK(winnow::dedup::text_similarity(kZh, kJa, 2) < 0.1);
}

TEST_CASE("dedup in every script: Persian letter forms and Arabic vowel marks", "[policy]") {
  using winnow::dedup::normalize;
  CHECK(normalize(kFa) == normalize(kFaArabicLetters));
  CHECK(normalize(kAr) == normalize(kArVocalised));
  CHECK(normalize("سال ۱۳۹۹ و ٢٠٢٠") == "سال 1399 و 2020");
  auto r = run_dedup({doc(1, "https://ex.org/fa/a", DocKind::kArticle, {kFa, kAr}),
                      doc(2, "https://ex.org/fa/tag/x", DocKind::kListing,
                          {"برچسب: کتاب", kFaArabicLetters, kArVocalised})},
                     Options{});
  CHECK_FALSE(r.docs[1].keep);  // nothing new: both paragraphs are the article's
  CHECK(r.docs[1].reason == "empty");
}

namespace {

winnow::parser::Document extract(const std::string& html, const std::string& url) {
  winnow::parser::ParseOptions po;
  po.url = url;
  auto page = winnow::parser::parse_html(html, po);
  return winnow::chrome::build_document(url, page, winnow::chrome::classify_page(page));
}

std::string zh_page(const std::string& body) {
  return "<html lang=zh><head><title>小城日记</title></head><body>"
         "<nav><a href=/>首页</a> <a href=/archives/>归档</a></nav><main>" + body +
         "</main><aside><h3>标签</h3><a href=/tags/a/>读书</a></aside></body></html>";
}

}  // namespace

TEST_CASE("page kind in CJK: paragraphs of characters make an article", "[policy]") {
  auto d = extract(zh_page("<article><h1>图书馆重新开放</h1><p>" + kZh + "</p><p>" + kZhEdited +
                           "</p></article>"),
                   "https://ex.org/2024/05/library/");
  CHECK(winnow::parser::page_kind_name(d.kind) == std::string("article"));
  REQUIRE(d.paragraphs.size() >= 2);
}

TEST_CASE("page kind in CJK: post units that link to their pages make a listing", "[policy]") {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body += "<article><h2><a href=/2024/05/p" + std::to_string(i) + "/>第" + std::to_string(i) +
            "篇文章</a></h2><p>" + kZh + "</p></article>";
  }
  auto d = extract(zh_page(body), "https://ex.org/");
  CHECK(winnow::parser::page_kind_name(d.kind) == std::string("listing"));
  // One unit whose title links to another page: a copy, not the article.
  auto one = extract(zh_page("<article><header><h2><a href=/2024/05/p0/>第0篇文章</a></h2>"
                             "</header><p>" + kZh + "</p><p>" + kJa + "</p></article>"),
                     "https://ex.org/2024/05/");
  CHECK(winnow::parser::page_kind_name(one.kind) == std::string("listing"));
  // A title linking to the page itself is the article's own title.
  auto self = extract(zh_page("<article><h1><a href=/2024/05/p0/>第0篇文章</a></h1><p>" + kZh +
                              "</p><p>" + kJa + "</p></article>"),
                      "https://ex.org/2024/05/p0/");
  CHECK(winnow::parser::page_kind_name(self.kind) == std::string("article"));
}

TEST_CASE("site chrome in CJK: a recurring sidebar goes, unique prose stays", "[policy]") {
  winnow::chrome::SiteModel model;
  std::vector<std::string> urls;
  std::vector<winnow::parser::ParsedPage> pages;
  for (int i = 0; i < 8; ++i) {
    std::string url = "https://ex.org/2024/0" + std::to_string(i + 1) + "/post/";
    std::string text = kZh.substr(0, 3 * (10 + i)) + "第" + std::to_string(i) + "天。" + kJa;
    std::string html =
        "<html><body><main><article><h1>日记" + std::to_string(i) + "</h1><p>" + text +
        "</p></article></main><div><p>本站由志愿者维护</p><p>欢迎转载请注明出处</p></div></body></html>";
    winnow::parser::ParseOptions po;
    po.url = url;
    pages.push_back(winnow::parser::parse_html(html, po));
    urls.push_back(url);
    model.add_page(url, pages.back());
  }
  auto v = model.classify(urls[2], pages[2]);
  const auto& blocks = pages[2].blocks;
  REQUIRE(blocks.size() == v.size());
  for (size_t i = 0; i < blocks.size(); ++i) {
    INFO(blocks[i].text);
    const bool sidebar = blocks[i].text == "本站由志愿者维护" || blocks[i].text == "欢迎转载请注明出处";
    CHECK(v[i].chrome == sidebar);
  }
}
