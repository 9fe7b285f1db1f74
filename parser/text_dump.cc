// text_dump.cc: parse_text -- plain-text and Markdown dumps into blocks.
// Two layouts (parser.h): hard-wrapped text is read a paragraph at a time;
// a browser's text rendering (one visual block per line) a line at a time,
// so that a menu entry, a sidebar title and a paragraph stay apart and the
// chrome stage can judge each. List markers and the line numbers of code
// listings are recognised in both.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include "parser/internal.h"

namespace winnow::parser {
namespace {

// One line of the file.
struct Line {
  std::string_view text;  // without leading/trailing white space
  size_t indent = 0;      // leading white space, in columns
  size_t width = 0;       // display columns of text (wide CJK count 2)
  int no = 0;             // 1-based line number
};

bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t columns(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) n += wide(next_code_point(s, i)) ? 2 : 1;
  return n;
}

// Splits the text into lines, trimming Unicode white space at both ends.
std::vector<Line> read_lines(std::string_view text) {
  std::vector<Line> out;
  int no = 0;
  for (std::string_view raw : split(text, '\n')) {
    Line l;
    l.no = ++no;
    size_t i = 0;
    while (i < raw.size()) {
      size_t next = i;
      const char c = raw[i];
      if (!next_is_space(raw, next)) break;
      l.indent += c == '\t' ? 8 : 1;
      i = next;
    }
    std::string_view t = raw.substr(i);
    // Trailing white space (ASCII and the Unicode spaces w3m may leave).
    while (!t.empty()) {
      size_t j = t.size() - 1;
      while (j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
      size_t k = j;
      if (!is_unicode_space(next_code_point(t, k))) break;
      t = t.substr(0, j);
    }
    l.text = t;
    l.width = columns(t);
    out.push_back(l);
  }
  return out;
}

// The marks browsers draw before list items, level after level (w3m:
// "\u2022", "\u25A1", "\u2606", "\u25CB", "\u25CE", "\u2605"...).
bool is_bullet(char32_t c) {
  static constexpr char32_t kBullets[] = {0x2022, 0x25E6, 0x25AA, 0x2023, 0x2043, 0x25CF,
                                          0x25CB, 0x25A0, 0x25A1, 0x00B7, 0x2606, 0x2605,
                                          0x25CE, 0x25C6, 0x25C7};
  return std::find(std::begin(kBullets), std::end(kBullets), c) != std::end(kBullets);
}

// The length of a list bullet ("\u2022 ", "\u25E6 "...; in Markdown also
// "- ", "* ", "+ ") at the start of t, or 0. Needs text after it.
size_t bullet_length(std::string_view t, bool markdown = true) {
  if (markdown && t.size() > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
    return 2;
  }
  size_t i = 0;
  if (!is_bullet(next_code_point(t, i))) return 0;
  if (i < t.size() && t[i] == ' ' && i + 1 < t.size()) return i + 1;
  return 0;
}

// A line that is only a bullet: a list item without text (w3m draws the
// item that holds a nested list this way).
bool bare_bullet(std::string_view t) {
  size_t i = 0;
  return !t.empty() && is_bullet(next_code_point(t, i)) && i == t.size();
}

// The number a line starts with (1-5 ASCII digits), or -1; *end is where
// the digits stop.
long leading_number(std::string_view t, size_t* end) {
  size_t i = 0;
  long n = 0;
  while (i < t.size() && i < 6 && t[i] >= '0' && t[i] <= '9') n = n * 10 + (t[i++] - '0');
  if (i == 0 || i > 5) return -1;
  *end = i;
  return n;
}

// "12. text": the length of the marker with its space, or 0.
size_t numbered_marker(std::string_view t, long* n) {
  size_t end = 0;
  *n = leading_number(t, &end);
  if (*n < 0 || end + 2 >= t.size() || t[end] != '.' || t[end + 1] != ' ') return 0;
  return end + 2;
}

// "12 code" or "12": a code listing's line number, or -1.
long gutter_number(std::string_view t) {
  size_t end = 0;
  long n = leading_number(t, &end);
  if (n < 0 || (end < t.size() && t[end] != ' ')) return -1;
  return n;
}

// Whether t ends with a sentence's mark (. ! ? and their CJK forms).
bool ends_sentence(std::string_view t) {
  for (std::string_view end : {".", "!", "?", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"}) {
    if (t.ends_with(end)) return true;
  }
  return false;
}

// What each line is: part of a numbered code listing (a run counting 1, 2,
// 3... on consecutive lines, two or more), a member of a numbered list, or
// neither.
enum class Mark : uint8_t { kNone, kGutter, kNumbered, kCode, kTable };

bool box_char(std::string_view t, size_t i) {
  return i + 2 < t.size() && t[i] == '\xE2' && (t[i + 1] == '\x94' || t[i + 1] == '\x95');
}

// A line of a tree as `tree` draws one: a branch ("\u251C\u2500\u2500 name",
// "\u2514\u2500\u2500 name") under its parents' "\u2502" bars, the name
// last -- no box character after it, where a table row closes its cells.
bool tree_line(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && !box_char(t, i)) ++i;
  bool branch = false;
  while (i < t.size()) {
    if (box_char(t, i)) {
      // U+251C (branch) or U+2514 (last branch), then U+2500 (stem).
      const bool fork = t[i + 1] == '\x94' && (t[i + 2] == '\x9C' || t[i + 2] == '\x94');
      branch = branch || (fork && box_char(t, i + 3) && t.substr(i + 3, 3) == "\xE2\x94\x80");
      i += 3;
    } else if (t[i] == ' ') {
      ++i;
    } else if (t.substr(i, 2) == "\xC2\xA0") {  // a no-break space
      i += 2;
    } else {
      break;
    }
  }
  if (!branch || i >= t.size()) return false;
  for (; i < t.size(); ++i)
    if (box_char(t, i)) return false;
  return true;
}

// A row or rule of a table drawn with box-drawing characters (U+2500..
// U+257F), as browsers render <table> in text mode; not a tree's line.
bool table_line(std::string_view t) {
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (box_char(t, i)) return !tree_line(t);
  }
  return false;
}

std::vector<Mark> find_runs(const std::vector<Line>& lines) {
  std::vector<Mark> mark(lines.size(), Mark::kNone);
  for (size_t i = 0; i < lines.size(); ++i)
    if (table_line(lines[i].text)) mark[i] = Mark::kTable;
  size_t i = 0;
  while (i < lines.size()) {
    if (mark[i] != Mark::kNone || gutter_number(lines[i].text) != 1) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    for (long want = 2; j < lines.size() && mark[j] == Mark::kNone &&
                        gutter_number(lines[j].text) == want;
         ++j, ++want) {
    }
    // A listing of one line ("1 pip3 install pytube") stands alone between
    // blank lines and does not end a sentence ("1 in 5 of them came.").
    const bool alone = j - i == 1 && (i == 0 || lines[i - 1].text.empty()) &&
                       (j == lines.size() || lines[j].text.empty()) &&
                       lines[i].text.size() > 2 && !ends_sentence(lines[i].text);
    if (j - i >= 2 || alone) std::fill(mark.begin() + i, mark.begin() + j, Mark::kGutter);
    i = j;
  }
  // Numbered lists: an item "n. " whose next sibling -- the next line at
  // its indentation, past deeper (nested) lines -- is "n+1. ". Where the
  // dump sets its bullets in from the margin (w3m: "  \u2022 item"), it
  // right-aligns list numbers too (" 9.", "10."): a one-digit "1. " at the
  // margin was typed in the text ("1. Eclipse can be installed...").
  bool set_in = false, flush = false;
  for (const Line& l : lines) {
    if (bullet_length(l.text, false) == 0) continue;
    (l.indent > 0 ? set_in : flush) = true;
  }
  const bool typed_at_margin = set_in && !flush;
  auto typed = [&](size_t i, long n) { return typed_at_margin && lines[i].indent == 0 && n < 10; };
  for (size_t i = 0; i < lines.size(); ++i) {
    long n = 0, next = 0;
    const size_t cut = mark[i] == Mark::kNone || mark[i] == Mark::kNumbered
                           ? numbered_marker(lines[i].text, &n)
                           : 0;
    if (cut == 0 || typed(i, n)) continue;
    // Items align on their text: " 9. nine" and "10. ten".
    const size_t column = lines[i].indent + cut;
    size_t j = i + 1;
    while (j < lines.size() && !lines[j].text.empty() && lines[j].indent >= column) ++j;
    const size_t next_cut = j < lines.size() && mark[j] == Mark::kNone
                                ? numbered_marker(lines[j].text, &next)
                                : 0;
    if (next_cut > 0 && lines[j].indent + next_cut == column && next == n + 1) {
      mark[i] = mark[j] = Mark::kNumbered;
    }
  }
  return mark;
}

// An assignment as shells and config files write it, the name glued to
// "=" and its value ("NOBOLD=\"\\033[0m\"", "gpgcheck=0", "exit_status=0").
bool assignment_line(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_' ||
                          (i > 0 && (t[i] == '.' || t[i] == '-')))) {
    ++i;
  }
  return i > 0 && !std::isdigit(static_cast<unsigned char>(t[0])) && i + 1 < t.size() &&
         t[i] == '=' && t[i + 1] != ' ' && t[i + 1] != '=';
}

