// dump_model.cc: DumpModel -- site-wide chrome for text dumps (pages read
// with parse_text: a browser's rendering of every page, menus, sidebars
// and footers included). Learns which lines recur across the folder, then
// judges each line of a page by that recurrence, by where it sits on the
// page and by the line rules of chrome/dump_lines.cc. Rules and reasons:
// docs/internals/chrome.md ("Text dumps").
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <unordered_map>

#include "chrome/chrome.h"
#include "chrome/dump_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome {
namespace {

using parser::Block;
using parser::ParsedPage;

constexpr uint64_t kSeedText = 0x51ed270b27b2e5a1ull;
constexpr uint64_t kSeedDigits = 0x2545f4914f6cdd1dull;
constexpr uint64_t kSeedHead = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kSeedFirst = 0x7f4a7c159e3779b9ull;
constexpr uint64_t kSeedLabel = 0xc2b2ae3d27d4eb4full;
constexpr uint64_t kSeedCrumb = 0x94d049bb133111ebull;
constexpr uint64_t kSeedNamed = 0xbf58476d1ce4e5b9ull;
// Short lines (2..14 tokens) also count under their first 3 tokens with
// digits folded ("Posted by will / May 8, 2009", "Posted by will / June
// 1, 2010" are one key).
constexpr size_t kHeadTokens = 3;
constexpr size_t kMaxShortTokens = 14;

struct KeyStat {
  uint32_t pages = 0;       // distinct pages carrying the key
  uint32_t first_page = 0;  // the group's page number when first seen
  bool long_line = false;   // a text key of a line of kLongLine+ characters
};

// Lines of at least this many characters estimate how many pages the site
// copies its content to (see copies_floor).
constexpr size_t kLongLine = 60;
// The share of long lines on no more pages than the estimate: the 90th
// percentile, so the few long chrome lines (a footer notice) do not move it.
constexpr double kCopiesPercentile = 0.9;
// Soft recurrence (DumpModel::Impl::recurs): on this fraction of a group's
// pages, and more than content is copied to.
constexpr double kSoftFraction = 0.05;

struct Group {
  int64_t pages = 0;
  std::unordered_map<uint64_t, KeyStat> keys;
};

// The items of a line that lists things ("linux, tv", "Tags: rain، sea"),
// split at , | / the middle dot, the bullet, the Arabic-script comma "،",
// the ideographic "、" and the fullwidth "，"; a short label before a
// colon (three words at most: "Tags:", "برچسب‌ها:", "标签：") goes to
// *label.
std::vector<std::string_view> list_items(std::string_view text, std::string_view* label) {
  *label = {};
  for (std::string_view colon : {": ", "\xEF\xBC\x9A"}) {  // ":", fullwidth "："
    const size_t at = text.find(colon);
    if (at != std::string_view::npos && at > 0 && count_words(text.substr(0, at), 4) <= 3) {
      *label = trim(text.substr(0, at));
      text = text.substr(at + colon.size());
      break;
    }
  }
  static constexpr std::string_view kSeps[] = {",", "|", "/", "\xC2\xB7", "\xE2\x80\xA2",
                                               "\xD8\x8C", "\xE3\x80\x81", "\xEF\xBC\x8C"};
  std::vector<std::string_view> items;
  size_t start = 0;
  for (size_t i = 0; i <= text.size();) {
    size_t len = i == text.size() ? 1 : 0;
    for (std::string_view sep : kSeps) {
      if (len == 0 && text.substr(i, sep.size()) == sep) len = sep.size();
    }
    if (len == 0) {
      ++i;
      continue;
    }
    std::string_view item = trim(text.substr(start, i - start));
    if (!item.empty()) items.push_back(item);
    i += len;
    start = i;
  }
  return items;
}

// A post template's labelled list ("Tags: a, b, c", "Categories: x / y"):
// a label, two or more items of up to four words each.
constexpr size_t kLabelItemWords = 4;

// A line as an address writes it: ASCII letters and digits in lower case,
// every other ASCII run one "-", other bytes (UTF-8 letters) as they are.
std::string slug_of(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back('-');
    gap = false;
    out.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
  }
  return out;
}

