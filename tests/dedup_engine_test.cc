// dedup_engine_test.cc: the dedup stage's rules (docs/internals/dedup.md):
// normalisation for hashing, the minimum-length rule, in-page repeats, the
// owner rule (article > listing > newsletter), aliases of exact duplicate
// documents, near-duplicate documents and paragraphs, and order
// independence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "dedup/dedup.h"

namespace {

using winnow::dedup::DocDecision;
using winnow::dedup::DocInput;
using winnow::dedup::DocKind;
using winnow::dedup::normalize;
using winnow::dedup::Options;
using winnow::dedup::run_dedup;

DocInput doc(int64_t id, std::string url, DocKind kind,
             std::vector<std::string> paras, std::string canonical = "") {
  DocInput d;
  d.id = id;
  d.url = std::move(url);
  d.canonical_url = std::move(canonical);
  d.kind = kind;
  d.paragraphs = std::move(paras);
  return d;
}

const DocDecision& by_id(const winnow::dedup::Result& r, int64_t id) {
  for (const auto& d : r.docs) {
    if (d.id == id) return d;
  }
  throw std::runtime_error("no decision for doc " + std::to_string(id));
}

// A deterministic paragraph of `words` words from a small vocabulary.
std::string para(uint32_t seed, int words) {
  static const char* kWords[] = {
      "water", "village", "council", "report", "school", "river", "family",
      "market", "winter", "doctor", "letter", "bridge", "garden", "harvest",
      "teacher", "station", "members", "clinic", "road", "museum", "court",
      "budget", "workers", "forest", "island", "camp", "voice", "history",
      "summer", "project", "meeting", "radio"};
  std::string s;
  uint32_t x = seed * 2654435761u + 1;
  for (int i = 0; i < words; ++i) {
    x = x * 1664525u + 1013904223u;
    s += (i ? " " : "") + std::string(kWords[(x >> 16) % 32]);
  }
  return s + ".";
}

// A canonical dump of a result, for byte comparisons.
std::string dump(const winnow::dedup::Result& r) {
  std::vector<const DocDecision*> v;
  for (const auto& d : r.docs) v.push_back(&d);
  std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->id < b->id; });
  std::string s;
  for (const DocDecision* d : v) {
    s += std::to_string(d->id) + (d->keep ? " keep " : " drop ") + d->reason +
         " " + std::to_string(d->dup_of) + " [" + winnow::join(d->aliases, ",") +
         "]\n";
    for (const auto& p : d->paragraphs) {
      s += "  " + std::to_string(p.keep) + " " + p.reason + " " +
           std::to_string(p.dup_doc) + ":" + std::to_string(p.dup_index) + "\n";
    }
  }
  return s;
}

}  // namespace