// A shell block's closing or turning word, alone or leading its line
// ("done < $tree", "fi", "then").
bool shell_keyword_line(std::string_view t) {
  static constexpr std::string_view kWords[] = {"do", "done", "fi", "then", "else", "esac"};
  for (std::string_view w : kWords) {
    if (t == w || (t.starts_with(w) && t.size() > w.size() && t[w.size()] == ' ' &&
                   (t.find('<') != std::string_view::npos || t.find(';') != std::string_view::npos))) {
      return true;
    }
  }
  return false;
}

// A line that ends in a remark in brackets after a space ("Memory
// Controller Hub (rev 03)", "station 125 (line 1)").
bool bracketed_remark_end(std::string_view t) {
  if (t.empty() || t.back() != ')') return false;
  const size_t open = t.rfind('(');
  return open != std::string_view::npos && open > 0 && t[open - 1] == ' ';
}

// A line that reads as program text: it ends in { } ; > or a call's ")",
// or starts with } < // /* * # $ @ or a tag; an assignment; a shell
// block's keyword.
bool code_like(std::string_view t) {
  if (t.empty()) return false;
  if (assignment_line(t) || shell_keyword_line(t)) return true;
  const char last = t.back();
  if (last == '{' || last == '}' || last == ';' || last == '>') return true;
  // A call ends in ")" right after its name's "("; a remark in brackets
  // after a space ends prose too ("... station 125 (line 1)").
  if (last == ')' && !bracketed_remark_end(t)) return true;
  const char first = t.front();
  return first == '}' || first == '<' || first == '$' || first == '@' || first == '*' ||
         t.rfind("//", 0) == 0 || t.rfind("/*", 0) == 0 || t.rfind("#!", 0) == 0 ||
         tree_line(t);
}

