// document.cc: build_document -- the content blocks of a page as
// paragraphs, plus the picked metadata (title, ISO date, byline, site name,
// language, canonical URL, page kind).
#include <algorithm>

#include "chrome/chrome.h"
#include "chrome/dump_internal.h"
#include "chrome/page_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome {
namespace {

using parser::BlockKind;

// Drops "[text](url)" link markup, keeping the text.
std::string strip_links(std::string_view md) {
  if (md.find("](") == std::string_view::npos) return std::string(md);  // no link
  std::string out;
  out.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      size_t close = md.find(')', i + 2);
      if (close != std::string_view::npos) {
        size_t open = out.rfind('[');
        if (open != std::string::npos) out.erase(open, 1);
        i = close;
        continue;
      }
    }
    out.push_back(md[i]);
  }
  return out;
}

// True when href names another page of the same site than `url` (and than
// its canonical URL).
bool links_elsewhere_on_site(std::string_view href, std::string_view url,
                             std::string_view canonical) {
  if (href.empty() || !iequals_ascii(url_authority(href), url_authority(url))) return false;
  return !same_page_url(href, url) && !same_page_url(href, canonical);
}

// True when href names a folder above url's page on the same site (the
// home page, a section's front page): a heading linking there is the
// site's or the section's title, never a post unit.
bool links_to_ancestor(std::string_view href, std::string_view url) {
  auto path_of = [](std::string_view u) {
    u = page_of_url(u);
    u = u.substr(0, u.find('?'));
    size_t scheme = u.find("://");
    if (scheme == std::string_view::npos) return std::string_view();
    size_t slash = u.find('/', scheme + 3);
    return slash == std::string_view::npos ? std::string_view("/") : u.substr(slash);
  };
  if (href.empty() || !iequals_ascii(url_authority(href), url_authority(url))) return false;
  std::string_view h = path_of(href), p = path_of(url);
  return !h.empty() && h.back() == '/' && p.size() > h.size() && p.substr(0, h.size()) == h;
}