TEST_CASE("normalisation: case, NFKC, quotes, dashes, punctuation, spaces",
          "[policy]") {
  CHECK(normalize("Hello,  World!") == "hello world");
  CHECK(normalize("\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 stop") ==
        "dont stop");                                   // curly quotes, em dash
  CHECK(normalize("\"Don't\" - stop") == "dont stop");  // ASCII forms alike
  CHECK(normalize("well\xE2\x80\x93known well-known") == "well known well known");
  CHECK(normalize("\xEF\xAC\x81ne \xEF\xBC\xA6\xEF\xBD\x95\xEF\xBD\x8C\xEF\xBD\x8C") ==
        "fine full");                                   // fi ligature, full-width
  CHECK(normalize("Stra\xC3\x9F" "e") == "strasse");    // case folding
  CHECK(normalize("caf\xC3\xA9") == normalize("cafe\xCC\x81"));  // NFC == NFD
  CHECK(normalize("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(normalize(" a\xC2\xA0\xC2\xA0" "b\t\nc ") == "a b c");  // NBSP, tabs
  CHECK(normalize("a\xE2\x80\x8B" "b") == "ab");        // zero-width space
  CHECK(normalize("\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7\xD8\x8C \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85") ==
        "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");  // Arabic comma
  CHECK(normalize("...!!! ---") == "");
  CHECK(normalize("Vol. 12, No. 3") == "vol 12 no 3");
  winnow::dedup::NormalizeOptions fold;
  fold.fold_digits = true;
  CHECK(normalize("Vol. 12, No. 3") != normalize("Vol. 13, No. 4"));
  CHECK(normalize("Vol. 12, No. 3", fold) == "vol 00 no 0");
  CHECK(normalize("Vol. 13, No. 4", fold) == "vol 00 no 0");
  CHECK(normalize("bad \xFF byte") == "bad \xEF\xBF\xBD byte");  // repaired
  // The caching Normalizer gives the same result as normalize().
  winnow::dedup::Normalizer cached;
  std::string out;
  for (const char* s :
       {"\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 stop", "Caf\xC3\xA9-bar caf\xC3\xA9",
        "cafe\xCC\x81 \xC2\xA8x", " \xEF\xAC\x81ne, x\xC2\xA0y ", "a - \xC3\xA9 -b", "bad \xFF byte",
        "Stra\xC3\x9F" "e STRASSE"}) {
    for (int twice = 0; twice < 2; ++twice) {
      cached.normalize(s, out);
      CHECK(out == normalize(s));
    }
  }
}

TEST_CASE("minimum length: short repeats are kept, five words are removed",
          "[policy]") {
  std::vector<DocInput> in = {
      doc(1, "https://ex.org/posts/1", DocKind::kArticle,
          {"Yes.", "March 3, 2024", "The meeting ended at noon.", "It ended early today."}),
      doc(2, "https://ex.org/posts/2", DocKind::kArticle,
          {"Yes.", "March 3, 2024", "The meeting ended at noon.", "It ended early today.",
           para(7, 12)})};
  Options o;
  o.near_doc_threshold = 0;  // the two pages are near-duplicates as a whole
  auto r = run_dedup(in, o);
  const auto& d2 = by_id(r, 2);
  REQUIRE(d2.paragraphs.size() == 5);
  // Below 5 normalised words: kept, but marked with what it repeats.
  CHECK(d2.paragraphs[0].keep);
  CHECK(d2.paragraphs[0].reason == "short-kept");
  CHECK(d2.paragraphs[0].dup_doc == 1);
  CHECK(d2.paragraphs[0].dup_index == 0);
  CHECK(d2.paragraphs[1].keep);  // "march 3 2024": 3 words
  CHECK(d2.paragraphs[3].keep);  // "it ended early today": 4 words
  // 5 words: removed, owned by document 1.
  CHECK_FALSE(d2.paragraphs[2].keep);
  CHECK(d2.paragraphs[2].reason == "exact");
  CHECK(d2.paragraphs[2].dup_doc == 1);
  CHECK(d2.paragraphs[2].dup_index == 2);
  CHECK(d2.paragraphs[4].keep);
  CHECK(d2.paragraphs[4].reason.empty());
  CHECK(d2.keep);
}

TEST_CASE("in-page repeats: a paragraph twice in a row, caption equal to alt",
          "[policy]") {
  const std::string p = para(3, 15);
  std::vector<DocInput> in = {doc(
      5, "https://ex.org/posts/5", DocKind::kArticle,
      {"Volunteers at the camp", "Volunteers at the camp", p, p, para(4, 10), p})};
  auto r = run_dedup(in, Options{});
  const auto& d = by_id(r, 5);
  CHECK(d.paragraphs[0].keep);
  CHECK_FALSE(d.paragraphs[1].keep);  // short, but right after itself
  CHECK(d.paragraphs[1].reason == "in-page");
  CHECK(d.paragraphs[1].dup_index == 0);
  CHECK(d.paragraphs[2].keep);
  CHECK_FALSE(d.paragraphs[3].keep);
  CHECK(d.paragraphs[3].reason == "in-page");
  CHECK(d.paragraphs[3].dup_index == 2);
  CHECK_FALSE(d.paragraphs[5].keep);  // later in the page, not adjacent
  CHECK(d.paragraphs[5].reason == "in-page");
  CHECK(d.paragraphs[5].dup_doc == 5);
  CHECK(d.paragraphs[5].dup_index == 2);
  CHECK(r.stats.removed_paragraphs == 3);
}

namespace {

// An article, two listings and a newsletter issue sharing text.
std::vector<DocInput> owner_corpus() {
  const std::string p1 = para(11, 30), p2 = para(12, 25), q1 = para(13, 28),
                    n1 = para(14, 22);
  return {
      doc(40, "https://ex.org/en/category/news/", DocKind::kListing,
          {"News", p1, q1, "Older Posts"}),
      doc(30, "https://ex.org/en/newsletter/2024-03", DocKind::kNewsletter,
          {"Inside this issue", p1, "...", n1}),
      doc(20, "https://ex.org/en/", DocKind::kListing,
          {p1, p2, "March 3, 2024", q1}),
      doc(10, "https://ex.org/en/posts/15451", DocKind::kArticle, {p1, p2}),
  };
}

}  // namespace

TEST_CASE("owner rule: the article keeps the text, listings and newsletters lose it",
          "[policy]") {
  auto r = run_dedup(owner_corpus(), Options{});
  const auto& art = by_id(r, 10);
  CHECK(art.keep);
  CHECK(art.paragraphs[0].keep);
  CHECK(art.paragraphs[1].keep);
  // The home listing loses the article's text but keeps the listing-only
  // post q1: it is the first listing in the owner order (shorter URL).
  const auto& home = by_id(r, 20);
  CHECK(home.keep);
  CHECK_FALSE(home.paragraphs[0].keep);
  CHECK(home.paragraphs[0].reason == "exact");
  CHECK(home.paragraphs[0].dup_doc == 10);
  CHECK(home.paragraphs[0].dup_index == 0);
  CHECK_FALSE(home.paragraphs[1].keep);
  CHECK(home.paragraphs[1].dup_index == 1);
  CHECK(home.paragraphs[2].keep);
  CHECK(home.paragraphs[3].keep);
  CHECK(home.paragraphs[3].reason.empty());
  // The category listing has nothing new: dropped.
  const auto& cat = by_id(r, 40);
  CHECK_FALSE(cat.keep);
  CHECK(cat.reason == "empty");
  CHECK(cat.dup_of == 10);
  CHECK(cat.paragraphs[2].reason == "exact");
  CHECK(cat.paragraphs[2].dup_doc == 20);
  CHECK(cat.paragraphs[2].dup_index == 3);
  // The newsletter keeps only what no article has.
  const auto& nl = by_id(r, 30);
  CHECK(nl.keep);
  CHECK_FALSE(nl.paragraphs[1].keep);
  CHECK(nl.paragraphs[1].dup_doc == 10);
  CHECK(nl.paragraphs[3].keep);
  CHECK(r.stats.documents == 4);
  CHECK(r.stats.removed_documents == 1);
}

TEST_CASE("newsletter kind comes from the URL path", "[policy]") {
  using winnow::dedup::classify;
  using winnow::parser::PageKind;
  CHECK(classify(PageKind::kOther, "https://ex.org/en/newsletter/2024-03") ==
        DocKind::kNewsletter);
  CHECK(classify(PageKind::kListing, "https://ex.org/Newsletters/?p=2") ==
        DocKind::kNewsletter);
  CHECK(classify(PageKind::kArticle, "https://ex.org/newsletter/1") ==
        DocKind::kArticle);
  CHECK(classify(PageKind::kListing, "https://ex.org/en/category/news") ==
        DocKind::kListing);
  CHECK(classify(PageKind::kOther, "https://ex.org/about?newsletter=1") ==
        DocKind::kOther);
}

TEST_CASE("exact duplicate documents collapse onto the canonical URL", "[policy]") {
  const std::vector<std::string> body = {para(21, 30), para(22, 30)};
  std::vector<DocInput> in = {
      doc(3, "https://ex.org/en/posts/7?print=1", DocKind::kArticle, body,
          "https://ex.org/en/posts/7"),
      doc(2, "http://ex.org/en/posts/7/", DocKind::kArticle, body),
      doc(1, "https://ex.org/en/posts/7", DocKind::kArticle, body,
          "https://ex.org/en/posts/7"),
      doc(4, "https://ex.org/en/posts/7?utm_source=x", DocKind::kArticle,
          {para(21, 30), "", para(22, 30) + "  "}, "https://ex.org/en/posts/7")};
  auto r = run_dedup(in, Options{});
  const auto& kept = by_id(r, 1);
  CHECK(kept.keep);
  CHECK(kept.aliases == std::vector<std::string>{
                           "http://ex.org/en/posts/7/",
                           "https://ex.org/en/posts/7?print=1",
                           "https://ex.org/en/posts/7?utm_source=x"});
  for (int64_t id : {2, 3, 4}) {
    CHECK_FALSE(by_id(r, id).keep);
    CHECK(by_id(r, id).reason == "exact-doc");
    CHECK(by_id(r, id).dup_of == 1);
  }
  CHECK(r.stats.removed_documents == 3);
}

TEST_CASE("near-duplicate documents: a few words edited", "[policy]") {
  std::vector<std::string> a, b;
  for (uint32_t i = 0; i < 8; ++i) a.push_back(para(100 + i, 25));
  b = a;
  b[2] = "Edited: " + b[2];
  b[5] += " Updated later.";
  std::vector<DocInput> in = {
      doc(9, "https://ex.org/en/posts/9-old", DocKind::kArticle, b),
      doc(8, "https://ex.org/en/posts/9", DocKind::kArticle, a),
      doc(7, "https://ex.org/en/posts/10", DocKind::kArticle,
          {para(300, 25), para(301, 25), para(302, 25)})};
  auto r = run_dedup(in, Options{});
  CHECK(by_id(r, 8).keep);  // shorter URL: the representative
  CHECK(by_id(r, 8).aliases == std::vector<std::string>{"https://ex.org/en/posts/9-old"});
  CHECK_FALSE(by_id(r, 9).keep);
  CHECK(by_id(r, 9).reason == "near-doc");
  CHECK(by_id(r, 9).dup_of == 8);
  CHECK(by_id(r, 7).keep);
  Options off;
  off.near_doc_threshold = 0;
  auto r2 = run_dedup(in, off);
  CHECK(by_id(r2, 9).keep);  // near-doc off: only paragraphs dedup
  CHECK(by_id(r2, 9).paragraphs[0].reason == "exact");
  CHECK(by_id(r2, 9).paragraphs[2].reason == "near");  // "Edited: " + 25 words
  CHECK(by_id(r2, 9).paragraphs[2].dup_doc == 8);
  CHECK(by_id(r2, 9).paragraphs[2].dup_index == 2);
}

TEST_CASE("a post published again under a new title stays whole; copies do not", "[policy]") {
  const std::vector<std::string> text = {"Road notes", para(90, 12), para(91, 25)};
  auto with_title = [](DocInput d, std::string title) {
    d.title = std::move(title);
    return d;
  };
  std::vector<DocInput> in = {
      with_title(doc(1, "https://ex.org/posts/post_617.html", DocKind::kOther, text),
                 "Saturday and the ashamed radio"),
      // The same poem again, months later, under a new title: a repost.
      with_title(doc(2, "https://ex.org/posts/from-the-road-1.html", DocKind::kOther, text),
                 "From the road, part one"),
      // A copy with the post's own title: a stale copy, an alias.
      with_title(doc(3, "https://ex.org/posts/post_617b.html", DocKind::kOther, text),
                 "Saturday and the ashamed radio"),
      // A tag page showing the post whole: its own title, another address.
      with_title(doc(4, "https://ex.org/tags/road/", DocKind::kListing, text), "Tag: road")};
  Options o;
  o.keep_shared_in_articles = true;  // as `winnow run` does
  auto r = run_dedup(in, o);
  CHECK(by_id(r, 1).keep);
  const auto& repost = by_id(r, 2);
  CHECK(repost.keep);
  for (const auto& pd : repost.paragraphs) CHECK(pd.keep);
  CHECK_FALSE(by_id(r, 3).keep);
  CHECK(by_id(r, 3).reason == "exact-doc");
  CHECK_FALSE(by_id(r, 4).keep);
  // Once per site (--across-articles): the repost has nothing new.
  const auto once = run_dedup(in, Options{});
  CHECK_FALSE(by_id(once, 2).keep);
  CHECK(by_id(once, 2).reason == "empty");
}

TEST_CASE("a post reworked under a new title and a new date stays; a re-dated copy goes",
          "[policy]") {
  // The titles share most words, so they alone do not tell two posts
  // apart; two dates, both to the day, with two titles in one folder do.
  const std::vector<std::string> text = {para(92, 30), para(93, 25), para(94, 20)};
  auto dated = [](DocInput d, std::string title, std::string date) {
    d.title = std::move(title);
    d.date = std::move(date);
    return d;
  };
  std::vector<DocInput> in = {
      dated(doc(1, "https://ex.org/160.html", DocKind::kArticle, text),
            "Setting up the capture library in the editor", "2014-10-19"),
      dated(doc(2, "https://ex.org/1906.html", DocKind::kArticle, text),
            "Capture library, part three: setting up the editor", "2015-07-13"),
      // The post again under its own title, dated anew: the same post.
      dated(doc(3, "https://ex.org/1907.html", DocKind::kArticle, text),
            "Setting up the capture library in the editor", "2016-01-02"),
      // Another folder (an archive showing the post): not a repost.
      dated(doc(4, "https://ex.org/archive/1504.html", DocKind::kArticle, text),
            "Archive of April 2015", "2015-04-30")};
  for (DocInput& d : in) d.priority = d.id;
  Options o;
  o.keep_shared_in_articles = true;
  auto r = run_dedup(in, o);
  CHECK(by_id(r, 1).keep);
  CHECK(by_id(r, 2).keep);
  for (const auto& pd : by_id(r, 2).paragraphs) CHECK(pd.keep);
  CHECK_FALSE(by_id(r, 3).keep);
  CHECK(by_id(r, 3).dup_of == 1);
  CHECK_FALSE(by_id(r, 4).keep);

  // Works keep what they share (clean DIR): the repost pair are posts of
  // their own though each is mostly the other's text, so an older edition
  // that says nearly the same keeps its words too.
  std::vector<std::string> older;
  for (const std::string& t : text) older.push_back(t + " again");
  in.push_back(dated(doc(5, "https://ex.org/5491.html", DocKind::kArticle, older),
                     "Capture library basics, first edition", "2012-03-01"));
  in.back().priority = 5;
  in.back().own_work = true;  // the pair's own_work stays false: contained in each other
  o.shared_between_works = true;
  r = run_dedup(in, o);
  CHECK(by_id(r, 2).keep);
  REQUIRE(by_id(r, 5).paragraphs.size() == 3);
  for (const auto& pd : by_id(r, 5).paragraphs) {
    CHECK(pd.keep);
    CHECK(pd.reason == "shared-kept");
  }
}

TEST_CASE("a repost pair told apart by titles alone are not works of their own", "[policy]") {
  // Two pages show one post under two titles (two tag pages naming one
  // post differently): the second keeps what it shares with the first, but
  // neither is a work, so a work of its own that quotes the post's opening
  // does not keep the quote beside them. A pair dated apart to the day are
  // works, and the quote stays.
  const std::vector<std::string> text = {para(92, 30), para(93, 25), para(94, 20)};
  auto make = [&](std::string d1, std::string d2) {
    auto titled = [](DocInput d, std::string title, std::string date) {
      d.title = std::move(title);
      d.date = std::move(date);
      return d;
    };
    std::vector<DocInput> in = {
        titled(doc(1, "https://ex.org/160.html", DocKind::kArticle, text),
               "Saturday and the ashamed radio", d1),
        titled(doc(2, "https://ex.org/1906.html", DocKind::kArticle, text),
               "From the road, part one", d2),
        titled(doc(5, "https://ex.org/5491.html", DocKind::kArticle,
                   {para(95, 30), para(96, 25), text[0]}),
               "Letters from the coast", "")};
    for (DocInput& d : in) d.priority = d.id;
    in.back().own_work = true;
    return in;
  };
  Options o;
  o.keep_shared_in_articles = true;
  o.shared_between_works = true;
  auto r = run_dedup(make("", ""), o);
  CHECK(by_id(r, 1).keep);
  CHECK(by_id(r, 2).keep);
  for (const auto& pd : by_id(r, 2).paragraphs) CHECK(pd.keep);
  REQUIRE(by_id(r, 5).paragraphs.size() == 3);
  CHECK(by_id(r, 5).paragraphs[0].keep);
  CHECK_FALSE(by_id(r, 5).paragraphs[2].keep);
  CHECK(by_id(r, 5).paragraphs[2].reason == "exact");
  CHECK(by_id(r, 5).paragraphs[2].dup_doc == 1);
  r = run_dedup(make("2014-10-19", "2015-07-13"), o);
  CHECK(by_id(r, 5).paragraphs[2].keep);
  CHECK(by_id(r, 5).paragraphs[2].reason == "shared-kept");
}

TEST_CASE("a short poem of its own stays; a page of titles found elsewhere goes", "[policy]") {
  // No line reaches 5 words: nothing to dedup, yet the poem is the page's
  // own text, while a category page's lines are other posts' titles.
  const std::vector<std::string> poem = {
      "When mirrors do not answer", "I want to",        "break myself",
      "in front of them",           "maybe an answer",  "from my pieces",
      "shines on the glass",        "a new beginning"};
  std::vector<DocInput> in = {
      doc(1, "https://ex.org/posts/mirrors.html", DocKind::kOther, poem),
      doc(2, "https://ex.org/posts/rain.html", DocKind::kArticle,
          {"Rain over the hills", para(80, 30)}),
      doc(3, "https://ex.org/posts/wells.html", DocKind::kArticle,
          {"Wells of the valley", para(81, 30)}),
      doc(4, "https://ex.org/category/notes/", DocKind::kOther,
          {"Category notes", "Rain over the hills", "Wells of the valley"})};
  auto r = run_dedup(in, Options{});
  CHECK(by_id(r, 1).keep);
  for (const auto& pd : by_id(r, 1).paragraphs) CHECK(pd.keep);
  CHECK_FALSE(by_id(r, 4).keep);
  CHECK(by_id(r, 4).reason == "empty");
  // Four lines of its own are too few to tell a poem from a page's labels.
  std::vector<DocInput> small = {doc(5, "https://ex.org/posts/short.html", DocKind::kOther,
                                     {"When mirrors", "do not answer", "I break", "myself"})};
  CHECK(by_id(run_dedup(small, Options{}), 5).reason == "empty");
}

TEST_CASE("two alike paragraphs of one page are both kept; a third page's copy goes",
          "[policy]") {
  // A list of steps worded alike: the second differs from the first in a
  // few words. On its own page both are the author's text; on another
  // page the copy of either is a near duplicate.
  const std::string step1 =
      "Add a comment along the lines of: as part of the big bug review I have tested this on "
      "the new release and the bug is still there, so it should stay open.";
  const std::string step2 =
      "Add a comment along the lines of: as part of the big bug review I have tested this on "
      "the new release and the bug is fixed there, so it can be closed.";
  std::vector<DocInput> in = {
      doc(1, "https://ex.org/2015/09/bug-review/", DocKind::kArticle, {para(70, 30), step1, step2}),
      doc(2, "https://ex.org/2015/10/bug-review-again/", DocKind::kArticle,
          {para(71, 30), step2 + " Thanks."})};
  auto r = run_dedup(in, Options{});
  const auto& a = by_id(r, 1);
  CHECK(a.paragraphs[1].keep);
  CHECK(a.paragraphs[2].keep);
  CHECK(a.paragraphs[2].reason == "");
  const auto& b = by_id(r, 2);
  CHECK_FALSE(b.paragraphs[1].keep);
  CHECK(b.paragraphs[1].reason == "near");
  CHECK(b.paragraphs[1].dup_doc == 1);
}

TEST_CASE("near-duplicate paragraphs of 20+ words: a reworded boilerplate box",
          "[policy]") {
  const std::string box1 =
      "About Shelter Watch: Shelter Watch consists of former members of the "
      "river valley councils who document housing conditions, publish a "
      "monthly letter and support families in the camps.";
  const std::string box2 =
      "About Shelter Watch: Shelter Watch consists of some former members of "
      "the river valley councils who document housing conditions, publish a "
      "monthly letter and support families in the camps.";
  std::vector<DocInput> in = {
      doc(52, "https://ex.org/en/newsletter/2024-04", DocKind::kNewsletter,
          {para(61, 30), box2}),
      doc(51, "https://ex.org/en/newsletter/2024-03", DocKind::kNewsletter,
          {para(60, 30), box1})};
  auto r = run_dedup(in, Options{});
  const auto& d = by_id(r, 52);
  CHECK(d.keep);
  CHECK(d.paragraphs[0].keep);
  CHECK_FALSE(d.paragraphs[1].keep);
  CHECK(d.paragraphs[1].reason == "near");
  CHECK(d.paragraphs[1].dup_doc == 51);
  CHECK(d.paragraphs[1].dup_index == 1);
  CHECK(by_id(r, 51).paragraphs[1].keep);
  // Under 20 words: exact dedup only, the reworded short line stays.
  std::vector<DocInput> short_in = {
      doc(1, "https://ex.org/a", DocKind::kArticle,
          {"Shelter Watch consists of former members of the councils."}),
      doc(2, "https://ex.org/b", DocKind::kArticle,
          {"Shelter Watch consists of some former members of the councils."})};
  CHECK(by_id(run_dedup(short_in, Options{}), 2).paragraphs[0].keep);
}

TEST_CASE("the result does not depend on input order", "[policy]") {
  std::vector<DocInput> in = owner_corpus();
  const std::vector<std::string> body = {para(21, 30), para(22, 30)};
  in.push_back(doc(3, "https://ex.org/en/posts/7?print=1", DocKind::kArticle,
                   body, "https://ex.org/en/posts/7"));
  in.push_back(doc(1, "https://ex.org/en/posts/7", DocKind::kArticle, body));
  in.push_back(doc(6, "https://ex.org/en/posts/8", DocKind::kArticle,
                   {para(11, 30), para(40, 20)}));  // shares p1 with post 15451
  in.push_back(doc(7, "https://ex.org/en/page/2", DocKind::kListing,
                   {para(13, 28), para(41, 20)}));
  const std::string first = dump(run_dedup(in, Options{}));
  std::mt19937 rng(12345);
  for (int i = 0; i < 8; ++i) {
    std::shuffle(in.begin(), in.end(), rng);
    CHECK(dump(run_dedup(in, Options{})) == first);
  }
  // Post 8 has the shorter URL but the later date: post 15451 owns p1.
  for (auto& d : in) {
    if (d.id == 6) d.date = "2024-05-01";
    if (d.id == 10) d.date = "2024-03-05";
  }
  auto r = run_dedup(in, Options{});
  CHECK(by_id(r, 6).paragraphs[0].reason == "exact");
  CHECK(by_id(r, 6).paragraphs[0].dup_doc == 10);
}

// Regression: a Chinese or Japanese teaser that runs across the article's
// paragraph break has no space there (the summary glues the paragraphs'
// text), while the article's running text joins its paragraphs with one, so
// the teaser matched only up to the break and was kept on the listing.
TEST_CASE("a CJK teaser glued across a paragraph break is an excerpt", "[policy]") {
  const std::string zh1 = "渡轮每天出发两次。";
  const std::string zh2 = "渔民们说第二艘船让游客人数翻了一番，市议会将在十月再次审查时刻表和票价。";
  const std::string ja1 = "川の水位は先週から少しずつ上がっている。";
  const std::string ja2 = "村の組合は堤防の点検を来月まで延ばすと発表し、住民に説明会を開いた。";
  std::vector<DocInput> docs = {
      doc(1, "https://example.org/zh/ferry/", DocKind::kArticle, {zh1, zh2}),
      doc(2, "https://example.org/ja/river/", DocKind::kArticle, {ja1, ja2}),
      doc(3, "https://example.org/", DocKind::kListing,
          {zh1 + "渔民们说第二艘船让游客人数翻了一番\u2026",
           ja1 + "村の組合は堤防の点検を来月まで\u2026続きを読む"})};
  auto r = run_dedup(docs, Options{});
  const DocDecision& listing = by_id(r, 3);
  REQUIRE(listing.paragraphs.size() == 2);
  CHECK(listing.paragraphs[0].reason == "excerpt");
  CHECK(listing.paragraphs[0].dup_doc == 1);
  CHECK(listing.paragraphs[0].dup_index == 0);
  CHECK(listing.paragraphs[1].reason == "excerpt");
  CHECK(listing.paragraphs[1].dup_doc == 2);
  CHECK(!listing.paragraphs[0].keep);
  CHECK(!listing.paragraphs[1].keep);
}

TEST_CASE("a listing's teaser of an article's opening is removed as an excerpt", "[policy]") {
  // Regression: teasers ("the opening words… Read more", or cut after N
  // characters in Chinese) are not exact or near copies of any paragraph,
  // so listing pages kept them beside the article that holds the text.
  const std::string en1 = "The ferry to the northern islands now leaves twice a day from the old harbour wall.";
  const std::string en2 = "Fishermen say the second boat has doubled the number of visitors.";
  const std::string zh1 =
      "北方岛屿的渡轮现在每天从老港口的码头出发两次，第一班在清晨六点，第二班在下午三点，"
      "船票可以在码头旁边的小屋里购买，也可以在船上用现金购买。";
  const std::string zh2 = "渔民们说第二艘船让游客人数翻了一番，市议会将在十月再次审查时刻表。";
  std::vector<DocInput> docs = {
      doc(1, "https://example.org/en/ferry/", DocKind::kArticle, {"Ferry", en1, en2}),
      doc(2, "https://example.org/zh/ferry/", DocKind::kArticle, {zh1, zh2}),
      doc(3, "https://example.org/", DocKind::kListing,
          {// across the paragraph break, cut mid-word, with a "read more" link
           "The ferry to the northern islands now leaves twice a day from the old harbour wall. "
           "Fishermen say the sec\u2026 Continue reading",
           // cut after 20 characters, with a 4-character "read the rest"
           "北方岛屿的渡轮现在每天从老港口的码头出发\u2026阅读全文",
           // shares the opening only: a paragraph of its own
           "The ferry to the northern islands now leaves twice a day, said the new timetable "
           "posted at the harbour office on Monday morning."}),
      // An article that opens with the same words keeps its paragraph.
      doc(4, "https://example.org/en/timetable/", DocKind::kArticle,
          {"The ferry to the northern islands now leaves twice a day \u2026 or so"})};
  auto r = run_dedup(docs, Options{});
  const DocDecision& listing = by_id(r, 3);
  REQUIRE(listing.paragraphs.size() == 3);
  CHECK(!listing.paragraphs[0].keep);
  CHECK(listing.paragraphs[0].reason == "excerpt");
  CHECK(listing.paragraphs[0].dup_doc == 1);
  CHECK(listing.paragraphs[0].dup_index == 1);
  CHECK(!listing.paragraphs[1].keep);
  CHECK(listing.paragraphs[1].reason == "excerpt");
  CHECK(listing.paragraphs[1].dup_doc == 2);
  CHECK(listing.paragraphs[1].dup_index == 0);
  CHECK(listing.paragraphs[2].keep);
  CHECK(by_id(r, 4).paragraphs[0].keep);
}

TEST_CASE("a teaser closed by an arrow goes even from an article or a work of its own",
          "[policy]") {
  // A month archive showing one post's opening ("... Continue reading →")
  // under a heading of its own reads as an article; it still holds no
  // text of its own, even where works keep the text they share.
  const std::string opening =
      "For our first real holiday since we started work we flew to the red centre and drove to "
      "the great rock and the canyon beyond it.";
  std::vector<DocInput> docs = {
      doc(1, "https://example.org/2011/09/25/red-centre/", DocKind::kArticle,
          {opening, "The road was straight for three hundred kilometres and we met two cars."}),
      doc(2, "https://example.org/2011/09/", DocKind::kArticle,
          {"Monthly archives: September 2011", opening + " Continue reading \u2192"}),
      // An arrow after a text of its own: the article's words.
      doc(3, "https://example.org/2011/10/02/rock-again/", DocKind::kArticle,
          {"For our first real holiday since we started work we flew north instead, to the "
           "islands and their ferries \u2192"})};
  // The owner order (rank_by_sharing): the post first.
  for (DocInput& d : docs) d.own_work = true, d.priority = d.id;
  Options o;
  o.shared_between_works = true;
  auto r = run_dedup(docs, o);
  const DocDecision& month = by_id(r, 2);
  REQUIRE(month.paragraphs.size() == 2);
  CHECK(month.paragraphs[0].keep);
  CHECK_FALSE(month.paragraphs[1].keep);
  CHECK(month.paragraphs[1].dup_doc == 1);
  CHECK(by_id(r, 3).paragraphs[0].keep);
}

TEST_CASE("headline_links: a page whose address spells nothing is named by its rarest head line",
          "[policy]") {
  // Text dumps of posts at /posts/md.txt and /posts/kb.txt: the addresses
  // do not spell the titles and the first kept paragraph is a sentence, so
  // the title is found among the lines heading the page -- the site's name
  // and back link head every page, the title only its own. A listing's
  // line equal to it names the post.
  using winnow::dedup::SharingInput;
  std::vector<SharingInput> pages(4);
  const std::vector<std::string> titles = {"Martin Dressler by Millhauser",
                                           "Coming to terms with pain"};
  for (size_t i = 0; i < 2; ++i) {
    pages[i].url = i == 0 ? "http://dump/posts/md.txt" : "http://dump/posts/kb.txt";
    pages[i].headlines = {"Shelf Notes", "Back to the home page", titles[i],
                          "The book follows a boy who rises from a cigar shop to a hotel."};
    pages[i].paragraphs = {"The book follows a boy who rises from a cigar shop to a hotel.",
                           "It is a parable of ambition told in calm, exact sentences."};
  }
  pages[2].url = "http://dump/about.txt";
  pages[2].headlines = {"Shelf Notes", "Back to the home page", "About",
                        "Notes on books read."};
  pages[2].paragraphs = {"Notes on books read."};
  pages[3].url = "http://dump/tags/novels.txt";
  pages[3].headlines = {"Shelf Notes", "Back to the home page", "Posts tagged novels"};
  pages[3].paragraphs = {"Posts tagged novels", titles[0], "It is a parable of ambition.",
                         "Shelf Notes", titles[1]};
  auto links = winnow::dedup::headline_links(pages);
  CHECK(links[3] == std::vector<size_t>{1, 4});
  CHECK(links[0].empty());
  // A long title (a marketing post's, past 12 words) heading its page is
  // a name too; as a first paragraph it would be taken for a sentence.
  const std::string long_title =
      "Zero code, crisp 4K pictures: the Valley Platform and its image model, a plan "
      "for small shops to try";
  pages[1].headlines[2] = long_title;
  pages[3].paragraphs[4] = long_title;
  links = winnow::dedup::headline_links(pages);
  CHECK(links[3] == std::vector<size_t>{1, 4});
}

TEST_CASE("works of their own keep what they share and never collapse; copies keep nothing",
          "[policy]") {
  // shared_between_works (clean DIR): only two works of their own keep a
  // paragraph both hold; an article that is not one (a page copying a
  // post) loses it. Two such works never collapse as near duplicates.
  const std::string opening = para(7, 30);
  const std::string body_a = para(8, 40), body_b = para(9, 40), body_b2 = para(10, 12);
  std::vector<DocInput> docs = {
      doc(1, "http://d/posts/1.txt", DocKind::kArticle, {opening, body_a}),
      doc(2, "http://d/posts/2.txt", DocKind::kArticle, {opening, body_b}),
      doc(3, "http://d/posts/3.txt", DocKind::kArticle, {opening, body_b, body_b2}),
      doc(4, "http://d/tags/x.txt", DocKind::kArticle, {opening, body_a})};
  docs[0].own_work = docs[1].own_work = docs[2].own_work = true;
  for (int64_t i = 0; i < 4; ++i) docs[static_cast<size_t>(i)].priority = i;
  Options o;
  o.keep_shared_in_articles = true;
  o.shared_between_works = true;
  auto r = run_dedup(docs, o);
  CHECK(by_id(r, 1).paragraphs[0].keep);
  CHECK(by_id(r, 2).keep);
  CHECK(by_id(r, 2).paragraphs[0].reason == "shared-kept");
  CHECK(by_id(r, 3).keep);  // near 2, yet a work of its own
  CHECK(by_id(r, 3).paragraphs[1].reason == "shared-kept");
  CHECK_FALSE(by_id(r, 4).keep);  // the copy: an exact duplicate of 1
  CHECK(by_id(r, 4).dup_of == 1);
  // Without shared_between_works every article keeps what it shares; the
  // copy is still an exact duplicate document.
  o.shared_between_works = false;
  docs[3].paragraphs = {opening, body_a, para(11, 150)};  // no longer a near duplicate
  r = run_dedup(docs, o);
  CHECK(by_id(r, 4).paragraphs[0].reason == "shared-kept");
  o.shared_between_works = true;
  r = run_dedup(docs, o);
  CHECK(by_id(r, 4).paragraphs[0].reason == "exact");
  CHECK(by_id(r, 4).paragraphs[1].reason == "exact");
}

TEST_CASE("headline_links: an address spells a headline without its accents", "[policy]") {
  // /brasov-panorama/ spells "Braşov panorama" (the slug drops the cedilla),
  // not the image's alt text "Brasov panorama" printed under the text; a
  // copy of the post at another address, opening with the same headline,
  // names the same page -- the headline is no link to it.
  using winnow::dedup::SharingInput;
  std::vector<SharingInput> pages(2);
  pages[0].url = "http://dump/2010/12/09/brasov-panorama/index.txt";
  pages[0].headlines = {"Travels", "Bra\xC5\x9Fov panorama",
                        "Bra\xC5\x9Fov, Romania. Click for a large version.", "Brasov panorama"};
  pages[0].paragraphs = {"Bra\xC5\x9Fov panorama", "Bra\xC5\x9Fov, Romania. Click for a large version.",
                         "Brasov panorama"};
  pages[1] = pages[0];
  pages[1].url = "http://dump/2010/12/09/brasov-panorama/index8e42.txt";
  pages[1].headlines.clear();
  std::vector<std::string> titles;
  auto links = winnow::dedup::headline_links(pages, &titles);
  CHECK(titles[0] == "Bra\xC5\x9Fov panorama");
  CHECK(links[0].empty());
  CHECK(links[1].empty());
}

TEST_CASE("headline_links: a listing's category label glued before a title still names the post",
          "[policy]") {
  // A listing printed each post's category before its title, without a
  // separator in Chinese ("技术杂谈" + title) and with a space in Latin
  // script. A number before a title is a table of contents' entry and
  // stays text.
  using winnow::dedup::SharingInput;
  const std::vector<std::string> titles = {
      "\xE5\x88\x86\xE4\xBA\xAB\xE4\xB8\x80\xE4\xB8\xAA\xE4\xB8\x8D\xE9\x94\x99\xE7\x9A\x84\xE7"
      "\xAC\x94\xE8\xAE\xB0\xE8\xBD\xAF\xE4\xBB\xB6",  // 分享一个不错的笔记软件
      "Fixing a low graphics mode at boot",
      "Python3 \xE7\x9A\x84\xE5\xAE\x89\xE8\xA3\x85"};  // Python3 的安装
  std::vector<SharingInput> pages(4);
  for (size_t i = 0; i < 3; ++i) {
    pages[i].url = "http://dump/" + std::to_string(500 + i) + ".txt";
    pages[i].paragraphs = {titles[i], "A paragraph of the post's own text, long enough to count."};
  }
  pages[3].url = "http://dump/page/2/index.txt";
  pages[3].paragraphs = {
      "\xE6\x8A\x80\xE6\x9C\xAF\xE6\x9D\x82\xE8\xB0\x88" + titles[0],  // 技术杂谈 + title
      "Linux " + titles[1], "1.1-" + titles[2], "Linux"};
  auto links = winnow::dedup::headline_links(pages);
  CHECK(links[3] == std::vector<size_t>{0, 1});
}

// Regression (a Persian blog): a tag page showing its only post -- the
// post's headline and its one line, a link -- read as a page like the post
// itself, and its shorter address made it the owner: the post became an
// alias of its tag. The page that opens with its own title is the post.
TEST_CASE("owner order: the page headed by its own title owns a shared text", "[policy]") {
  const std::string headline = "Is the marketplace changing the novel?";
  const std::string link = "https://magazine.example.com/2021/11/01/is-the-marketplace-changing-the-novel";
  DocInput tag = doc(1, "https://blog.example/tags/magazine.html", DocKind::kOther,
                     {headline, link});
  tag.title = "Tag: magazine";
  tag.date = "2021-11-05";
  DocInput post = doc(2, "https://blog.example/posts/is-the-marketplace-changing-the-novel.html",
                      DocKind::kOther, {headline, link});
  post.title = headline;
  post.date = "2021-11-05";
  for (const auto& input : {std::vector<DocInput>{tag, post}, std::vector<DocInput>{post, tag}}) {
    auto r = run_dedup(input, Options{});
    CHECK(by_id(r, 2).keep);
    CHECK_FALSE(by_id(r, 1).keep);
    CHECK(by_id(r, 1).dup_of == 2);
  }
  // Among listings it says nothing: a month page opens with its title
  // ("Month: September 2023") as a category page need not, and the
  // shorter address still owns a post that only listings show.
  const std::string body = para(7, 30);
  DocInput month = doc(3, "https://blog.example/2023/09/archive/", DocKind::kListing,
                       {"Month: September 2023", headline, body});
  month.title = "Month: September 2023";
  DocInput category = doc(4, "https://blog.example/c/land/", DocKind::kListing,
                          {"Land records", headline, body});
  category.title = "Category: Land records";
  auto r = run_dedup({month, category}, Options{});
  CHECK(by_id(r, 4).keep);
  CHECK(by_id(r, 4).paragraphs[2].keep);
  CHECK_FALSE(by_id(r, 3).paragraphs[2].keep);
}
