// text_dump_test.cc: text dumps (a browser's text rendering of each page,
// menus and sidebars included) -- parse_text's two layouts and what it
// recognises (lists, code listings, tables), the single-line chrome rules
// of chrome/dump_lines.cc and DumpModel's site-wide judgement
// (docs/internals/chrome.md, "Text dumps"). Every dump here is invented,
// shaped like `w3m -dump -cols 4000` output.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "chrome/chrome.h"
#include "chrome/dump_internal.h"
#include "chrome/site_text.h"
#include "parser/parser.h"

using namespace winnow;
using parser::BlockKind;

namespace {

parser::ParsedPage plain(const std::string& text) {
  parser::ParseOptions o;
  o.content_type = "text/plain";
  return parser::parse_text(text, o);
}

std::vector<std::string> texts(const parser::ParsedPage& p) {
  std::vector<std::string> out;
  for (const auto& b : p.blocks) out.push_back(b.text);
  return out;
}

// What DumpModel keeps of each page once it has seen all of them.
std::vector<std::vector<std::string>> kept(const std::vector<std::string>& urls,
                                           const std::vector<std::string>& dumps) {
  chrome::DumpModel model;
  std::vector<parser::ParsedPage> pages;
  for (size_t i = 0; i < dumps.size(); ++i) {
    pages.push_back(plain(dumps[i]));
    model.add_page(urls[i], pages.back());
  }
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < pages.size(); ++i) {
    auto v = model.classify(urls[i], pages[i]);
    out.emplace_back();
    for (size_t b = 0; b < v.size(); ++b)
      if (!v[b].chrome) out.back().push_back(pages[i].blocks[b].text);
  }
  return out;
}

}  // namespace

TEST_CASE("parse_text: a browser's dump gives one block per line", "[policy]") {
  // w3m renders <p> between blank lines and <br> or <li> as a new line; the
  // gold of an extraction splits at both, so lines must stay apart.
  auto p = plain(
      "Menu Close\n\nThe Title\n\nFirst paragraph of the post, long enough to be prose.\n"
      "A line after a <br>.\n\n  \xE2\x80\xA2 Archives item\n  \xE2\x80\xA2 Second item\n");
  CHECK(texts(p) == std::vector<std::string>{"Menu Close", "The Title",
                                             "First paragraph of the post, long enough to be prose.",
                                             "A line after a <br>.", "Archives item", "Second item"});
  CHECK(p.blocks[4].kind == BlockKind::kListItem);
  CHECK(p.blocks[0].line == 1);
  CHECK(p.blocks[3].line == 6);
}

TEST_CASE("parse_text: hard-wrapped plain text joins its lines", "[policy]") {
  // Every line breaks where the next word would pass column 44.
  auto p = plain(
      "The water board met the farmers of the upper\n"
      "valley on Tuesday and agreed to open the old\n"
      "canal again after three years of letters.\n\n"
      "Residents said the decision came after one\n"
      "long march to the capital.\n");
  CHECK(texts(p) == std::vector<std::string>{
                        "The water board met the farmers of the upper valley on Tuesday and "
                        "agreed to open the old canal again after three years of letters.",
                        "Residents said the decision came after one long march to the capital."});
}

TEST_CASE("parse_text: Markdown joins lines; plain text keeps dashes and hashes", "[policy]") {
  auto md = parser::parse_text("# Title\n\nfirst line\nsecond line\n\n- item\n", {});
  CHECK(texts(md) == std::vector<std::string>{"Title", "first line second line", "item"});
  CHECK(md.blocks[0].kind == BlockKind::kHeading);
  // In a browser's dump, a line starting "- " or "# " is the text itself
  // (a poem's dash, a shell comment): nothing may be cut off.
  auto txt = plain("- this river of doubt -\n\n# a comment line\n");
  CHECK(texts(txt) == std::vector<std::string>{"- this river of doubt -", "# a comment line"});
}

TEST_CASE("parse_text: a code listing's line numbers are dropped", "[policy]") {
  // Highlighted code with a line-number gutter renders as "N code".
  auto p = plain("Run this:\n\n1  import os\n2  \n3  print(os.getcwd())\n\nDone.\n");
  REQUIRE(p.blocks.size() == 3);
  CHECK(p.blocks[1].kind == BlockKind::kPre);
  CHECK(p.blocks[1].text == "import os\nprint(os.getcwd())");
}

TEST_CASE("parse_text: a one-line listing loses its line number too", "[policy]") {
  // A blog's code block of one line still has its gutter: "1 command". A
  // lone line that ends a sentence keeps its number.
  auto p = plain("Install it:\n\n1 pip3 install pytube\n\nThen run:\n\n"
                 "1 pytube https://video.example.org/watch?v=2lAe1c\n\n"
                 "1 in 5 of the farmers came.\n");
  REQUIRE(p.blocks.size() == 5);
  CHECK(p.blocks[1].kind == BlockKind::kPre);
  CHECK(p.blocks[1].text == "pip3 install pytube");
  CHECK(p.blocks[3].text == "pytube https://video.example.org/watch?v=2lAe1c");
  CHECK(p.blocks[4].text == "1 in 5 of the farmers came.");
}

TEST_CASE("parse_text: code keeps its indentation and its blank lines stay inside", "[policy]") {
  auto p = plain(
      "The code:\n\n#!/usr/bin/python\n\nimport requests\n\ndef main():\n    return {\n"
      "        'a': 1\n    }\n\nThat is all.\n");
  REQUIRE(p.blocks.size() == 3);
  CHECK(p.blocks[1].kind == BlockKind::kPre);
  CHECK(p.blocks[1].text ==
        "#!/usr/bin/python\nimport requests\ndef main():\n    return {\n        'a': 1\n    }");
}

TEST_CASE("parse_text: a caption ending in a remark in brackets is not code", "[policy]") {
  // An image's "[2]" over its caption; a call's ")" and a command's output
  // (three lines or more ending "(rev 03)") are code.
  auto p = plain(
      "We took the train.\n\n[2]\nThe station at 125th Street (line 1)\n\n"
      "Then:\n\nsetup()\nrun(fast)\n\nThe devices:\n\n# lspci\n00:00.0 Host bridge (rev 03)\n"
      "00:02.0 VGA controller (rev 03)\n00:1b.0 Audio device (rev 02)\n");
  REQUIRE(p.blocks.size() == 7);
  CHECK(p.blocks[1].kind == BlockKind::kParagraph);
  CHECK(p.blocks[2].text == "The station at 125th Street (line 1)");
  CHECK(p.blocks[2].kind == BlockKind::kParagraph);
  CHECK(p.blocks[4].kind == BlockKind::kPre);
  CHECK(p.blocks[6].kind == BlockKind::kPre);
}