parser::PageKind page_kind(const parser::ParsedPage& page, const parser::Document& doc) {
  const auto& m = page.meta;
  std::string og = to_lower_ascii(m.og_type);
  int headings = 0, long_paras = 0, read_more = 0, linked_headings = 0;
  int last_content = -1;
  for (const auto& p : doc.paragraphs) {
    if (p.kind == BlockKind::kHeading && p.level >= 2) ++headings;
    if (p.kind == BlockKind::kParagraph && count_words(p.text, 25) >= 25) ++long_paras;
    last_content = std::max(last_content, p.block);
  }
  // A post unit: a heading that is one link to another page of the site (a
  // post title pointing to its permalink) followed by content text (at
  // least 5 words kept before the next linked heading). Its
  // text lives on that other page, so a page with such a unit is a listing
  // (or a stale copy). Linked headings after the content (related posts),
  // in navigation regions, in the page's own header or linking to a folder
  // above the page (the site's title linking home) do not count; a
  // header inside an <article> is the post's own header and does. The site
  // model may have judged such a title chrome (it recurs on the permalink),
  // so all blocks are looked at.
  constexpr uint32_t kRegions = parser::kInNav | parser::kInFooter | parser::kInAside;
  std::vector<bool> kept(page.blocks.size(), false);
  for (const auto& p : doc.paragraphs) {
    if (p.block >= 0 && static_cast<size_t>(p.block) < kept.size()) kept[static_cast<size_t>(p.block)] = true;
  }
  std::vector<std::string> links(page.blocks.size());  // heading_link per block
  for (size_t i = 0; i < page.blocks.size(); ++i) links[i] = heading_link(page.blocks[i]);
  // Kept text of at least 5 words after block i and before the next
  // heading that is a link (the next unit, or a related-posts list).
  auto text_follows = [&](size_t i) {
    for (size_t j = i + 1; j < page.blocks.size(); ++j) {
      const parser::Block& n = page.blocks[j];
      if (!links[j].empty()) return false;
      if (kept[j] && n.kind != BlockKind::kHeading && count_words(n.text, 5) >= 5) return true;
    }
    return false;
  };
  for (int i = 0; i < last_content && static_cast<size_t>(i) < page.blocks.size(); ++i) {
    const parser::Block& b = page.blocks[static_cast<size_t>(i)];
    if (b.kind != BlockKind::kHeading || b.level > 4 || (b.ancestor_flags & kRegions)) continue;
    if ((b.ancestor_flags & parser::kInHeader) && !(b.ancestor_flags & parser::kInArticle)) continue;
    const std::string& href = links[static_cast<size_t>(i)];
    if (links_elsewhere_on_site(href, doc.url, m.canonical) && !links_to_ancestor(href, doc.url) &&
        text_follows(static_cast<size_t>(i)))
      ++linked_headings;
  }
  int excerpt_links = 0;
  bool after_prose = false;  // the previous block was a paragraph of prose
  for (const auto& b : page.blocks) {
    std::string_view t = trim(b.text);
    std::string l = t.size() < 30 ? to_lower_ascii(t) : std::string();
    if (t.size() < 30 && (l.find("read more") != std::string::npos ||
                          l.find("continue reading") != std::string::npos ||
                          l.find("full story") != std::string::npos ||
                          l.find("full article") != std::string::npos ||
                          l == "next" || l == "older posts" || l == "next page"))
      ++read_more;
    // A short paragraph that is wholly a link to another page of the site
    // and follows a paragraph of prose, outside navigation regions: the
    // "read on" link after an excerpt, in any language (a link to another
    // site is a reference: an API reference names each entry's page).
    bool link_line = b.kind == BlockKind::kParagraph && b.text_chars > 0 &&
                     links_elsewhere_on_site(b.href, doc.url, m.canonical) &&
                     b.text_chars < 40 && b.link_chars * 10 >= b.text_chars * 9 &&
                     !(b.ancestor_flags & (parser::kInNav | parser::kInHeader |
                                           parser::kInFooter | parser::kInAside |
                                           parser::kInList));
    if (link_line && after_prose) ++excerpt_links;
    if (!b.text.empty()) {
      after_prose = b.kind == BlockKind::kParagraph && b.link_chars * 4 < b.text_chars &&
                    count_words(b.text, 15) >= 15;
    }
  }
  if (excerpt_links >= 4 && excerpt_links * 2 >= headings) read_more = std::max(read_more, excerpt_links);
  const bool article_meta = og == "article" || m.jsonld_type.find("Article") != std::string::npos ||
                            m.jsonld_type == "BlogPosting";
  const bool self_canonical = same_page_url(m.canonical, doc.url);
  if (headings >= 5 && read_more >= 3) return parser::PageKind::kListing;
  // Many short sections and little prose: a list of items -- unless the
  // page says it is an article (a tutorial with many headed steps).
  if (headings >= 5 && headings * 2 > long_paras && !article_meta && !self_canonical)
    return parser::PageKind::kListing;
  if (linked_headings >= 2) return parser::PageKind::kListing;
  if (linked_headings == 1 && !(article_meta && self_canonical)) return parser::PageKind::kListing;
  if (article_meta) return parser::PageKind::kArticle;
  if (read_more >= 4) return parser::PageKind::kListing;
  return long_paras >= 2 ? parser::PageKind::kArticle : parser::PageKind::kOther;
}

