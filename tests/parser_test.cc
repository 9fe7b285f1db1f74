// parser_test.cc: parse_html/parse_text/to_utf8 on small hand-written inputs:
// blocks and flags, path signatures, charset sniffing and conversion,
// metadata candidates, and hostile inputs (limits.h: kMaxDomDepth,
// kMaxHtmlBytes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "base/base.h"
#include "parser/parser.h"

using namespace winnow;
using namespace winnow::parser;

namespace {
ParsedPage parse(const std::string& html, const std::string& url = "http://ex.org/a/b.html") {
  ParseOptions o;
  o.url = url;
  return parse_html(html, o);
}
std::vector<std::string> texts(const ParsedPage& p) {
  std::vector<std::string> t;
  for (const auto& b : p.blocks) t.push_back(b.text);
  return t;
}
}  // namespace

TEST_CASE("blocks come out in document order with kinds", "[policy]") {
  auto p = parse(
      "<html><body><h2>Head</h2><p>One <b>bold</b> <a href='/x'>link</a>.</p>"
      "<ul><li>item</li></ul><div>loose <p>inner</p> tail</div>"
      "<blockquote>quoted</blockquote><pre>a\n  b</pre><table><tr><td>cell</td></tr></table>"
      "<script>var x;</script><style>p{}</style><noscript>ns</noscript></body></html>");
  REQUIRE(texts(p) == std::vector<std::string>{"Head", "One bold link.", "item", "loose",
                                               "inner", "tail", "quoted", "a\n  b", "cell"});
  CHECK(p.blocks[0].kind == BlockKind::kHeading);
  CHECK(p.blocks[0].level == 2);
  CHECK(p.blocks[1].markdown == "One **bold** [link](http://ex.org/x).");
  CHECK(p.blocks[1].link_chars == 4);
  CHECK(p.blocks[1].link_count == 1);
  CHECK(p.blocks[2].kind == BlockKind::kListItem);
  CHECK((p.blocks[2].ancestor_flags & kInList) != 0);
  CHECK(p.blocks[6].kind == BlockKind::kQuote);
  CHECK(p.blocks[7].kind == BlockKind::kPre);
  CHECK(p.blocks[8].kind == BlockKind::kTableCell);
  CHECK(p.links == std::vector<std::string>{"http://ex.org/x"});
}

TEST_CASE("br becomes a newline inside one block", "[policy]") {
  auto p = parse("<p>line one<br>line   two</p>");
  REQUIRE(texts(p) == std::vector<std::string>{"line one\nline two"});
}

TEST_CASE("flags from tags, roles, hidden and class/id keywords", "[policy]") {
  auto p = parse(
      "<body><nav><p>n</p></nav><div role=navigation><p>r</p></div>"
      "<div class='sidebar-widget'><p>s</p></div><div id='comments'><p>c</p></div>"
      "<div style='display: none'><p>h</p></div><article><p>a</p></article>"
      "<div class='post-content'><p>pc</p></div><footer><p>f</p></footer></body>");
  REQUIRE(p.blocks.size() == 8);
  CHECK((p.blocks[0].ancestor_flags & kInNav) != 0);
  CHECK((p.blocks[1].ancestor_flags & kInNav) != 0);
  CHECK((p.blocks[2].ancestor_flags & kBoilerClass) != 0);
  CHECK((p.blocks[3].ancestor_flags & kInComments) != 0);
  CHECK((p.blocks[4].ancestor_flags & kHidden) != 0);
  CHECK((p.blocks[5].ancestor_flags & kInArticle) != 0);
  CHECK((p.blocks[6].ancestor_flags & kContentClass) != 0);
  CHECK((p.blocks[7].ancestor_flags & kInFooter) != 0);
}