// A single line that can only be program text: a "#!" line, an opening or
// closing brace, a statement ending in ";" or "{", or a line starting with
// a keyword of common languages and shells.
bool strong_code_line(std::string_view t) {
  if (t.empty()) return false;
  if (t.rfind("#!", 0) == 0 || t.back() == '{' || t.back() == ';' || t[0] == '}' ||
      t[0] == '<' || t[0] == '$') {
    return true;
  }
  static constexpr std::string_view kKeywords[] = {
      "import ", "from ", "def ", "class ", "return ", "sudo ", "export ", "echo ",
      "#include ", "function ", "var ", "let ", "const ", "public ", "private ", "pip ",
      "pip3 ", "npm ", "apt ", "apt-get ", "git ", "cd ", "mkdir ", "curl ", "wget "};
  for (std::string_view k : kKeywords)
    if (t.rfind(k, 0) == 0) return true;
  return false;
}

// Marks <pre> blocks as a browser renders them, with a run id per block
// (code_run, 0 = none). A group of consecutive lines (no blank line
// between, no list bullet, none marked yet) is code when it has two or
// more lines and a quarter of them are indented past the others (code
// keeps its indentation, paragraphs have none) or half of its lines are
// program text. Code groups
// and single program lines ("#!/usr/bin/python", "import requests") with
// at most two blank lines between are one block: the blank lines were
// inside the <pre>.
void find_code(const std::vector<Line>& lines, std::vector<Mark>& mark,
               std::vector<int>& code_run) {
  struct Group {
    size_t begin, end;
    bool code, single;
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < lines.size();) {
    if (lines[i].text.empty()) {
      ++i;
      continue;
    }
    size_t j = i;
    bool plain = true;
    size_t code = 0, remarks = 0, lo = SIZE_MAX, hi = 0;
    for (; j < lines.size() && !lines[j].text.empty(); ++j) {
      // A browser draws list bullets as "\u2022"; "- " or "* " at the start
      // of a line is the text itself (YAML, a diff, a shell prompt).
      const std::string_view t = lines[j].text;
      const bool ascii_bullet = t[0] == '-' || t[0] == '*' || t[0] == '+';
      plain = plain && mark[j] == Mark::kNone && (ascii_bullet || bullet_length(t) == 0);
      code += code_like(t);
      remarks += bracketed_remark_end(t);
      lo = std::min(lo, lines[j].indent);
      hi = std::max(hi, lines[j].indent);
    }
    const size_t n = j - i;
    // Indented past the group's margin on a quarter of the lines: one
    // line in eighty set in (a centred pager under a list) is not code.
    size_t indented = 0;
    for (size_t k = i; k < j && hi > lo; ++k) indented += lines[k].indent > lo;
    // Lines ending in a remark in brackets are a program's output when
    // three or more stand together ("... (rev 03)" under "# lspci"); one
    // of two is a caption under its image's "[2]".
    if (n >= 3) code += remarks;
    const bool is_code = plain && n >= 2 && ((indented > 0 && indented * 4 >= n) || code * 2 >= n);
    const bool single = plain && n == 1 && strong_code_line(lines[i].text);
    groups.push_back(Group{i, j, is_code, single});
    i = j;
  }
  code_run.assign(lines.size(), 0);
  int id = 0;
  for (size_t g = 0; g < groups.size();) {
    if (!groups[g].code && !groups[g].single) {
      ++g;
      continue;
    }
    size_t h = g + 1;
    bool any_code = groups[g].code;
    while (h < groups.size() && (groups[h].code || groups[h].single) &&
           groups[h].begin - groups[h - 1].end <= 2) {
      any_code = any_code || groups[h].code;
      ++h;
    }
    if (any_code) {
      ++id;
      for (size_t k = g; k < h; ++k) {
        for (size_t l = groups[k].begin; l < groups[k].end; ++l) {
          mark[l] = Mark::kCode;
          code_run[l] = id;
        }
      }
    }
    g = h;
  }
}