// The page's own date (ExtractOptions::date_from_text).
std::string dateline(const parser::ParsedPage& page, const parser::Document& doc) {
  std::string d = internal::find_date(page.meta.date);
  if (!d.empty()) return d;
  for (const auto& t : page.meta.time_values) {
    d = internal::find_date(t);
    if (!d.empty()) return d;
  }
  // The dateline, kept or judged chrome (it recurs, or sits in the post's
  // footer with the byline): a short line from a few lines above the
  // first kept line to the third (under the title), then a short line of
  // the header or footer of the page's <article> that is not kept;
  // never one in a menu or sidebar, or in a footer outside the article (a
  // "Recent posts" widget dates other pages). pick_date may then fall
  // back to a date in the first lines of the text.
  constexpr size_t kShort = 200;  // bytes: 60 CJK characters
  const auto& blocks = page.blocks;
  auto date_of = [&](const parser::Block& b) {
    uint32_t regions = parser::kInNav | parser::kInAside;
    if (!(b.ancestor_flags & parser::kInArticle)) regions |= parser::kInFooter;
    return b.text.size() > kShort || (b.ancestor_flags & regions) ? std::string()
                                                                : internal::find_date(b.text);
  };
  std::vector<bool> kept(blocks.size(), false);
  for (const auto& p : doc.paragraphs) {
    if (p.block >= 0 && static_cast<size_t>(p.block) < kept.size()) kept[static_cast<size_t>(p.block)] = true;
  }
  if (!doc.paragraphs.empty() && doc.paragraphs.front().block >= 0) {
    // Title, byline, dateline: a short line from a few above the title to
    // the third kept line -- lines judged chrome only up to the second, and
    // kept lines when they have at most 7 words ("Posted on March 16, 2011
    // by jude"), not a sentence or an entry of a dated list ("EDIT: 25
    // Sept 2010 the below refers to...", "11.4.2015 Devel.cz - Docker
    // yesterday, today and tomorrow").
    auto block_of = [&](size_t k) {
      return k < doc.paragraphs.size() && doc.paragraphs[k].block >= 0
                 ? static_cast<size_t>(doc.paragraphs[k].block)
                 : blocks.size();
    };
    const size_t first = block_of(0), second = block_of(1), third = block_of(2);
    const size_t last = third < blocks.size() ? third : second;
    for (size_t i = first >= 4 ? first - 4 : 0; i < blocks.size() && i <= last; ++i) {
      if (kept[i] ? count_words(blocks[i].text, 8) > 7 : i > second) continue;
      d = date_of(blocks[i]);
      if (!d.empty()) return d;
    }
  }
  // A text dump has no <article>: its post footer ("Posted by will / May 8,
  // 2009") is one of the two lines right after the text.
  if (page.from_text && !doc.paragraphs.empty() && doc.paragraphs.back().block >= 0) {
    const auto last = static_cast<size_t>(doc.paragraphs.back().block);
    for (size_t i = last + 1; i < blocks.size() && i <= last + 2; ++i) {
      d = date_of(blocks[i]);
      if (!d.empty()) return d;
    }
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    const uint32_t f = blocks[i].ancestor_flags;
    if (kept[i] || !(f & parser::kInArticle) || !(f & (parser::kInHeader | parser::kInFooter))) continue;
    d = date_of(blocks[i]);
    if (!d.empty()) return d;
  }
  return "";
}

std::string pick_date(const parser::ParsedPage& page, const parser::Document& doc,
                      bool from_text) {
  std::string d = dateline(page, doc);
  if (!d.empty() || !from_text) return d;
  size_t n = 0;
  for (const auto& p : doc.paragraphs) {
    if (++n > 12) break;
    if (p.text.size() > 200) continue;
    d = internal::find_date(p.text);
    if (!d.empty()) return d;
  }
  return "";
}

// A code block's line-number gutter ("1\n2\n3...", or "1 2 3 ..." once
// white space is collapsed): consecutive whole numbers and nothing else,
// three at least (two on separate lines). Numbers for the eye, not text.
bool is_line_gutter(std::string_view text) {
  long expect = -1;
  int count = 0;
  bool newline = false;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      newline |= c == '\n';
      ++i;
      continue;
    }
    if (c < '0' || c > '9') return false;
    long v = 0;
    size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      if (digits >= 7) return false;
      v = v * 10 + (text[i] - '0');
    }
    if (expect >= 0 && v != expect) return false;
    expect = v + 1;
    ++count;
  }
  return count >= 3 || (count == 2 && newline);
}

