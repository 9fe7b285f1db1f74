// dump_lines.cc: the line rules of text dumps -- lines that are chrome
// even when they occur once on the whole site: a table of contents (dot
// leaders, or entries repeating the page's own headings), "N comments",
// share bars, e-mail/URL footers, and the title of a widget whose entries
// are all chrome. Rules and reasons: docs/internals/chrome.md ("Text dumps").
#include <algorithm>
#include <array>
#include <unordered_map>

#include "chrome/dump_internal.h"
#include "chrome/page_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome::internal {
namespace {

using parser::Block;
using parser::BlockKind;

bool contains(const auto& list, std::string_view token) {
  return std::find(std::begin(list), std::end(list), token) != std::end(list);
}

bool is_number(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The neighbours of line i past image placeholders and empty lines:
// above(out, i) is one past the line above (0: none), below(out, i) the
// first line at or after i that is not empty (out.size(): none).
size_t above(const std::vector<BlockVerdict>& out, size_t i) {
  while (i > 0 && out[i - 1].reason == Reason::kEmpty) --i;
  return i;
}
size_t below(const std::vector<BlockVerdict>& out, size_t i) {
  while (i < out.size() && out[i].reason == Reason::kEmpty) ++i;
  return i;
}

// Words for "comment(s)" in the languages of the dev and fixture sets and
// the large Web languages; folded (lower case, no punctuation).
constexpr std::array<std::string_view, 36> kCommentWords = {
    "comment",     "comments",    "response",    "responses",   "reply",
    "thought",     "thoughts",
    "replies",     "kommentar",   "kommentare",  "commentaire", "commentaires",
    "comentario",  "comentarios", "commento",    "commenti",    "komentář",
    "komentáře",   "komentářů",   "komentarz",   "komentarze",  "коментар",
    "коментари",   "коментарі",   "комментарий", "комментария", "комментариев",
    "评论",        "条评论",      "則留言",      "コメント",    "댓글",
    "تعليق",       "تعليقات",     "نظر",         "دیدگاه"};
constexpr std::array<std::string_view, 6> kNone = {"no", "one", "zero", "keine", "aucun", "sin"};

// Generic alt texts of images, folded: a dump shows an image by its alt
// text, and these name no picture in particular.
constexpr std::string_view kImageWords[] = {
    "image", "img", "photo", "picture", "screenshot", "bild", "foto", "obrázek", "imagen",
    "immagine", "изображение", "снимка", "фото", "图片", "图像", "画像", "이미지", "صورة",
    "تصویر", "عکس"};

// Names of share targets and the words of share bars.
constexpr std::string_view kShareWords[] = {
    "share",    "shares",   "sharing", "tweet",    "facebook", "twitter",  "x",
    "linkedin", "pinterest", "reddit", "email",    "e",        "mail",     "print",
    "whatsapp", "telegram", "tumblr",  "pocket",   "this",     "on",       "via",
    "weibo",    "wechat",   "微博",    "微信",     "qq",       "vk",       "xing",
    "skype",    "copy",     "link",    "mastodon", "bluesky",  "threads",  "分享",
    "شارك",     "اشتراک",   "teilen",  "partager", "compartir",
    "сподели",  "споделете", "поделиться", "поделись", "поділитися", "udostępnij", "sdílet",
    "paylaş",   "condividi", "compartilhar", "partilhar", "delen", "シェア", "공유", "共享"};
constexpr std::string_view kShareTargets[] = {
    "share",    "tweet",    "facebook", "twitter", "linkedin", "pinterest",
    "reddit",   "whatsapp", "telegram", "tumblr",  "weibo",    "wechat",
    "微博",     "微信",     "分享",     "شارك",    "اشتراک",   "teilen",
    "partager", "compartir", "сподели", "споделете", "поделиться", "поделись", "поділитися",
    "udostępnij", "sdílet", "paylaş", "condividi", "compartilhar", "partilhar", "delen",
    "シェア",   "공유"};

// Words of pagination lines ("1 2 Next »", "Page 2 of 5", "« Older posts").
constexpr std::array<std::string_view, 22> kPageWords = {
    "next", "previous", "prev", "older", "newer", "page", "of", "first", "last",
    "posts", "entries", "more", "下一页", "上一页", "首页", "尾页", "weiter", "zurück",
    "suivant", "précédent", "další", "předchozí"};

// Labels allowed before an address on a footer line.
constexpr std::array<std::string_view, 13> kAddressLabels = {
    "email", "e", "mail", "web", "website", "url", "homepage", "site",
    "contact", "www", "tel", "phone", "fax"};

bool address_token(std::string_view t) {
  if (t.find('@') != std::string_view::npos && t.find('.') != std::string_view::npos) return true;
  return t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0 || t.rfind("www.", 0) == 0;
}

// The text of a list entry without leading section numbers ("1.", "2.3",
// "1)"), folded.
std::string without_numbers(std::string_view text) {
  const std::string folded = fold_text(text);
  std::vector<std::string_view> toks = fold_tokens(folded);
  size_t i = 0;
  while (i < toks.size() && is_number(toks[i])) ++i;
  std::string out;
  for (; i < toks.size(); ++i) {
    if (!out.empty()) out += ' ';
    out.append(toks[i]);
  }
  return out;
}

// How many number groups open the line: "1. 1. Summary" 2, "4. 6.4. (4)
// Comment" 2 (a section's "6.4" is one), "3 Comments" 1, "1. 1句话" 1.
size_t leading_numbers(std::string_view text) {
  text = trim(text);
  size_t groups = 0, i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') ||
                               (text[i] == '.' && i + 1 < text.size() && text[i + 1] >= '0' &&
                                text[i + 1] <= '9'))) {
      ++i;
    }
    // A number opens the text when a stop, a bracket or a space ends it
    // ("1句话" is the heading's first word).
    if (i < text.size() && text[i] != '.' && text[i] != ')' && text[i] != ' ') break;
    ++groups;
    if (i < text.size() && (text[i] == '.' || text[i] == ')')) ++i;
    while (i < text.size() && text[i] == ' ') ++i;
  }
  return groups;
}

