// site_model.cc: SiteModel -- learns which block texts and which structural
// positions recur across the pages of one site, then judges blocks by
// combining that recurrence with the per-page verdicts of classify_page.
// The rules and their reasons are in docs/internals/chrome.md ("Site-wide
// signals").
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <unordered_map>

#include "chrome/chrome.h"
#include "chrome/dump_internal.h"
#include "chrome/page_internal.h"
#include "chrome/site_text.h"

namespace winnow::chrome {
namespace {

using parser::Block;
using parser::ParsedPage;

// Seeds keep the three key families apart inside one hash table.
constexpr uint64_t kSeedText = 0;
constexpr uint64_t kSeedPrefix = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kSeedPosition = 0xc2b2ae3d27d4eb4full;
constexpr uint64_t kSeedContent = 0x165667b19e3779f9ull;
// Short lines (2..14 tokens) also count under a near key: their first 4
// tokens with digits folded, so "(c) 2003 - 2024 Org" and "(c) 2003 - 2025
// Org. All Rights Reserved." meet (both start "(c) 0 0 org"), as do
// "0 comments" and "3 comments". Near keys never override the in-content
// protection (dates and numbered titles fold together too).
constexpr size_t kPrefixTokens = 4;
constexpr size_t kMaxShortTokens = 14;
// Distinct texts remembered per position to estimate how much of what
// the position holds recurs.
constexpr size_t kPositionSample = 12;

struct KeyStat {
  uint32_t pages = 0;       // distinct pages carrying the key
  uint32_t first_page = 0;  // the group's page number when first seen
};

struct PositionStat {
  uint32_t pages = 0;        // distinct pages having a block there
  uint32_t blocks = 0;       // blocks seen there
  uint32_t page_chrome = 0;  // of those, judged chrome by classify_page
  uint32_t content_pages = 0;  // pages where classify_page kept a block there
  uint8_t sampled = 0;
  std::array<uint64_t, kPositionSample> sample{};  // text keys seen there
};

struct Site {
  int64_t pages = 0;
  std::unordered_map<uint64_t, KeyStat> keys;
  std::unordered_map<uint64_t, PositionStat> positions;
};

// The keys one block contributes.
struct BlockKeys {
  uint64_t text = 0;    // 0 when the block has no foldable text
  uint64_t content = 0; // the text, counted only where judged content
  uint64_t prefix = 0;  // 0 unless the block is a short line
  uint64_t position = 0;  // 0 when the block has no structural path
};

uint64_t hash_u64(uint64_t value, uint64_t seed) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  return hash64(std::string_view(bytes, sizeof bytes), seed);
}

// The keys of a block from its text key and near key (0 for none).
BlockKeys keys_from(const Block& b, uint64_t text, uint64_t prefix) {
  BlockKeys k;
  if (text == 0) return k;
  k.text = text;
  k.content = hash_u64(k.text, kSeedContent) | 1;
  k.prefix = prefix;
  if (!b.path.empty()) {
    k.position = hash_u64(b.path_hash ^ (static_cast<uint64_t>(b.kind) * kSeedContent),
                          kSeedPosition) | 1;
  }
  return k;
}

// `line` is scratch space reused across blocks (no allocation per block).
BlockKeys keys_of(const Block& b, internal::FoldedLine& line) {
  internal::fold_line(b.text, kPrefixTokens, line);
  if (line.folded.empty()) return {};
  uint64_t prefix = 0;
  if (line.head_has_word && line.tokens >= 2 && line.tokens <= kMaxShortTokens) {
    prefix = hash64(line.head, kSeedPrefix) | 1;
  }
  return keys_from(b, hash64(line.folded, kSeedText) | 1, prefix);
}

// Blocks that sit in a region the page marks as navigation or furniture.
// (kBoilerClass is left out: it is OR-ed over ancestors, and one loose class
// token high up, "site-wrapper", would mark a whole page.)
constexpr uint32_t kChromeRegion = parser::kInNav | parser::kInAside |
                                   parser::kInFooter | parser::kInForm |
                                   parser::kInComments;

constexpr uint32_t kContentRegion =
    parser::kInArticle | parser::kInMain | parser::kContentClass;

// Inside the page's main content: within its article/main/content element
// when the page has one, else anywhere outside navigation and furniture.
bool in_content_region(const Block& b, bool page_has_region) {
  if (b.ancestor_flags & kChromeRegion) return false;
  if (page_has_region && !(b.ancestor_flags & kContentRegion)) return false;
  if ((b.ancestor_flags & parser::kInHeader) &&
      !(b.ancestor_flags & (parser::kInArticle | parser::kInMain))) {
    return false;
  }
  return true;
}

bool link_dense(const Block& b) {
  return b.text_chars > 0 && b.link_chars * 2 > b.text_chars;
}

// One link to another site, alone in its block, inside the body of a post
// (entry-content, itemprop=articleBody) and outside furniture: a reference
// the author gave (see SiteModel::Impl::rescues_reference).
bool is_reference(std::string_view url, const Block& b) {
  constexpr uint32_t kNever = kChromeRegion | parser::kHidden | parser::kInButton |
                              parser::kBoilerClass | parser::kInComments;
  if (!(b.ancestor_flags & parser::kArticleBody) || (b.ancestor_flags & kNever)) return false;
  if (!(b.ancestor_flags & parser::kInLink) || b.href.empty()) return false;
  std::string_view host = url_authority(b.href);
  return !host.empty() && !iequals_ascii(host, url_authority(url));
}

}  // namespace