// Whether `tail` names one of the folders (or the file, its extension
// aside) of the page's address: "Making the world a better place" on
// .../category/making-the-world-a-better-place/page/5/index.txt.
bool names_folder(std::string_view tail, std::string_view url) {
  const std::string want = slug_of(tail);
  if (want.empty()) return false;
  size_t from = url.find("://");
  from = from == std::string_view::npos ? 0 : from + 3;
  while (from < url.size()) {
    size_t end = url.find('/', from);
    if (end == std::string_view::npos) end = url.size();
    std::string_view segment = url.substr(from, end - from);
    if (end == url.size()) segment = segment.substr(0, segment.rfind('.'));
    if (slug_of(segment) == want) return true;
    from = end + 1;
  }
  return false;
}

// The crumb keys of a folded line of up to kMaxCrumbTokens tokens whose
// tokens after the first name a folder of `url` ("home gingerbeer" on
// .../tag/gingerbeer/index.txt, "home 2009" on .../2009/): its first token
// under kSeedCrumb, and under kSeedNamed too when the folder's name has a
// letter; 0 if none.
constexpr size_t kMaxCrumbTokens = 12;
constexpr int64_t kMinNamedCrumbs = 2;  // pages naming their folder by words
struct CrumbKeys {
  uint64_t any = 0, named = 0;
};
CrumbKeys crumb_keys(const internal::FoldedLine& line, std::string_view url) {
  if (line.tokens < 2 || line.tokens > kMaxCrumbTokens) return {};
  const std::string_view folded = line.folded;
  const size_t space = folded.find(' ');
  if (space == std::string_view::npos) return {};
  const std::string_view tail = folded.substr(space + 1);
  if (!names_folder(tail, url)) return {};
  const std::string_view word = folded.substr(0, space);
  const bool letter = std::any_of(tail.begin(), tail.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c));
  });
  return {hash64(word, kSeedCrumb) | 1, letter ? hash64(word, kSeedNamed) | 1 : 0};
}

// The keys of one line; 0 = none.
struct LineKeys {
  bool long_line = false;
  uint64_t text = 0;    // the folded text
  uint64_t digits = 0;  // the folded text with digit runs as "0"
  uint64_t head = 0;    // first tokens, digits folded, of a short line
  uint64_t first = 0;   // the first token of a line of 2 to 5 tokens
  uint64_t label = 0;   // the folded label of a labelled list of short items
  uint64_t crumb = 0;   // crumb_keys: the first token of a line naming the page's folder
  uint64_t named = 0;   // the same, the folder's name having a letter
};

LineKeys keys_of(const Block& b, internal::FoldedLine& line, std::string& scratch) {
  LineKeys k;
  internal::fold_line(b.text, kHeadTokens, line);
  if (line.folded.empty()) return k;
  k.text = hash64(line.folded, kSeedText) | 1;
  k.long_line = b.text_chars >= kLongLine;
  internal::fold_text_into(b.text, true, scratch);
  k.digits = hash64(scratch, kSeedDigits) | 1;
  if (line.head_has_word && line.tokens >= 2 && line.tokens <= kMaxShortTokens) {
    k.head = hash64(line.head, kSeedHead) | 1;
  }
  if (line.tokens >= 2 && line.tokens <= 5) {
    std::string_view folded = line.folded;
    k.first = hash64(folded.substr(0, folded.find(' ')), kSeedFirst) | 1;
  }
  if (b.text.find(':') != std::string::npos || b.text.find("\xEF\xBC\x9A") != std::string::npos) {
    std::string_view label;
    std::vector<std::string_view> items = list_items(b.text, &label);
    const bool short_items =
        items.size() >= 2 && std::all_of(items.begin(), items.end(), [](std::string_view t) {
          return count_words(t, kLabelItemWords + 1) <= kLabelItemWords;
        });
    if (!label.empty() && short_items) {
      internal::fold_text_into(label, false, scratch);
      if (!scratch.empty()) k.label = hash64(scratch, kSeedLabel) | 1;
    }
  }
  return k;
}

}  // namespace

struct DumpModel::Impl {
  SiteModelOptions options;
  std::map<std::string, Group, std::less<>> groups;