bool has_digit(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if ((c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9)) {
      return true;
    }
  }
  return false;
}

bool starts_with_number(std::string_view text) {
  return !text.empty() && text[0] >= '0' && text[0] <= '9';
}

// Entries of a table of contents listing the page's own headings: a run
// of two or more consecutive lines, each starting with a number and
// repeating (numbers aside) a line found elsewhere on the page.
void mark_page_toc(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  std::vector<std::string> bare(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) bare[i] = without_numbers(blocks[i].text);
  // The first and last line of each text: a page of thousands of numbered
  // lines stays linear.
  std::unordered_map<std::string_view, std::pair<size_t, size_t>> span;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (bare[i].empty()) continue;
    auto [it, fresh] = span.try_emplace(bare[i], i, i);
    if (!fresh) it->second.second = i;
  }
  // Whether line i's text stands on a line other than i and its neighbours.
  auto occurs_elsewhere = [&](size_t i) {
    if (bare[i].empty()) return false;
    const auto [first, last] = span.find(bare[i])->second;
    return first + 1 < i || last > i + 1;
  };
  auto repeated_elsewhere = [&](size_t i) {
    return starts_with_number(blocks[i].text) && occurs_elsewhere(i);
  };
  // A list the text introduces is the author's outline, not the page's
  // table of contents: the line before it, past a blank line, is text of
  // sentence length (not a label such as "Contents", not a heading the
  // list names, not an entry of a list before it).
  auto introduced = [&](size_t i) {
    const size_t up = above(out, i);
    if (up == 0 || blocks[i].line <= blocks[up - 1].line + 1) return false;
    const size_t p = up - 1;
    if (out[p].chrome || blocks[p].kind == BlockKind::kPre || starts_with_number(blocks[p].text) ||
        count_words(blocks[p].text, 8) < 8 || occurs_elsewhere(p)) {
      return false;
    }
    const size_t before = above(out, p);
    return before == 0 || !starts_with_number(blocks[before - 1].text);
  };
  size_t i = 0;
  while (i < blocks.size()) {
    size_t j = i;
    while (j < blocks.size() && repeated_elsewhere(j) &&
           (j == i || blocks[j].line == blocks[j - 1].line + 1)) {
      ++j;
    }
    // One entry alone counts when numbered twice over, as a contents
    // widget numbers its list and each entry ("1. 1. Summary", "4. 6.4.
    // Comment"): an author's list item that repeats a heading has one.
    const bool numbered_twice = j - i == 1 && leading_numbers(blocks[i].text) >= 2;
    if ((j - i >= 2 || numbered_twice) && !introduced(i)) {
      for (size_t k = i; k < j; ++k) out[k] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
    }
    i = std::max(j, i + 1);
  }
}

// A short line over a run of chrome entries is the title of a widget: the
// blocks after it, up to the next blank line after the first run, are all
// chrome (at least two of them).
void mark_widget_titles(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  for (size_t i = 0; i + 1 < blocks.size(); ++i) {
    if (out[i].chrome || blocks[i].kind == BlockKind::kPre) continue;
    if (count_words(blocks[i].text, 4) > 4 || looks_like_prose(blocks[i].text)) continue;
    // A title is a label: a line with a number in it is a date, a count,
    // a signature. And it follows chrome (the widget before, the post's
    // footer): a short line right after content ends that content.
    if (has_digit(blocks[i].text)) continue;
    const size_t up = above(out, i);
    if (up > 0 && !out[up - 1].chrome) continue;
    size_t j = i + 1;
    size_t n = 0;
    bool all_chrome = true;
    while (j < blocks.size()) {
      if (j > i + 1 && blocks[j].line != blocks[j - 1].line + 1) break;
      all_chrome = all_chrome && out[j].chrome;
      ++n;
      ++j;
    }
    if (all_chrome && n >= 2) out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
  }
}

}  // namespace

bool is_toc_line(std::string_view text) {
  // Strip the page number at the end, then the leader before it.
  size_t end = text.size();
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t digits = end;
  while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') --digits;
  if (digits == end || end - digits > 4) return false;
  size_t i = digits;
  int dots = 0;
  while (i > 0) {
    const char c = text[i - 1];
    if (c == '.' || c == '_') {
      ++dots;
      --i;
    } else if (c == ' ') {
      --i;
    } else if (i >= 3 && text.substr(i - 3, 3) == "\xE2\x80\xA6") {  // U+2026
      dots += 3;
      i -= 3;
    } else if (i >= 2 && text.substr(i - 2, 2) == "\xC2\xB7") {  // U+00B7
      ++dots;
      i -= 2;
    } else {
      break;
    }
  }
  return dots >= 3 && i > 0;
}

