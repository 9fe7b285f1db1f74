// html.cc: parse_html -- bytes to UTF-8, nesting bounded, Gumbo parse, then
// one iterative walk (explicit stack, no recursion) that cuts the body into
// leaf text blocks in document order and records the skeleton of elements
// above them, link density, path signatures and links.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "parser/internal.h"

namespace winnow::parser {
namespace {

using internal::attr;

bool skipped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_ANNOTATION_XML:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_HTML: case GUMBO_TAG_BUTTON: case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

BlockKind kind_of(GumboTag t, int* level) {
  *level = 0;
  switch (t) {
    case GUMBO_TAG_H1: *level = 1; return BlockKind::kHeading;
    case GUMBO_TAG_H2: *level = 2; return BlockKind::kHeading;
    case GUMBO_TAG_H3: *level = 3; return BlockKind::kHeading;
    case GUMBO_TAG_H4: *level = 4; return BlockKind::kHeading;
    case GUMBO_TAG_H5: *level = 5; return BlockKind::kHeading;
    case GUMBO_TAG_H6: *level = 6; return BlockKind::kHeading;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: return BlockKind::kListItem;
    case GUMBO_TAG_BLOCKQUOTE: return BlockKind::kQuote;
    case GUMBO_TAG_PRE: return BlockKind::kPre;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return BlockKind::kTableCell;
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: return BlockKind::kCaption;
    default: return BlockKind::kParagraph;
  }
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

constexpr char kBreak = '\x01';  // a <br> inside the inline buffer

// Per-element walk state.
struct Frame {
  const GumboNode* node = nullptr;
  unsigned next = 0;      // next child to visit
  std::string tag;
  uint32_t flags = 0;     // own flags
  internal::ElementAttrs attrs;  // class, id, role as read for the flags
  uint32_t anc = 0;       // OR over ancestors and self
  int node_idx = -1;      // index in ParsedPage::nodes once materialised
  bool block = false;
  size_t text_mark = 0;   // buffer offsets when an inline element opened
  size_t md_mark = 0;
  bool quote = false;     // inside a blockquote
  bool hidden_inline = false;  // an inline element hidden by itself
};

// Walks the Gumbo tree once; owns nothing but its output page.
class Walker {
 public:
  Walker(const ParseOptions& o, ParsedPage* page) : opt_(o), page_(page) {}
  void run(const GumboNode* root);

 private:
  void enter(const GumboNode* n);
  void leave();
  void text(std::string_view t);
  void flush();
  int materialise(size_t frame);

  const ParseOptions& opt_;
  ParsedPage* page_;
  std::vector<Frame> stack_;
  std::vector<std::string> paths_;  // per node: path signature
  std::vector<uint64_t> path_hashes_;  // per node: hash64 of its path
  std::string buf_, md_;
  std::string scratch_;  // finish_lines output, reused
  size_t link_chars_ = 0;
  int link_count_ = 0;
  std::string link_href_;  // href of the first link with text in the block
  int pre_ = 0;
  int link_depth_ = 0;
  // Open inline elements that hide themselves (display:none, hidden,
  // aria-hidden): their text is not part of the block a reader sees (a
  // gallery's hidden captions, a "show more" remainder), though their links
  // are still collected.
  int hidden_inline_ = 0;
  bool warned_blocks_ = false;
};

// Appends the element's path signature: its tag, then "." and its first
// class token without digits, if any.
void append_signature(const Frame& f, std::string& out) {
  out += f.tag;
  std::string_view cls = trim(f.attrs.cls);
  if (cls.empty()) return;
  cls = cls.substr(0, cls.find_first_of(" \t\n\r\f"));
  size_t dot = out.size();
  out += '.';
  for (char c : cls)
    if (!(c >= '0' && c <= '9')) out.push_back(c);
  if (out.size() == dot + 1) out.resize(dot);
}

int Walker::materialise(size_t frame) {
  size_t first = frame;
  while (first > 0 && stack_[first - 1].node_idx < 0) --first;
  if (stack_[first].node_idx >= 0) return stack_[frame].node_idx;
  for (size_t i = first; i <= frame; ++i) {
    Frame& f = stack_[i];
    if (f.node_idx >= 0) continue;
    Node n;
    n.parent = i > 0 ? stack_[i - 1].node_idx : -1;
    n.depth = static_cast<int>(i);
    n.tag = f.tag;
    n.id = std::string(f.attrs.id);
    n.classes = collapse_whitespace(f.attrs.cls);
    n.role = std::string(f.attrs.role);
    n.flags = f.flags;
    std::string path;
    if (n.parent >= 0) {
      path.reserve(paths_[n.parent].size() + 1 + f.tag.size() + f.attrs.cls.size());
      path += paths_[n.parent];
      path += '>';
    }
    append_signature(f, path);
    path_hashes_.push_back(hash64(path));
    paths_.push_back(std::move(path));
    f.node_idx = static_cast<int>(page_->nodes.size());
    page_->nodes.push_back(std::move(n));
  }
  return stack_[frame].node_idx;
}

// ASCII bytes finish_lines copies as they are: not white space, not kBreak.
struct PlainAscii {
  bool plain[128];
  constexpr PlainAscii() : plain() {
    for (int c = 0; c < 128; ++c)
      plain[c] = !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                   c == '\v' || c == kBreak);
  }
};
constexpr PlainAscii kPlain;

// The lines of raw (split at kBreak), each white-space collapsed as
// collapse_whitespace does, empty ones dropped, joined by "\n"; in <pre>
// white space is kept and only the ends are trimmed. One pass into
// `scratch` (reused, grown only), then one exact-size copy.
std::string finish_lines(std::string_view raw, bool pre, std::string& scratch) {
  if (pre) {
    std::string out(raw);
    for (char& c : out)
      if (c == kBreak) c = '\n';
    size_t b = out.find_first_not_of("\r\n \t");
    size_t e = out.find_last_not_of("\r\n \t");
    return b == std::string::npos ? "" : out.substr(b, e - b + 1);
  }
  // A byte yields at most 3 (invalid bytes become U+FFFD) plus a separator.
  if (scratch.size() < 4 * raw.size() + 4) scratch.resize(4 * raw.size() + 4);
  char* const out0 = scratch.data();
  char* out = out0;
  const char* s = raw.data();
  const size_t n = raw.size();
  bool line_started = false;  // this line has visible text
  bool space = false;         // white space since the last visible text
  bool newline = false;       // a finished line awaits its "\n"
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!kPlain.plain[c]) {
        ++i;
        if (c == static_cast<unsigned char>(kBreak)) {
          newline |= line_started;
          line_started = space = false;
        } else {
          space = line_started;
        }
        continue;
      }
      // A run of plain ASCII, copied at once.
      size_t j = i + 1;
      while (j < n && static_cast<unsigned char>(s[j]) < 0x80 &&
             kPlain.plain[static_cast<unsigned char>(s[j])])
        ++j;
      if (newline) *out++ = '\n';
      if (space) *out++ = ' ';
      newline = space = false;
      line_started = true;
      std::memcpy(out, s + i, j - i);
      out += j - i;
      i = j;
      continue;
    }
    const size_t start = i;
    const char32_t cp = next_code_point(raw, i);
    if (is_unicode_space(cp)) {
      space = line_started;
      continue;
    }
    if (newline) *out++ = '\n';
    if (space) *out++ = ' ';
    newline = space = false;
    line_started = true;
    if (cp == 0xFFFD) {  // invalid bytes: what collapse_whitespace writes
      *out++ = '\xEF';
      *out++ = '\xBF';
      *out++ = '\xBD';
    } else {
      std::memcpy(out, s + start, i - start);
      out += i - start;
    }
  }
  return std::string(out0, static_cast<size_t>(out - out0));
}

