// repair_test.cc: repair_text (docs/internals/chrome.md, "Text repair"):
// hyphenated words rejoined, Markdown leftovers dropped, NBSP and blank runs
// normalised, running masthead lines of PDF conversions removed -- only in
// text that needs it (text dumps, or a line-level signal of PDF conversion);
// ordinary HTML prose comes out unchanged.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chrome/chrome.h"

namespace {

using winnow::parser::BlockKind;
using winnow::parser::Document;
using winnow::parser::Paragraph;

// A document parsed from HTML (or, with `dump`, from a text/Markdown dump).
Document doc(const std::vector<std::string>& paras, bool dump = false,
             BlockKind kind = BlockKind::kParagraph) {
  Document d;
  d.from_text = dump;
  for (const auto& t : paras) {
    Paragraph p;
    p.kind = kind;
    p.text = t;
    p.markdown = t;
    d.paragraphs.push_back(p);
  }
  return d;
}
Document dump(const std::vector<std::string>& paras) { return doc(paras, true); }

std::vector<std::string> texts(const Document& d) {
  std::vector<std::string> out;
  for (const auto& p : d.paragraphs) out.push_back(p.text);
  return out;
}

}  // namespace

TEST_CASE("a word split across paragraphs is rejoined", "[policy]") {
  std::vector<Document> docs = {
      doc({"The report was signed by Mas-", "soud and two clerks."}),
      doc({"Massoud later said the ledger was complete."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) ==
        std::vector<std::string>{"The report was signed by Massoud and two clerks."});
}

TEST_CASE("halves that are not words are joined even if unseen", "[policy]") {
  std::vector<Document> docs = {dump({"The commit- tee met in the old mill."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"The committee met in the old mill."});
}

TEST_CASE("a real hyphenated compound keeps its hyphen", "[policy]") {
  std::vector<Document> docs = {
      doc({"The farmers valued self-", "reliance above all."}),
      doc({"Self-reliance is a habit; the self is not reliance."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"The farmers valued self-reliance above all."});
}

TEST_CASE("a dash between words is not a break hyphen", "[policy]") {
  std::vector<Document> docs = {doc({"Water - not land - was the issue.", "Next one."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) ==
        std::vector<std::string>{"Water - not land - was the issue.", "Next one."});
}

TEST_CASE("Markdown leftovers are dropped from the text", "[policy]") {
  std::vector<Document> docs = {dump({"## Annual **report** 2024",
                                      "See [the ledger](#) and <https://example.org/x> now.",
                                      "__Note__: done."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"Annual report 2024",
                                                   "See the ledger and now.", "Note: done."});
}

TEST_CASE("a browser dump's lines opening with \"# \" keep their mark", "[policy]") {
  // Without Markdown elsewhere in the dump (no [text](url), no **bold**),
  // "# " opens a shell prompt or a comment of a listing shown as text.
  std::vector<Document> docs = {dump({"The devices:", "# lspci", "# the interval, in minutes",
                                      "interval = 90"}),
                                dump({"# Annual report", "See [the ledger](#) now."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"The devices:", "# lspci",
                                                   "# the interval, in minutes", "interval = 90"});
  CHECK(texts(docs[1]) == std::vector<std::string>{"Annual report", "See the ledger now."});
}

TEST_CASE("a dump's images shown by machine-made names are dropped", "[policy]") {
  // w3m prints an image as "[alt]", and the alt text an editor fills in is
  // often the file's name; a line that is only such a name is the same.
  // Brackets around words, a footnote mark and a title's label stay.
  std::vector<Document> docs = {dump({
      "[006y8mN6ly] The model is trained in the console. [006y8mN6ly]",
      "[1-43]Figure 1-43 The download page",
      "image-20201111005857785",
      "P1020620-Edit",
      "IMG_3264",
      "Route A_12 opened.",
      "[Python3 crawler course] 9.5 Proxies for crawling",
      "As shown before [1], the queue [sic] grows.",
      "[File] Pick the file types to open.",
      "Build 20201111 shipped on time."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "The model is trained in the console.",
                              "Figure 1-43 The download page",
                              "Route A_12 opened.",
                              "[Python3 crawler course] 9.5 Proxies for crawling",
                              "As shown before [1], the queue [sic] grows.",
                              "[File] Pick the file types to open.",
                              "Build 20201111 shipped on time."});
  // HTML keeps its brackets: there they are text.
  std::vector<Document> html = {doc({"[006y8mN6ly] text", "image-20201111005857785"})};
  winnow::chrome::repair_text(html);
  CHECK(texts(html[0]) == std::vector<std::string>{"[006y8mN6ly] text", "image-20201111005857785"});
}

TEST_CASE("a dump's screenshot and camera names inside a line are dropped", "[policy]") {
  // Blog software fills an image's alt text with its file's name, and a
  // screenshot tool or a camera names the file by the time it was taken;
  // w3m prints "[stem]" for an image without alt text. An editor's
  // name adds milliseconds ("image-20190507222427295"); seventeen digits
  // alone are an order's number.
  std::vector<Document> docs = {dump({
      "运行结果如下 QQ截图20150220234132 看看文件夹里面有什么变化 QQ截图20150221020709",
      "标签包围着。QQ截图20150225223302我们现在想获取订单时间",
      "Clear the cache. 20150223141547 Then reload the page.",
      "Run it again. QQ20160325-2@2x The page loads.",
      "The shot Screenshot_20150220234132_1 shows the menu.",
      "See the figure [2019122522] below.",
      "Order 20150223141547123 shipped; call 13800138000 or see [12] and [2019].",
      "The build of 20150223 passed and ABC20160325 is a code.",
      "The date 20151399000000 is no time.",
      "页面如下： image-20190507222427295 这个是我用 Vue.js 开发的"})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) ==
        std::vector<std::string>{
            "运行结果如下 看看文件夹里面有什么变化",
            "标签包围着。我们现在想获取订单时间",
            "Clear the cache. Then reload the page.",
            "Run it again. The page loads.",
            "The shot shows the menu.",
            "See the figure below.",
            "Order 20150223141547123 shipped; call 13800138000 or see [12] and [2019].",
            "The build of 20150223 passed and ABC20160325 is a code.",
            "The date 20151399000000 is no time.",
            "页面如下： 这个是我用 Vue.js 开发的"});
  // HTML keeps them: there they are text.
  std::vector<Document> html = {doc({"Clear the cache. 20150223141547 Then reload."})};
  winnow::chrome::repair_text(html);
  CHECK(texts(html[0]) == std::vector<std::string>{"Clear the cache. 20150223141547 Then reload."});
}

TEST_CASE("a dump's images named by a hash between sentences are dropped", "[policy]") {
  // A screenshot tool names files by a UUID, some blogs by a digest; w3m
  // prints the alt text inside the paragraph. A hash that technical prose
  // quotes after a word stays, and so does one in a code line.
  std::vector<Document> docs = {dump({
      "运行 pyspider 并启动它的所有组件。 E6632A0A-9067-4B97-93A2-5DEF23FB4CD8 可以发现程序已经正常启动。",
      "为之更换背景。 3f5733ef0e9cd8dafeb910d866284128",
      "Save the form. 03087bf40ad162d9f337731d11dfa9ec8b13cdd1 Then reload the page.",
      "Check out commit aca3fe6cc3f49ded922d05e4774561f33697f710 first.",
      "The id is: 253eedc47f1c4eb2a370ed2312168f4b and it expires."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) ==
        std::vector<std::string>{
            "运行 pyspider 并启动它的所有组件。 可以发现程序已经正常启动。", "为之更换背景。",
            "Save the form. Then reload the page.",
            "Check out commit aca3fe6cc3f49ded922d05e4774561f33697f710 first.",
            "The id is: 253eedc47f1c4eb2a370ed2312168f4b and it expires."});
}

TEST_CASE("a dump's footnote marks and links back are undone", "[policy]") {
  // w3m writes <sup>1</sup> as "^1" and keeps the note's "↩" link back.
  // Powers, version ranges and patterns keep their "^".
  std::vector<Document> docs = {dump({
      "Shops sell the fabric for two Jordanian Dinar^1 per meter.",
      "Approximately 2.8 USD. \xE2\x86\xA9\xEF\xB8\x8E",
      "The area is x^2 for a square.",
      "Pin it with ^1.2.3 in the manifest.",
      "Match it with [^0-9] first.",
      "The cost is (h - y)^2 over m.",
      // A starred note: <sup>*</sup> after a line of verse, an empty
      // <sup></sup> after it, and the note's line.
      "Under the rain the river keeps its name^*^",
      "^*From the collected poems, 1971",
      "2^** is not a note",
      // Persian digits as the mark; an ordinal's letters; a raised hamza.
      "\xD8\xB4\xD8\xAF^\xDB\xB3 \xD8\xAA\xD9\x85\xD8\xA7\xD9\x85",  // شد^۳ تمام
      "500 West 122^nd Street, New York", "The cost is 2^10 bytes.",
      "\xD8\xB1\xD9\x88\xD8\xAF^\xD8\xA1 \xD8\xB0\xD9\x87\xD9\x86"})};  // رود^ء ذهن
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "Shops sell the fabric for two Jordanian Dinar1 per meter.",
                              "Approximately 2.8 USD.", "The area is x^2 for a square.",
                              "Pin it with ^1.2.3 in the manifest.", "Match it with [^0-9] first.",
                              "The cost is (h - y)^2 over m.",
                              "Under the rain the river keeps its name*",
                              "*From the collected poems, 1971", "2^** is not a note",
                              "\xD8\xB4\xD8\xAF\xDB\xB3 \xD8\xAA\xD9\x85\xD8\xA7\xD9\x85",
                              "500 West 122nd Street, New York", "The cost is 2^10 bytes.",
                              "\xD8\xB1\xD9\x88\xD8\xAF\xD8\xA1 \xD8\xB0\xD9\x87\xD9\x86"});
  // HTML keeps them: there "^" was typed.
  std::vector<Document> html = {doc({"Dinar^1 per meter."})};
  winnow::chrome::repair_text(html);
  CHECK(texts(html[0]) == std::vector<std::string>{"Dinar^1 per meter."});
}

TEST_CASE("a dump's struck and inserted words read as the page shows them", "[policy]") {
  // w3m writes <del> and <ins> as "[DEL:...:DEL]" and "[INS:...:INS]".
  std::vector<Document> docs = {dump({
      "He ran a bar in a [DEL:godawful:DEL] vibrant hostel for a year.",
      "The fee is [DEL:10:DEL] [INS:12:INS] dinars a night.",
      "Write [DEL: alone, it stays as written."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "He ran a bar in a godawful vibrant hostel for a year.",
                              "The fee is 10 12 dinars a night.",
                              "Write [DEL: alone, it stays as written."});
  // HTML keeps them: there the marks were typed.
  std::vector<Document> html = {doc({"Type [DEL:x:DEL] to strike x."})};
  winnow::chrome::repair_text(html);
  CHECK(texts(html[0]) == std::vector<std::string>{"Type [DEL:x:DEL] to strike x."});
}

TEST_CASE("NBSP and blank runs are normalised", "[policy]") {
  std::vector<Document> docs = {doc({"Harlow\xC2\xA0" "Bend  is   near.", "   ", ""})};
  docs[0].title = "A\xC2\xA0title";
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"Harlow Bend is near."});
  CHECK(docs[0].title == "A title");
}

TEST_CASE("a running masthead line and its page numbers are dropped", "[policy]") {
  std::vector<Document> docs = {doc({
      "The first item told of the new well in the upper valley.",
      "Kestrel Bulletin · December 2023", "2",
      "The second item told of the orchard and its keepers.",
      "Kestrel Bulletin · December 2023", "3",
      "The third item told of the mill that closed last spring.",
      "Kestrel Bulletin · December 2023", "4"})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "The first item told of the new well in the upper valley.",
                              "The second item told of the orchard and its keepers.",
                              "The third item told of the mill that closed last spring."});
}

// Regression: a newsletter whose last page held only an excerpt cut
// mid-sentence (no sentence mark) kept its running heads, and the word
// broken across the first head stayed broken: the cut line did not count as
// text between two copies of the head (the page numbers had already gone as
// site chrome).
TEST_CASE("a running head is dropped when a page holds only a cut line", "[policy]") {
  std::vector<Document> docs = {doc({
      "The first item told of the new well in the upper valley and the ter-",
      "Kestrel Bulletin \u00B7 October 2024",
      "race that the elders built in a single week.",
      "The second item told of the orchard and its keepers.",
      "Kestrel Bulletin \u00B7 October 2024",
      "Nobody had restored the delegation \u2013 not even the local caretaker \u2013 until Marit",
      "Kestrel Bulletin \u00B7 October 2024"})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) ==
        std::vector<std::string>{
            "The first item told of the new well in the upper valley and the terrace that the "
            "elders built in a single week.",
            "The second item told of the orchard and its keepers.",
            "Nobody had restored the delegation \u2013 not even the local caretaker \u2013 until Marit"});
}

TEST_CASE("a paragraph printed twice is left for dedup", "[policy]") {
  const std::string p = "The council met twice and agreed on nothing at all.";
  std::vector<Document> docs = {doc({p, p, p})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]).size() == 3);
}