bool is_comment_count(std::string_view text) {
  // A line that opens with a number in brackets or before a full stop
  // numbers a section ("5. Response", "(4) Comment", "2) Comments on the
  // draft"); a count is a number standing alone ("12 Comments").
  std::string_view lead = trim(text);
  bool bracket = false;
  for (std::string_view open : {"(", "\xEF\xBC\x88"}) {  // "(" and the fullwidth one
    if (lead.starts_with(open)) {
      lead.remove_prefix(open.size());
      bracket = true;
    }
  }
  size_t digits = 0;
  while (digits < lead.size() && lead[digits] >= '0' && lead[digits] <= '9') ++digits;
  if (digits > 0) {
    const std::string_view after = lead.substr(digits);
    // ")" and the fullwidth one; "." and the ideographic comma.
    const bool closed = after.starts_with(")") || after.starts_with("\xEF\xBC\x89");
    if (closed || (!bracket && (after.starts_with(".") || after.starts_with("\xE3\x80\x81")))) {
      return false;
    }
  }
  const std::string folded = fold_text(text);
  std::vector<std::string_view> toks = fold_tokens(folded);
  if (toks.empty() || toks.size() > 16) return false;
  // "12 Responses to “Off we go”", "One thought on …": the title after
  // "to" or "on" may end a sentence ("One Response to Goodbye Africa; here
  // we come!").
  if (toks.size() > 4) {
    return (is_number(toks[0]) || contains(kNone, toks[0])) && contains(kCommentWords, toks[1]) &&
           (toks[2] == "to" || toks[2] == "on" || !looks_like_prose(text));
  }
  bool word = false, count = false;
  for (std::string_view t : toks) {
    word = word || contains(kCommentWords, t);
    count = count || is_number(t) || contains(kNone, t);
  }
  return word && count;
}

// A post's meta line of a few short parts (split by a spaced | / · or •),
// one of them about its comments -- "Posted in Travel | 3 Comments", "May
// 2, 2009 · Leave a comment", "Tags: rain, sea | Comments Off": an "N
// comments" count, or a later part that starts with a comment word or is
// a short phrase (four words at most) ending in one -- or, among three
// parts or more, the post's date.
bool is_meta_line(std::string_view text) {
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    if (text[i] == '|' || text[i] == '/') {
      len = 1;
    } else if (text.compare(i, 2, "\xC2\xB7") == 0) {  // U+00B7 middle dot
      len = 2;
    } else if (text.compare(i, 3, "\xE2\x80\xA2") == 0) {  // U+2022 bullet
      len = 3;
    }
    const bool spaced = len > 0 && i > 0 && text[i - 1] == ' ' && i + len < text.size() &&
                        text[i + len] == ' ';
    if (spaced) {
      parts.push_back(std::move(cur));
      cur.clear();
      i += len;
    } else {
      cur += text[i++];
    }
  }
  parts.push_back(std::move(cur));
  if (parts.size() < 2 || parts.size() > 6) return false;
  bool comments = false, dated = false;
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string folded = fold_text(parts[k]);
    std::vector<std::string_view> toks = fold_tokens(folded);
    if (toks.empty()) continue;
    // A part is short and no sentence ("... the Request / Response headers
    // with it, so the cache knows.").
    if (toks.size() > 12 || count_words(parts[k], 13) > 12 || looks_like_prose(parts[k])) {
      return false;
    }
    comments = comments || is_comment_count(parts[k]) ||
               (k > 0 && (contains(kCommentWords, toks.front()) ||
                          (toks.size() <= 4 && contains(kCommentWords, toks.back()))));
    dated = dated || is_date_line(parts[k]);
  }
  // Or three parts or more, one of them the post's date: "Posted by will /
  // June 22, 2009 / Posted in linux, tv".
  return comments || (dated && parts.size() >= 3);
}

// Lower case for the cased scripts fold_text leaves as they are:
// Latin-1, Greek and Cyrillic capitals ("Сподели" -> "сподели").
std::string lower_cased_scripts(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    char32_t c = next_code_point(text, i);
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB) ||
        (c >= 0x410 && c <= 0x42F)) {
      c += 0x20;
    } else if (c >= 0x400 && c <= 0x40F) {
      c += 0x50;
    }
    append_utf8(out, c);
  }
  return out;
}

bool is_share_bar(std::string_view text) {
  const std::string folded = fold_text(lower_cased_scripts(text));
  std::vector<std::string_view> toks = fold_tokens(folded);
  if (toks.empty() || toks.size() > 12) return false;
  bool target = false;
  for (std::string_view t : toks) {
    if (!contains(kShareWords, t)) return false;
    target = target || contains(kShareTargets, t);
  }
  return target;
}