// Code points of collapse_whitespace(s), without building it.
size_t collapsed_code_points(std::string_view s) {
  size_t n = 0;
  bool space = false;
  size_t i = 0;
  while (i < s.size()) {
    if (next_is_space(s, i)) {
      space = n > 0;
      continue;
    }
    n += space ? 2 : 1;
    space = false;
  }
  return n;
}

void Walker::flush() {
  size_t owner = stack_.size();
  while (owner > 0 && !stack_[owner - 1].block) --owner;
  std::string text = finish_lines(buf_, pre_ > 0, scratch_);
  // Without inline markup the Markdown is the text.
  std::string md = md_ == buf_ ? text : finish_lines(md_, pre_ > 0, scratch_);
  buf_.clear();
  md_.clear();
  size_t lc = link_chars_;
  int lcount = link_count_;
  link_chars_ = 0;
  link_count_ = 0;
  std::string href = std::move(link_href_);
  link_href_.clear();
  for (Frame& f : stack_) f.text_mark = f.md_mark = 0;
  if (text.empty() || owner == 0) return;
  if (page_->blocks.size() >= limits::kMaxBlocksPerPage) {
    if (!warned_blocks_)
      page_->warnings.push_back("more than " + std::to_string(limits::kMaxBlocksPerPage) +
                                " blocks; the rest of the page was ignored");
    warned_blocks_ = true;
    return;
  }
  Frame& f = stack_[owner - 1];
  Block b;
  b.kind = kind_of(f.node->v.element.tag, &b.level);
  if (f.quote && b.kind == BlockKind::kParagraph) b.kind = BlockKind::kQuote;
  b.text = std::move(text);
  b.markdown = std::move(md);
  b.tag = f.tag;
  b.node = materialise(owner - 1);
  b.path = paths_[b.node];
  b.path_hash = path_hashes_[b.node];
  b.ancestor_flags = f.anc;
  b.text_chars = code_points(b.text);
  b.link_chars = std::min(lc, b.text_chars);
  b.link_count = lcount;
  if (lcount == 1 && b.link_chars * 10 >= b.text_chars * 9) {
    b.ancestor_flags |= kInLink;
    b.href = std::move(href);
  }
  b.position = static_cast<int>(page_->blocks.size());
  b.depth = static_cast<int>(owner - 1);
  page_->blocks.push_back(std::move(b));
}