TEST_CASE("an inline element that hides itself adds no text, yet its links are kept",
          "[policy]") {
  auto p = parse(
      "<div><img alt='x'><cite style='display:block'>Shown caption.</cite></div>"
      "<div><img alt='y'><cite style='display: NONE; bottom:4px'>Hidden caption.</cite></div>"
      "<p>Visible <span hidden>secret </span>and <span aria-hidden='true'>icon</span>"
      "plain <a href='/z' style='visibility:hidden'>gone</a>text.</p>",
      "http://ex.org/a");
  CHECK(texts(p) == std::vector<std::string>{"Shown caption.", "Visible and plain text."});
  CHECK(p.links == std::vector<std::string>{"http://ex.org/z"});
}

TEST_CASE("MathML reads as its symbols; its TeX annotation is not shown", "[policy]") {
  auto p = parse(
      "<p>If <math><semantics><mrow><mi>a</mi><mo>&#x2260;</mo><mn>0</mn></mrow>"
      "<annotation encoding='application/x-tex'>a \\neq 0</annotation></semantics></math>,"
      " there are two roots.</p>");
  CHECK(texts(p) == std::vector<std::string>{"If a \xE2\x89\xA0 0, there are two roots."});
}

TEST_CASE("the element holding a post's body is marked kArticleBody", "[policy]") {
  auto p = parse(
      "<body><div itemprop='articleBody'><p>m</p></div><div class='entry-content'><p>e</p></div>"
      "<div class='Post_Body'><p>b</p></div><div id='storyContent'><p>s</p></div>"
      "<div class='content'><p>c</p></div><div class='entry'><p>n</p></div></body>");
  REQUIRE(p.blocks.size() == 6);
  CHECK((p.blocks[0].ancestor_flags & kArticleBody) != 0);
  CHECK((p.blocks[0].ancestor_flags & kInArticle) != 0);
  CHECK((p.blocks[1].ancestor_flags & kArticleBody) != 0);
  CHECK((p.blocks[2].ancestor_flags & kArticleBody) != 0);
  CHECK((p.blocks[3].ancestor_flags & kArticleBody) != 0);
  // One-word content classes are only kContentClass.
  CHECK((p.blocks[4].ancestor_flags & kArticleBody) == 0);
  CHECK((p.blocks[4].ancestor_flags & kContentClass) != 0);
  CHECK((p.blocks[5].ancestor_flags & kArticleBody) == 0);
}

TEST_CASE("path signatures use the first class token without digits", "[policy]") {
  auto p = parse("<body><div class='main2 x'><article><p>t</p></article></div></body>");
  REQUIRE(p.blocks.size() == 1);
  CHECK(p.blocks[0].path == "html>body>div.main>article>p");
  CHECK(p.blocks[0].path_hash == hash64("html>body>div.main>article>p"));
  const Node& n = p.nodes[p.blocks[0].node];
  CHECK(n.tag == "p");
  CHECK(p.nodes[n.parent].tag == "article");
}

TEST_CASE("metadata candidates", "[policy]") {
  auto p = parse(
      "<html lang='en-GB' dir='ltr'><head><title>A story | Site</title>"
      "<meta property='og:title' content='A story'><meta property='og:site_name' content='Site'>"
      "<meta name='author' content='Jane Roe'><link rel=canonical href='/c'>"
      "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"NewsArticle\","
      "\"headline\":\"A story\",\"datePublished\":\"2024-03-03T10:00:00Z\"}]}</script>"
      "</head><body><h1>A story</h1><time datetime='2024-03-04'>x</time></body></html>");
  CHECK(p.meta.html_title == "A story | Site");
  CHECK(p.meta.og_title == "A story");
  CHECK(p.meta.site_name == "Site");
  CHECK(p.meta.author == "Jane Roe");
  CHECK(p.meta.canonical == "http://ex.org/c");
  CHECK(p.meta.lang == "en-GB");
  CHECK(p.meta.dir == "ltr");
  CHECK(p.meta.jsonld_type == "NewsArticle");
  CHECK(p.meta.date == "2024-03-03T10:00:00Z");
  CHECK(p.meta.time_values == std::vector<std::string>{"2024-03-04"});
  CHECK(p.meta.h1 == std::vector<std::string>{"A story"});
}