bool is_address_line(std::string_view text) {
  bool address = false;
  size_t i = 0;
  for (std::string_view raw : split(text, ' ')) {
    std::string_view t = trim(raw);
    if (t.empty()) continue;
    if (address_token(t)) {
      address = true;
    } else {
      const std::string folded_part = fold_text(t);
      std::vector<std::string_view> parts = fold_tokens(folded_part);
      // Labels before the first address; separators anywhere.
      for (std::string_view p : parts) {
        if (address || !contains(kAddressLabels, p)) return false;
      }
    }
    ++i;
  }
  return address && i <= 8;
}

bool is_placeholder(std::string_view text) {
  text = trim(text);
  // An image shown by a generic alt text ("image", "Screenshot", "图片"):
  // a line that is that one word.
  if (!text.empty() && text.front() != '[' && text.size() <= 24 &&
      text.find(' ') == std::string_view::npos) {
    const std::string folded = fold_text(lower_cased_scripts(text));
    return contains(kImageWords, folded);
  }
  // w3m prints a plugin's <embed> (a video, a slideshow) as
  // "embed(<its address>)".
  if (text.starts_with("embed(") && text.ends_with(")")) {
    for (std::string_view part : split(text, ' ')) {
      if (!part.empty() && (!part.starts_with("embed(") || !part.ends_with(")"))) return false;
    }
    return true;
  }
  if (text.size() < 3 || text.front() != '[') return false;
  // An aside in brackets is the author's ("[This session lasted ten
  // seconds. Then I fell off – B]"): no alt text runs to sentences.
  if (looks_like_prose(text)) return false;
  int depth = 0;
  for (char c : text) {
    if (c == '[') {
      if (depth++ > 0) return false;
    } else if (c == ']') {
      if (--depth < 0) return false;
    } else if (depth == 0 && c != ' ') {
      return false;
    }
  }
  return depth == 0;
}

bool is_form_line(std::string_view text) {
  text = trim(text);
  bool blank_field = false;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('[', i);
    std::string_view label = trim(text.substr(i, open == std::string_view::npos ? text.npos : open - i));
    // Outside the fields only labels: "Your email:", "Search for:".
    if (!label.empty() && (!label.ends_with(':') || count_words(label, 5) > 4)) return false;
    if (open == std::string_view::npos) break;
    const size_t close = text.find(']', open);
    if (close == std::string_view::npos) return false;
    blank_field = blank_field || trim(text.substr(open + 1, close - open - 1)).empty();
    i = close + 1;
  }
  return blank_field;
}

bool is_pagination(std::string_view text) {
  const std::string folded = fold_text(text);
  std::vector<std::string_view> toks = fold_tokens(folded);
  if (toks.empty() || toks.size() > 16) return false;
  int numbers = 0;
  for (std::string_view t : toks) {
    if (is_number(t)) {
      ++numbers;
    } else if (!contains(kPageWords, t)) {
      return false;
    }
  }
  return numbers >= 2 || (numbers == 1 && toks.size() >= 2);
}

namespace {

// Arrows that open or close a link. Guillemets also quote speech («Yes»,
// she said): as arrows they stand apart from the words ("« Older",
// "Newer »").
constexpr std::string_view kArrowStart[] = {"\xE2\x86\x90", "\xC2\xAB ", "\xE2\x80\xB9 ",
                                            "<< ", "<-"};
constexpr std::string_view kArrowEnd[] = {"\xE2\x86\x92", " \xC2\xBB", " \xE2\x80\xBA", " >>",
                                          "->"};

// The longest "← Older posts" or "Next post: <title> →" line, in words.
constexpr size_t kNavArrowWords = 12;

bool ends_with_arrow(std::string_view text) {
  return std::any_of(std::begin(kArrowEnd), std::end(kArrowEnd),
                     [&](std::string_view a) { return text.ends_with(a); });
}

}  // namespace

bool is_nav_arrow(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  bool start = false;
  for (std::string_view a : kArrowStart) start = start || text.starts_with(a);
  const bool end = ends_with_arrow(text);
  // "← Older posts", "Next post →"; "« Previous title Next title »" holds
  // two titles and may be longer.
  const size_t words = count_words(text, 40);
  return ((start || end) && words <= kNavArrowWords) || (start && end && words <= 40);
}

bool is_refresh_notice(std::string_view text) {
  // A browser's rendering of <meta http-equiv=refresh> sending the reader
  // on at once: "Refresh (0 sec) URL".
  text = trim(text);
  return text.rfind("Refresh (0 sec) ", 0) == 0 || text.rfind("Refresh (1 sec) ", 0) == 0;
}

namespace {

// Whether the folded tokens hold a year and a day number (holds_date).
bool date_tokens(const std::vector<std::string_view>& toks) {
  bool year = false, day = false;
  for (std::string_view t : toks) {
    long v = 0;
    size_t digits = 0;
    for (size_t i = 0; i < t.size();) {
      char32_t c = next_code_point(t, i);
      int d = c >= '0' && c <= '9'       ? static_cast<int>(c - '0')
              : c >= 0x660 && c <= 0x669 ? static_cast<int>(c - 0x660)
              : c >= 0x6F0 && c <= 0x6F9 ? static_cast<int>(c - 0x6F0)
                                         : -1;
      if (d < 0) {
        digits = 0;
        break;
      }
      v = v * 10 + d;
      ++digits;
    }
    if (digits == 4 && ((v >= 1900 && v <= 2099) || (v >= 1300 && v <= 1500))) {
      year = true;
    } else if (digits >= 1 && digits <= 2 && v >= 1 && v <= 31) {
      day = true;
    }
  }
  return year && day;
}

}  // namespace