struct SiteModel::Impl {
  SiteModelOptions options;
  std::map<std::string, Site, std::less<>> sites;

  const Site* find(std::string_view key) const {
    auto it = sites.find(key);
    return it == sites.end() ? nullptr : &it->second;
  }
  int64_t threshold(const Site& s) const {
    int64_t by_fraction = static_cast<int64_t>(
        std::ceil(options.min_page_fraction * static_cast<double>(s.pages)));
    return std::max<int64_t>(std::max(options.min_pages, 2), by_fraction);
  }
  void prune(Site& s) const;
  void add(Site& s, const std::vector<BlockKeys>& keys,
           const std::vector<BlockVerdict>& verdicts) const;
  Reason judge(const Site& s, const Block& b, const BlockKeys& k, bool has_region,
               bool reference) const;
  bool position_is_chrome(const Site& s, uint64_t pos) const;
  bool rescues(const Site& s, const Block& b, const BlockKeys& k) const;
  bool rescues_reference(std::string_view url, const Site& s, const Block& b,
                         const BlockKeys& k) const;
};

SiteModel::SiteModel(SiteModelOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
SiteModel::~SiteModel() = default;
SiteModel::SiteModel(SiteModel&&) noexcept = default;
SiteModel& SiteModel::operator=(SiteModel&&) noexcept = default;

// Bounded memory: once a site holds more keys than allowed, keys seen on a
// single earlier page are dropped (they are the vast majority and can only
// matter if they recur later, which a real chrome line does early and
// often). Keys of the page just added are kept so they get their chance.
void SiteModel::Impl::prune(Site& s) const {
  if (options.max_keys_per_site == 0 ||
      s.keys.size() + s.positions.size() <= options.max_keys_per_site) {
    return;
  }
  const auto current = static_cast<uint32_t>(s.pages);
  std::erase_if(s.keys, [current](const auto& kv) {
    return kv.second.pages < 2 && kv.second.first_page != current;
  });
  std::erase_if(s.positions, [](const auto& kv) { return kv.second.pages < 2; });
}

void SiteModel::add_page(std::string_view url, const ParsedPage& page) {
  add_page(url, page, classify_page(page));
}

// The groups a page is counted in: its site, and its site section (the
// first folder of the path below the edition, e.g. "/en/newsletter/"), so a
// template used by one kind of page (newsletter issues) is learnt from its
// own pages even when they are a small part of the site.
std::vector<std::string> internal::groups_of(std::string_view url) {
  std::vector<std::string> out = {site_key(url)};
  size_t scheme = url.find("://");
  std::string_view path = url.substr(scheme == std::string_view::npos ? 0 : scheme + 3);
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return out;
  path = path.substr(slash, path.find_first_of("?#", slash) - slash);
  size_t edition = out[0].find('/');
  if (edition != std::string::npos) {
    path.remove_prefix(std::min(path.size(), out[0].size() - edition));
  }
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  size_t end = path.find('/');
  if (end == std::string_view::npos || end == 0) return out;
  out.push_back(out[0] + "#" + std::string(path.substr(0, end)));
  return out;
}

void SiteModel::add_page(std::string_view url, const ParsedPage& page,
                         const std::vector<BlockVerdict>& verdicts) {
  add_page(url, page, verdicts, nullptr);
}

void SiteModel::add_page(std::string_view url, const ParsedPage& page,
                         const std::vector<BlockVerdict>& verdicts, SiteKeys* out) {
  std::vector<BlockKeys> keys(page.blocks.size());
  internal::FoldedLine line;
  for (size_t i = 0; i < page.blocks.size(); ++i) keys[i] = keys_of(page.blocks[i], line);
  for (const std::string& g : internal::groups_of(url)) impl_->add(impl_->sites[g], keys, verdicts);
  if (out != nullptr) {
    out->text.resize(keys.size());
    out->prefix.resize(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      out->text[i] = keys[i].text;
      out->prefix[i] = keys[i].prefix;
    }
  }
}

void SiteModel::Impl::add(Site& s, const std::vector<BlockKeys>& keys,
                          const std::vector<BlockVerdict>& verdicts) const {
  ++s.pages;
  const auto page_no = static_cast<uint32_t>(s.pages);
  // Each key counts once per page: gather, sort, count the distinct ones.
  std::vector<uint64_t> page_keys;
  page_keys.reserve(keys.size() * 3);
  std::vector<PositionStat*> page_positions, content_positions;
  page_positions.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const BlockKeys& k = keys[i];
    const bool page_chrome = i < verdicts.size() && verdicts[i].chrome;
    for (uint64_t key : {k.text, k.prefix, page_chrome ? 0 : k.content}) {
      if (key != 0) page_keys.push_back(key);
    }
    if (k.position == 0) continue;
    PositionStat& p = s.positions[k.position];
    page_positions.push_back(&p);  // map nodes stay put while the map grows
    ++p.blocks;
    if (page_chrome) ++p.page_chrome;
    else content_positions.push_back(&p);
    if (k.text != 0 && p.sampled < kPositionSample &&
        std::find(p.sample.begin(), p.sample.begin() + p.sampled, k.text) ==
            p.sample.begin() + p.sampled) {
      p.sample[p.sampled++] = k.text;
    }
  }
  std::sort(page_keys.begin(), page_keys.end());
  page_keys.erase(std::unique(page_keys.begin(), page_keys.end()), page_keys.end());
  for (uint64_t key : page_keys) {
    KeyStat& ks = s.keys[key];
    if (ks.pages++ == 0) ks.first_page = page_no;
  }
  std::sort(page_positions.begin(), page_positions.end(), std::less<>());
  page_positions.erase(std::unique(page_positions.begin(), page_positions.end()),
                       page_positions.end());
  for (PositionStat* p : page_positions) ++p->pages;
  std::sort(content_positions.begin(), content_positions.end(), std::less<>());
  content_positions.erase(std::unique(content_positions.begin(), content_positions.end()),
                          content_positions.end());
  for (PositionStat* p : content_positions) ++p->content_pages;
  prune(s);
}

