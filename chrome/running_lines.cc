// running_lines.cc: drop_running_lines -- the running heads and feet of PDF
// conversions (docs/internals/chrome.md, "Text repair"), found only where
// the document shows its page breaks, so refrains and repeated table cells
// stay.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "chrome/repair_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome::internal {
namespace {

using parser::Document;
using parser::Paragraph;

// ---------------------------------------------------------- running lines
// A PDF's running head or foot ("Kestrel Bulletin · May 2024", page
// number) comes out of a conversion as a short non-prose paragraph printed
// at every page break; in a dump it may be glued to the text that follows
// ("Kestrel Bulletin · May 2024 2 comed by ..."). It is dropped when
//   * its copies (digits folded; in a dump also glued ones) number 3+, with
//     text between each two: prose, or a line of 8+ words (a page may hold
//     only an excerpt cut mid-sentence);
//   * and the document shows the page breaks: page numbers beside the
//     copies (a bare-number paragraph; in a dump also a number ending the
//     line after 2+ words, or following a glued head) rising through the
//     document, or a word broken across a copy ("wor-" / head / "kshop").
// Without page breaks a repeated short line is a refrain or a table
// flattened to paragraphs, and stays.

// Text that separates two copies of a running line: prose, or a line of 8+
// words without a sentence mark (an excerpt cut mid-sentence).
bool is_text_between(const Paragraph& p) {
  return looks_like_prose(p.text) || count_words(p.text, 8) >= 8;
}

bool is_short_line(const Paragraph& p) {
  return p.kind == parser::BlockKind::kParagraph && !is_page_number(p.text) &&
         count_words(p.text, 12) <= 12 && !looks_like_prose(p.text);
}

// The page number ending a dump's head line after 2+ other words
// ("Kestrel Bulletin · May 2024 4" -> 4), else -1.
int trailing_page_number(std::string_view t) {
  size_t sp = t.rfind(' ');
  if (sp == std::string_view::npos || !is_page_number(t.substr(sp + 1))) return -1;
  if (count_words(t.substr(0, sp), 2) < 2) return -1;
  return std::stoi(std::string(t.substr(sp + 1)));
}

// The page number after `head` when `t` is head, number and more text, else -1.
int glued_page_number(std::string_view t, std::string_view head) {
  if (t.size() <= head.size() + 1 || t.compare(0, head.size(), head) != 0 ||
      t[head.size()] != ' ') {
    return -1;
  }
  t.remove_prefix(head.size() + 1);
  const std::string_view number = first_word(t);
  if (!is_page_number(number) || number.size() == t.size()) return -1;
  return std::stoi(std::string(number));
}

bool page_number_at(const Document& d, size_t n) {
  return n < d.paragraphs.size() && d.paragraphs[n].kind == parser::BlockKind::kParagraph &&
         is_page_number(d.paragraphs[n].text);
}

// One running line: its short copies, its heads (the copies' text less a
// trailing page number) and, in a dump, the paragraphs a head is glued to.
struct RunningLine {
  std::vector<size_t> copies;
  std::vector<std::string> heads;
  std::vector<size_t> glued;
};

// The running-line candidates of d: short lines grouped by folded text, in
// the order of their folded text (so what is found never depends on a
// hash map's order), with their heads.
std::vector<RunningLine> candidates(const Document& d) {
  std::unordered_map<std::string, std::vector<size_t>> copies;  // folded -> indices
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    if (is_short_line(d.paragraphs[i])) {
      copies[fold_text(d.paragraphs[i].text, true)].push_back(i);
    }
  }
  std::vector<std::pair<std::string, std::vector<size_t>>> sorted(copies.begin(), copies.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<RunningLine> out;
  for (auto& [folded, at] : sorted) {
    if (folded.empty()) continue;
    RunningLine r;
    r.copies = std::move(at);
    // Heads in the order first seen; the set keeps thousands of copies
    // that differ in their digits (folded alike) linear.
    std::unordered_set<std::string_view> seen;
    for (size_t i : r.copies) {
      std::string_view t = d.paragraphs[i].text;
      if (d.from_text && trailing_page_number(t) >= 0) t = t.substr(0, t.rfind(' '));
      if (seen.insert(t).second) r.heads.emplace_back(t);
    }
    out.push_back(std::move(r));
  }
  return out;
}

// In a dump, finds the paragraphs that start with a head, a page number and
// more text (one pass: each paragraph's words up to the 13th are tried as
// the page number).
void find_glued(const Document& d, std::vector<RunningLine>& lines) {
  std::unordered_map<std::string_view, size_t> by_head;
  for (size_t k = 0; k < lines.size(); ++k) {
    for (const std::string& h : lines[k].heads) by_head.emplace(h, k);
  }
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    const Paragraph& p = d.paragraphs[i];
    if (p.kind != parser::BlockKind::kParagraph) continue;
    std::string_view t = p.text;
    size_t sp = t.find(' ');
    for (int words = 0; sp != std::string_view::npos && words < 13; ++words) {
      auto it = by_head.find(t.substr(0, sp));
      if (it != by_head.end() && glued_page_number(t, it->first) >= 0) {
        lines[it->second].glued.push_back(i);
        break;
      }
      sp = t.find(' ', sp + 1);
    }
  }
}