bool is_date_line(std::string_view text) {
  if (looks_like_prose(text)) return false;
  // A path or address holds its date ("/wp-content/uploads/2010/10/x.tar.gz").
  const std::string_view t = trim(text);
  if (t.starts_with("/") || t.starts_with("www.") || t.find("://") != std::string_view::npos)
    return false;
  const std::string folded = fold_text(text);
  const std::vector<std::string_view> toks = fold_tokens(folded);
  return !toks.empty() && toks.size() <= 16 && date_tokens(toks);
}

bool holds_date(std::string_view text) {
  const std::string folded = fold_text(text);
  return date_tokens(fold_tokens(folded));
}

namespace {

// A softly recurring line next to chrome is chrome, and so on along a run
// of softly recurring lines: the post template's lines ("Posted in",
// "Comments are closed.") sit in the post footer, while a paragraph that
// several posts share sits between their own paragraphs.
void spread_soft(const std::vector<Recurrence>& level, std::vector<BlockVerdict>& out) {
  const size_t n = out.size();
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (out[i].chrome || level[i] != Recurrence::kSoft) continue;
      // Neighbours past image placeholders and empty lines.
      const size_t up = above(out, i), down = below(out, i + 1);
      if ((up > 0 && out[up - 1].chrome) || (down < n && out[down].chrome)) {
        out[i] = BlockVerdict{true, Reason::kSiteRecurrence, 0};
        changed = true;
      }
    }
  }
}

// A short line that is not prose, with chrome right above and below it,
// is a leftover of the template (a date, a tag list, a comment's author):
// chrome. The first content line of the page (its headline) is spared.
void mark_shut_in(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  const size_t n = blocks.size();
  std::vector<bool> shut(n, false);
  bool seen_content = false;
  for (size_t i = 0; i < n; ++i) {
    if (out[i].chrome) continue;
    const bool first = !seen_content;
    seen_content = true;
    if (first || blocks[i].kind == BlockKind::kPre) continue;
    // Neighbours, looking past image placeholders and empty lines: an
    // image between a paragraph and the post footer does not shut it in.
    const size_t up = above(out, i), down = below(out, i + 1);
    if (up == 0 || down >= n || !out[up - 1].chrome || !out[down].chrome) continue;
    if (count_words(blocks[i].text, 8) > 8 || looks_like_prose(blocks[i].text)) continue;
    shut[i] = true;
  }
  for (size_t i = 0; i < n; ++i)
    if (shut[i]) out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
}

}  // namespace

// A time as feeds and mail write it: "13:46:16 +0000" (RFC 822).
bool has_feed_time(std::string_view text) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > text.size()) return false;
    for (size_t k = at; k < at + n; ++k)
      if (text[k] < '0' || text[k] > '9') return false;
    return true;
  };
  for (size_t i = 0; i + 14 <= text.size(); ++i) {
    if (digits(i, 2) && text[i + 2] == ':' && digits(i + 3, 2) && text[i + 5] == ':' &&
        digits(i + 6, 2) && text[i + 8] == ' ' && (text[i + 9] == '+' || text[i + 9] == '-') &&
        digits(i + 10, 4)) {
      return true;
    }
  }
  return false;
}

namespace {

// A redirect stub, a feed (XML shown as text leaves the "]]>" ends of its
// CDATA sections on two or more lines) or a JSON document.
bool not_a_page(const parser::ParsedPage& page) {
  const auto& blocks = page.blocks;
  for (size_t i = 0; i < blocks.size() && i < 8; ++i)
    if (is_refresh_notice(blocks[i].text)) return true;
  if (!blocks.empty()) {
    std::string_view first = trim(blocks.front().text);
    if (first.rfind("{\"", 0) == 0 || first.rfind("[{", 0) == 0) return true;
  }
  int cdata = 0;
  for (const Block& b : blocks) {
    for (size_t at = b.text.find("]]>"); at != std::string::npos; at = b.text.find("]]>", at + 3)) {
      ++cdata;
    }
  }
  // A feed of one item has one "]]>"; its channel's dates, in the feed's
  // own format, open it. A feed of no item is that channel line alone.
  return cdata >= 2 || (!blocks.empty() && has_feed_time(blocks.front().text) &&
                        (cdata == 1 || blocks.size() == 1));
}

// An index of names and dates (a tag or category page, an archive by
// month): every line the page keeps is a short label (six words at most,
// no sentence end) or a date line, two or more are dates and they make a
// third of the lines, or the page keeps one label and one date (an index
// of one entry). Nothing on it is text of its own.
void mark_date_lists(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  size_t lines = 0, dates = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (out[i].chrome) continue;
    if (blocks[i].kind == BlockKind::kPre) return;
    std::string_view t = trim(blocks[i].text);
    ++lines;
    if (is_date_line(t)) {
      ++dates;
      continue;
    }
    if (count_words(t, 7) > 6) return;
    for (std::string_view end : {".", "!", "?", "\xD8\x9F", "\xDB\x94", "\xE3\x80\x82"}) {
      if (t.find(end) != std::string_view::npos) return;
    }
  }
  // Two or more dates; or a page of one entry, its name and its date.
  if (!(dates >= 2 && dates * 3 >= lines) && !(dates == 1 && lines == 2)) return;
  for (BlockVerdict& v : out)
    if (!v.chrome) v = BlockVerdict{true, Reason::kBoilerplateLine, 0};
}