  // Pages a line must be on to recur in group g of a site whose content
  // is copied to up to `copies` pages.
  int64_t threshold(const Group& g, int64_t copies) const {
    auto by_fraction = static_cast<int64_t>(
        std::ceil(options.min_page_fraction * static_cast<double>(g.pages)));
    return std::max<int64_t>({options.min_pages, 2, by_fraction, copies + 2});
  }
  int64_t copies_floor(const Group& site) const;
  void add(Group& g, const std::vector<LineKeys>& keys) const;
  void prune(Group& g) const;
  internal::Recurrence recurs(const Group& g, const LineKeys& k, int64_t copies) const;
  bool recurring_items(const Group& site, std::string_view text, int64_t copies) const;
  // A labelled list of short items whose label starts such lists on a
  // recurring share of the site's pages ("Tags: ..." under every post).
  bool recurring_label(const Group& site, const LineKeys& k, int64_t copies) const {
    if (k.label == 0) return false;
    auto it = site.keys.find(k.label);
    return it != site.keys.end() && it->second.pages >= threshold(site, copies);
  }
  void mark_breadcrumbs(const Group& site, std::string_view url, const ParsedPage& page,
                        int64_t copies, std::vector<BlockVerdict>& out) const;
  // copies_floor per site group, computed on first use.
  mutable std::mutex mu;
  mutable std::map<const Group*, int64_t> copies;
  int64_t copies_of(const Group& site) const {
    std::lock_guard<std::mutex> lock(mu);
    auto it = copies.find(&site);
    if (it == copies.end()) it = copies.emplace(&site, copies_floor(site)).first;
    return it->second;
  }
};

DumpModel::DumpModel(SiteModelOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
DumpModel::~DumpModel() = default;
DumpModel::DumpModel(DumpModel&&) noexcept = default;
DumpModel& DumpModel::operator=(DumpModel&&) noexcept = default;

void DumpModel::Impl::add(Group& g, const std::vector<LineKeys>& keys) const {
  ++g.pages;
  const auto page_no = static_cast<uint32_t>(g.pages);
  // Each key once per page.
  std::vector<uint64_t> page_keys;
  page_keys.reserve(keys.size() * 3);
  std::vector<uint64_t> long_keys;
  for (const LineKeys& k : keys) {
    for (uint64_t key : {k.text, k.digits, k.head, k.first, k.label, k.crumb, k.named})
      if (key != 0) page_keys.push_back(key);
    if (k.long_line && k.text != 0) long_keys.push_back(k.text);
  }
  std::sort(page_keys.begin(), page_keys.end());
  page_keys.erase(std::unique(page_keys.begin(), page_keys.end()), page_keys.end());
  for (uint64_t key : page_keys) {
    KeyStat& ks = g.keys[key];
    if (ks.pages++ == 0) ks.first_page = page_no;
  }
  for (uint64_t key : long_keys) g.keys[key].long_line = true;
  prune(g);
}

// Bounded memory, as SiteModel: past the cap, keys seen on one earlier page
// only are dropped.
void DumpModel::Impl::prune(Group& g) const {
  if (options.max_keys_per_site == 0 || g.keys.size() <= options.max_keys_per_site) return;
  const auto current = static_cast<uint32_t>(g.pages);
  std::erase_if(g.keys, [current](const auto& kv) {
    return kv.second.pages < 2 && kv.second.first_page != current;
  });
}

// How many pages the site copies a piece of content to (a post on its
// page, the home page, its category, tag and month listings): the 90th
// percentile of the page counts of distinct long lines. A line on more
// pages than that is not a copied paragraph. 0 for a site without long
// lines.
int64_t DumpModel::Impl::copies_floor(const Group& site) const {
  std::vector<uint32_t> counts;
  for (const auto& [key, ks] : site.keys)
    if (ks.long_line) counts.push_back(ks.pages);
  if (counts.empty()) return 0;
  auto nth = counts.begin() +
             static_cast<std::ptrdiff_t>(kCopiesPercentile * static_cast<double>(counts.size() - 1));
  std::nth_element(counts.begin(), nth, counts.end());
  return *nth;
}

// How strongly a line recurs in group g: kHard on a fraction of the
// group's pages no copied content reaches, kSoft on a few pages more than
// content is copied to (a post template's lines when posts are a small part
// of the site), else kNone.
internal::Recurrence DumpModel::Impl::recurs(const Group& g, const LineKeys& k,
                                             int64_t copies) const {
  const int64_t hard = threshold(g, copies);
  const int64_t soft = std::max<int64_t>(
      {options.min_pages, 2, copies + 2,
       static_cast<int64_t>(std::ceil(kSoftFraction * static_cast<double>(g.pages)))});
  auto pages = [&g](uint64_t key) -> int64_t {
    if (key == 0) return 0;
    auto it = g.keys.find(key);
    return it == g.keys.end() ? 0 : it->second.pages;
  };
  if (pages(k.text) >= hard || pages(k.digits) >= hard || pages(k.head) >= hard) {
    return internal::Recurrence::kHard;
  }
  // A shared opening ("Here's a quick...") or shape ("1 Khordad 1386", a
  // poem's date) is too weak a sign to go by softly: only the line itself.
  return pages(k.text) >= soft ? internal::Recurrence::kSoft : internal::Recurrence::kNone;
}

// A line made of two or more items that each recur as lines of their own
// ("linux, tv" when "linux" and "tv" fill the categories sidebar): a list of
// the site's categories or tags.
bool DumpModel::Impl::recurring_items(const Group& site, std::string_view text,
                                      int64_t copies) const {
  std::string_view label;
  std::vector<std::string_view> items = list_items(text, &label);
  if (items.size() < 2) return false;
  const int64_t t = threshold(site, copies);
  std::string folded;
  for (std::string_view item : items) {
    internal::fold_text_into(item, false, folded);
    if (folded.empty()) continue;
    auto it = site.keys.find(hash64(folded, kSeedText) | 1);
    if (it == site.keys.end() || it->second.pages < t) return false;
  }
  return true;
}

void DumpModel::add_page(std::string_view url, const ParsedPage& page) {
  std::vector<LineKeys> keys(page.blocks.size());
  internal::FoldedLine line;
  std::string scratch;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    keys[i] = keys_of(page.blocks[i], line, scratch);
    const CrumbKeys c = crumb_keys(line, url);
    keys[i].crumb = c.any;
    keys[i].named = c.named;
  }
  for (const std::string& g : internal::groups_of(url)) impl_->add(impl_->groups[g], keys);
}