// A position is chrome when it occurs on many pages, the per-page classifier
// calls most of what it holds chrome, and most texts seen there recur: a
// "Recent Posts" list whose entries change still sits at one path.
bool SiteModel::Impl::position_is_chrome(const Site& s, uint64_t pos) const {
  auto it = s.positions.find(pos);
  if (it == s.positions.end()) return false;
  const PositionStat& p = it->second;
  if (p.pages < threshold(s) || p.blocks == 0) return false;
  if (p.page_chrome * 2 < p.blocks) return false;
  int recurring = 0;
  for (size_t i = 0; i < p.sampled; ++i) {
    auto k = s.keys.find(p.sample[i]);
    if (k != s.keys.end() && k->second.pages >= 2) ++recurring;
  }
  return recurring * 2 >= p.sampled;
}

// A block the page classifier put outside the main content is content
// after all when it sits where the site's pages hold content: its position
// is on several pages, on at least 4 in 5 of them the page classifier kept
// a block there, and the block's own text does not recur across the site. This mends pages where the classifier chose the wrong region (a
// large code listing, a table) or dropped a link-heavy line of a post.
// Navigation, furniture, comments and hidden blocks are never rescued.
bool SiteModel::Impl::rescues(const Site& s, const Block& b, const BlockKeys& k) const {
  if (k.position == 0 || k.text == 0) return false;
  if (b.ancestor_flags & (kChromeRegion | parser::kHidden | parser::kInButton)) return false;
  auto it = s.positions.find(k.position);
  if (it == s.positions.end()) return false;
  const PositionStat& p = it->second;
  if (p.pages < static_cast<uint32_t>(std::max(3, options.min_pages)) ||
      p.content_pages * 5 < p.pages * 4) {
    return false;
  }
  auto t = s.keys.find(k.text);
  if (t != s.keys.end() && t->second.pages >= threshold(s)) return false;
  return !internal::is_boilerplate_line(b.text);
}

