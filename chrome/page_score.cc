// page_score.cc: per-page main-content detection (classify_page). Scores
// the element skeleton Readability-style (text length, commas, link density
// per ancestor, class/id and tag signals, candidates inside furniture
// discounted), takes the best region plus qualifying siblings, then filters
// blocks inside it (navigation, comments, hidden, link lists, boilerplate
// and post-footer lines) and keeps the headline/byline/date lines just
// above it. No site-specific rules.
#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <unordered_map>

#include "chrome/chrome.h"
#include "chrome/page_internal.h"

namespace winnow::chrome {

const char* reason_name(Reason r) {
  switch (r) {
    case Reason::kContent: return "content";
    case Reason::kPageSignals: return "page_signals";
    case Reason::kSiteRecurrence: return "site_recurrence";
    case Reason::kSitePosition: return "site_position";
    case Reason::kBoilerplateLine: return "boilerplate_line";
    case Reason::kEmpty: return "empty";
  }
  return "content";
}

namespace {

using parser::Block;
using parser::BlockKind;
using parser::ParsedPage;

constexpr uint32_t kNeverContent = parser::kHidden | parser::kInComments;
constexpr uint32_t kNotCandidate = parser::kHidden | parser::kInComments |
                                   parser::kInNav | parser::kInFooter |
                                   parser::kInForm;
constexpr uint32_t kChromeBelowRegion =
    parser::kInNav | parser::kInComments | parser::kInForm | parser::kInButton |
    parser::kHidden | parser::kInAside | parser::kInFooter | parser::kBoilerClass;

int commas(std::string_view s) {
  int n = 0;
  const size_t size = s.size();
  for (size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == ',') ++n;
      continue;
    }
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C Arabic comma
    if (c == 0xEF && i + 2 < size && s[i + 1] == '\xBC' && s[i + 2] == '\x8C') ++n;
    if (c == 0xE3 && i + 2 < size && s[i + 1] == '\x80' && s[i + 2] == '\x81') ++n;
    if (c == 0xD8 && i + 1 < size && s[i + 1] == '\x8C') ++n;
  }
  return n;
}

double link_density(const Block& b) {
  return b.text_chars ? static_cast<double>(b.link_chars) / b.text_chars : 0;
}

// A class/id token naming a comments region. The parser flags any
// class/id containing "comment", "discussion"...; taxonomy and state tokens
// on an article ("category-for-discussion", "tag-comments", "commented",
// "comments-open", "no-comments") name a property of the post, not a region.
bool comment_token(std::string_view t) {
  static constexpr std::string_view kWords[] = {"comment", "disqus", "respond", "discussion"};
  bool hit = false;
  for (std::string_view k : kWords) hit = hit || t.find(k) != std::string_view::npos;
  if (!hit) return false;
  static constexpr std::string_view kTaxonomy[] = {"category-", "tag-", "tags-", "cat-",
                                                   "topic-", "has-", "no-", "with-"};
  for (std::string_view k : kTaxonomy)
    if (t.substr(0, k.size()) == k) return false;
  static constexpr std::string_view kState[] = {"commented", "comments-open", "comments-closed",
                                                "comment-open", "comment-closed"};
  for (std::string_view k : kState)
    if (t == k) return false;
  return t.substr(0, 15) != "comment-status-";
}

// Node flags as classify_page reads them: the parser's, with kInComments
// dropped when no class/id token really names a comments region.
uint32_t node_flags(const parser::Node& n) {
  uint32_t f = n.flags;
  if (!(f & parser::kInComments) || n.tag == "form" || n.tag == "textarea") return f;
  std::string s = to_lower_ascii(n.classes);
  s += ' ';
  s += to_lower_ascii(n.id);
  for (std::string_view t : split(s, ' '))
    if (comment_token(t)) return f;
  return f & ~static_cast<uint32_t>(parser::kInComments);
}

// Scores per node and picks the region roots.
struct Regions {
  std::vector<double> score;
  std::vector<uint32_t> nf;      // node_flags per node
  std::vector<uint32_t> anc;     // OR of node_flags over node and its ancestors
  std::vector<uint32_t> bflags;  // per block: ancestor_flags with anc's kInComments
  std::vector<char> in_region;   // node is a region root or below one
  std::vector<char> root;        // node is a region root
  std::vector<double> row_links;  // per block in a data table: its row's link density, else -1
  int top = -1;
};