TEST_CASE("parse_text: assignments and shell keywords read as code", "[policy]") {
  // A shell script's colour table and a repository file's settings have
  // no indentation and no ";" -- their lines were kept one by one as text.
  auto p = plain(
      "The hook:\n\n#!/bin/bash\nNOBOLD=\"\\033[0m\"\nRED=\"\\033[31m\"\n\n"
      "while read name\ndo\n  echo $name\ndone < $tree\n\nThe repository file:\n\n"
      "[base]\nenabled=1\ngpgcheck=0\n\nSo x = 1 in prose stays, and so does this line.\n");
  REQUIRE(p.blocks.size() == 5);
  CHECK(p.blocks[1].kind == BlockKind::kPre);
  CHECK(p.blocks[1].text ==
        "#!/bin/bash\nNOBOLD=\"\\033[0m\"\nRED=\"\\033[31m\"\nwhile read name\ndo\n  echo "
        "$name\ndone < $tree");
  CHECK(p.blocks[3].kind == BlockKind::kPre);
  CHECK(p.blocks[3].text == "[base]\nenabled=1\ngpgcheck=0");
  CHECK(p.blocks[4].kind == BlockKind::kParagraph);
}

TEST_CASE("parse_text: numbered lists lose their numbers, headings keep them", "[policy]") {
  // w3m right-aligns list numbers (" 9.", "10."); a heading " 1. Setup"
  // far from " 2. Install" is not a list.
  auto p = plain(" 9. ninth step\n10. tenth step\n\n 1. Setup\n\nSome text.\n\n 2. Install\n");
  CHECK(texts(p) == std::vector<std::string>{"ninth step", "tenth step", "1. Setup",
                                             "Some text.", "2. Install"});
  CHECK(p.blocks[0].kind == BlockKind::kListItem);
}

TEST_CASE("parse_text: where bullets are set in, a number at the margin was typed", "[policy]") {
  // w3m sets list bullets and numbers in from the margin (" 1.", " 9.",
  // "10."); "1. " at the margin is the author's own numbering, kept.
  auto p = plain("  \xE2\x80\xA2 Home\n  \xE2\x80\xA2 About\n\nSetup:\n\n"
                 "1. Install the editor from the repository.\n2. Add the plugin.\n\n"
                 " 1. first item\n 2. second item\n");
  CHECK(texts(p) == std::vector<std::string>{"Home", "About", "Setup:",
                                             "1. Install the editor from the repository.",
                                             "2. Add the plugin.", "first item", "second item"});
  CHECK(p.blocks[5].kind == BlockKind::kListItem);
}

TEST_CASE("parse_text: a box-drawn table gives one block per cell", "[policy]") {
  auto p = plain(
      "\xE2\x94\x8F\xE2\x94\x81\xE2\x94\x81\xE2\x94\xAF\xE2\x94\x81\xE2\x94\x93\n"
      "\xE2\x94\x83 ALL OFF \xE2\x94\x82 0 \xE2\x94\x83\n"
      "\xE2\x94\x83 HW ONLY \xE2\x94\x82 240V \xE2\x94\x83\n");
  CHECK(texts(p) == std::vector<std::string>{"ALL OFF", "0", "HW ONLY", "240V"});
  CHECK(p.blocks[0].kind == BlockKind::kTableCell);
}

TEST_CASE("parse_text: a tree drawn with box characters is one code block, not a table",
          "[policy]") {
  // `tree` output: branches under "\u2502" bars (spaces may be no-break
  // spaces), the name last, with and without a line-number gutter.
  const std::string bar = "\xE2\x94\x82", fork = "\xE2\x94\x9C\xE2\x94\x80\xE2\x94\x80 ",
                    last = "\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80 ", nbsp = "\xC2\xA0";
  auto p = plain("The layout:\n\nsite\n" + fork + "group_vars\n" + bar + nbsp + nbsp + " " +
                 last + "all\n" + last + "roles\n\nWith numbers:\n\n1  site\n2  " + fork +
                 "tasks\n3  " + bar + "   " + last + "main.yml\n4  " + last + "files\n\nDone.\n");
  REQUIRE(p.blocks.size() == 5);
  CHECK(p.blocks[1].kind == BlockKind::kPre);
  CHECK(p.blocks[1].text == "site\n" + fork + "group_vars\n" + bar + nbsp + nbsp + " " + last +
                                "all\n" + last + "roles");
  CHECK(p.blocks[3].kind == BlockKind::kPre);
  CHECK(p.blocks[3].text ==
        "site\n" + fork + "tasks\n" + bar + "   " + last + "main.yml\n" + last + "files");
}