bool is_section_break(std::string_view text) {
  std::string_view t = trim(text);
  return !t.empty() && t.size() <= 40 && std::all_of(t.begin(), t.end(), [](char c) {
    return c == '*' || c == '-' || c == '~' || c == '.' || c == ' ';
  });
}

bool ends_sentence(std::string_view t);  // below

// Date and byline lines ("Sat Sep 24, 2016 in Nature", "28. 01. 2011")
// among the first three lines the page keeps, outside its prose (the
// headline's or the post's meta) or right under a line that recurs on
// other pages (a listed post's title and its date); never the last line
// kept (a poem's closing date is part of it), nor one that only the
// author's place follows (one or two short lines, no date: "Saturday 13
// Tir 1388" / "Mashhad", a sign-off), nor one that a section break and
// more text follow (the sign-off of one poem of several).
void mark_dates(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  std::vector<size_t> kept;
  size_t first_prose = blocks.size(), last_prose = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (out[i].chrome) continue;
    kept.push_back(i);
    if (looks_like_prose(blocks[i].text)) {
      first_prose = std::min(first_prose, i);
      last_prose = i;
    }
  }
  // A line of the author's place under a sign-off date: one to four
  // words, no date.
  auto place_line = [&](size_t m) {
    const Block& b = blocks[kept[m]];
    return b.kind == BlockKind::kParagraph && count_words(b.text, 5) <= 4 &&
           !looks_like_prose(b.text) && !holds_date(b.text);
  };
  // Per kept line: whether it or one under it reads as text (a line of
  // sentence length or one that ends a sentence).
  std::vector<char> text_from(kept.size() + 1, 0);
  for (size_t m = kept.size(); m-- > 0;) {
    const std::string_view t = trim(blocks[kept[m]].text);
    text_from[m] = text_from[m + 1] || count_words(t, 8) >= 8 || ends_sentence(t);
  }
  for (size_t k = 0; k + 1 < kept.size(); ++k) {
    const size_t i = kept[k];
    if (blocks[i].kind == BlockKind::kPre || !is_date_line(blocks[i].text)) continue;
    bool signed_off = kept.size() - k - 1 <= 2;
    for (size_t m = k + 1; m < kept.size() && signed_off; ++m) signed_off = place_line(m);
    // Right after it or past the place's lines, a section break and more
    // text.
    for (size_t m = k + 1; m < kept.size() && m <= k + 3 && !signed_off; ++m) {
      for (size_t j = kept[m - 1] + 1; j < kept[m]; ++j)
        signed_off = signed_off || is_section_break(blocks[j].text);
      if (!place_line(m)) break;
    }
    const bool head = k < 3 || (i < first_prose && !signed_off);
    // Past the last prose, unless text goes on under it: a line of
    // sentence length or one that ends a sentence ("Update 24.10.2011" /
    // "All the videos are online. Great!").
    const bool foot =
        first_prose < blocks.size() && i > last_prose && !signed_off && !text_from[k + 1];
    const size_t up = above(out, i);
    const bool listed = up > 0 && out[up - 1].reason == Reason::kSiteRecurrence;
    if (head || foot || listed) out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
  }
}

// A listing's teasers: lines of prose that each end with an arrow onward
// ("... more >>", "... Continue reading →"; in right-to-left text "...
// بیشتر بخوانید ←"), two or more on a page, or one that is the page's only
// text. The text goes on elsewhere; here it is the listing's furniture. A
// teaser may be a phrase without a full stop ("Spotting lions on the
// northern circuit Continue reading →"): a line longer than a navigation
// arrow's title counts too.
void mark_teasers(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  std::vector<size_t> teasers;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (out[i].chrome || blocks[i].kind == BlockKind::kPre) continue;
    std::string_view t = trim(blocks[i].text);
    if ((ends_with_arrow(t) || t.ends_with(" \xE2\x86\x90")) &&
        (looks_like_prose(t) || count_words(t, kNavArrowWords + 1) > kNavArrowWords)) {
      teasers.push_back(i);
    }
  }
  // One teaser is a listing's when it is the page's only text (a month's
  // archive holding one post); in an article it may be the text's own
  // ("Full guide: using it in your editor →").
  if (teasers.size() == 1) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (i == teasers[0] || out[i].chrome || blocks[i].kind == BlockKind::kHeading) continue;
      if (looks_like_prose(blocks[i].text) || count_words(blocks[i].text, 9) > 8) return;
    }
  }
  if (teasers.empty()) return;
  for (size_t i : teasers) out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
}

// A comments section: after the one "N comments" header of a page that has
// content above it, everything the template did not already mark is
// readers' comments.
void mark_comments(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  size_t header = blocks.size(), headers = 0;
  bool content_before = false, content = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind != BlockKind::kPre && is_comment_count(blocks[i].text)) {
      ++headers;
      if (header == blocks.size()) {
        header = i;
        content_before = content;
      }
    } else if (!out[i].chrome) {
      content = true;
    }
  }
  if (headers != 1 || !content_before) return;
  for (size_t i = header + 1; i < blocks.size(); ++i) {
    if (!out[i].chrome) out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
  }
}