// A parent replaces the best region when it holds this many times its
// prose (see promote) and at most this link density. 2.5 (was 2.0): a
// container holding the article plus teasers and bios rarely reaches it,
// one holding a step-by-step article split in sibling divs does.
constexpr double kPromoteRatio = 2.5;
constexpr double kPromoteMaxLinks = 0.25;

// Blocks whose text does not count as prose when deciding a promotion:
// teasers in lists and links, furniture.
constexpr uint32_t kNotProse = parser::kInLink | parser::kInAside | parser::kBoilerClass;

// Text score at which tag/class bonuses count fully.
constexpr double kBonusText = 10;

double tag_bonus(const parser::Node& n) {
  const std::string& t = n.tag;
  if (t == "div" || t == "article" || t == "main" || t == "section") return 5;
  if (t == "pre" || t == "td" || t == "blockquote") return 3;
  if (t == "ol" || t == "ul" || t == "dl" || t == "li" || t == "form") return -3;
  if (t == "body") return -5;
  return 0;
}

double class_bonus(uint32_t f) {
  double w = 0;
  if (f & parser::kContentClass) w += 25;
  if (f & parser::kInArticle) w += 25;
  if (f & parser::kInMain) w += 10;
  if (f & (parser::kBoilerClass | parser::kInAside)) w -= 25;
  return w;
}

// Score factor for a candidate inside a furniture container (an aside, or a
// sidebar/widget/related class not also named content): a widget's excerpts
// can outscore a short article on text alone.
constexpr double kFurnitureAbove = 0.3;

// A container marked as a blog post or feed with the hAtom microformat
// ("hentry", "hfeed", "h-entry", "h-feed"): what is inside is posts, even
// when a blog engine wraps them in a "widget".
bool hatom(const parser::Node& n) {
  const std::string& c = n.classes;
  return c.find("hentry") != std::string::npos || c.find("hfeed") != std::string::npos ||
         c.find("h-entry") != std::string::npos || c.find("h-feed") != std::string::npos;
}

// An aside, or a boilerplate class not also named content.
bool is_furniture(uint32_t f) {
  return (f & parser::kInAside) || ((f & parser::kBoilerClass) && !(f & parser::kContentClass));
}

// Per node: whether a furniture ancestor (an aside, or a boilerplate class
// not also named content) sits above it with no hAtom post/feed marker on
// the way down (the node itself included). Computed top-down, parents first.
std::vector<char> furniture_above(const ParsedPage& page, const Regions& r) {
  size_t n = page.nodes.size();
  std::vector<char> above(n, 0), marked(n, 0);
  for (size_t i = 0; i < n; ++i) {
    marked[i] = hatom(page.nodes[i]);
    int p = page.nodes[i].parent;
    if (p < 0 || marked[i] || marked[p]) continue;
    above[i] = is_furniture(r.nf[p]) || above[p];
  }
  return above;
}

// Node flags and per-block flags with node_flags' corrections.
void init_flags(const ParsedPage& page, Regions& r) {
  size_t n = page.nodes.size();
  r.nf.assign(n, 0);
  r.anc.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    r.nf[i] = node_flags(page.nodes[i]);
    r.anc[i] = r.nf[i] | (p >= 0 ? r.anc[p] : 0);
  }
  r.bflags.resize(page.blocks.size());
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& b = page.blocks[i];
    r.bflags[i] = b.node < 0 ? b.ancestor_flags
                             : (b.ancestor_flags & ~static_cast<uint32_t>(parser::kInComments)) |
                                   (r.anc[b.node] & parser::kInComments);
  }
}

// Per-node sums over the subtree, filled by score_nodes.
struct Sums {
  std::vector<double> text, links;
  std::vector<char> scoring;  // per block: counted in the region score
};

