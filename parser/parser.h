// parser: bytes -> UTF-8 -> Gumbo DOM -> an ordered list of text blocks plus
// the page's metadata candidates and a compact skeleton of the element tree
// above the blocks. It reports what it finds and decides nothing: which
// blocks are chrome is chrome/'s job. Depends on base and Gumbo only.
//
// Also defines the value types later stages share (Document, Paragraph,
// PageKind), so dedup/ and export/ need only this header, not chrome/.
//
// Threading: all functions are pure and thread-safe. Returned values own
// their data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace winnow::parser {

enum class BlockKind {
  kHeading,    // h1-h6 (level in Block::level)
  kParagraph,  // p, and divs/spans holding only inline text
  kListItem,   // li, dt, dd
  kQuote,      // blockquote text
  kPre,        // pre / code blocks (whitespace kept)
  kTableCell,  // td, th
  kCaption,    // figcaption, caption
  kOther,
};
const char* block_kind_name(BlockKind kind);
// Inverse of block_kind_name; unknown names give kParagraph.
BlockKind block_kind_from_name(std::string_view name);

// Bits for Node::flags and Block::ancestor_flags: signals from tags, roles
// and class/id tokens. Set on a node if the node itself carries the signal;
// Block::ancestor_flags is the OR over the block's ancestors and itself.
enum NodeFlag : uint32_t {
  kInNav = 1u << 0,       // <nav>, role=navigation
  kInHeader = 1u << 1,    // <header>, role=banner
  kInFooter = 1u << 2,    // <footer>, role=contentinfo
  kInAside = 1u << 3,     // <aside>, role=complementary
  kInForm = 1u << 4,      // <form>, role=search
  kInArticle = 1u << 5,   // <article>, role=article, itemprop=articleBody
  kInMain = 1u << 6,      // <main>, role=main
  kInLink = 1u << 7,      // the whole block is inside one <a>
  kInFigure = 1u << 8,    // <figure>
  kInList = 1u << 9,      // ul/ol/menu
  kInTable = 1u << 10,
  kHidden = 1u << 11,     // hidden attribute, aria-hidden=true, display:none
  kInComments = 1u << 12, // class/id says comment(s)
  kBoilerClass = 1u << 13,  // class/id token like menu, sidebar, share, widget
  kContentClass = 1u << 14, // class/id token like content, article, post-body
  kInButton = 1u << 15,
  kArticleBody = 1u << 16,  // itemprop=articleBody, or a class/id naming the
                            // body of one post (entry-content, post-body,
                            // article-body, story-body...)
};

// An element that is an ancestor of at least one block (a skeleton of the
// DOM, enough for region scoring without keeping Gumbo's tree alive).
struct Node {
  int parent = -1;          // index into ParsedPage::nodes, -1 for the root
  int depth = 0;
  std::string tag;          // lower-case element name
  std::string id;           // id attribute (raw)
  std::string classes;      // class attribute (raw, whitespace-collapsed)
  std::string role;         // role attribute
  uint32_t flags = 0;       // NodeFlag bits of this element itself
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;            // heading level 1-6, else 0
  std::string text;         // visible text, whitespace collapsed, UTF-8;
                            // a <br> inside the block is kept as "\n"
                            // (the dragnet gold does the same); <pre>
                            // keeps its white space
  std::string markdown;     // inline Markdown (**bold**, *em*, [a](href))
  std::string tag;          // element that bounds the block ("p", "li", ...)
  std::string href;         // when the block is one link (kInLink): its
                            // resolved href; else ""
  int node = -1;            // index into ParsedPage::nodes of the block element
  std::string path;         // tag path signature "body>div.main>article>p"
  uint64_t path_hash = 0;   // hash64(path)
  uint32_t ancestor_flags = 0;  // NodeFlag bits, OR over ancestors and self
  size_t text_chars = 0;    // code points of text
  size_t link_chars = 0;    // code points of text inside <a>
  int link_count = 0;
  int position = 0;         // index of the block in the page
  int depth = 0;            // DOM depth of the block element
  int line = 0;             // parse_text: 1-based line of the file where
                            // the block starts (0 for HTML)
};

// kPage: a standalone page of a site of posts (an about or contact page:
// chrome::find_site_pages); export leaves it out of the dataset unless asked.
enum class PageKind { kArticle, kListing, kOther, kPage };
const char* page_kind_name(PageKind kind);
// Inverse of page_kind_name; unknown names give kOther.
PageKind page_kind_from_name(std::string_view name);

