// page_score.cc: per-page main-content detection (classify_page). Scores
// the element skeleton Readability-style (text length, commas, link density
// per ancestor, class/id and tag signals), takes the best region plus
// qualifying siblings, then filters blocks inside it (navigation, comments,
// hidden, link lists, boilerplate lines) and keeps the headline/byline/date
// lines just above it. No site-specific rules.
#include <algorithm>
#include <array>
#include <cctype>

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
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C Arabic comma
    if (i + 2 < s.size() && s.compare(i, 3, "\xEF\xBC\x8C") == 0) ++n;
    if (i + 2 < s.size() && s.compare(i, 3, "\xE3\x80\x81") == 0) ++n;
    if (i + 1 < s.size() && s.compare(i, 2, "\xD8\x8C") == 0) ++n;
  }
  return n;
}

double link_density(const Block& b) {
  return b.text_chars ? static_cast<double>(b.link_chars) / b.text_chars : 0;
}

// Scores per node and picks the region roots.
struct Regions {
  std::vector<double> score;
  std::vector<uint32_t> anc;     // OR of flags over node and its ancestors
  std::vector<char> in_region;   // node is a region root or below one
  std::vector<char> root;        // node is a region root
  int top = -1;
};

// A parent replaces the best region when it holds this many times its
// scoring text and at most this link density.
constexpr double kPromoteRatio = 2.0;
constexpr double kPromoteMaxLinks = 0.25;

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

Regions score_nodes(const ParsedPage& page) {
  Regions r;
  size_t n = page.nodes.size();
  r.score.assign(n, 0);
  r.anc.assign(n, 0);
  r.in_region.assign(n, 0);
  r.root.assign(n, 0);
  std::vector<double> text(n, 0), links(n, 0);
  std::vector<char> cand(n, 0);
  std::vector<double> textscore(n, 0);
  std::vector<double> good(n, 0);  // chars of scoring blocks in the subtree
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    r.anc[i] = page.nodes[i].flags | (p >= 0 ? r.anc[p] : 0);
  }
  for (const Block& b : page.blocks) {
    if (b.node < 0) continue;
    text[b.node] += b.text_chars;
    links[b.node] += b.link_chars;
    if (b.text_chars < 25 || (b.ancestor_flags & kNeverContent)) continue;
    double ld = link_density(b);
    if (ld > 0.5) continue;
    good[b.node] += b.text_chars;
    double s = (1 + commas(b.text) + std::min(b.text_chars / 100.0, 3.0)) * (1 - ld);
    int node = page.nodes[b.node].parent;
    if (b.tag == "div" || b.tag == "td" || b.tag == "section" || b.tag == "article")
      node = b.node;  // a text-holding container scores itself
    for (int level = 0; node >= 0 && level < 5; ++level) {
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      cand[node] = 1;
      textscore[node] += s / div;
      node = page.nodes[node].parent;
    }
  }
  for (size_t i = n; i-- > 0;) {
    int p = page.nodes[i].parent;
    if (p >= 0) {
      text[p] += text[i];
      links[p] += links[i];
      good[p] += good[i];
    }
  }
  double best = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!cand[i]) continue;
    double ld = text[i] > 0 ? links[i] / text[i] : 0;
    // Tag and class/id signals count in proportion to the text found, so a
    // "content" class on a one-line box cannot outscore an article.
    double t = textscore[i];
    r.score[i] = (t + tag_bonus(page.nodes[i]) +
                  class_bonus(page.nodes[i].flags) * std::min(1.0, t / kBonusText)) *
                 (1 - ld);
    if (r.anc[i] & kNotCandidate) r.score[i] *= 0.2;
    if (r.score[i] > best) {
      best = r.score[i];
      r.top = static_cast<int>(i);
    }
  }
  if (r.top < 0) return r;
  // Content split over sibling containers (one div per section or step):
  // move up while the parent holds much more scoring text, few links.
  int promoted = r.top;
  for (int p = page.nodes[r.top].parent; p >= 0; p = page.nodes[p].parent) {
    const std::string& tag = page.nodes[p].tag;
    if (tag == "body" || tag == "html" || (r.anc[p] & kNotCandidate)) break;
    double ld = text[p] > 0 ? links[p] / text[p] : 0;
    if (good[p] >= kPromoteRatio * good[r.top] && ld <= kPromoteMaxLinks) promoted = p;
  }
  r.top = promoted;
  best = std::max(best, r.score[promoted]);
  r.root[r.top] = 1;
  int parent = page.nodes[r.top].parent;
  double threshold = std::max(10.0, best * 0.2);
  for (size_t i = 0; i < n; ++i) {
    if (cand[i] && page.nodes[i].parent == parent && parent >= 0 &&
        r.score[i] >= threshold && !(page.nodes[i].flags & kNotCandidate))
      r.root[i] = 1;
  }
  for (size_t i = 0; i < n; ++i) {
    int p = page.nodes[i].parent;
    r.in_region[i] = r.root[i] || (p >= 0 && r.in_region[p]);
  }
  return r;
}

// Flags of nodes strictly below the region root on the way to `node`.
uint32_t flags_below_root(const ParsedPage& page, const Regions& r, int node) {
  uint32_t f = 0;
  while (node >= 0 && !r.root[node]) {
    f |= page.nodes[node].flags;
    node = page.nodes[node].parent;
  }
  return f;
}

bool sibling_paragraph(const ParsedPage& page, const Regions& r, const Block& b) {
  if (b.node < 0 || r.top < 0) return false;
  int p = page.nodes[b.node].parent;
  return p >= 0 && p == page.nodes[r.top].parent && b.text_chars > 80 &&
         link_density(b) < 0.25 && !(b.ancestor_flags & kNotCandidate);
}