// Per node: the OR of node_flags over the node and its ancestors up to,
// not including, the first ancestor of the region root (the root
// included). Furniture around the region is left out; furniture beside it
// is not.
std::vector<uint32_t> off_chain_flags(const ParsedPage& page, const Regions& r) {
  size_t n = page.nodes.size();
  std::vector<char> chain(n, 0);
  for (int a = r.top; a >= 0; a = page.nodes[a].parent) chain[a] = 1;
  std::vector<uint32_t> off(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    off[i] = chain[i] ? 0 : r.nf[i] | (p >= 0 ? off[p] : 0);
  }
  return off;
}

// Content split over sibling containers (one div per section or step):
// move up while the parent holds kPromoteRatio times the prose of the
// current region and few links. Prose is scoring text outside teaser links
// and furniture (furniture already around the best region still counts).
int promote(const ParsedPage& page, const Regions& r, const Sums& s) {
  size_t n = page.nodes.size();
  std::vector<double> prose(n, 0);
  // A sidebar beside the region is not prose even when the region itself
  // sits in a "widget" (a blog engine's main column).
  std::vector<uint32_t> off = off_chain_flags(page, r);
  for (size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    if (s.scoring[bi] && !(b.ancestor_flags & parser::kInLink) && !(off[b.node] & kNotProse))
      prose[b.node] += b.text_chars;
  }
  for (size_t i = n; i-- > 0;)
    if (page.nodes[i].parent >= 0) prose[page.nodes[i].parent] += prose[i];
  int promoted = r.top;
  for (int p = page.nodes[r.top].parent; p >= 0; p = page.nodes[p].parent) {
    const std::string& tag = page.nodes[p].tag;
    if (tag == "body" || tag == "html" || (r.anc[p] & kNotCandidate)) break;
    double ld = s.text[p] > 0 ? s.links[p] / s.text[p] : 0;
    if (prose[p] >= kPromoteRatio * std::max(prose[promoted], 1.0) && ld <= kPromoteMaxLinks)
      promoted = p;
  }
  return promoted;
}

bool is_ancestor(const ParsedPage& page, int a, int n) {
  for (; n >= 0; n = page.nodes[n].parent)
    if (n == a) return true;
  return false;
}

// Visible text outside links per subtree (hidden and comment blocks left
// out; with `furniture`, text in a furniture container too).
std::vector<double> visible_text(const ParsedPage& page, const Regions& r,
                                 const std::vector<char>* furniture = nullptr) {
  size_t n = page.nodes.size();
  std::vector<double> text(n, 0);
  for (size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    if (b.node >= 0 && furniture && ((*furniture)[b.node] || is_furniture(r.nf[b.node])))
      continue;
    if (b.node >= 0 && !(r.bflags[bi] & kNeverContent))
      text[b.node] += static_cast<double>(b.text_chars - b.link_chars);
  }
  for (size_t i = n; i-- > 0;)
    if (page.nodes[i].parent >= 0) text[page.nodes[i].parent] += text[i];
  return text;
}

// The marked post body (itemprop=articleBody, or an "entry-content"-like
// class: kArticleBody) decides the region when it holds real text:
//  * a region elsewhere on the page gives way to it -- an author box or a
//    sidebar note can outscore a short post. When several elements are
//    marked (posts of a listing, tweets in a widget marked up as posts), only
//    if the body holds at least kBodyVsRegion of the region's visible text;
//  * a region inside the body grows to the whole body, unless half the
//    body's text is links -- the scoring often settles on one sub-div of
//    the post (a "step", the text after a figure);
//  * a region around the body shrinks to it when the body holds at least
//    kBodyInRegion of the region's text -- a wrapper that also holds the
//    author bio, newsletter box and related teasers.
// The body is, among the marked elements not in furniture, navigation or
// comments, the one with the most visible text outside links (marks nested
// in a mark count once). Returns the new root.
constexpr double kBodyVsRegion = 0.3;
constexpr double kBodyInRegion = 0.5;
int article_body_region(const ParsedPage& page, const Regions& r, const Sums& s,
                        const std::vector<char>& furniture) {
  size_t n = page.nodes.size();
  bool any = false;
  for (size_t i = 0; i < n && !any; ++i) any = r.nf[i] & parser::kArticleBody;
  if (!any) return r.top;
  std::vector<double> text = visible_text(page, r);
  int body = -1, marked = 0;
  double body_text = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!(r.nf[i] & parser::kArticleBody) || (r.anc[i] & kNotCandidate) || furniture[i]) continue;
    int p = page.nodes[i].parent;
    if (p < 0 || !(r.anc[p] & parser::kArticleBody)) ++marked;  // outermost marks only
    if (text[i] > body_text) {
      body_text = text[i];
      body = static_cast<int>(i);
    }
  }
  double need = marked == 1 ? 0 : kBodyVsRegion * text[r.top];
  if (body < 0 || body == r.top || body_text < need) return r.top;
  if (is_ancestor(page, body, r.top)) return body_text * 2 >= s.text[body] ? body : r.top;
  if (is_ancestor(page, r.top, body)) {
    // Sidebars and widgets inside the region do not count.
    std::vector<double> own = visible_text(page, r, &furniture);
    return body_text >= kBodyInRegion * own[r.top] ? body : r.top;
  }
  return body;
}