void Walker::text(std::string_view t) {
  if (hidden_inline_ > 0) return;
  if (pre_ > 0) {
    buf_.append(t);
    md_.append(t);
    return;
  }
  size_t at = buf_.size();
  buf_.append(t);
  md_.append(t);
  if (t.find(kBreak) != std::string_view::npos) {  // a stray control byte
    for (size_t i = at; i < buf_.size(); ++i)
      if (buf_[i] == kBreak) buf_[i] = ' ';
    for (char& c : md_)
      if (c == kBreak) c = ' ';
  }
}

void Walker::enter(const GumboNode* n) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
      n->type == GUMBO_NODE_WHITESPACE) {
    text(n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = n->v.element;
  if (skipped_tag(e.tag)) return;
  if (e.tag == GUMBO_TAG_BR) {
    buf_.push_back(kBreak);
    md_.push_back(kBreak);
    return;
  }
  if (e.tag == GUMBO_TAG_IMG || e.tag == GUMBO_TAG_INPUT) return;
  Frame f;
  f.node = n;
  f.tag = internal::tag_name(e);
  // MathML reads as its symbols, one apart from the next ("a x 2 + b x");
  // a formula's source in another notation (<annotation>: TeX) is not shown.
  if (e.tag == GUMBO_TAG_UNKNOWN && f.tag == "annotation") return;
  if (e.tag == GUMBO_TAG_MI || e.tag == GUMBO_TAG_MO || e.tag == GUMBO_TAG_MN ||
      e.tag == GUMBO_TAG_MS || e.tag == GUMBO_TAG_MTEXT) {
    text(" ");
  }
  f.flags = internal::element_flags(e, f.tag, &f.attrs);
  f.anc = (stack_.empty() ? 0 : stack_.back().anc) | f.flags;
  f.quote = (!stack_.empty() && stack_.back().quote) || e.tag == GUMBO_TAG_BLOCKQUOTE;
  bool deep = static_cast<int>(stack_.size()) >= opt_.max_depth;
  f.block = block_tag(e.tag) && !deep;
  if (f.block) {
    flush();
  } else {
    f.text_mark = buf_.size();
    f.md_mark = md_.size();
    if (f.flags & kHidden) {
      f.hidden_inline = true;
      ++hidden_inline_;
    }
    if (e.tag == GUMBO_TAG_A) {
      ++link_depth_;
      md_ += '[';
      if (opt_.collect_links) {
        std::string u = internal::resolve_url(opt_.url, attr(e, "href"));
        if (!u.empty()) page_->links.push_back(std::move(u));
      }
    } else if (e.tag == GUMBO_TAG_STRONG || e.tag == GUMBO_TAG_B) {
      md_ += "**";
    } else if (e.tag == GUMBO_TAG_EM || e.tag == GUMBO_TAG_I) {
      md_ += '*';
    }
  }
  if (e.tag == GUMBO_TAG_PRE) ++pre_;
  stack_.push_back(std::move(f));
}

void Walker::leave() {
  Frame& f = stack_.back();
  const GumboElement& e = f.node->v.element;
  if (f.block) {
    flush();
  } else {
    bool empty = f.text_mark <= buf_.size() &&
                 trim(std::string_view(buf_).substr(f.text_mark)).empty();
    if (e.tag == GUMBO_TAG_A) {
      --link_depth_;
      std::string_view href = attr(e, "href");
      std::string resolved;
      if (f.text_mark <= buf_.size()) {
        size_t chars = collapsed_code_points(std::string_view(buf_).substr(f.text_mark));
        if (chars > 0) {
          link_chars_ += chars;
          if (++link_count_ == 1 && !href.empty()) {
            resolved = internal::resolve_url(opt_.url, href);
            link_href_ = resolved;
          }
        }
      }
      if (empty || href.empty() || f.md_mark > md_.size()) {
        if (f.md_mark < md_.size() && md_[f.md_mark] == '[') md_.erase(f.md_mark, 1);
      } else {
        if (resolved.empty()) resolved = internal::resolve_url(opt_.url, href);
        md_ += "](" + resolved + ")";
      }
    } else if (e.tag == GUMBO_TAG_STRONG || e.tag == GUMBO_TAG_B ||
               e.tag == GUMBO_TAG_EM || e.tag == GUMBO_TAG_I) {
      size_t len = (e.tag == GUMBO_TAG_STRONG || e.tag == GUMBO_TAG_B) ? 2 : 1;
      if (empty && f.md_mark + len <= md_.size()) {
        md_.erase(f.md_mark, len);
      } else {
        md_.append(len, '*');
      }
    }
  }
  if (e.tag == GUMBO_TAG_PRE) --pre_;
  if (f.hidden_inline) --hidden_inline_;
  stack_.pop_back();
}

void Walker::run(const GumboNode* root) {
  struct Visit {
    const GumboNode* node;
    unsigned next;
    bool pushed;  // did enter() push a frame for it
  };
  std::vector<Visit> todo;
  size_t before = stack_.size();
  enter(root);
  todo.push_back({root, 0, stack_.size() > before});
  while (!todo.empty()) {
    Visit& v = todo.back();
    if (!v.pushed) {
      todo.pop_back();
      continue;
    }
    const GumboVector& kids = v.node->v.element.children;
    if (v.next < kids.length) {
      auto* c = static_cast<const GumboNode*>(kids.data[v.next++]);
      size_t depth = stack_.size();
      enter(c);
      if (stack_.size() > depth) todo.push_back({c, 0, true});
    } else {
      leave();
      todo.pop_back();
    }
  }
}

// Gumbo's memory for one parse comes from a bump arena: a parse makes
// thousands of small allocations (nodes, attribute strings, vector growth)
// that all die together, and malloc/free plus the tree walk of
// gumbo_destroy_output were a sixth of a parse. Deallocation is a no-op;
// the arena is rewound after the parse and its first chunks kept for the
// next parse on the thread. Past kArenaMaxBytes in one parse, allocations
// go to malloc (bounded memory on hostile pages), and then the tree is
// destroyed the ordinary way to free those.
class GumboArena {
 public:
  static void* allocate(void* self, size_t n) {
    return static_cast<GumboArena*>(self)->alloc(n);
  }
  static void deallocate(void* self, void* p) {
    auto* a = static_cast<GumboArena*>(self);
    if (a->fallbacks_ > 0 && !a->owns(p)) std::free(p);
  }
  // True when some allocation of this parse went to malloc.
  bool used_malloc() const { return fallbacks_ > 0; }
  // Rewinds for the next parse (every pointer handed out becomes invalid).
  void reset() {
    size_t kept = 0, i = 0;
    for (; i < chunks_.size() && kept + chunks_[i].size <= kKeepBytes; ++i)
      kept += chunks_[i].size;
    for (size_t j = i; j < chunks_.size(); ++j) std::free(chunks_[j].data);
    chunks_.resize(i);
    cur_ = 0;
    used_ = 0;
    total_ = chunks_.empty() ? 0 : chunks_[0].size;  // the first chunk in use
    fallbacks_ = 0;
  }
  ~GumboArena() {
    for (Chunk& c : chunks_) std::free(c.data);
  }

 private:
  static constexpr size_t kChunkBytes = size_t{256} << 10;
  static constexpr size_t kKeepBytes = size_t{4} << 20;
  static constexpr size_t kArenaMaxBytes = size_t{256} << 20;
  struct Chunk {
    char* data;
    size_t size;
  };
  void* alloc(size_t n) {
    n = (n + 15) & ~size_t{15};  // malloc's alignment
    if (cur_ < chunks_.size() && chunks_[cur_].size - used_ >= n) {
      void* p = chunks_[cur_].data + used_;
      used_ += n;
      return p;
    }
    // The next kept chunk that fits, or a new one.
    while (cur_ + 1 < chunks_.size()) {
      ++cur_;
      used_ = 0;
      if (chunks_[cur_].size >= n) {
        total_ += chunks_[cur_].size;
        used_ = n;
        return chunks_[cur_].data;
      }
    }
    const size_t size = std::max(n, kChunkBytes);
    if (total_ + size > kArenaMaxBytes) {
      ++fallbacks_;
      return std::malloc(n);
    }
    auto* data = static_cast<char*>(std::malloc(size));
    if (data == nullptr) {
      ++fallbacks_;
      return std::malloc(n);
    }
    chunks_.push_back({data, size});
    cur_ = chunks_.size() - 1;
    total_ += size;
    used_ = n;
    return data;
  }
  bool owns(const void* p) const {
    auto* c = static_cast<const char*>(p);
    for (const Chunk& k : chunks_)
      if (c >= k.data && c < k.data + k.size) return true;
    return false;
  }
  std::vector<Chunk> chunks_;
  size_t cur_ = 0;      // chunk being filled
  size_t used_ = 0;     // bytes used in it
  size_t total_ = 0;    // bytes of the chunks this parse has used
  size_t fallbacks_ = 0;  // allocations that went to malloc
};

}  // namespace