// The gutter of a one-line code block: a table cell holding "1" (any one
// number) right before the <pre> of the same table.
bool one_line_gutter(const parser::ParsedPage& page, size_t i) {
  const parser::Block& b = page.blocks[i];
  if (!(b.ancestor_flags & parser::kInTable) || i + 1 >= page.blocks.size()) return false;
  const parser::Block& next = page.blocks[i + 1];
  if (next.kind != BlockKind::kPre || !(next.ancestor_flags & parser::kInTable)) return false;
  std::string_view t = trim(b.text);
  return !t.empty() && t.size() <= 6 &&
         t.find_first_not_of("0123456789") == std::string_view::npos;
}

// A heading that closes the page's text, over a section that is all chrome
// ("Translations" over the list of links to the other editions): what it
// announced is gone, so it goes too. Only headings after the last kept
// non-heading block count -- a text does not end on a heading, while a
// heading inside it whose links were judged chrome may still be the
// author's. The section runs to the next heading of the same or a higher
// level or the end of the heading's parent element; at least one of its blocks must have been judged chrome for what
// it says (not only empty image placeholders).
std::vector<bool> trailing_orphan_headings(const parser::ParsedPage& page,
                                           const std::vector<BlockVerdict>& verdicts) {
  const size_t n = std::min(page.blocks.size(), verdicts.size());
  std::vector<bool> out(n, false);
  size_t start = 0;  // past the last kept non-heading block
  for (size_t i = 0; i < n; ++i) {
    if (!verdicts[i].chrome && page.blocks[i].kind != BlockKind::kHeading) start = i + 1;
  }
  for (size_t i = start; i < n; ++i) {
    const parser::Block& h = page.blocks[i];
    if (verdicts[i].chrome || h.kind != BlockKind::kHeading) continue;
    // The section: the blocks after it inside its own parent element (a
    // footer outside the heading's container is not what it announced).
    const std::string_view parent = std::string_view(h.path).substr(0, h.path.rfind('>') + 1);
    bool dropped = false, kept = false;
    for (size_t j = i + 1; j < n && !kept; ++j) {
      const parser::Block& b = page.blocks[j];
      if (b.kind == BlockKind::kHeading && b.level <= h.level) break;
      if (parent.empty() || b.path.compare(0, parent.size(), parent) != 0) break;
      if (!verdicts[j].chrome) kept = true;
      else if (verdicts[j].reason != Reason::kEmpty) dropped = true;
    }
    out[i] = dropped && !kept;
  }
  return out;
}

// Site mode: the page's date line and post-meta line ("26. 10. 2007",
// "Mon Sep 26, 2016 in Travel Aqaba") are the document's metadata, not its
// text (the date is in Document::date). Dropped where they stand: at the
// head (among the first three paragraphs, or before the first prose when
// there is prose: a poem's short lines are not a header), at
// the foot (after the last prose; never the last paragraph, as a poem may
// close with its date), and anywhere on a listing (each post unit's date).
// A head line in the post's own header (<header> inside <article>) that
// holds a date is its post-meta line however long ("By X, posted on
// <date> in <category>, 3k words, 3 minutes").
void drop_meta_lines(const parser::ParsedPage& page, parser::Document& doc) {
  auto& ps = doc.paragraphs;
  size_t first_prose = ps.size(), last_prose = 0;
  for (size_t k = 0; k < ps.size(); ++k) {
    if (ps[k].kind == BlockKind::kPre || !internal::looks_like_prose(ps[k].text)) continue;
    first_prose = std::min(first_prose, k);
    last_prose = k;
  }
  const bool listing = doc.kind == parser::PageKind::kListing;
  auto flags = [&](size_t k) {
    const int b = ps[k].block;
    return b >= 0 && static_cast<size_t>(b) < page.blocks.size()
               ? page.blocks[static_cast<size_t>(b)].ancestor_flags
               : 0u;
  };
  std::vector<parser::Paragraph> kept;
  kept.reserve(ps.size());
  bool body_text = false;  // a line of the post's body element came before
  for (size_t k = 0; k < ps.size(); ++k) {
    const bool head = k < 3 || (first_prose < ps.size() && k < first_prose);
    const bool foot = first_prose < ps.size() && k > last_prose && k + 1 < ps.size();
    // A date under the lines of a post's body is the author's (a poem
    // signed "Friday 16 Ordibehesht 1390"), in verse as in prose.
    const bool in_body = (flags(k) & parser::kArticleBody) != 0;
    const bool date = ps[k].kind == BlockKind::kParagraph && internal::is_date_line(ps[k].text);
    if ((head || foot || listing) && date && !(in_body && body_text && !listing)) continue;
    body_text = body_text || (in_body && !date);
    const int b = ps[k].block;
    constexpr uint32_t kPostHeader = parser::kInHeader | parser::kInArticle;
    if (head && ps[k].kind == BlockKind::kParagraph && b >= 0 &&
        static_cast<size_t>(b) < page.blocks.size() &&
        (page.blocks[static_cast<size_t>(b)].ancestor_flags & kPostHeader) == kPostHeader &&
        internal::holds_date(ps[k].text)) {
      continue;
    }
    kept.push_back(std::move(ps[k]));
  }
  ps = std::move(kept);
}

}  // namespace