// A sibling made like the outermost wrapper (same tag and class: another
// section of the post) joins with this much score, absolute and as a
// share of the wrapper's.
constexpr double kLikeSiblingMin = 2.0;
constexpr double kLikeSiblingShare = 0.05;

// The region root, its qualifying siblings, and what lies below them.
// When the root is its parent's only content (wrappers around one section
// of a post split in <section>s), the siblings are looked for where the
// wrappers end, scored against the outermost wrapper.
void mark_region(const ParsedPage& page, const std::vector<char>& cand, double best,
                 const Sums& s, Regions& r) {
  size_t n = page.nodes.size();
  r.root[r.top] = 1;
  int anchor = r.top;
  for (int p = page.nodes[anchor].parent; p >= 0; p = page.nodes[p].parent) {
    const std::string& tag = page.nodes[p].tag;
    if (tag == "body" || tag == "html" || (r.anc[p] & kNotCandidate) ||
        s.text[p] > s.text[anchor]) {
      break;
    }
    anchor = p;
  }
  int parent = page.nodes[anchor].parent;
  double threshold = std::max(10.0, best * 0.2);
  // Past the wrappers, only siblings made like the outermost one (same
  // tag and class: the post's other sections), not an author box beside it.
  const bool climbed = anchor != r.top;
  const parser::Node& like = page.nodes[anchor];
  for (size_t i = 0; i < n; ++i) {
    if (!cand[i] || page.nodes[i].parent != parent || parent < 0 ||
        static_cast<int>(i) == anchor || (r.nf[i] & kNotCandidate)) {
      continue;
    }
    if (climbed ? page.nodes[i].tag == like.tag && page.nodes[i].classes == like.classes &&
                      r.score[i] >= std::max(kLikeSiblingMin, r.score[anchor] * kLikeSiblingShare)
                : r.score[i] >= threshold) {
      r.root[i] = 1;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    r.in_region[i] = r.root[i] || (p >= 0 && r.in_region[p]);
  }
}

// Per node: for a cell of a data table (at least kDataRows rows of two
// cells or more) or a block inside one, the table; else -1. A data table's
// rows are one unit of text like a list's items: scored cell by cell, a
// table of descriptions spread its text over as many candidates, and a
// reference list beside it won.
constexpr int kDataRows = 3;
constexpr int kCellBlocks = 3;

// Per node: the nearest node at or above it (itself included) whose tag is
// one of `tags`, else -1. Top-down: a parent comes before its children.
std::vector<int> nearest_at_or_above(const ParsedPage& page,
                                     std::initializer_list<std::string_view> tags) {
  std::vector<int> out(page.nodes.size(), -1);
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const int p = page.nodes[i].parent;
    const bool hit = std::find(tags.begin(), tags.end(), page.nodes[i].tag) != tags.end();
    out[i] = hit ? static_cast<int>(i) : p >= 0 ? out[p] : -1;
  }
  return out;
}