bool chrome_in_region(const ParsedPage& page, const Regions& r, const Block& b) {
  uint32_t below = flags_below_root(page, r, b.node);
  double ld = link_density(b);
  if (b.ancestor_flags & kNeverContent) return true;
  if (below & kChromeBelowRegion) {
    // A long, link-free paragraph survives a misleading class name.
    bool strong = below & (parser::kInNav | parser::kInComments | parser::kInForm |
                           parser::kHidden | parser::kInButton);
    if (strong || b.text_chars < 200 || ld > 0.2) return true;
  }
  if (b.kind != BlockKind::kHeading && ld > 0.5) return true;
  if (b.kind == BlockKind::kListItem && ld > 0.3 && b.text_chars < 120) return true;
  return internal::is_boilerplate_line(b.text);
}

// Headline, byline and date lines just above the region: keep them when an
// <h1> (or the first heading) sits within a few blocks before the region.
void keep_header_lines(const ParsedPage& page, int first, std::vector<BlockVerdict>& v) {
  int h = -1;
  for (int i = first - 1; i >= 0 && i >= first - 12; --i) {
    const Block& b = page.blocks[i];
    if (b.ancestor_flags & (parser::kInNav | parser::kHidden | parser::kInComments)) break;
    if (b.kind == BlockKind::kHeading && b.level <= 2 && link_density(b) < 0.9) {
      h = i;
      if (b.level == 1) break;
    }
  }
  if (h < 0) return;
  for (int i = h; i < first; ++i) {
    const Block& b = page.blocks[i];
    if (!v[i].chrome) continue;
    bool small = b.text_chars <= 160 && link_density(b) <= 0.6;
    if ((i == h || small) && !(b.ancestor_flags & (parser::kInNav | parser::kInForm)) &&
        !internal::is_boilerplate_line(b.text)) {
      v[i] = {false, Reason::kContent, 1};
    }
  }
}

// A heading or short line that opens a comments/trackbacks section
// ("Comments", "12 Responses", "Leave a Reply", "Trackback Pings").
bool opens_comments(const Block& b) {
  if (b.text_chars > 60) return false;
  std::string l = to_lower_ascii(trim(b.text));
  size_t i = 0;
  while (i < l.size() && (std::isdigit(static_cast<unsigned char>(l[i])) || l[i] == ' ')) ++i;
  std::string t(std::string_view(l).substr(i));
  while (!t.empty() && (t.back() == ':' || t.back() == '.' || t.back() == ' ')) t.pop_back();
  static const char* const kExact[] = {
      "comment", "comments", "response", "responses", "replies", "trackbacks",
      "trackback pings", "trackback", "leave a comment", "leave a reply",
      "reader comments", "join the discussion", "post a comment", "add a comment",
      "add your comment", "user comments", "readers' comments"};
  for (const char* k : kExact)
    if (t == k) return true;
  return t.rfind("comments (", 0) == 0 || t.rfind("responses to ", 0) == 0 ||
         t.rfind("comments for ", 0) == 0;
}

// "Posted by X at <date>" signature lines; when they repeat, every one after
// the first closes a reader comment.
constexpr int kPostedRepeats = 3;
// Content characters kept before a "Comments" heading may end the region.
constexpr size_t kCommentsAfterChars = 400;
bool posted_by(const Block& b) {
  return b.text_chars <= 120 && b.text.size() > 10 &&
         iequals_ascii(std::string_view(b.text).substr(0, 9), "posted by");
}

}  // namespace

std::vector<BlockVerdict> classify_page(const ParsedPage& page) {
  std::vector<BlockVerdict> v(page.blocks.size(), {true, Reason::kPageSignals, 0});
  Regions r = score_nodes(page);
  if (r.top < 0) {
    // Nothing scores (tiny page): keep every plain, non-navigation block.
    for (size_t i = 0; i < page.blocks.size(); ++i) {
      const Block& b = page.blocks[i];
      bool bad = (b.ancestor_flags & (kNeverContent | parser::kInNav)) ||
                 link_density(b) > 0.5 || internal::is_boilerplate_line(b.text);
      v[i] = {bad, bad ? Reason::kPageSignals : Reason::kContent, bad ? 0.f : 1.f};
    }
    return v;
  }
  int first = -1;
  int posted = 0;
  for (const Block& b : page.blocks) posted += posted_by(b) ? 1 : 0;
  bool cut = false;  // a comments section started inside the region
  size_t kept_chars = 0;
  for (size_t i = 0; i < page.blocks.size() && !cut; ++i) {
    const Block& b = page.blocks[i];
    bool inside = b.node >= 0 && r.in_region[b.node];
    if (!inside && !sibling_paragraph(page, r, b)) continue;
    // Only after real content, and not a "13 Comments" link up top.
    if (kept_chars >= kCommentsAfterChars && link_density(b) < 0.5 &&
        !(b.ancestor_flags & (parser::kInLink | parser::kInButton)) && opens_comments(b)) {
      cut = true;
      continue;
    }
    if (first >= 0 && posted >= kPostedRepeats && posted_by(b)) cut = true;  // kept, then stop
    if (inside && chrome_in_region(page, r, b)) {
      v[i].reason = internal::is_boilerplate_line(b.text) ? Reason::kBoilerplateLine
                                                          : Reason::kPageSignals;
      continue;
    }
    v[i] = {false, Reason::kContent, static_cast<float>(r.score[r.top])};
    kept_chars += b.text_chars;
    if (first < 0) first = static_cast<int>(i);
  }
  if (first >= 0) keep_header_lines(page, first, v);
  return v;
}

}  // namespace winnow::chrome