std::string heading_link(const parser::Block& b) {
  if (b.kind != BlockKind::kHeading || b.text_chars == 0) return "";
  if (!b.href.empty()) return b.href;
  // Mostly links: at least 4/5 of the text inside <a>.
  if (b.link_chars * 5 < b.text_chars * 4) return "";
  // The link with the longest text, if it holds at least half the text of
  // the heading's links (a category label is shorter than the title).
  std::string_view best;
  size_t best_chars = 0, all_chars = 0;
  for (const internal::MarkdownLink& l : internal::markdown_links(b.markdown)) {
    all_chars += l.chars;
    if (l.chars > best_chars) {
      best_chars = l.chars;
      best = l.url;
    }
  }
  if (best_chars == 0 || best_chars * 2 < all_chars) return "";
  return std::string(best);
}

parser::Document build_document(std::string_view url, const parser::ParsedPage& page,
                                 const std::vector<BlockVerdict>& verdicts,
                                 const ExtractOptions& options) {
  parser::Document doc;
  doc.url = std::string(url);
  doc.from_text = page.from_text;
  std::vector<bool> orphans;
  if (options.site_mode) orphans = trailing_orphan_headings(page, verdicts);
  for (size_t i = 0; i < page.blocks.size() && i < verdicts.size(); ++i) {
    if (verdicts[i].chrome || (i < orphans.size() && orphans[i])) continue;
    const parser::Block& b = page.blocks[i];
    if (is_line_gutter(b.text) || one_line_gutter(page, i)) continue;
    parser::Paragraph p;
    p.kind = b.kind;
    p.level = b.level;
    p.text = b.text;
    p.markdown = options.keep_links_in_markdown ? b.markdown : strip_links(b.markdown);
    p.block = static_cast<int>(i);
    doc.paragraphs.push_back(std::move(p));
  }
  const auto& m = page.meta;
  doc.canonical_url = m.canonical;
  doc.site_name = m.site_name;
  doc.title = internal::pick_title(m);
  doc.author = m.author;
  if (doc.author.empty()) {
    size_t n = 0;
    for (const auto& p : doc.paragraphs) {
      if (++n > 12) break;
      doc.author = internal::byline_name(p.text);
      if (!doc.author.empty()) break;
    }
  }
  doc.date = pick_date(page, doc, options.date_from_text);
  doc.lang = internal::language_from_attr(m.lang);
  if (doc.lang.empty()) {  // the text decides
    std::string sample;
    for (const auto& p : doc.paragraphs) {
      sample += p.text;
      sample += ' ';
      if (sample.size() > 20000) break;
    }
    doc.lang = internal::detect_language(m.lang, sample);
  }
  doc.kind = page_kind(page, doc);
  if (options.site_mode) drop_meta_lines(page, doc);
  return doc;
}

}  // namespace winnow::chrome