// A line that ends as a sentence or a quotation does ("Nom, nom, nom.",
// "...", a closing quote), in the scripts of the dev and fixture sets. A
// question mark is left out: an alt text may ask ("Sydney: A parallel
// universe?").
bool ends_with_colon(std::string_view t) { return t.ends_with(":") || t.ends_with("\xEF\xBC\x9A"); }

bool ends_sentence(std::string_view t) {
  for (std::string_view end : {".", "!", "\xE2\x80\xA6", "\"", "\xE2\x80\x9D", "\xC2\xBB",
                               "\xE3\x80\x82", "\xEF\xBC\x81", "\xDB\x94"}) {
    if (t.ends_with(end)) return true;
  }
  return false;
}

// An image's alt text after the sentence that shows it: a short line
// standing alone (no sentence end, blank lines around it) right under a
// paragraph that ends in a colon ("We found the busiest campsite we have
// ever seen:" / "Streaky Bay fishing trip") with text going on under it,
// when the page prints that line three times or more. A table's header
// after its introduction has another cell under it; a subheading printed
// once after a colon stays.
void mark_shown_alt_texts(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  const size_t n = blocks.size();
  std::unordered_map<std::string_view, int> shown, times;
  std::vector<std::string_view> line(n);
  for (size_t i = 1; i < n; ++i) {
    if (out[i].chrome || blocks[i].kind != BlockKind::kParagraph) continue;
    std::string_view t = trim(blocks[i].text);
    if (t.empty() || count_words(t, 9) > 8 || ends_sentence(t) || ends_with_colon(t)) continue;
    line[i] = t;
    ++times[t];
    const size_t up = above(out, i);
    if (up == 0 || out[up - 1].chrome || blocks[up - 1].line + 1 >= blocks[i].line) continue;
    std::string_view prev = trim(blocks[up - 1].text);
    // Text goes on under it (under a table's header, another cell).
    const size_t down = below(out, i + 1);
    const bool text_under = down < n && (count_words(blocks[down].text, 9) > 8 ||
                                         ends_sentence(trim(blocks[down].text)));
    if (ends_with_colon(prev) && count_words(prev, 8) >= 8 && text_under) ++shown[t];
  }
  for (size_t i = 0; i < n; ++i) {
    if (!line[i].empty() && shown.contains(line[i]) && times[line[i]] >= 3) {
      out[i] = BlockVerdict{true, Reason::kEmpty, 0};
    }
  }
}

// An image named by its file ("screenshot-from-2016-11-30-13-40-23",
// "heating_pcb", "IMG_0208"): one token of lower-case letters and digits
// joined by "_", or by "-" with a digit in it, or a camera's capitals and
// number. Words joined by hyphens alone ("e-mail", a package's
// "linux-firmware-nonfree") are as often the author's.
bool is_file_stem(std::string_view t) {
  if (t.size() < 5 || t.size() > 80) return false;
  int under = 0, hyphen = 0, digit = 0, lower = 0, upper = 0;
  for (char c : t) {
    if (c == '_') {
      ++under;
    } else if (c == '-') {
      ++hyphen;
    } else if (c >= '0' && c <= '9') {
      ++digit;
    } else if (c >= 'a' && c <= 'z') {
      ++lower;
    } else if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else {
      return false;
    }
  }
  if (t.front() == '_' || t.front() == '-' || t.back() == '_' || t.back() == '-') return false;
  if (upper) {  // IMG_0208, DSC01234
    size_t k = 0;
    while (k < t.size() && t[k] >= 'A' && t[k] <= 'Z') ++k;
    if (k < 2 || k > 4 || lower) return false;
    if (k < t.size() && (t[k] == '_' || t[k] == '-')) ++k;
    return t.size() - k >= 3 && t.find_first_not_of("0123456789", k) == std::string_view::npos;
  }
  return lower > 0 && (under > 0 || (hyphen > 0 && digit > 0));
}

// Images named by their files, standing alone (blank lines around them)
// between paragraphs of prose (past other such lines), or under the last
// one: the alt text WordPress fills in from the file's name. Inside code
// (a preformatted block, a line glued to others) such a token is the
// code's; a token that the page's other lines name is their subject (a
// subheading "allow_redirects" over "allow_redirects decides
// whether..."); under a line that is no prose it is a cell of a table.
constexpr size_t kMaxFileStems = 64;