std::vector<int> data_tables(const ParsedPage& page) {
  const size_t n = page.nodes.size();
  auto is = [&](size_t i, std::string_view tag) { return page.nodes[i].tag == tag; };
  // The nearest cell at or above each node, and the nearest table strictly
  // above it.
  const std::vector<int> cell_of = nearest_at_or_above(page, {"td", "th"});
  std::vector<int> table_above(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const int p = page.nodes[i].parent;
    table_above[i] = p < 0 ? -1 : is(static_cast<size_t>(p), "table") ? p : table_above[p];
  }
  std::vector<int> cells(n, 0), rows(n, 0), blocks_in(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const int p = page.nodes[i].parent;
    if ((is(i, "td") || is(i, "th")) && p >= 0 && is(static_cast<size_t>(p), "tr")) ++cells[p];
  }
  for (size_t i = 0; i < n; ++i)  // rows of two cells or more, in a table or its tbody
    if (is(i, "tr") && cells[i] >= 2 && table_above[i] >= 0) ++rows[table_above[i]];
  // A table laid out as the page's frame holds whole texts in its cells
  // (a heading, several blocks, or tables inside): not a data table, nor
  // is any table around it.
  for (const Block& b : page.blocks)
    if (b.node >= 0 && cell_of[b.node] >= 0)
      blocks_in[cell_of[b.node]] += b.kind == BlockKind::kHeading ? kCellBlocks + 1 : 1;
  std::vector<char> frame(n, 0);
  for (size_t i = n; i-- > 0;) {
    frame[i] = frame[i] || blocks_in[i] > kCellBlocks;
    const int p = page.nodes[i].parent;
    if (frame[i] && p >= 0) frame[p] = 1;
    if (is(i, "table") && (frame[i] || table_above[i] >= 0)) {
      if (frame[i]) rows[i] = 0;
      if (table_above[i] >= 0) rows[table_above[i]] = 0;
    }
  }
  std::vector<int> table(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const int p = page.nodes[i].parent;
    if (p < 0 || is(i, "table")) continue;
    table[i] = is(static_cast<size_t>(p), "table") ? (rows[p] >= kDataRows ? p : -1) : table[p];
  }
  return table;
}

// Per block in a data table: the link density of its row. A row names a
// thing in one cell, often a link, and describes it in the others; the
// name is not a link list.
void row_link_density(const ParsedPage& page, const std::vector<int>& table_of, Regions& r) {
  r.row_links.assign(page.blocks.size(), -1);
  const std::vector<int> row_of = nearest_at_or_above(page, {"tr"});
  std::unordered_map<int, std::pair<double, double>> rows;  // tr -> text, links
  std::vector<int> row(page.blocks.size(), -1);
  for (size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    if (b.node < 0 || table_of[b.node] < 0) continue;
    const int a = row_of[b.node];
    if (a < 0) continue;
    row[bi] = a;
    rows[a].first += static_cast<double>(b.text_chars);
    rows[a].second += static_cast<double>(b.link_chars);
  }
  for (size_t bi = 0; bi < page.blocks.size(); ++bi) {
    if (row[bi] < 0) continue;
    const auto& [text, links] = rows[row[bi]];
    r.row_links[bi] = text > 0 ? links / text : 0;
  }
}