TEST_CASE("dump line rules: chrome even when it occurs once", "[policy]") {
  using namespace chrome::internal;
  CHECK(is_toc_line("From the Editor ............ 3"));
  CHECK(is_toc_line("Water rights \xE2\x80\xA6\xE2\x80\xA6 12"));
  CHECK_FALSE(is_toc_line("We met in 2012."));
  CHECK(is_comment_count("12 Comments"));
  CHECK(is_comment_count("One Comment"));
  CHECK(is_comment_count("5 Responses to The A-Z of the Valley"));
  CHECK(is_comment_count("\xD9\xA3 \xD8\xAA\xD8\xB9\xD9\x84\xD9\x8A\xD9\x82\xD8\xA7\xD8\xAA") ==
        false);  // Arabic digits are not ASCII numbers here
  CHECK_FALSE(is_comment_count("Comments are welcome on the draft plan for the canal."));
  // The post's title may end a sentence.
  CHECK(is_comment_count("One Response to Goodbye Africa; Australia, here we come!"));
  CHECK(is_comment_count("2 thoughts on \xE2\x80\x9CWhy do rivers move? A field guide.\xE2\x80\x9D"));
  CHECK_FALSE(is_comment_count("One comment stuck with me: the river moves every year."));
  // A post's meta line with a part about its comments, once on a page.
  CHECK(is_meta_line("Posted in Travel | 3 Comments"));
  CHECK(is_meta_line("May 2, 2009 \xC2\xB7 Leave a comment"));
  CHECK(is_meta_line("Tags: rain, sea | Comments Off"));
  CHECK(is_meta_line("Filed under Garden \xE2\x80\xA2 No Comments \xE2\x80\xA2 Edit"));
  // Parts that only mention comments in prose, a first part that starts
  // with a comment word, or a bar that is not spaced are text.
  CHECK_FALSE(is_meta_line("Comments | Leave them below"));
  CHECK_FALSE(is_meta_line("We read the reviews | they said the comments were kind and fair"));
  CHECK_FALSE(is_meta_line("Travel|3 Comments"));
  CHECK_FALSE(is_meta_line("Rivers | Lakes | Seas"));
  // Three parts or more with the post's date among them.
  CHECK(is_meta_line("Posted by will / June 22, 2009 / Posted in linux, tv"));
  CHECK_FALSE(is_meta_line("Posted by will / June 22, 2009"));
  CHECK_FALSE(is_meta_line("Rivers / Lakes / Seas of the north"));
  // Prose that names a request / response is no meta line ("response" is
  // a comment word).
  CHECK_FALSE(is_meta_line("We send the Request / Response headers with it, so the cache knows."));
  CHECK_FALSE(is_meta_line("\xE6\x88\x91\xE4\xBB\xAC\xE7\x9F\xA5\xE9\x81\x93 HTTP \xE7\x9A\x84 Request / "
                           "Response Header\xEF\xBC\x8C\xE5\xAE\x83\xE5\x8F\xAF\xE4\xBB\xA5\xE6\x8C\x87"
                           "\xE5\xAE\x9A\xE6\xB5\x8F\xE8\xA7\x88\xE5\x99\xA8\xE8\xA6\x81\xE4\xB8\x8D"
                           "\xE8\xA6\x81\xE7\xBC\x93\xE5\xAD\x98\xEF\xBC\x9F"));
  CHECK(is_share_bar("Share: Facebook Twitter Email"));
  CHECK_FALSE(is_share_bar("Share the water fairly"));
  // "Share" alone, in Bulgarian and Japanese: only English, Chinese,
  // Arabic, Persian and German were share targets.
  CHECK(is_share_bar("\xD0\xA1\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8"));
  CHECK(is_share_bar("\xE3\x82\xB7\xE3\x82\xA7\xE3\x82\xA2 Twitter Facebook"));
  CHECK(is_share_bar("Partager"));
  CHECK_FALSE(is_share_bar("\xD0\xA1\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8 "
                           "\xD1\x81 \xD0\xBF\xD1\x80\xD0\xB8\xD1\x8F\xD1\x82\xD0\xB5\xD0\xBB"
                           "\xD0\xB8"));
  CHECK(is_address_line("Email: office@valley.example.org"));
  CHECK(is_address_line("https://valley.example.org/"));
  CHECK_FALSE(is_address_line("Our code: https://example.org/repo"));
  CHECK(is_placeholder("[image-1]"));
  // An image shown by a generic alt text.
  CHECK(is_placeholder("image"));
  CHECK(is_placeholder("Screenshot"));
  CHECK(is_placeholder("\xE5\x9B\xBE\xE7\x89\x87"));  // 图片
  CHECK_FALSE(is_placeholder("imagery"));
  CHECK_FALSE(is_placeholder("Image processing"));
  // A form as a browser draws it: labels and empty fields.
  CHECK(is_form_line("Leave Blank:[ ]Do Not Change:[http:// ]"));
  CHECK(is_form_line("Search for: [                    ] [Search]"));
  CHECK_FALSE(is_form_line("[ ] buy bread"));
  CHECK_FALSE(is_form_line("See the notes [1] below: [ ]"));
  CHECK(is_placeholder("[ad368ae61] [x]"));
  // An aside the author wrote in brackets is text.
  CHECK_FALSE(is_placeholder("[This session lasted about ten seconds. Then I fell off the rock - B]"));
  CHECK_FALSE(is_placeholder("[from-pstn] exten => s,1"));
  // w3m's rendering of a plugin's <embed>: a video, a slideshow.
  CHECK(is_placeholder("embed(http://www.youtube.com/v/Jg2d5sxX4z4?fs=1&hl=en_US&rel=0)"));
  CHECK(is_placeholder("embed(https://v.example.org/a.swf) embed(https://v.example.org/b.swf)"));
  CHECK_FALSE(is_placeholder("embed(url) loads the player"));
  CHECK_FALSE(is_placeholder("Call embed(url) first (see above)"));
  CHECK(is_pagination("1 2 Next \xC2\xBB"));
  CHECK(is_pagination("Page 2 of 5"));
  CHECK_FALSE(is_pagination("2 cups of flour"));
  CHECK(is_nav_arrow("\xE2\x86\x90 Older posts"));
  CHECK(is_nav_arrow("\xC2\xAB Older title Newer title \xC2\xBB"));
  // Guillemets that quote speech are not arrows.
  CHECK_FALSE(is_nav_arrow("\xC2\xAB" "Yes," "\xC2\xBB" " she said."));
  CHECK(is_refresh_notice("Refresh (0 sec) /2016/09/new-place/"));
  CHECK(is_date_line("Sat Sep 24, 2016 in Nature"));
  CHECK(is_date_line("28. 01. 2011"));
  CHECK_FALSE(is_date_line("Summer 2016"));
  // A path or address holds its date, it does not date the page.
  CHECK_FALSE(is_date_line("/wp-content/uploads/2010/10/liebertpsp.tar.gz"));
  CHECK_FALSE(is_date_line("https://example.org/2011/02/05/more-hints/"));
  CHECK_FALSE(is_date_line("www.example.org/2011/02/05"));
}