std::vector<BlockVerdict> DumpModel::classify(std::string_view url,
                                              const ParsedPage& page) const {
  std::vector<BlockVerdict> out(page.blocks.size());
  std::vector<const Group*> groups;
  for (const std::string& g : internal::groups_of(url)) {
    auto it = impl_->groups.find(g);
    if (it != impl_->groups.end() &&
        (groups.empty() || it->second.pages >= internal::kMinSectionPages)) {
      groups.push_back(&it->second);
    }
  }
  // The site (first group) says how far its content is copied.
  const int64_t copies = groups.empty() ? 0 : impl_->copies_of(*groups.front());
  internal::FoldedLine line;
  std::string scratch;
  std::vector<LineKeys> keys(page.blocks.size());
  std::unordered_map<uint64_t, int> digit_shapes;  // digits key -> lines on this page
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    keys[i] = keys_of(page.blocks[i], line, scratch);
    if (keys[i].digits != 0) ++digit_shapes[keys[i].digits];
  }
  std::vector<internal::Recurrence> level(page.blocks.size(), internal::Recurrence::kNone);
  // The page's first line not recurring as it is (only its shape, digits
  // folded: "Hearing notes 4", "Issue 12") is its headline, kept.
  bool seen_unique = false;
  auto headline_by_number = [&](LineKeys k) {
    if (seen_unique) return false;
    LineKeys exact = k;
    exact.digits = exact.head = 0;
    for (const Group* g : groups) {
      if (impl_->recurs(*g, exact, copies) == internal::Recurrence::kHard) return false;
    }
    seen_unique = true;
    return k.digits != 0 || k.head != 0;
  };
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    LineKeys k = keys[i];
    // A numbered shape printed three or more times on the page ("1.",
    // "2.", "3."; "Part 1".."Part 9") numbers the page's own sections; a
    // template's counter ("3 comments", "883 posts") is printed once.
    if (k.digits != 0 && digit_shapes[k.digits] > 2) k.digits = 0;
    if (k.text == 0) {
      out[i] = BlockVerdict{true, Reason::kEmpty, 0};
      continue;
    }
    for (const Group* g : groups) level[i] = std::max(level[i], impl_->recurs(*g, k, copies));
    if (level[i] == internal::Recurrence::kHard && !headline_by_number(k)) {
      out[i] = BlockVerdict{true, Reason::kSiteRecurrence, 0};
    } else if (!groups.empty() && page.blocks[i].kind != parser::BlockKind::kPre &&
               (impl_->recurring_items(*groups.front(), page.blocks[i].text, copies) ||
                impl_->recurring_label(*groups.front(), k, copies))) {
      out[i] = BlockVerdict{true, Reason::kSiteRecurrence, 0};
    }
    if (!out[i].chrome) seen_unique = true;
  }
  if (!groups.empty()) impl_->mark_breadcrumbs(*groups.front(), url, page, copies, out);
  internal::apply_line_rules(page, level, out);
  return out;
}