Regions score_nodes(const ParsedPage& page) {
  Regions r;
  size_t n = page.nodes.size();
  r.score.assign(n, 0);
  r.in_region.assign(n, 0);
  r.root.assign(n, 0);
  init_flags(page, r);
  Sums s{std::vector<double>(n, 0), std::vector<double>(n, 0),
         std::vector<char>(page.blocks.size(), 0)};
  std::vector<char> cand(n, 0);
  std::vector<double> textscore(n, 0);
  std::vector<int> table_of = data_tables(page);
  row_link_density(page, table_of, r);
  for (size_t bi = 0; bi < page.blocks.size(); ++bi) {
    const Block& b = page.blocks[bi];
    if (b.node < 0) continue;
    s.text[b.node] += b.text_chars;
    s.links[b.node] += b.link_chars;
    if (b.text_chars < 25 || (r.bflags[bi] & kNeverContent)) continue;
    double ld = link_density(b);
    if (ld > 0.5) continue;
    s.scoring[bi] = 1;
    double sc = (1 + commas(b.text) + std::min(b.text_chars / 100.0, 3.0)) * (1 - ld);
    int node = page.nodes[b.node].parent;
    if (b.tag == "div" || b.tag == "td" || b.tag == "section" || b.tag == "article")
      node = b.node;  // a text-holding container scores itself
    if (table_of[b.node] >= 0) node = page.nodes[table_of[b.node]].parent;
    for (int level = 0; node >= 0 && level < 5; ++level) {
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      cand[node] = 1;
      textscore[node] += sc / div;
      node = page.nodes[node].parent;
    }
  }
  for (size_t i = n; i-- > 0;) {
    int p = page.nodes[i].parent;
    if (p >= 0) {
      s.text[p] += s.text[i];
      s.links[p] += s.links[i];
    }
  }
  std::vector<char> furniture = furniture_above(page, r);
  double best = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!cand[i]) continue;
    double ld = s.text[i] > 0 ? s.links[i] / s.text[i] : 0;
    // Tag and class/id signals count in proportion to the text found, so a
    // "content" class on a one-line box cannot outscore an article.
    double t = textscore[i];
    r.score[i] = (t + tag_bonus(page.nodes[i]) +
                  class_bonus(page.nodes[i].flags) * std::min(1.0, t / kBonusText)) *
                 (1 - ld);
    if (r.anc[i] & kNotCandidate) r.score[i] *= 0.2;
    if (furniture[i]) r.score[i] *= kFurnitureAbove;
    if (r.score[i] > best) {
      best = r.score[i];
      r.top = static_cast<int>(i);
    }
  }
  if (r.top < 0) return r;
  r.top = promote(page, r, s);
  r.top = article_body_region(page, r, s, furniture);
  mark_region(page, cand, std::max(best, r.score[r.top]), s, r);
  return r;
}

// Flags of nodes strictly below the region root on the way to `node`.
uint32_t flags_below_root(const ParsedPage& page, const Regions& r, int node) {
  uint32_t f = 0;
  while (node >= 0 && !r.root[node]) {
    f |= r.nf[node];
    node = page.nodes[node].parent;
  }
  return f;
}

bool sibling_paragraph(const ParsedPage& page, const Regions& r, size_t bi) {
  const Block& b = page.blocks[bi];
  if (b.node < 0 || r.top < 0) return false;
  int p = page.nodes[b.node].parent;
  return p >= 0 && p == page.nodes[r.top].parent && b.text_chars > 80 &&
         link_density(b) < 0.25 && !(r.bflags[bi] & kNotCandidate);
}

// Link density above which a block in the marked post body is a link, not
// prose (elsewhere 0.5, list items 0.3).
constexpr double kBodyMaxLinks = 0.8;

// after_content: the region already gave real content above this block.
bool chrome_in_region(const ParsedPage& page, const Regions& r, size_t bi, bool after_content) {
  const Block& b = page.blocks[bi];
  uint32_t below = flags_below_root(page, r, b.node);
  double ld = r.row_links[bi] >= 0 ? r.row_links[bi] : link_density(b);
  if (r.bflags[bi] & kNeverContent) return true;
  if (below & kChromeBelowRegion) {
    // A long, link-free paragraph survives a misleading class name.
    bool strong = below & (parser::kInNav | parser::kInComments | parser::kInForm |
                           parser::kHidden | parser::kInButton);
    if (strong || b.text_chars < 200 || ld > 0.2 || (below & parser::kInList)) return true;
  }
  // In the marked post body, links are the author's: a line, cell or list
  // item is dropped only when (after a "Tags:"-like label) it is nearly
  // all link. Links that show their web address are references anywhere
  // in the main content ("Official site: https://...").
  bool linky = (!(r.bflags[bi] & parser::kArticleBody) ||
                internal::labelled_link_density(b) > kBodyMaxLinks) &&
               !internal::shows_addresses(b);
  if (b.kind != BlockKind::kHeading && ld > 0.5 && linky) return true;
  if (b.kind == BlockKind::kListItem && ld > 0.3 && b.text_chars < 120 && linky) return true;
  return internal::is_boilerplate_line(b.text) || (after_content && internal::footer_line(b));
}

// Whether a heading's text is the page's own title (pick_title: <title> or
// og:title without the site name), give or take half its length: a post
// title that links to its permalink is the headline, a linked site name in
// the masthead is not.
bool names_page(const std::string& title, std::string_view text) {
  std::string_view t = trim(text);
  if (t.size() < 8 || title.empty()) return false;
  return (contains_ci(title, t) && t.size() * 2 >= title.size()) ||
         (contains_ci(t, title) && title.size() * 2 >= t.size());
}