TEST_CASE("DumpModel: the template of every page is chrome, the posts are not", "[policy]") {
  // Menu, sidebar and footer on all pages; each post has its own text.
  // Each post has its own title and body (posts that differ only in a
  // number would be one template line with a counter).
  const std::vector<std::string> titles = {"Mill repaired", "Canal opened", "Market day",
                                           "School reopens", "Flood warning", "New well"};
  const std::vector<std::string> bodies = {
      "The cooperative repaired its mill with stone from the river.",
      "Farmers of the upper valley opened the old canal again on Tuesday.",
      "Weavers sold cloth and honey in the square until the evening bell.",
      "Teachers painted the classrooms and the school opened after the floods.",
      "The water board warned that the river could rise during the night.",
      "Volunteers dug a new well beside the granary in three long weeks."};
  std::vector<std::string> urls, dumps;
  for (int i = 0; i < 6; ++i) {
    urls.push_back("https://valley.example.org/posts/" + std::to_string(i) + "/");
    dumps.push_back("Skip to content\n\nValley Forum\n\n" + titles[i] + "\n\n" + bodies[i] +
                    "\n\n"
                    "Recent Posts\n\n  \xE2\x80\xA2 Mill repaired\n  \xE2\x80\xA2 Canal opened\n\n"
                    "\xC2\xA9 2024 Valley Forum\n");
  }
  auto k = kept(urls, dumps);
  CHECK(k[2] == std::vector<std::string>{"Market day", bodies[2]});
}

TEST_CASE("DumpModel: a breadcrumb opens with a link of the menu, a subheading with a word",
          "[policy]") {
  // Every page: the menu ("Home", "About"), a breadcrumb "Home <category>"
  // over the post's title, then the post. Each post's first subheading
  // starts with the same common word ("What ...", as Czech posts open
  // with "Co ..."): a word that starts many lines is no menu link.
  const std::vector<std::string> cats = {"mills", "canals", "markets", "schools", "rivers",
                                         "wells"};
  const std::vector<std::string> subs = {"What the mill needed", "What the farmers dug",
                                         "What the weavers sold", "What the teachers painted",
                                         "What the board said", "What the volunteers found"};
  const std::vector<std::string> titles = {"Mill repaired", "Canal opened", "Market day",
                                           "School reopens", "Flood warning", "New well"};
  std::vector<std::string> urls, dumps;
  for (size_t i = 0; i < cats.size(); ++i) {
    urls.push_back("https://valley.example.org/posts/" + std::to_string(i) + "/");
    dumps.push_back("Home\n\nAbout\n\nHome " + cats[i] + "\n\n" + titles[i] + "\n\n" +
                    subs[i] + "\n\nThe valley met on the square to talk about the " + cats[i] +
                    " and what to do next.\n\n\xC2\xA9 2024 Valley Forum\n");
  }
  auto k = kept(urls, dumps);
  CHECK(k[3] == std::vector<std::string>{
                    "School reopens", "What the teachers painted",
                    "The valley met on the square to talk about the schools and what to do next."});
}

TEST_CASE("DumpModel: a breadcrumb naming the page's own folder is chrome", "[policy]") {
  // Category pages open with "Home <category>" (the menu has no "Home"
  // line) over the one post they show; the rest of the line names the
  // page's folder on every one of them. A post's own line opening with the
  // same word ("Home made bread") names no folder, and a headline whose
  // slug leaves out its first word ("A flood warning" on flood-warning/)
  // is one page's: both stay.
  const std::vector<std::string> cats = {"Mills", "Canal works", "Market days", "Schools",
                                         "River banks", "Wells"};
  const std::vector<std::string> slugs = {"mills", "canal-works", "market-days", "schools",
                                          "river-banks", "wells"};
  const std::vector<std::string> titles = {"Mill repaired", "Canal opened", "Market day",
                                           "School reopens", "Flood warning", "New well"};
  std::vector<std::string> urls, dumps;
  for (size_t i = 0; i < cats.size(); ++i) {
    urls.push_back("https://valley.example.org/category/" + slugs[i] + "/");
    dumps.push_back("Valley Forum\n\nHome " + cats[i] + "\n\n" + titles[i] + "\n\n" +
                    (i == 2 ? "Home made bread\n\n" : "") +
                    "The valley met on the square to talk about " + titles[i] +
                    " and what to do next.\n\n\xC2\xA9 2024 Valley Forum\n");
  }
  // A post whose address spells its headline but the first word.
  urls.push_back("https://valley.example.org/posts/flood-warning/");
  dumps.push_back("Valley Forum\n\nA flood warning\n\nThe water board warned that the river "
                  "could rise during the night.\n\n\xC2\xA9 2024 Valley Forum\n");
  auto k = kept(urls, dumps);
  CHECK(k[1] == std::vector<std::string>{
                    "Canal opened",
                    "The valley met on the square to talk about Canal opened and what to do next."});
  CHECK(k[6] == std::vector<std::string>{
                    "A flood warning",
                    "The water board warned that the river could rise during the night."});
  CHECK(k[2] == std::vector<std::string>{
                    "Market day", "Home made bread",
                    "The valley met on the square to talk about Market day and what to do next."});
  // A book's chapters at chapter/1/ .. chapter/6/, each headed "Chapter N":
  // a number alone names the folder, and "Chapter" names none by words.
  urls.clear();
  dumps.clear();
  for (size_t i = 0; i < titles.size(); ++i) {
    urls.push_back("https://valley.example.org/book/chapter/" + std::to_string(i + 1) + "/");
    dumps.push_back("The Valley Book\n\nChapter " + std::to_string(i + 1) + "\n\n" + titles[i] +
                    "\n\nThe valley met on the square to talk about " + titles[i] +
                    " and what to do next.\n\n\xC2\xA9 2024 Valley Forum\n");
  }
  k = kept(urls, dumps);
  CHECK(k[2] == std::vector<std::string>{
                    "Chapter 3", "Market day",
                    "The valley met on the square to talk about Market day and what to do next."});
}