// Regression: repair ran on every document, so ordinary HTML prose lost its
// Markdown-looking characters ("__init__" -> "init", "2**10" -> "210") and
// suspended hyphens were "rejoined" ("short- and long-term" ->
// "shortand long-term").
TEST_CASE("ordinary HTML prose survives repair unchanged", "[policy]") {
  const std::vector<std::string> prose = {
      "Override __init__ to set the fields, then call super().__init__().",
      "A kibibyte is 2**10 bytes and a mebibyte 2**20 bytes.",
      "The bank offered both short- and long-term loans to the farmers.",
      "The pre- and post-war archives are kept in separate rooms.",
      "Use **kwargs or *args; see [1](2) and <https://example.org/x> for more.",
      "## is the second heading level in that wiki's syntax."};
  std::vector<Document> docs = {doc(prose),
                                doc({"Short-term loans are rare; long-term loans are common."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == prose);
  for (const auto& p : docs[0].paragraphs) CHECK(p.markdown == p.text);
}

// Regression: a short cell printed three or more times was taken for the
// running head of a PDF and dropped, so a table of "Yes"/"No" lost its cells.
TEST_CASE("repeated table cells survive", "[policy]") {
  const std::vector<std::string> cells = {"Well", "Yes", "No", "Mill", "Yes", "Yes",
                                          "Canal", "Yes", "No", "School", "No", "Yes"};
  std::vector<Document> docs = {doc(cells, false, BlockKind::kTableCell)};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == cells);
  // The same cells as paragraphs (a table flattened to <p>s) survive too:
  // no page numbers, so nothing is a running head.
  std::vector<Document> flat = {doc(cells)};
  winnow::chrome::repair_text(flat);
  CHECK(texts(flat[0]) == cells);
}

// Regression: a song's refrain (a short line repeated 3+ times) was dropped
// as a running head.
TEST_CASE("a refrain survives, in HTML and in a text dump", "[policy]") {
  const std::vector<std::string> song = {
      "We walked the road to the river and back before the sun was high,",
      "Oh the water, the water",
      "the children carried buckets and the old men told them why,",
      "Oh the water, the water",
      "and when the canal was opened there was nobody to cry,",
      "Oh the water, the water"};
  std::vector<Document> docs = {doc(song), dump(song)};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == song);
  CHECK(texts(docs[1]) == song);
}