TEST_CASE("charset: BOM, header, meta, lying declarations, windows-1252", "[rfc9110]") {
  std::string cs;
  CHECK(to_utf8("\xEF\xBB\xBFhi", "", &cs) == "hi");
  CHECK(cs == "utf-8");
  CHECK(to_utf8(std::string("\xFF\xFEh\0i\0", 6), "", &cs) == "hi");
  CHECK(cs == "utf-16le");
  CHECK(to_utf8(std::string("\xFE\xFF\0h\0i", 6), "", &cs) == "hi");
  CHECK(cs == "utf-16be");
  // windows-1252 bytes without any declaration: invalid UTF-8 -> cp1252.
  CHECK(to_utf8("caf\xE9 \x93q\x94", "", &cs) == "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
  CHECK(cs == "windows-1252");
  // Header wins over meta.
  CHECK(detect_charset("<meta charset=utf-8>\xA4", "text/html; charset=ISO-8859-15") ==
        "iso-8859-15");
  CHECK(convert_to_utf8("\xA4", "iso-8859-15") == "\xE2\x82\xAC");
  // Meta declaration when no header.
  CHECK(detect_charset("<meta http-equiv=Content-Type content='text/html; charset=latin1'>\xE9",
                       "") == "windows-1252");
  // Lying: declared latin-1 but the bytes are valid UTF-8 -> UTF-8.
  CHECK(detect_charset("caf\xC3\xA9", "text/html; charset=iso-8859-1") == "utf-8");
}

// Regression: a page declared UTF-8 with one invalid byte was decoded as
// windows-1252 from the first byte to the last, so every accented letter of an
// otherwise good page became mojibake ("cafÃ©"). Browsers keep the declared
// UTF-8 and show U+FFFD for the bad byte only.
TEST_CASE("charset: declared UTF-8 with an invalid byte stays UTF-8 with U+FFFD",
          "[whatwg-encoding]") {
  std::string cs;
  CHECK(to_utf8("caf\xC3\xA9 \xE9t\xC3\xA9", "text/html; charset=utf-8", &cs) ==
        "caf\xC3\xA9 \xEF\xBF\xBDt\xC3\xA9");
  CHECK(cs == "utf-8");
  CHECK(detect_charset("caf\xE9", "utf-8") == "utf-8");
  // Declared by <meta> only.
  CHECK(to_utf8("<meta charset=\"utf-8\"><p>na\xEFve</p>", "", &cs) ==
        "<meta charset=\"utf-8\"><p>na\xEF\xBF\xBDve</p>");
  CHECK(cs == "utf-8");
  // The whole page, through the parser.
  ParseOptions o;
  o.content_type = "text/html; charset=UTF-8";
  auto p = parse_html("<p>\xC3\x89t\xC3\xA9 \x96 hiver</p>", o);
  CHECK(texts(p) == std::vector<std::string>{"\xC3\x89t\xC3\xA9 \xEF\xBF\xBD hiver"});
}

// Regression: a UTF-8 body cut inside a character (by --max-bytes or the
// parser's kMaxHtmlBytes) is no longer valid UTF-8, and the whole page was
// then read as windows-1252.
TEST_CASE("charset: a UTF-8 body cut mid-character stays UTF-8", "[whatwg-encoding]") {
  std::string cs;
  CHECK(to_utf8("caf\xC3\xA9 cr\xC3", "", &cs) == "caf\xC3\xA9 cr\xEF\xBF\xBD");
  CHECK(cs == "utf-8");
  // Cut inside a four-byte sequence: one U+FFFD for the cut part, as browsers.
  CHECK(to_utf8("\xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98", "", &cs) ==
        "\xE2\x80\x9Cq\xE2\x80\x9D \xEF\xBF\xBD");
  CHECK(cs == "utf-8");
  // A lying single-byte label still loses to UTF-8 that was only cut.
  CHECK(detect_charset("caf\xC3\xA9 cr\xC3\xA8me br\xC3", "text/html; charset=iso-8859-1") ==
        "utf-8");
  // The parser's own size limit cuts the "é" of "crème" in half.
  ParseOptions o;
  o.max_bytes = 12;  // "<p>caf\xC3\xA9 cr\xC3" is 12 bytes
  auto p = parse_html("<p>caf\xC3\xA9 cr\xC3\xA8me</p>", o);
  CHECK(texts(p) == std::vector<std::string>{"caf\xC3\xA9 cr\xEF\xBF\xBD"});
}

// Undeclared pages: valid UTF-8 is UTF-8; text that is mostly UTF-8 (at least
// as many well-formed multi-byte characters as invalid sequences) is UTF-8
// with U+FFFD for the strays; the rest is windows-1252, the WHATWG default for
// undeclared pages in Western locales.
TEST_CASE("charset: sniffing undeclared pages", "[policy]") {
  std::string cs;
  CHECK(to_utf8("\xC3\xA9t\xC3\xA9 \xC3\xA0 Z\xC3\xBCrich \x93stray", "", &cs) ==
        "\xC3\xA9t\xC3\xA9 \xC3\xA0 Z\xC3\xBCrich \xEF\xBF\xBDstray");
  CHECK(cs == "utf-8");
  // German windows-1252 text where "\xDF\x93" (ß“) happens to be a valid
  // UTF-8 pair: the many invalid umlauts outvote it.
  CHECK(to_utf8("\x84gr\xFC\xDF" "e aus gro\xDF\x93 und M\xFCnchen", "", &cs) ==
        "\xE2\x80\x9Egr\xC3\xBC\xC3\x9F" "e aus gro\xC3\x9F\xE2\x80\x9C und M\xC3\xBCnchen");
  CHECK(cs == "windows-1252");
}

// Unicode's "substitution of maximal subparts" (what browsers do): a valid
// prefix of a sequence cut short by a bad byte is one U+FFFD, not one per byte.
TEST_CASE("charset: one U+FFFD per maximal invalid subpart", "[whatwg-encoding]") {
  CHECK(convert_to_utf8("a\xE2\x82x", "utf-8") == "a\xEF\xBF\xBDx");
  CHECK(convert_to_utf8("a\xF0\x9F\x98x", "utf-8") == "a\xEF\xBF\xBDx");
  // Not a valid prefix: each byte is its own subpart.
  CHECK(convert_to_utf8("\xC0\x80", "utf-8") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(convert_to_utf8("\xED\xA0\x80", "utf-8") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(convert_to_utf8("\xE0\x80\x80", "utf-8") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(convert_to_utf8("\xF4\x90\x80\x80", "utf-8") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("kMaxDomDepth: 100,000-deep nesting parses fast and keeps the text", "[policy]") {
  std::string html = "<body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>bottom</p>";
  auto t0 = std::chrono::steady_clock::now();
  auto p = parse(html);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 10.0);
  REQUIRE(!p.blocks.empty());
  CHECK(p.blocks.back().text == "bottom");
  CHECK(p.blocks.back().depth <= limits::kMaxDomDepth + 4);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "elements nested deeper than 400 or tags with over 1024 attributes or 1048576 bytes were flattened");
}

TEST_CASE("kMaxHtmlBytes: oversized pages are cut with a warning", "[policy]") {
  ParseOptions o;
  o.max_bytes = 1000;
  std::string html = "<p>first</p>" + std::string(5000, 'x');
  auto p = parse_html(html, o);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] == "page is 5012 bytes; only the first 1000 were parsed");
  CHECK(p.blocks[0].text == "first");
}

TEST_CASE("bad inputs: empty, binary, truncated, invalid UTF-8", "[policy]") {
  CHECK(parse("").blocks.empty());
  std::string bin(4096, '\0');
  auto b = parse(bin);
  CHECK(b.blocks.empty());
  REQUIRE(b.warnings.size() == 1);
  CHECK(b.warnings[0] == "input looks binary (4096 NUL bytes)");
  CHECK(texts(parse("<p>cut off <b>here")) == std::vector<std::string>{"cut off here"});
  // One good "é" and one byte that is never UTF-8: mostly UTF-8, so UTF-8.
  CHECK(texts(parse("<p>a\xC3\xA9\xFF</p>")) == std::vector<std::string>{"a\xC3\xA9\xEF\xBF\xBD"});
}

TEST_CASE("parse_text: headings, list items and paragraphs", "[policy]") {
  auto p = parse_text("# Title\n\nfirst line\nsecond line\n\n- item\n", {});
  REQUIRE(texts(p) == std::vector<std::string>{"Title", "first line second line", "item"});
  CHECK(p.blocks[0].kind == BlockKind::kHeading);
  CHECK(p.blocks[2].kind == BlockKind::kListItem);
}

TEST_CASE("document_text and document_markdown", "[policy]") {
  Document d;
  d.title = "T";
  d.paragraphs = {{BlockKind::kHeading, 1, "T", "T", 0},
                  {BlockKind::kHeading, 2, "Sub", "Sub", 1},
                  {BlockKind::kParagraph, 0, "Body", "**Body**", 2},
                  {BlockKind::kListItem, 0, "x", "x", 3}};
  CHECK(document_text(d) == "T\n\nSub\n\nBody\n\nx");
  CHECK(document_markdown(d) == "# T\n\n## Sub\n\n**Body**\n\n- x");
  CHECK(std::string(block_kind_name(BlockKind::kListItem)) == "list_item");
  CHECK(std::string(page_kind_name(PageKind::kListing)) == "listing");
}

TEST_CASE("document_text: a code block's blank lines are not paragraph breaks", "[policy]") {
  // Regression: a <pre> listing with empty lines between its functions came
  // out of dataset.jsonl's text as several paragraphs ("}" alone among them)
  // for anyone splitting it at blank lines, as its format says to.
  Document d;
  d.paragraphs = {{BlockKind::kParagraph, 0, "Before the code.", "Before the code.", 0},
                  {BlockKind::kPre, 0, "int a() {\n  return 1;\n}\n\n  \t\nint b() {\n\n  return 2;\n}\n",
                   "", 1},
                  {BlockKind::kParagraph, 0, "After it.", "After it.", 2}};
  CHECK(document_text(d) ==
        "Before the code.\n\nint a() {\n  return 1;\n}\nint b() {\n  return 2;\n}\n\nAfter it.");
}

TEST_CASE("kMaxTagAttributes: a tag with 100,000 attributes is dropped, text kept", "[policy]") {
  std::string html = "<body><div";
  for (int i = 0; i < 100000; ++i) html += " a" + std::to_string(i);
  html += "><p>after</p><div";
  for (int i = 0; i < 100000; ++i) html += " b" + std::to_string(i);  // never closed
  auto t0 = std::chrono::steady_clock::now();
  auto p = parse(html);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 5.0);
  CHECK(texts(p) == std::vector<std::string>{"after"});
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "elements nested deeper than 400 or tags with over 1024 attributes or 1048576 bytes were flattened");
}