TEST_CASE("DumpModel: a post footer's bare label next to chrome is chrome, its items too",
          "[policy]") {
  // A theme prints a post's footer on one line in listings and most posts
  // ("Posted by ana / May 1, 2024 / Tagged with valley / Posted in News");
  // two posts print it a part per line, "Tagged with" alone between the
  // date and "Posted in" (both chrome), the tags on the next line. Such a
  // word in a post's text ("Video"), away from chrome, stays.
  std::vector<std::string> urls, dumps;
  for (int i = 0; i < 24; ++i) {
    const std::string n = std::to_string(i);
    const std::string date = "May " + std::to_string(i % 28 + 1) + ", 2024";
    static const char* const kWhat[] = {"roofs", "fences", "wells", "boats", "carts", "looms"};
    static const char* const kWho[] = {"weavers", "millers", "farmers", "teachers"};
    const std::string body = std::string("The ") + kWho[i % 4] + " of the valley mended " +
                             kWhat[i % 6] + " in week " + n + ", then the " + kWhat[(i + 1) % 6] +
                             ".";
    urls.push_back("https://valley.example.org/posts/" + n + "/");
    const bool split = i == 3 || i == 5;
    dumps.push_back("Valley Forum\n\nPost number " + n + "\n\n" + body + "\n\n" +
                    (i == 5 ? "The sign read:\n\nVideo\n\nIt was a joke of the baker, who has no camera.\n\n"
                            : "") +
                    (split ? "Posted by ana / " + date + "\n\nTagged with\n\nvalley, tag" + n +
                                 "\n\nPosted in\n\nNews\n\n"
                           : "Posted by ana / " + date + " / Tagged with valley, tag" + n +
                                 " / Posted in News\n\n") +
                    "Archives\n\nMay 2024\n\n\xC2\xA9 2024 Valley Forum\n");
  }
  auto k = kept(urls, dumps);
  CHECK(k[3] == std::vector<std::string>{
                    "Post number 3", "The teachers of the valley mended boats in week 3, then the carts."});
  CHECK(k[5] == std::vector<std::string>{
                    "Post number 5", "The millers of the valley mended looms in week 5, then the roofs.",
                    "The sign read:", "Video", "It was a joke of the baker, who has no camera."});
}

TEST_CASE("DumpModel: a labelled list the template prints under every post is chrome",
          "[policy]") {
  // "برچسب‌ها:" (Tags:) starts a list of the post's tags, in Persian
  // commas, on every post; the tags themselves differ from post to post
  // and never stand on lines of their own. A colon in a post's own line
  // with a list after it ("Needed: ...") is text.
  const std::vector<std::string> bodies = {
      "The cooperative repaired its mill with stone from the river.",
      "Farmers of the upper valley opened the old canal again on Tuesday.",
      "Weavers sold cloth and honey in the square until the evening bell.",
      "Teachers painted the classrooms and the school opened after the floods.",
      "The water board warned that the river could rise during the night.",
      "Volunteers dug a new well beside the granary in three long weeks."};
  const std::vector<std::string> tags = {"mill", "canal", "market", "school", "flood", "well"};
  std::vector<std::string> urls, dumps;
  for (size_t i = 0; i < 6; ++i) {
    urls.push_back("https://valley.example.org/posts/" + std::to_string(i) + "/");
    dumps.push_back("Valley Forum\n\n" + bodies[i] + "\n\n" +
                    (i == 3 ? "Needed: brushes, white paint, ladders\n\n" : "") +
                    "\xD8\xA8\xD8\xB1\xDA\x86\xD8\xB3\xD8\xA8\xE2\x80\x8C\xD9\x87\xD8\xA7: " +
                    tags[i] + "\xD8\x8C village " + std::to_string(i) + "\xD8\x8C " + tags[(i + 1) % 6] +
                    "\n");
  }
  auto k = kept(urls, dumps);
  CHECK(k[2] == std::vector<std::string>{bodies[2]});
  CHECK(k[3] == std::vector<std::string>{bodies[3], "Needed: brushes, white paint, ladders"});
}

TEST_CASE("DumpModel: the page's table of contents is chrome, an outline the text introduces is not",
          "[policy]") {
  const std::vector<std::string> steps = {"Clear the channel", "Open the gate", "Check the flow"};
  std::string guide =
      "Valley Forum\n\nCanal guide\n\n"
      "The guide below covers the three steps of opening the canal in order\n\n";
  for (size_t s = 0; s < steps.size(); ++s)
    guide += "  \xE2\x80\xA2 " + std::to_string(s + 1) + " " + steps[s] + "\n";
  for (const auto& s : steps)
    guide += "\n" + s + "\n\nVolunteers did this part of the work on " + s + " day.\n";
  guide += "\n  \xE2\x80\xA2 Contents\n  \xE2\x80\xA2 Overview\n\n";
  for (size_t s = 0; s < steps.size(); ++s) {
    const std::string n = std::to_string(s + 1);
    guide += " " + n + ". " + n + ". " + steps[s] + "\n";
  }
  guide += "\nArchives\n\n  \xE2\x80\xA2 May 2024\n";
  // A post with one heading: its contents widget lists one entry,
  // numbered twice over.
  const std::string one =
      "Valley Forum\n\nStones laid\n\n How we laid the stones along the old canal bank\n\n"
      "We laid the stones along the bank of the canal in one long day.\n\n"
      "  \xE2\x80\xA2 Contents\n  \xE2\x80\xA2 Overview\n\n"
      " 1. 1. How we laid the stones along the old canal bank\n\n"
      "Archives\n\n  \xE2\x80\xA2 May 2024\n";
  std::vector<std::string> urls = {"https://valley.example.org/p/guide/",
                                   "https://valley.example.org/p/stones/"};
  std::vector<std::string> dumps = {guide, one};
  const std::vector<std::string> others = {"Mill repaired", "Market day", "School reopens"};
  for (size_t i = 0; i < others.size(); ++i) {
    urls.push_back("https://valley.example.org/p/" + std::to_string(i) + "/");
    dumps.push_back("Valley Forum\n\n" + others[i] + "\n\nThe village met on the square for " +
                    others[i] +
                    ".\n\n  \xE2\x80\xA2 Contents\n  \xE2\x80\xA2 Overview\n\nArchives\n\n"
                    "  \xE2\x80\xA2 May 2024\n");
  }
  auto k = kept(urls, dumps);
  std::vector<std::string> want = {
      "Canal guide", "The guide below covers the three steps of opening the canal in order"};
  for (size_t s = 0; s < steps.size(); ++s) want.push_back(std::to_string(s + 1) + " " + steps[s]);
  for (const auto& s : steps) {
    want.push_back(s);
    want.push_back("Volunteers did this part of the work on " + s + " day.");
  }
  CHECK(k[0] == want);
  CHECK(k[1] == std::vector<std::string>{
                    "Stones laid", "How we laid the stones along the old canal bank",
                    "We laid the stones along the bank of the canal in one long day."});
}