// The page number shown with copy i of r, or -1.
int page_number_of(const Document& d, const RunningLine& r, size_t i) {
  const std::string& t = d.paragraphs[i].text;
  if (std::binary_search(r.glued.begin(), r.glued.end(), i)) {
    for (const std::string& h : r.heads) {
      if (int n = glued_page_number(t, h); n >= 0) return n;
    }
  }
  for (size_t b : {i + 1, i - 1}) {
    if (page_number_at(d, b)) return std::stoi(d.paragraphs[b].text);
  }
  return d.from_text ? trailing_page_number(t) : -1;
}

// Whether r is a running line: 3+ copies spread through the document with
// text between (prose_before[i]: is_text_between paragraphs before i), and
// page breaks shown by rising numbers or a broken word.
bool is_running(const Document& d, const RunningLine& r, const std::vector<size_t>& prose_before) {
  std::vector<size_t> all = r.copies;
  all.insert(all.end(), r.glued.begin(), r.glued.end());
  std::sort(all.begin(), all.end());
  if (all.size() < 3) return false;
  for (size_t k = 1; k < all.size(); ++k) {
    if (prose_before[all[k]] == prose_before[all[k - 1] + 1]) return false;
  }
  std::vector<int> numbers;
  for (size_t i : all) {
    if (int n = page_number_of(d, r, i); n >= 0) numbers.push_back(n);
  }
  bool rising = numbers.size() >= 2;
  for (size_t k = 1; rising && k < numbers.size(); ++k) rising = numbers[k] > numbers[k - 1];
  if (rising) return true;
  for (size_t i : r.copies) {  // a word broken across a copy
    size_t before = page_number_at(d, i - 1) ? i - 2 : i - 1;
    size_t after = page_number_at(d, i + 1) ? i + 2 : i + 1;
    if (before < d.paragraphs.size() && after < d.paragraphs.size() &&
        !broken_tail(d.paragraphs[before], d.paragraphs[after]).empty()) {
      return true;
    }
  }
  return false;
}

// Marks r's copies and the page numbers beside them for dropping, and cuts
// glued heads (with their page number) off the text they start.
void remove_running(Document& d, const RunningLine& r, std::vector<bool>& drop) {
  for (size_t i : r.copies) {
    drop[i] = true;
    for (size_t b : {i + 1, i - 1}) {
      if (page_number_at(d, b)) drop[b] = true;
    }
  }
  for (size_t i : r.glued) {
    Paragraph& p = d.paragraphs[i];
    for (const std::string& h : r.heads) {
      if (glued_page_number(p.text, h) < 0) continue;
      std::string_view rest = std::string_view(p.text).substr(h.size() + 1);
      rest.remove_prefix(first_word(rest).size() + 1);
      p.text = std::string(rest);
      p.markdown = p.text;
      break;
    }
  }
}

}  // namespace

bool drop_running_lines(Document& d) {
  std::vector<RunningLine> lines = candidates(d);
  if (d.from_text) find_glued(d, lines);
  std::vector<size_t> prose_before(d.paragraphs.size() + 1, 0);
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    prose_before[i + 1] = prose_before[i] + (is_text_between(d.paragraphs[i]) ? 1 : 0);
  }
  std::vector<bool> drop(d.paragraphs.size(), false);
  bool found = false;
  for (const RunningLine& r : lines) {
    if (r.copies.size() + r.glued.size() < 3 || !is_running(d, r, prose_before)) continue;
    remove_running(d, r, drop);
    found = true;
  }
  if (!found) return false;
  std::vector<Paragraph> kept;
  for (size_t i = 0; i < d.paragraphs.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(d.paragraphs[i]));
  }
  d.paragraphs = std::move(kept);
  return true;
}

}  // namespace winnow::chrome::internal