// Headline, byline and date lines just above the region: keep them when an
// <h1> (or the first heading) sits within a few blocks before the region.
// The heading may be a link when it names the page; hidden and comment
// blocks on the way up (a "Print" button, "12 comments") are stepped over.
void keep_header_lines(const ParsedPage& page, const Regions& r, int first,
                       std::vector<BlockVerdict>& v) {
  const std::string title = internal::pick_title(page.meta);
  std::vector<uint32_t> off = off_chain_flags(page, r);
  int h = -1;
  for (int i = first - 1; i >= 0 && i >= first - 12; --i) {
    const Block& b = page.blocks[i];
    if (r.bflags[i] & parser::kInNav) break;
    if (r.bflags[i] & kNeverContent) continue;  // a hidden "Print" button, a comment count
    if (b.node >= 0 && is_furniture(off[b.node])) continue;  // a sidebar's "About me"
    bool linked_ok = names_page(title, b.text);
    if (b.kind == BlockKind::kHeading && b.level <= 2 && (link_density(b) < 0.9 || linked_ok)) {
      if (b.level == 1) {
        h = i;
        break;
      }
      if (h < 0) h = i;  // the nearest h2, unless an h1 comes before
    }
  }
  if (h < 0) return;
  for (int i = h; i < first; ++i) {
    const Block& b = page.blocks[i];
    if (!v[i].chrome) continue;
    bool small = b.text_chars <= 160 && link_density(b) <= 0.6;
    if ((i == h || small) && !(r.bflags[i] & (parser::kInNav | parser::kInForm | kNeverContent)) &&
        !internal::is_boilerplate_line(b.text)) {
      v[i] = {false, Reason::kContent, 1};
    }
  }
}

// Per node: below a list (ul/ol) of at least kTeaserItems items that each
// hold a heading that is one link, or a line with a headline's link cut
// short for a teaser ("... [...]") -- a list of other posts (linked headline, teaser,
// date), not the article's own list.
constexpr int kTeaserItems = 3;
constexpr size_t kHeadlineChars = 20;
// Text cut short for a teaser: it ends in an ellipsis ("...", "…",
// "[...]", "[…]").
bool truncated(std::string_view t) {
  t = trim(t);
  for (std::string_view end : {"...", "\xE2\x80\xA6", "[...]", "[\xE2\x80\xA6]"})
    if (t.ends_with(end)) return true;
  return false;
}

// Whether inline Markdown ends with a link ("... [Read more...](/p/12)").
bool ends_in_link(std::string_view md) {
  md = trim(md);
  if (!md.ends_with(")")) return false;
  size_t mid = md.rfind("](");
  return mid != std::string_view::npos && md.find(')', mid) == md.size() - 1;
}

std::vector<char> teaser_lists(const ParsedPage& page) {
  size_t n = page.nodes.size();
  std::vector<char> linked_heading(n, 0);  // per li
  for (const Block& b : page.blocks) {
    // A headline's link, not a one-word label ("Security: ..."), or a
    // "Read more..." link closing the line.
    const bool teaser = b.link_chars > 0 && link_density(b) < 0.9 && truncated(b.text) &&
                        (b.link_chars >= kHeadlineChars || ends_in_link(b.markdown));
    if ((b.kind != BlockKind::kHeading || link_density(b) < 0.9) && !teaser) continue;
    for (int a = b.node; a >= 0; a = page.nodes[a].parent)
      if (page.nodes[a].tag == "li") {
        linked_heading[a] = 1;
        break;
      }
  }
  std::vector<int> items(n, 0);
  for (size_t i = 0; i < n; ++i)
    if (linked_heading[i] && page.nodes[i].parent >= 0) ++items[page.nodes[i].parent];
  std::vector<char> below(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    below[i] = p >= 0 && (below[p] || items[p] >= kTeaserItems);
  }
  return below;
}

