// repair_test.cc: repair_text (docs/internals/chrome.md, "Text repair"):
// hyphenated words rejoined, Markdown leftovers dropped, NBSP and blank runs
// normalised, running masthead lines of PDF conversions removed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chrome/chrome.h"

namespace {

using winnow::parser::BlockKind;
using winnow::parser::Document;
using winnow::parser::Paragraph;

Document doc(const std::vector<std::string>& paras) {
  Document d;
  for (const auto& t : paras) {
    Paragraph p;
    p.text = t;
    p.markdown = t;
    d.paragraphs.push_back(p);
  }
  return d;
}

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
  std::vector<Document> docs = {doc({"The commit- tee met in the old mill."})};
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
  std::vector<Document> docs = {doc({"## Annual **report** 2024",
                                     "See [the ledger](#) and <https://example.org/x> now.",
                                     "__Note__: done."})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]) == std::vector<std::string>{"Annual report 2024",
                                                   "See the ledger and now.", "Note: done."});
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

TEST_CASE("a paragraph printed twice is left for dedup", "[policy]") {
  const std::string p = "The council met twice and agreed on nothing at all.";
  std::vector<Document> docs = {doc({p, p, p})};
  winnow::chrome::repair_text(docs);
  CHECK(texts(docs[0]).size() == 3);
}