// True for a hard-wrapped file: at most 100 columns wide (and at least
// 40), and at least 4 in 5 lines followed by a line of the same paragraph
// were broken where the next word would have passed the widest line.
bool hard_wrapped(const std::vector<Line>& lines, const std::vector<Mark>& mark) {
  size_t w = 0;
  for (const Line& l : lines) w = std::max(w, l.width + l.indent);
  if (w < 40 || w > 100) return false;
  size_t joins = 0, fits = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const Line& a = lines[i];
    const Line& b = lines[i + 1];
    if (a.text.empty() || b.text.empty() || mark[i + 1] != Mark::kNone) continue;
    if (bullet_length(b.text) > 0 || b.text[0] == '#') continue;
    ++joins;
    std::string_view first = b.text.substr(0, b.text.find(' '));
    // CJK text breaks between any two characters: its first "word" is one.
    size_t i0 = 0;
    if (wide(next_code_point(first, i0))) first = first.substr(0, i0);
    if (a.indent + a.width + 1 + columns(first) > w) ++fits;
  }
  return joins >= 2 && fits * 5 >= joins * 4;
}

class Builder {
 public:
  explicit Builder(ParsedPage* page) : page_(page) {}

  void add(BlockKind kind, int level, std::string text, int line) {
    if (text.empty() || page_->blocks.size() >= limits::kMaxBlocksPerPage) return;
    Block b;
    b.kind = kind;
    b.level = level;
    b.markdown = text;
    b.text = std::move(text);
    if (kind == BlockKind::kHeading) {
      b.tag.assign(1, 'h');
      b.tag.push_back(static_cast<char>('0' + std::clamp(level, 1, 6)));
    } else {
      b.tag = kind == BlockKind::kListItem ? "li" : kind == BlockKind::kPre ? "pre" : "p";
    }
    b.node = 0;
    b.path = "text>";
    b.path += b.tag;
    b.path_hash = hash64(b.path);
    size_t n = 0;
    for (unsigned char c : b.text)
      if ((c & 0xC0) != 0x80) ++n;
    b.text_chars = n;
    b.position = static_cast<int>(page_->blocks.size());
    b.depth = 1;
    b.line = line;
    page_->blocks.push_back(std::move(b));
  }