// A link to another site inside the body of a post (the element the
// template gives one post's text: entry-content, itemprop=articleBody),
// alone in its list item or paragraph, that the page classifier dropped as
// link-dense: a reference list the author wrote ("Sources: A, B, C", a bare
// URL under a talk's title), not the template's furniture, which links
// within the site (related posts, tags, "read more") or recurs across
// most of it (share buttons). Furniture classes, comments and hidden blocks are never
// rescued.
bool SiteModel::Impl::rescues_reference(std::string_view url, const Site& s, const Block& b,
                                        const BlockKeys& k) const {
  if (k.text == 0 || !is_reference(url, b)) return false;
  // Recurring on a few pages is allowed: listings repeat a post in full.
  auto t = s.keys.find(k.text);
  if (t != s.keys.end() && t->second.pages >= threshold(s)) return false;
  return !internal::is_boilerplate_line(b.text);
}

std::vector<BlockVerdict> SiteModel::classify(std::string_view url,
                                              const ParsedPage& page) const {
  return classify(url, page, classify_page(page));
}

// One group's judgement of a block the page classifier kept: kContent, or
// why recurrence makes it chrome.
Reason SiteModel::Impl::judge(const Site& s, const Block& b, const BlockKeys& k,
                              bool has_region, bool reference) const {
  const int64_t t = threshold(s);
  auto pages_of = [&s](uint64_t key) -> int64_t {
    if (key == 0) return 0;
    auto it = s.keys.find(key);
    return it == s.keys.end() ? 0 : it->second.pages;
  };
  const bool by_text = pages_of(k.text) >= t || pages_of(k.prefix) >= t;
  const bool by_pos = !by_text && k.position != 0 && position_is_chrome(s, k.position);
  if (!by_text && !by_pos) return Reason::kContent;
  // Recurring content survives: prose the page puts in its main content,
  // and short in-content lines that recur *as content* on under half the
  // pages (titles and datelines of posts repeated on listing pages, even
  // when the same title also fills a "Recent Posts" sidebar), and a post's
  // reference links repeated with the post on its listings.
  const bool heading = b.kind == parser::BlockKind::kHeading;
  if (in_content_region(b, has_region) && (heading || reference || !link_dense(b)) &&
      (internal::looks_like_prose(b.text) || pages_of(k.content) < t ||
       pages_of(k.content) * 2 < s.pages)) {
    return Reason::kContent;
  }
  return by_text ? Reason::kSiteRecurrence : Reason::kSitePosition;
}

std::vector<BlockVerdict> SiteModel::classify(std::string_view url,
                                              const ParsedPage& page,
                                              std::vector<BlockVerdict> out) const {
  return classify(url, page, std::move(out), nullptr);
}

std::vector<BlockVerdict> SiteModel::classify(std::string_view url,
                                              const ParsedPage& page,
                                              std::vector<BlockVerdict> out,
                                              const SiteKeys* keys) const {
  if (keys != nullptr && (keys->text.size() != page.blocks.size() ||
                          keys->prefix.size() != page.blocks.size())) {
    keys = nullptr;  // not this page's
  }
  out.resize(page.blocks.size());
  std::vector<const Site*> groups;
  for (const std::string& g : internal::groups_of(url)) {
    const Site* s = impl_->find(g);
    if (s != nullptr && (groups.empty() || s->pages >= internal::kMinSectionPages)) {
      groups.push_back(s);
    }
  }
  bool has_region = false;
  for (const Block& b : page.blocks) has_region |= (b.ancestor_flags & kContentRegion) != 0;
  internal::FoldedLine line;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    BlockVerdict& v = out[i];
    const bool page_chrome = v.chrome;
    if (page_chrome && v.reason != Reason::kPageSignals) continue;
    BlockKeys k = keys != nullptr ? keys_from(page.blocks[i], keys->text[i], keys->prefix[i])
                                  : keys_of(page.blocks[i], line);
    if (page_chrome) {
      bool rescued = false;
      for (const Site* s : groups) {
        rescued = rescued || impl_->rescues(*s, page.blocks[i], k) ||
                  impl_->rescues_reference(url, *s, page.blocks[i], k);
      }
      if (!rescued) continue;
      v.chrome = false;
      v.reason = Reason::kContent;
    }
    if (k.text == 0) {
      // No letter or digit at all ("...", "* * *", "|"): nothing to keep.
      v.chrome = true;
      v.reason = Reason::kEmpty;
      continue;
    }
    for (const Site* s : groups) {
      Reason r = impl_->judge(*s, page.blocks[i], k, has_region, is_reference(url, page.blocks[i]));
      if (r == Reason::kContent) continue;
      v.chrome = true;
      v.reason = r;
      break;
    }
  }
  internal::keep_section_breaks(page, out);
  return out;
}

int64_t SiteModel::pages_seen(std::string_view site) const {
  const Site* s = impl_->find(site);
  return s == nullptr ? 0 : s->pages;
}

}  // namespace winnow::chrome