// A short line the kept text prints this often, word for word, is the
// page's furniture among its pictures ("Mouseover photo to load notes",
// a gallery's title under every photo), not the article.
constexpr int kRepeatedLines = 10;
constexpr size_t kRepeatedLineWords = 12;

void drop_repeated_lines(const ParsedPage& page, std::vector<BlockVerdict>& v) {
  auto candidate = [&](size_t i) {
    const Block& b = page.blocks[i];
    if (v[i].chrome || b.kind != BlockKind::kParagraph || b.text.find('\n') != std::string::npos)
      return false;
    // Three words or more, not a sentence nor a line leading into what
    // follows (a tutorial's "The compiled CSS is:" before each example).
    std::string_view t = trim(b.text);
    const size_t words = count_words(t, kRepeatedLineWords + 1);
    if (words < 3 || words > kRepeatedLineWords) return false;
    for (std::string_view end : {".", "!", "?", ":", "\xE2\x80\x9D", "\"", "\xE3\x80\x82",
                                 "\xEF\xBC\x9A"})
      if (t.ends_with(end)) return false;
    return true;
  };
  std::vector<std::string_view> line(page.blocks.size());  // "" when no candidate
  std::unordered_map<std::string_view, int> times;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    if (!candidate(i)) continue;
    line[i] = trim(page.blocks[i].text);
    ++times[line[i]];
  }
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    if (!line[i].empty() && times[line[i]] >= kRepeatedLines)
      v[i] = {true, Reason::kBoilerplateLine, 0};
  }
}

// When "Posted by X at <date>" signature lines repeat this often, every one
// after the first closes a reader comment.
constexpr int kPostedRepeats = 3;
// Content characters kept before a "Comments" heading may end the region.
constexpr size_t kCommentsAfterChars = 400;

}  // namespace

std::vector<BlockVerdict> classify_page(const ParsedPage& page) {
  std::vector<BlockVerdict> v(page.blocks.size(), {true, Reason::kPageSignals, 0});
  Regions r = score_nodes(page);
  if (r.top < 0) {
    // Nothing scores (tiny page): keep every plain, non-navigation block.
    for (size_t i = 0; i < page.blocks.size(); ++i) {
      const Block& b = page.blocks[i];
      bool bad = (r.bflags[i] & (kNeverContent | parser::kInNav)) ||
                 link_density(b) > 0.5 || internal::is_boilerplate_line(b.text);
      v[i] = {bad, bad ? Reason::kPageSignals : Reason::kContent, bad ? 0.f : 1.f};
    }
    return v;
  }
  int first = -1;
  int posted = 0;
  for (const Block& b : page.blocks) posted += internal::posted_by(b) ? 1 : 0;
  std::vector<char> teaser = teaser_lists(page);
  bool cut = false;  // a comments section started inside the region
  size_t kept_chars = 0;
  for (size_t i = 0; i < page.blocks.size() && !cut; ++i) {
    const Block& b = page.blocks[i];
    bool inside = b.node >= 0 && r.in_region[b.node];
    if (!inside && !sibling_paragraph(page, r, i)) continue;
    // Only after real content, and not a "13 Comments" link up top.
    if (kept_chars >= kCommentsAfterChars && link_density(b) < 0.5 &&
        !(b.ancestor_flags & (parser::kInLink | parser::kInButton)) &&
        internal::opens_comments(b)) {
      cut = true;
      continue;
    }
    // A repeated signature is kept, then the region stops.
    if (first >= 0 && posted >= kPostedRepeats && internal::posted_by(b)) cut = true;
    // Once the article has begun, a list of other posts' teasers is not it.
    if (inside && kept_chars > 0 && b.node >= 0 && teaser[b.node]) continue;
    if (inside && chrome_in_region(page, r, i, kept_chars > 0)) {
      v[i].reason = internal::is_boilerplate_line(b.text) ? Reason::kBoilerplateLine
                                                          : Reason::kPageSignals;
      continue;
    }
    v[i] = {false, Reason::kContent, static_cast<float>(r.score[r.top])};
    kept_chars += b.text_chars;
    if (first < 0) first = static_cast<int>(i);
  }
  if (first >= 0) keep_header_lines(page, r, first, v);
  drop_repeated_lines(page, v);
  return v;
}

}  // namespace winnow::chrome