 private:
  ParsedPage* page_;
};

// A numbered code listing starting at lines[i]: one kPre block of the code
// without its line numbers. The spaces between number and code are cut by
// the smallest count over the lines (the gutter's padding), so indentation
// inside the code survives. Returns the index after the run.
size_t add_listing(const std::vector<Line>& lines, const std::vector<Mark>& mark, size_t i,
                   Builder& out) {
  size_t j = i;
  while (j < lines.size() && mark[j] == Mark::kGutter &&
         (j == i || gutter_number(lines[j].text) != 1)) {
    ++j;
  }
  std::vector<std::string_view> rest;
  size_t pad = SIZE_MAX;
  for (size_t k = i; k < j; ++k) {
    std::string_view t = lines[k].text;
    size_t end = 0;
    leading_number(t, &end);
    t.remove_prefix(end);
    const size_t spaces = std::min(t.find_first_not_of(' '), t.size());
    // A blank line of code is left out: paragraphs must not break inside
    // the block.
    if (spaces == t.size()) continue;
    pad = std::min(pad, spaces);
    rest.push_back(t);
  }
  std::string code;
  for (std::string_view t : rest) {
    if (!code.empty()) code += '\n';
    code.append(t.substr(pad));
  }
  out.add(BlockKind::kPre, 0, std::move(code), lines[i].no);
  return j;
}

// A heading ("## text"): its level, and the text in *text; 0 if none.
int heading_level(std::string_view t, std::string_view* text) {
  size_t hashes = 0;
  while (hashes < t.size() && t[hashes] == '#') ++hashes;
  if (hashes < 1 || hashes > 6 || hashes >= t.size() || t[hashes] != ' ') return 0;
  *text = t.substr(hashes);
  return static_cast<int>(hashes);
}

// Reads lines[i] when it starts a block of its own (heading, list item);
// returns false for a plain line.
bool add_marked(const Line& l, Mark mark, bool markdown, Builder& out) {
  std::string_view rest;
  if (int level = markdown ? heading_level(l.text, &rest) : 0) {
    out.add(BlockKind::kHeading, level, collapse_whitespace(rest), l.no);
    return true;
  }
  size_t cut = bullet_length(l.text, markdown);
  long n = 0;
  if (cut == 0 && mark == Mark::kNumbered) cut = numbered_marker(l.text, &n);
  if (cut == 0) return false;
  out.add(BlockKind::kListItem, 0, collapse_whitespace(l.text.substr(cut)), l.no);
  return true;
}

// The code block of run code_run[i] from lines[i]: one kPre block keeping
// the lines' indentation relative to the block, without its blank lines
// (paragraphs are separated by blank lines in the output). Returns the
// index after it.
size_t add_code(const std::vector<Line>& lines, const std::vector<int>& code_run, size_t i,
                Builder& out) {
  const int id = code_run[i];
  size_t j = i, lo = SIZE_MAX;
  for (size_t k = i; k < lines.size() && (code_run[k] == id || lines[k].text.empty()); ++k) {
    if (lines[k].text.empty()) continue;
    lo = std::min(lo, lines[k].indent);
    j = k + 1;
  }
  std::string code;
  for (size_t k = i; k < j; ++k) {
    if (lines[k].text.empty()) continue;
    if (!code.empty()) code += '\n';
    code.append(lines[k].indent - lo, ' ');
    code.append(lines[k].text);
  }
  out.add(BlockKind::kPre, 0, std::move(code), lines[i].no);
  return j;
}