TEST_CASE("a text dump keeps suspended hyphens and code-like text", "[policy]") {
  std::vector<Document> docs = {
      dump({"The bank offered both short- and long-term loans to the farmers.",
            "The pre- and post-war archives are kept in separate rooms.",
            "Ein- und Ausgang sind getrennt.",
            "Override __init__ to set the fields.",
            "A kibibyte is 2**10 bytes."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "The bank offered both short- and long-term loans to the farmers.",
                              "The pre- and post-war archives are kept in separate rooms.",
                              "Ein- und Ausgang sind getrennt.",
                              "Override __init__ to set the fields.",
                              "A kibibyte is 2**10 bytes."});
}

TEST_CASE("inline break hyphens are joined only in text that needs it", "[policy]") {
  // Ordinary HTML: "word- word" is left as written.
  std::vector<Document> html = {doc({"The commit- tee met in the old mill."})};
  winnow::chrome::repair_text(html);
  CHECK(texts(html[0]) == std::vector<std::string>{"The commit- tee met in the old mill."});
  // An HTML page converted from PDF (a word broken across a page break
  // shows it): inline breaks are joined too.
  std::vector<Document> pdf = {doc({"The letter was signed by Mas-",
                                    "soud and two clerks.",
                                    "The commit- tee met in the old mill."}),
                               doc({"Massoud later said the ledger was complete."})};
  winnow::chrome::repair_text(pdf);
  CHECK(texts(pdf[0]) ==
        std::vector<std::string>{"The letter was signed by Massoud and two clerks.",
                                 "The committee met in the old mill."});
}

TEST_CASE("a running head in a text dump is dropped with its page numbers", "[policy]") {
  std::vector<Document> docs = {dump({
      "The first item told of the new well in the upper valley.",
      "Kestrel Bulletin \xC2\xB7 December 2023", "2",
      "The second item told of the orchard and its keepers.",
      "Kestrel Bulletin \xC2\xB7 December 2023", "3",
      "The third item told of the mill that closed last spring.",
      "Kestrel Bulletin \xC2\xB7 December 2023", "4"})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{
                              "The first item told of the new well in the upper valley.",
                              "The second item told of the orchard and its keepers.",
                              "The third item told of the mill that closed last spring."});
}