TEST_CASE("dump line rules: a section's number is no count of comments", "[policy]") {
  using namespace chrome::internal;
  CHECK_FALSE(is_comment_count("5. Response"));
  CHECK_FALSE(is_comment_count("(4) Comment"));
  CHECK_FALSE(is_comment_count("\xEF\xBC\x88" "4" "\xEF\xBC\x89" "Comment"));  // （4）Comment
  CHECK_FALSE(is_comment_count("4. 6.4. (4) Comment"));
  CHECK_FALSE(is_comment_count("2) Comments on the draft"));
  CHECK(is_comment_count("3 Comments"));
  CHECK(is_comment_count("Comments (3)"));
  CHECK(is_comment_count("3 \xE6\x9D\xA1\xE8\xAF\x84\xE8\xAE\xBA"));  // 3 条评论
}

TEST_CASE("DumpModel: a comments section ends the content", "[policy]") {
  const std::vector<std::string> titles = {"Mill repaired", "Canal opened", "Market day",
                                           "School reopens"};
  const std::vector<std::string> bodies = {
      "The cooperative repaired its mill with stone from the river.",
      "Farmers of the upper valley opened the old canal again on Tuesday.",
      "Weavers sold cloth and honey in the square until the evening bell.",
      "Teachers painted the classrooms and the school opened after the floods."};
  std::vector<std::string> urls, dumps;
  for (int i = 0; i < 4; ++i) {
    urls.push_back("https://valley.example.org/p/" + std::to_string(i) + "/");
    dumps.push_back("Valley Forum\n\n" + titles[i] + "\n\n" + bodies[i] + "\n\n" +
                    (i == 1 ? "One Comment\n\nMara\n\nLovely news!\n\n" : "") +
                    "Archives\n\n  \xE2\x80\xA2 May 2024\n");
  }
  auto k = kept(urls, dumps);
  CHECK(k[1] == std::vector<std::string>{"Canal opened", bodies[1]});
}

TEST_CASE("DumpModel: an alt text printed under each photo's caption is chrome", "[policy]") {
  // w3m prints an image by its alt text; a gallery whose photos share one
  // alt prints it under every caption. A subheading repeated per section
  // (under a blank line) and a refrain that ends a sentence stay.
  const std::string dump =
      "Four days on safari\n\n"
      "On the first day we got up early\nOn Safari\n\n"
      "To take in a view of the crater\nOn Safari\n\n"
      "Then we drove to the national park\nOn Safari\n\n"
      "Install on Linux\n\nRun the installer from a terminal and follow it.\n\n"
      "Install on Windows\n\nRun the installer and accept the defaults.\n\n"
      "Example\n\nThe first example shows the plain call.\n\n"
      "Example\n\nThe second example shows the call with options.\n\n"
      "Example\n\nThe third example shows the call inside a loop.\n\n"
      "Once upon a midnight dreary\nQuoth the Raven, Nevermore.\n\n"
      "Ah, distinctly I remember\nQuoth the Raven, Nevermore.\n\n"
      "Open here I flung the shutter\nQuoth the Raven, Nevermore.\n";
  auto k = kept({"https://v.example.org/2011/03/safari/"}, {dump});
  REQUIRE(k.size() == 1);
  CHECK(std::count(k[0].begin(), k[0].end(), "On Safari") == 0);
  CHECK(std::count(k[0].begin(), k[0].end(), "On the first day we got up early") == 1);
  CHECK(std::count(k[0].begin(), k[0].end(), "Example") == 3);
  CHECK(std::count(k[0].begin(), k[0].end(), "Quoth the Raven, Nevermore.") == 3);
}

TEST_CASE("DumpModel: an alt text standing under the sentence that shows it is chrome",
          "[policy]") {
  // The photos of a post share one alt text, each printed on its own line;
  // one of them comes right after a sentence that ends in a colon. A
  // table's header after its introduction (another cell under it) and a
  // subheading printed twice stay.
  const std::string dump =
      "A day on the boat\n\n"
      "We found the busiest campsite we have ever seen on this coast:\n\n"
      "Streaky Bay trip\n\n"
      "We squeezed our tent into the last spot on the site and settled down.\n\n"
      "Step one: scaling\n\nStreaky Bay trip\n\n"
      "Step two: filleting\n\nStreaky Bay trip\n\n"
      "The table below lists the paths we tried and what each one gave us:\n\n"
      "Path tried\n\nResult\n\n/a/b\n\nnothing\n\n"
      "The second table lists the paths we tried later and what each gave:\n\n"
      "Path tried\n\nResult\n\n/c/d\n\none file\n\n"
      "The last table lists the paths that we tried at the very end of it:\n\n"
      "Path tried\n\nResult\n\n/e/f\n\ntwo files\n\n"
      "Then we walked back to the camp and wrote down what we had seen:\n\n"
      "Back at camp\n\nThe fish went on the grill and the evening was long.\n\n"
      "Back at camp\n\nThe next morning we packed the tent and left the bay.\n";
  auto k = kept({"https://v.example.org/2012/03/boat/"}, {dump});
  REQUIRE(k.size() == 1);
  CHECK(std::count(k[0].begin(), k[0].end(), "Streaky Bay trip") == 0);
  CHECK(std::count(k[0].begin(), k[0].end(), "Step two: filleting") == 1);
  CHECK(std::count(k[0].begin(), k[0].end(), "Path tried") == 3);
  CHECK(std::count(k[0].begin(), k[0].end(), "Back at camp") == 2);
}

TEST_CASE("DumpModel: a dated update under the text is the post's, a dated footer is not",
          "[policy]") {
  // An update the author added under the post, headed by its date, with a
  // short line of text under it; the footer's date under the last line
  // has only the footer's own lines under it.
  const std::string update =
      "Developer day\n\nOctober 20, 2011\n\n"
      "The keynote ran long, and the workshops after lunch were the best part of the day "
      "for me.\n\nUpdate 24.10.2011\n\nAll the videos are online. Great!\n";
  const std::string footer =
      "Market day\n\n"
      "Weavers sold cloth and honey in the square until the evening bell rang out.\n\n"
      "Posted 24.10.2011\n\nmarkets, weaving\n";
  auto k = kept({"https://v.example.org/2011/10/devday/", "https://v.example.org/2011/10/market/"},
                {update, footer});
  REQUIRE(k.size() == 2);
  CHECK(std::count(k[0].begin(), k[0].end(), "Update 24.10.2011") == 1);
  CHECK(std::count(k[0].begin(), k[0].end(), "All the videos are online. Great!") == 1);
  CHECK(std::count(k[1].begin(), k[1].end(), "Posted 24.10.2011") == 0);
}