// Metadata candidates as found; chrome/ picks and normalises.
struct PageMeta {
  std::string html_title;   // <title>
  std::string og_title;     // og:title / twitter:title
  std::string og_type;      // og:type
  std::string site_name;    // og:site_name, application-name
  std::string lang;         // <html lang>, else content-language meta
  std::string dir;          // <html dir>
  std::string canonical;    // <link rel=canonical href> (resolved)
  std::string description;  // meta description
  std::string author;       // meta author, article:author, JSON-LD author
  std::string date;         // first of article:published_time, JSON-LD
                            // datePublished, <time datetime>, meta date
  std::vector<std::string> time_values;   // every <time datetime> seen
  std::vector<std::string> h1;            // text of each <h1>
  std::string jsonld_type;  // @type of the first JSON-LD object with one
  std::string jsonld_headline;
};

struct ParseOptions {
  std::string url;               // the page's URL, for resolving links
  std::string content_type;      // Content-Type header value, may be empty
  size_t max_bytes = limits::kMaxHtmlBytes;
  int max_depth = limits::kMaxDomDepth;
  bool collect_links = true;
};

struct ParsedPage {
  std::vector<Node> nodes;
  std::vector<Block> blocks;
  PageMeta meta;
  std::vector<std::string> links;     // absolute hrefs of <a>, in order
  std::vector<std::string> warnings;  // one line each: what could not be parsed
  bool from_text = false;  // parse_text: a plain-text/Markdown dump, not HTML
};

// Converts bytes to UTF-8 (BOM, header charset, <meta charset>, then UTF-8
// sniffing with windows-1252 fallback: see detect_charset in base/base.h). `declared` is the
// charset from the Content-Type header, may be empty. Never fails: invalid
// sequences become U+FFFD.
std::string to_utf8(std::string_view bytes, std::string_view declared,
                    std::string* charset_used = nullptr);

ParsedPage parse_html(std::string_view bytes, const ParseOptions& options);

// True when the body is an XML feed or sitemap (root element rss, feed,
// rdf:RDF, urlset or sitemapindex after any XML declaration, comments and
// doctype), whatever its Content-Type: such a body is not a page.
bool is_xml_feed(std::string_view body);

// Plain text or Markdown dumps (parser/text_dump.cc). Markdown (any
// content_type but "text/plain") and hard-wrapped plain text (every line
// broken where the next word would pass one column, 40 to 100 columns
// wide) are read in paragraphs: lines up to a blank line join. Any other
// plain text -- a browser's text rendering (w3m/lynx -dump with wide
// columns), one paragraph per line -- gives one block per line, except
// that groups of lines laid out as code become one kPre block and rows of
// box-drawn tables one kTableCell block per cell. Both ways, bulleted
// lines ("\u2022"...) and numbered list items ("1. ", "2. "...) lose their
// marker; runs of lines numbered 1, 2, 3... without a dot (a code
// listing's line numbers) become one kPre block without the numbers.
// Markdown "#" headings and "-"/"*"/"+" bullets are read as such; in plain
// text they are the text.
ParsedPage parse_text(std::string_view bytes, const ParseOptions& options);

// Estimated bytes of memory the page holds (the object, its strings and
// vectors by capacity, plus allocator overhead), for callers that keep
// parsed pages under a memory budget. Deterministic for a given page.
size_t heap_bytes(const ParsedPage& page);

// ------------------------------------------------- shared document values --
struct Paragraph {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;            // heading level
  std::string text;         // clean text
  std::string markdown;     // Markdown rendering of the same paragraph
  int block = -1;           // index of the source block in ParsedPage::blocks
};

// A page reduced to its content: what chrome/ produces, dedup/ filters and
// export/ writes.
struct Document {
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string date;         // ISO 8601 (YYYY-MM-DD or full timestamp), or ""
  std::string author;
  std::string site_name;
  std::string lang;
  PageKind kind = PageKind::kOther;
  std::vector<Paragraph> paragraphs;
  bool from_text = false;   // built from a text/Markdown dump (parse_text):
                            // chrome::repair_text repairs it as such
};

// Paragraph texts joined by blank lines. No paragraph holds a blank line of
// its own (a <pre> block's empty lines are left out here), so splitting the
// text at blank lines gives the paragraphs back; paragraphs of only white
// space are skipped.
std::string document_text(const Document& doc);
// Markdown: "# title", headings as "##", list items as "- ".
std::string document_markdown(const Document& doc);

}  // namespace winnow::parser