// A table row: one kTableCell block per non-empty cell (box-drawing
// characters separate the cells; a rule line has none).
void add_table_row(const Line& l, Builder& out) {
  std::string_view t = l.text;
  size_t start = 0, i = 0;
  while (i <= t.size()) {
    const bool box = i + 3 <= t.size() && t[i] == '\xE2' &&
                     (t[i + 1] == '\x94' || t[i + 1] == '\x95');
    if (i < t.size() && !box) {
      ++i;
      continue;
    }
    std::string cell = collapse_whitespace(t.substr(start, i - start));
    if (!cell.empty()) out.add(BlockKind::kTableCell, 0, std::move(cell), l.no);
    i += box ? 3 : 1;
    start = i;
  }
}

void read_by_line(const std::vector<Line>& lines, const std::vector<Mark>& mark,
                  const std::vector<int>& code_run, bool markdown, Builder& out) {
  for (size_t i = 0; i < lines.size();) {
    if (mark[i] == Mark::kTable) {
      add_table_row(lines[i++], out);
      continue;
    }
    if (mark[i] == Mark::kGutter) {
      i = add_listing(lines, mark, i, out);
      continue;
    }
    if (mark[i] == Mark::kCode) {
      i = add_code(lines, code_run, i, out);
      continue;
    }
    const Line& l = lines[i++];
    if (l.text.empty() || bare_bullet(l.text) || add_marked(l, mark[i - 1], markdown, out)) {
      continue;
    }
    out.add(BlockKind::kParagraph, 0, collapse_whitespace(l.text), l.no);
  }
}

void read_by_paragraph(const std::vector<Line>& lines, const std::vector<Mark>& mark,
                       bool markdown, Builder& out) {
  std::string para;
  BlockKind kind = BlockKind::kParagraph;
  int start = 0;
  auto flush = [&] {
    out.add(kind, 0, collapse_whitespace(para), start);
    para.clear();
    kind = BlockKind::kParagraph;
  };
  for (size_t i = 0; i < lines.size();) {
    if (mark[i] == Mark::kGutter) {
      flush();
      i = add_listing(lines, mark, i, out);
      continue;
    }
    const Line& l = lines[i++];
    if (l.text.empty() || bare_bullet(l.text)) {
      flush();
      continue;
    }
    std::string_view rest;
    size_t cut = bullet_length(l.text, markdown);
    long n = 0;
    if (cut == 0 && mark[i - 1] == Mark::kNumbered) cut = numbered_marker(l.text, &n);
    if (markdown && heading_level(l.text, &rest) > 0) {
      flush();
      add_marked(l, mark[i - 1], markdown, out);
      continue;
    }
    if (cut > 0) {
      flush();
      kind = BlockKind::kListItem;
      start = l.no;
      para.assign(l.text.substr(cut));
      continue;
    }
    if (para.empty()) {
      start = l.no;
    } else {
      para += ' ';
    }
    para.append(l.text);
  }
  flush();
}

}  // namespace

ParsedPage parse_text(std::string_view bytes, const ParseOptions& options) {
  ParsedPage page;
  page.from_text = true;
  std::string text = internal::bounded_utf8(bytes, options, "text", "read", page);
  Node root;
  root.tag = "text";
  page.nodes.push_back(root);
  std::vector<Line> lines = read_lines(text);
  std::vector<Mark> mark = find_runs(lines);
  Builder out(&page);
  // Markdown joins the lines of a paragraph and has "#" headings and
  // "-"/"*"/"+" bullets; in plain text (a browser's rendering, whose
  // bullets are "\u2022") those are the text, and lines join only in a
  // hard-wrapped file.
  const bool markdown = options.content_type.find("text/plain") == std::string::npos;
  if (markdown || hard_wrapped(lines, mark)) {
    read_by_paragraph(lines, mark, markdown, out);
  } else {
    std::vector<int> code_run;
    find_code(lines, mark, code_run);
    read_by_line(lines, mark, code_run, markdown, out);
  }
  if (!page.blocks.empty() && page.blocks[0].kind == BlockKind::kHeading &&
      page.blocks[0].level == 1)
    page.meta.h1.push_back(page.blocks[0].text);
  return page;
}

}  // namespace winnow::parser