TEST_CASE("DumpModel: an image named by its file between paragraphs is chrome", "[policy]") {
  // WordPress fills an image's alt text in from its file name; w3m prints
  // it alone between the paragraphs. A subheading naming an option the text
  // below discusses, a cell of a flattened table under a label and a
  // package name joined by hyphens alone stay.
  const std::string dump =
      "Heating controller, part two\n\n"
      "Click Create a New Security Profile and fill out the form along these lines:\n\n"
      "screenshot-from-2016-11-30-13-40-23\n\n"
      "Then hit Save and copy the client id into your notes for later.\n\n"
      "I soldered the sensors onto a small board and mounted it behind the boiler.\n\n"
      "heating_pcb\n\n"
      "IMG_0208\n\n"
      "The board talks to the Pi over a single wire, which keeps the cabling simple.\n\n"
      "connect_timeout\n\n"
      "The connect_timeout option is the longest wait for a connection, twenty seconds.\n\n"
      "Whether the reply is JSON, one for JSON and zero for plain text, by default zero.\n\n"
      "soft_id\n\nInteger\n\nNo\n\n"
      "The driver is missing from the default install, so install the package:\n\n"
      "linux-firmware-nonfree\n\n"
      "After a reboot the card showed up and the network came back on its own.\n";
  auto k = kept({"https://v.example.org/2014/01/heating-2/"}, {dump});
  REQUIRE(k.size() == 1);
  for (const char* stem : {"screenshot-from-2016-11-30-13-40-23", "heating_pcb", "IMG_0208"})
    CHECK(std::count(k[0].begin(), k[0].end(), stem) == 0);
  for (const char* kept_line : {"connect_timeout", "soft_id", "linux-firmware-nonfree"})
    CHECK(std::count(k[0].begin(), k[0].end(), kept_line) == 1);
}

TEST_CASE("DumpModel: a listing's teasers ending in an arrow onward are chrome", "[policy]") {
  const std::string t1 =
      "The ferry leaves twice a day now and the islanders say the boats are full. more >>";
  const std::string t2 =
      "Weavers sold cloth and honey in the square until the evening bell rang. more >>";
  const std::string fa =
      "ساحل دریای مرده مکان مناسبی برای دور شدن از ازدحام و شلوغی شهر است و ارزان تر از هتل "
      "است. بیشتر بخوانید \xE2\x86\x90";
  // A teaser may be a phrase with no full stop: longer than a navigation
  // arrow's "Next post: <title> →", it is one too.
  const std::string p1 =
      "Spotting lions and zebras on the northern safari circuit with our guide Ben "
      "Continue reading \xE2\x86\x92";
  const std::string p2 =
      "In which the whole family arrives at once and the planets align in a rare show "
      "Continue reading \xE2\x86\x92";
  const std::string nav = "Next post: Two days on the ferry \xE2\x86\x92";
  const std::string body = "The miller showed us the new stones and the old wheel beside them.";
  std::vector<std::string> urls = {"https://v.example.org/",     "https://v.example.org/a/",
                                   "https://v.example.org/fa/",  "https://v.example.org/2011/03/",
                                   "https://v.example.org/2012/04/"};
  std::vector<std::string> dumps = {
      "Welcome to the valley news, written by its people.\n\n" + t1 + "\n\n" + t2 + "\n",
      // One line with an arrow on an article beside its other text: its own.
      "The mill\n\n" + body + "\n\n" + t1 + "\n",
      // Right to left, the arrow onward points left.
      "\xD8\xAF\xD9\x88\xD9\x85 " + fa + "\n\n" + fa + "\n\n" + fa + " \xD8\xAF\xD9\x88\xD9\x85\n",
      "March 2011\n\n" + p1 + "\n\n" + p2 + "\n\nThe rains came early this year and the roads "
      "were closed.\n\n" + nav + "\n",
      // A month's archive holding one post: its teaser is the page's only
      // text.
      "Monthly Archives: April 2012\n\n" + p1 + "\n"};
  auto k = kept(urls, dumps);
  CHECK(k[0] == std::vector<std::string>{"Welcome to the valley news, written by its people."});
  CHECK(k[1] == std::vector<std::string>{"The mill", body, t1});
  CHECK(k[2].size() == 1);  // the line that does not end in the arrow
  CHECK(k[3] == std::vector<std::string>{"March 2011",
                                         "The rains came early this year and the roads were closed."});
  CHECK(k[4] == std::vector<std::string>{"Monthly Archives: April 2012"});
}

TEST_CASE("DumpModel: an index of names and dates has no text; a dated poem keeps its lines",
          "[policy]") {
  std::vector<std::string> urls = {"https://v.example.org/bg/tags/", "https://v.example.org/ar/c/4/",
                                   "https://v.example.org/poems/rain/",
                                   "https://v.example.org/poems/wind/",
                                   "https://v.example.org/poems/two/"};
  std::vector<std::string> dumps = {
      // A tag index: tag names, each entry's date and byline.
      "Amman\n\n06.10.2016 by Alan\n\nPetra\n\n24.01.2017 by Alan\n\nAqaba\n\n"
      "12.03.2018 by Alan\n",
      // A category page of one entry: its name and its date.
      "Islam\n\n18/04/2019 by Alan\n",
      // A short poem, signed with its date.
      "Rain on the roof\n\nthe gutters sing\n\nall night long\n\nand the well fills\n\n"
      "slowly again\n\n16 May 2011\n",
      // A prose poem signed with its date and the author's place.
      "Wind over the bay\n\nLet your voice go out over the water, and let the water "
      "carry it.\n\nGive your wings back to the wind. Learn to fly again.\n\n"
      "Saturday 13 July 2009\n\nMashhad\n",
      // Two poems on one page, each signed with its date and parted by a
      // section break: no sentence on the page, the dates are the poems'.
      "Two poems\n\nthe river keeps\n\nits name in winter\n\nunder the ice\n\n"
      "16 May 2011\n\n*****\n\nthe swallows\n\nfind the barn again\n\n"
      "Friday 3 June 2011\n"};
  auto k = kept(urls, dumps);
  CHECK(k[0].empty());
  CHECK(k[1].empty());
  CHECK(k[2].size() == 6);
  REQUIRE(k[3].size() == 5);
  CHECK(k[3][3] == "Saturday 13 July 2009");
  CHECK(k[3][4] == "Mashhad");
  CHECK(k[4] == std::vector<std::string>{"Two poems", "the river keeps", "its name in winter",
                                         "under the ice", "16 May 2011", "*****", "the swallows",
                                         "find the barn again", "Friday 3 June 2011"});
}