TEST_CASE("prescan: stray quotes and big single attributes are ordinary tags", "[policy]") {
  // A stray quote after a quoted value (`class="a"">`) or an apostrophe in
  // an unquoted value does not open a quoted string: HTML only quotes right
  // after '='. Before this rule such a tag swallowed the rest of the page.
  std::string html = "<body><div class=\"misc\"\"><p>one</p></div>"
                     "<img alt=Bob's src=x.png><p>two</p>";
  for (int i = 0; i < 500; ++i) html += "<div><span>x</span></div>";
  html += "<p>three</p>";
  auto p = parse(html);
  CHECK(p.warnings.empty());
  REQUIRE(p.blocks.size() >= 3);
  CHECK(p.blocks[0].text == "one");
  CHECK(p.blocks[1].text == "two");
  CHECK(p.blocks.back().text == "three");

  // A 200 KB inline data: URI is one attribute: kept, no warning.
  std::string big = "<body><p>before</p><img src=\"data:image/png;base64," +
                    std::string(200000, 'A') + "\" alt=\"pic\"><p>after</p>";
  auto q = parse(big);
  CHECK(q.warnings.empty());
  CHECK(texts(q) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("UTF-8 validation finds a bad byte at any offset of a long ASCII run",
          "[policy]") {
  // The validator skips ASCII eight bytes at a time; a bad or good multi-byte
  // sequence must be seen wherever it falls relative to those words.
  for (size_t at = 0; at < 24; ++at) {
    std::string s(40, 'a');
    s[at] = '\xFF';
    CHECK_FALSE(is_valid_utf8(s));
    s.replace(at, 1, "\xC3\xA9");  // é
    CHECK(is_valid_utf8(s));
    s.replace(at, 2, "\xC3");      // a lead byte with no continuation
    CHECK_FALSE(is_valid_utf8(s));
  }
  CHECK(is_valid_utf8(std::string(64, 'x')));
  CHECK_FALSE(is_valid_utf8(std::string(63, 'x') + "\xE2\x82"));  // cut at the end
  CHECK(is_valid_utf8(std::string(63, 'x') + "\xE2\x82\xAC"));
}

TEST_CASE("feeds and sitemaps are told from pages whatever their Content-Type", "[policy]") {
  using winnow::parser::is_xml_feed;
  CHECK(is_xml_feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"));
  CHECK(is_xml_feed("\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- generator -->\n<feed xmlns=\"x\">"));
  CHECK(is_xml_feed("<?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?><rdf:RDF xmlns:rdf=\"r\">"));
  CHECK(is_xml_feed("  <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
  CHECK(is_xml_feed("<sitemapindex>"));
  CHECK_FALSE(is_xml_feed("<?xml version=\"1.0\"?>\n<!DOCTYPE html><html><body><p>rss</p>"));
  CHECK_FALSE(is_xml_feed("<!doctype html><html><head><link rel=alternate type=application/rss+xml>"));
  CHECK_FALSE(is_xml_feed("<feedback>not a feed</feedback>"));
  CHECK_FALSE(is_xml_feed("<?xml version=\"1.0\""));
  CHECK_FALSE(is_xml_feed(""));
}

TEST_CASE("tags named unescaped in prose do not swallow the page", "[policy]") {
  // A tutorial writes "<textarea>", "<select>" and "<button>" as words; a
  // browser would turn the rest of the page into a text box, options and a
  // button label (the theme's own </button> far below closes it).
  auto p = parse(
      "<html><body><article><h2>The :input selector</h2>"
      "<p>It returns every form element: <input> fields, and also <textarea>, <select> and "
      "<button> elements.</p><h2>The :password selector</h2>"
      "<p>It returns only the password fields of the form.</p></article>"
      "<footer><button onclick='x()'>Donate</button></footer></body></html>");
  std::vector<std::string> texts;
  for (const auto& b : p.blocks) texts.push_back(b.text);
  REQUIRE(texts.size() == 5);
  CHECK(texts[1] == "It returns every form element: fields, and also <textarea>, <select> and "
                    "<button> elements.");
  CHECK(texts[2] == "The :password selector");
  CHECK(texts[3] == "It returns only the password fields of the form.");
  CHECK_FALSE(p.blocks[3].ancestor_flags & kInButton);
  CHECK(p.blocks[4].ancestor_flags & kInButton);  // the real button
  // Real controls stay controls.
  auto form = parse(
      "<html><body><form><select name='c'><option>Red</option><option>Blue</option></select>"
      "<textarea name='t'>Your <b>comment</b></textarea><button>Send</button></form>"
      "<p>After the form.</p></body></html>");
  std::vector<std::string> ftexts;
  for (const auto& b : form.blocks) ftexts.push_back(b.text);
  CHECK(std::find(ftexts.begin(), ftexts.end(), "After the form.") != ftexts.end());
  for (const auto& b : form.blocks) {
    CHECK(b.text.find("&lt;") == std::string::npos);
    CHECK(b.text.find("<b>") == std::string::npos);
  }
}