ParsedPage parse_html(std::string_view bytes, const ParseOptions& options) {
  ParsedPage page;
  std::string html = internal::bounded_utf8(bytes, options, "page", "parsed", page);
  if (html.find('\0') != std::string::npos) {
    size_t nul = 0;
    for (char& c : html)
      if (c == '\0') {
        c = ' ';
        ++nul;
      }
    if (nul * 10 > html.size())
      page.warnings.push_back("input looks binary (" + std::to_string(nul) + " NUL bytes)");
  }
  std::string bounded;
  if (internal::bound_nesting(html, options.max_depth, &bounded)) {
    page.warnings.push_back("elements nested deeper than " +
                            std::to_string(options.max_depth) + " or tags with over " +
                            std::to_string(limits::kMaxTagAttributes) + " attributes or " +
                            std::to_string(limits::kMaxTagBytes) +
                            " bytes were flattened");
    html.swap(bounded);
  }
  std::string escaped;
  if (internal::escape_unclosed_raw_text(html, &escaped)) html.swap(escaped);
  thread_local GumboArena arena;
  GumboOptions gopt = kGumboDefaultOptions;
  gopt.max_errors = 100;
  gopt.allocator = &GumboArena::allocate;
  gopt.deallocator = &GumboArena::deallocate;
  gopt.userdata = &arena;
  GumboOutput* out = gumbo_parse_with_options(&gopt, html.data(), html.size());
  if (!out) {
    page.warnings.push_back("HTML parser failed");
    arena.reset();
    return page;
  }
  internal::collect_meta(out->root, options.url, &page.meta);
  Walker w(options, &page);
  w.run(out->root);
  // Everything in the arena goes at once; only what went to malloc needs
  // the tree walk.
  if (arena.used_malloc()) gumbo_destroy_output(&gopt, out);
  arena.reset();
  return page;
}

}  // namespace winnow::parser