void mark_file_stems(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  const size_t n = blocks.size();
  std::vector<char> stem(n, 0);
  for (size_t i = 0; i < n; ++i) {
    stem[i] = !out[i].chrome && blocks[i].kind == BlockKind::kParagraph &&
              is_file_stem(trim(blocks[i].text));
  }
  auto apart = [&](size_t a, size_t b) { return blocks[a].line + 1 < blocks[b].line; };
  auto prose = [&](size_t i) {
    return !out[i].chrome && blocks[i].kind == BlockKind::kParagraph &&
           (count_words(blocks[i].text, 8) >= 8 || looks_like_prose(blocks[i].text));
  };
  // Past empty lines and other such names: where the run around each line
  // starts (up) and ends (down), in one pass each way.
  auto skip = [&](size_t j) { return out[j].reason == Reason::kEmpty || stem[j]; };
  std::vector<size_t> up(n), down(n);
  for (size_t i = 0; i < n; ++i) up[i] = i > 0 && skip(i - 1) ? up[i - 1] : i;
  for (size_t i = n; i-- > 0;) down[i] = i + 1 < n && skip(i + 1) ? down[i + 1] : i + 1;
  std::vector<size_t> found;
  for (size_t i = 0; i < n; ++i) {
    if (!stem[i]) continue;
    const bool alone = (i == 0 || apart(i - 1, i)) && (i + 1 >= n || apart(i, i + 1));
    const bool by_prose = (up[i] > 0 && prose(up[i] - 1)) && (down[i] >= n || prose(down[i]));
    if (alone && by_prose) found.push_back(i);
  }
  // Each is looked for in the page's other lines: a bounded number, so a
  // page of thousands of such lines costs no more than a few passes (past
  // the bound they stay).
  if (found.size() > kMaxFileStems) return;
  for (size_t i : found) {
    const std::string_view t = trim(blocks[i].text);
    bool named = false;
    for (size_t k = 0; k < n && !named; ++k)
      named = k != i && blocks[k].text.find(t) != std::string::npos;
    if (!named) out[i] = BlockVerdict{true, Reason::kEmpty, 0};
  }
}

// An image's alt text under its caption: a short line (six words at
// most, no sentence end) that a page prints three or more times, each time
// right under another line with no blank line between ("On the first day
// we got up early" / "On Safari" under every photo of a gallery). The same
// line standing alone under a blank line (a subheading repeated per
// section) stays.
void mark_repeated_alt_texts(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  auto glued = [&](size_t i) {
    return i > 0 && blocks[i].line > 0 && blocks[i].line == blocks[i - 1].line + 1 &&
           blocks[i - 1].kind != BlockKind::kPre;
  };
  std::vector<std::string_view> line(blocks.size());  // "" when no candidate
  std::unordered_map<std::string_view, int> times;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (out[i].chrome || blocks[i].kind != BlockKind::kParagraph || !glued(i)) continue;
    std::string_view t = trim(blocks[i].text);
    if (t.empty() || count_words(t, 7) > 6 || ends_sentence(t)) continue;
    line[i] = t;
    ++times[t];
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!line[i].empty() && times[line[i]] >= 3) out[i] = BlockVerdict{true, Reason::kEmpty, 0};
  }
}

}  // namespace

// A section break ("***", "* * *", "-----") between two kept lines is part
// of the text, though it has no letter.
void keep_section_breaks(const parser::ParsedPage& page, std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  for (size_t i = 1; i + 1 < blocks.size(); ++i) {
    if (out[i].reason != Reason::kEmpty || out[i - 1].chrome || out[i + 1].chrome) continue;
    if (is_section_break(blocks[i].text)) out[i] = BlockVerdict{};
  }
}

void apply_line_rules(const parser::ParsedPage& page, const std::vector<Recurrence>& level,
                      std::vector<BlockVerdict>& out) {
  const auto& blocks = page.blocks;
  // Pages that are not pages: a redirect stub ("Refresh (0 sec) /new/"),
  // whose target holds the text; a feed or a JSON API answer saved under a
  // page's name. Nothing on them is content.
  if (not_a_page(page)) {
    for (BlockVerdict& v : out)
      if (!v.chrome) v = BlockVerdict{true, Reason::kBoilerplateLine, 0};
    return;
  }
  // The last line that reads as prose and is not chrome: footers are below
  // it. An address line there, under chrome, is a footer's.
  size_t last_prose = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!out[i].chrome && looks_like_prose(blocks[i].text)) last_prose = i + 1;
  }
  // Whether the line above, past empty lines, is chrome.
  auto after_chrome = [&](size_t i) {
    const size_t up = above(out, i);
    return up > 0 && out[up - 1].chrome;
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (out[i].chrome || blocks[i].kind == BlockKind::kPre) continue;
    std::string_view t = blocks[i].text;
    if (is_placeholder(t) || is_form_line(t)) {
      out[i] = BlockVerdict{true, Reason::kEmpty, 0};
    } else if (is_toc_line(t) || is_comment_count(t) || is_meta_line(t) || is_share_bar(t) ||
               is_pagination(t) ||
               is_nav_arrow(t) || is_refresh_notice(t) ||
               (i >= last_prose && i > 0 && out[i - 1].chrome && is_address_line(t)) ||
               ((i >= last_prose || after_chrome(i)) && is_boilerplate_line(t))) {
      out[i] = BlockVerdict{true, Reason::kBoilerplateLine, 0};
    }
  }
  mark_comments(page, out);
  mark_repeated_alt_texts(page, out);
  mark_shown_alt_texts(page, out);
  mark_file_stems(page, out);
  mark_teasers(page, out);
  mark_page_toc(page, out);
  spread_soft(level, out);
  mark_date_lists(page, out);
  mark_dates(page, out);
  mark_shut_in(page, out);
  mark_widget_titles(page, out);
  keep_section_breaks(page, out);
}

}  // namespace winnow::chrome::internal

namespace winnow::chrome {

bool is_date_line(std::string_view text) { return internal::is_date_line(text); }

}  // namespace winnow::chrome