TEST_CASE("DumpModel: a feed or a redirect stub saved as a page has no content", "[policy]") {
  std::vector<std::string> urls = {"https://v.example.org/feed/", "https://v.example.org/old/",
                                   "https://v.example.org/a/"};
  std::vector<std::string> dumps = {
      "/a/ Valley Sun, 10 Jun 2012 +0000 First item text ]]> /b/ second ]]> more\n",
      "Refresh (0 sec) /a/\n\nYou are being redirected to /a/\n",
      "Title\n\nA real page with a sentence of its own.\n"};
  auto k = kept(urls, dumps);
  CHECK(k[0].empty());
  CHECK(k[1].empty());
  CHECK(k[2].size() == 2);
}

TEST_CASE("DumpModel: a comments feed with one item or none has no content", "[policy]") {
  // A post's comments feed saved as a page holds one item, so one "]]>":
  // its comment, in Greek here, was kept as the text of the page.
  std::vector<std::string> urls = {"https://v.example.org/a/feed/", "https://v.example.org/a/"};
  std::vector<std::string> dumps = {
      "/a/ Valley Sun, 10 Jun 2012 13:46:16 +0000 hourly 1 /a/#comment-4 Thu, 25 Nov 2010 "
      "17:36:17 +0000 \xCE\x9A\xCE\xB1\xCE\xBB\xCF\x8C \xCF\x84\xCE\xB1\xCE\xBE\xCE\xAF\xCE\xB4\xCE\xB9!\n"
      "\xCE\x9C\xCE\xB5 \xCE\xB1\xCE\xB3\xCE\xAC\xCF\x80\xCE\xB7 \xCE\xB1\xCF\x80\xCF\x8C "
      "\xCF\x84\xCE\xB7 \xCE\xB8\xCE\xB5\xCE\xAF\xCE\xB1 \xCF\x83\xCE\xB1\xCF\x82.\n\n]]>\n",
      "Title\n\nA real page with a sentence of its own.\n"};
  // A comments feed with no item is its channel's line alone.
  urls.push_back("https://v.example.org/b/feed/");
  dumps.push_back("/b/ Valley Sun, 10 Jun 2012 13:46:16 +0000 hourly 1 https://example.org/?v=4.8\n");
  auto k = kept(urls, dumps);
  CHECK(k[0].empty());
  CHECK(k[1].size() == 2);
  CHECK(k[2].empty());
  CHECK(chrome::internal::has_feed_time("Sun, 10 Jun 2012 13:46:16 +0000"));
  CHECK_FALSE(chrome::internal::has_feed_time("We met at 13:46 on the 10th."));
}

TEST_CASE("parse_text: a list with one centred pager line is not code", "[policy]") {
  // An archive page's dates and titles (no blank line between) ended with
  // a pager set in by one column; "indented unevenly" made the whole list
  // one kPre block that no chrome rule could reach.
  std::string dump;
  for (int i = 0; i < 8; ++i) dump += "01-2" + std::to_string(i) + "\nPost title " + std::to_string(i) + "\n";
  dump += " 1\xE2\x80\xA6" "151617\xE2\x80\xA6" "23\n";
  auto p = plain(dump);
  REQUIRE(p.blocks.size() == 17);
  CHECK(p.blocks[0].kind == BlockKind::kParagraph);
  CHECK(p.blocks[1].text == "Post title 0");
  // Set-in lines on a quarter of a group still make it code (w3m indents
  // a <pre>'s nested lines by their own spaces).
  auto code = plain("*filter\n :INPUT DROP [0:0]\n :FORWARD DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n");
  REQUIRE(code.blocks.size() == 1);
  CHECK(code.blocks[0].kind == BlockKind::kPre);
}

TEST_CASE("parse_text: w3m's nested list bullets go, a bare bullet line is no text", "[policy]") {
  // w3m marks nested list levels "\u2022", "\u25A1", "\u2606", "\u25CB",
  // "\u25CE", "\u2605"; only the first ones were bullets, so "\u2606 item"
  // kept its star and the bare "\u25A1" of an item holding a list was a line
  // of text.
  auto p = plain("  \xE2\x80\xA2 Archive\n      \xE2\x96\xA1 \n          \xE2\x98\x86 2019\n"
                 "          \xE2\x98\x85 2020\n              \xE2\x97\x8E May\n");
  CHECK(texts(p) == std::vector<std::string>{"Archive", "2019", "2020", "May"});
}

TEST_CASE("dump line rules: a number's decimal point does not make a post's meta line prose",
          "[policy]") {
  // NexT's meta line under a post title, as w3m prints it: "6.7k" words
  // made it read as a sentence, so it was kept as text.
  const std::string meta =
      "\xE4\xBD\x9C\xE8\x80\x85\xE5\x93\x8E\xE5\x93\x9F\xE5\x8D\xA7\xE6\xA7\xBD\xE5\x8F\x91\xE8"
      "\xA1\xA8\xE4\xBA\x8E 2017-12-02 \xE5\x88\x86\xE7\xB1\xBB\xE4\xBA\x8E Linux "
      "\xE9\x98\x85\xE8\xAF\xBB\xE6\xAC\xA1\xE6\x95\xB0\xEF\xBC\x9A\xE6\x9C\xAC\xE6\x96\x87\xE5"
      "\xAD\x97\xE6\x95\xB0\xEF\xBC\x9A 6.7k \xE9\x98\x85\xE8\xAF\xBB\xE6\x97\xB6\xE9\x95\xBF "
      "\xE2\x89\x88 6 \xE5\x88\x86\xE9\x92\x9F";
  CHECK_FALSE(chrome::internal::looks_like_prose(meta));
  CHECK(chrome::internal::is_date_line(meta));
  CHECK_FALSE(chrome::internal::looks_like_prose("Release 2.4.1 of the tool from example.org is out"));
  CHECK(chrome::internal::looks_like_prose("The tool from example.org is out. Get it now"));
  CHECK(chrome::internal::looks_like_prose("We moved the servers to the new rack in May 2019."));
  // A sentence in brackets, an editor's note, ends at its full stop.
  CHECK(chrome::internal::looks_like_prose("[This post was taken from the archive after the crash.]"));
}