// A breadcrumb: above the page's first prose line, a short line (2 to 5
// words) whose first word starts such lines on a recurring share of the
// site's pages ("Home 2019 June", "Home linux") and is itself a line of
// the template there (the menu's "Home"); or a line whose words after the
// first name a folder of the page's own address, when that word opens
// such lines on a recurring share of the pages ("Home gingerbeer" on
// tag/gingerbeer/, "Home Making the world a better place" on
// category/making-the-world-a-better-place/: a headline whose slug drops
// its first word does not recur so).
void DumpModel::Impl::mark_breadcrumbs(const Group& site, std::string_view url,
                                       const ParsedPage& page, int64_t copies,
                                       std::vector<BlockVerdict>& out) const {
  const int64_t t = threshold(site, copies);
  internal::FoldedLine line;
  std::string scratch;
  auto recurring = [&](uint64_t key) {
    auto it = site.keys.find(key);
    return key != 0 && it != site.keys.end() && it->second.pages >= t;
  };
  auto named_elsewhere = [&](uint64_t key) {
    auto it = site.keys.find(key);
    return it != site.keys.end() && it->second.pages >= kMinNamedCrumbs;
  };
  bool first = true;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& b = page.blocks[i];
    if (out[i].chrome) continue;
    if (internal::looks_like_prose(b.text)) break;
    if (b.kind == parser::BlockKind::kPre) continue;
    const LineKeys k = keys_of(b, line, scratch);
    // A folder named by number alone ("Home 2009" on 2009/) counts where
    // the word also names folders by words on other pages: "Chapter 3" on
    // every chapter/3/ of a book is its heading.
    const CrumbKeys c = crumb_keys(line, url);
    const std::string_view word = line.folded.substr(0, line.folded.find(' '));
    if (recurring(c.any) && (c.named != 0 || named_elsewhere(hash64(word, kSeedNamed) | 1))) {
      out[i] = BlockVerdict{true, Reason::kSiteRecurrence, 0};
      continue;
    }
    if (first) {
      // The first line kept, with a sentence under it, is the headline
      // ("Hearing notes 4" on every page of a small site).
      first = false;
      size_t next = i + 1;
      while (next < page.blocks.size() && out[next].chrome) ++next;
      if (next < page.blocks.size() &&
          (internal::looks_like_prose(page.blocks[next].text) ||
           count_words(page.blocks[next].text, 5) >= 5)) {
        continue;
      }
    }
    if (!recurring(k.first)) continue;
    // The rest of a breadcrumb varies ("Home linux", "Home 2019 June"); a
    // line whose first words all recur ("Hearing notes 4") is a series.
    if (recurring(k.head)) continue;
    // Its first word is a link of the template too ("Home" in the menu):
    // a word that only starts many lines ("Co ...", Czech "What ...", in
    // a post's first subheading) is no breadcrumb.
    const std::string_view folded = line.folded;
    if (recurring(hash64(folded.substr(0, folded.find(' ')), kSeedText) | 1)) {
      out[i] = BlockVerdict{true, Reason::kSiteRecurrence, 0};
    }
  }
}

int64_t DumpModel::pages_seen(std::string_view site) const {
  auto it = impl_->groups.find(site);
  return it == impl_->groups.end() ? 0 : it->second.pages;
}

}  // namespace winnow::chrome
