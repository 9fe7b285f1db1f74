// normalize.cc: the hashing form of a paragraph (NFKC + case folding via
// utf8proc, quotes/dashes unified, punctuation stripped, white space
// collapsed, digits optionally folded) and word shingles over it. Rules:
// docs/internals/dedup.md "Normalisation".
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <unordered_map>

#include "dedup/dedup.h"

namespace winnow::dedup {

namespace {

// What happens to one code point of the NFKC-casefolded text.
enum class Act : uint8_t { kEmit, kSpace, kDrop, kDigit };

Act act_for(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
      is_unicode_space(cp)) {
    return Act::kSpace;
  }
  if (cp == 0x2212) return Act::kSpace;  // minus sign: a dash
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_PD:  // dashes of every width: a word break
      return Act::kSpace;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:  // opening quotes
    case UTF8PROC_CATEGORY_PF:  // closing quotes
    case UTF8PROC_CATEGORY_PO:  // ' " . , ! ? etc.
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return Act::kDrop;
    case UTF8PROC_CATEGORY_ND:
      return Act::kDigit;
    default:
      return Act::kEmit;
  }
}

// Letters written two ways for one text: Arabic and Hebrew vowel marks and
// the tatweel vanish (vocalised and bare copies of a text are the same
// text); Arabic yeh and kaf become their Persian forms (Persian sites mix
// them by keyboard); Arabic-Indic digits become ASCII digits. Returns 0 for
// "drop", else the code point to use.
char32_t fold_script(char32_t cp) {
  if (cp < 0x0591 || cp > 0x06FF) return cp;
  if (cp <= 0x05C7) return (cp == 0x05BE || cp == 0x05C0 || cp == 0x05C3 || cp == 0x05C6) ? cp : 0;
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
      (cp >= 0x06D6 && cp <= 0x06ED && cp != 0x06DE && cp != 0x06E9)) {
    return 0;
  }
  if (cp == 0x064A || cp == 0x0649) return 0x06CC;  // yeh, alef maksura -> Farsi yeh
  if (cp == 0x0643) return 0x06A9;                  // kaf -> keheh
  if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
  return cp;
}

// ASCII byte -> action, with upper case already folded by the caller.
const std::array<Act, 128>& ascii_table() {
  static const std::array<Act, 128> table = [] {
    std::array<Act, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = act_for(static_cast<char32_t>(c));
    return t;
  }();
  return table;
}

class Emitter {
 public:
  Emitter(std::string& out, bool fold) : out_(out), fold_(fold) {}
  void push(char32_t cp, Act a) {
    switch (a) {
      case Act::kSpace:
        space_ = !out_.empty();
        return;
      case Act::kDrop:
        return;
      case Act::kDigit:
        if (fold_) cp = '0';
        break;
      case Act::kEmit:
        break;
    }
    if (space_) {
      out_.push_back(' ');
      space_ = false;
    }
    if (cp < 0x80) {
      out_.push_back(static_cast<char>(cp));
    } else {
      append_utf8(out_, cp);
    }
  }

 private:
  std::string& out_;
  bool fold_;
  bool space_ = false;
};

bool all_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

void normalize_into(std::string_view text, const NormalizeOptions& o,
                    std::string& out) {
  out.clear();
  Emitter em(out, o.fold_digits);
  if (all_ascii(text)) {
    const auto& table = ascii_table();
    for (unsigned char c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      em.push(c, table[c]);
    }
    return;
  }
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = repair_utf8(text);
    text = repaired;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const auto opts = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
      UTF8PROC_IGNORE | (o.strip_marks ? UTF8PROC_STRIPMARK : 0));
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped, opts);
  std::string_view folded = text;  // on a utf8proc error: unfolded text
  if (n >= 0 && mapped) {
    folded = std::string_view(reinterpret_cast<const char*>(mapped),
                              static_cast<size_t>(n));
  }
  const auto& table = ascii_table();
  for (size_t i = 0; i < folded.size();) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      em.push(c, table[c]);
      ++i;
      continue;
    }
    char32_t cp = fold_script(next_code_point(folded, i));
    if (cp == 0) continue;
    em.push(cp, act_for(cp));
  }
  std::free(mapped);
}

std::string normalize(std::string_view text, const NormalizeOptions& o) {
  std::string out;
  normalize_into(text, o, out);
  return out;
}

Normalizer::Normalizer(NormalizeOptions o) : o_(o) {
  const auto& table = ascii_table();
  for (int c = 0; c < 128; ++c) {
    const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    switch (table[static_cast<unsigned char>(lower)]) {
      case Act::kSpace: ascii_[c] = 1; break;
      case Act::kDrop: ascii_[c] = 0; break;
      case Act::kDigit: ascii_[c] = o_.fold_digits ? '0' : lower; break;
      case Act::kEmit: ascii_[c] = lower; break;
    }
  }
}
Normalizer::~Normalizer() = default;

void Normalizer::normalize(std::string_view text, std::string& out) {
  out.assign(normalize(text));
}

// Splits at ASCII word breaks (white space, '-': safe NFKC boundaries,
// nothing composes with them). A token is first emitted byte by byte
// through the ASCII table; on its first non-ASCII byte the output is rolled
// back to the token's start and the whole token goes through the cache.
// Same result as normalize() (tests/dedup_index_test.cc).
std::string_view Normalizer::normalize(std::string_view text) {
  if (buf_.size() < text.size() + 1) buf_.resize(text.size() + 1);
  char* base = buf_.data();
  char* w = base;
  bool pending = false;  // a word break seen since the last emitted byte
  char* tok_w = w;       // output and state where the current token began
  bool tok_pending = false;
  size_t tok_start = 0;
  const char* p = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      const char t = ascii_[c];
      ++i;
      if (t == 1) {
        pending = w != base;
        tok_w = w, tok_pending = pending, tok_start = i;
      } else if (t != 0) {
        if (pending) *w++ = ' ', pending = false;
        *w++ = t;
      }
      continue;
    }
    size_t j = i + 1;
    while (j < n && !(static_cast<unsigned char>(p[j]) < 0x80 &&
                      ascii_[static_cast<unsigned char>(p[j])] == 1)) {
      ++j;
    }
    w = append_cached(text.substr(tok_start, j - tok_start), tok_w,
                      tok_pending, n - j);
    base = buf_.data();
    pending = tok_pending;
    i = j;
    tok_w = w, tok_start = i;  // the next token starts after a break only
  }
  return std::string_view(base, static_cast<size_t>(w - base));
}

char* Normalizer::append_cached(std::string_view token, char* w, bool& pending,
                                size_t rest) {
  if (cache_.size() > kMaxCached) cache_.clear();
  auto it = cache_.find(token);
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(token), winnow::dedup::normalize(token, o_))
             .first;
  }
  const std::string& piece = it->second;
  const size_t used = static_cast<size_t>(w - buf_.data());
  // Room for the piece, a break before it and the rest of the text (whose
  // output is never longer than its input).
  const size_t need = used + piece.size() + 2 + rest;
  if (buf_.size() < need) buf_.resize(need);
  char* const base = buf_.data();
  w = base + used;
  pending = w != base;  // a non-ASCII token is its own word
  for (char c : piece) {
    if (c == ' ') {
      pending = w != base;
      continue;
    }
    if (pending) *w++ = ' ', pending = false;
    *w++ = c;
  }
  pending = w != base;
  return w;
}

Hash128 paragraph_hash(std::string_view text, const NormalizeOptions& o) {
  std::string n;
  normalize_into(text, o, n);
  return hash128(n);
}

Hash128 document_fingerprint(const std::vector<std::string>& paragraphs,
                             const NormalizeOptions& o) {
  std::string all, n;
  for (const std::string& p : paragraphs) {
    normalize_into(p, o, n);
    if (n.empty()) continue;
    all += n;
    all += '\n';
  }
  return hash128(all);
}

std::vector<uint64_t> shingles(std::string_view normalized, int k) {
  // Words as count_words counts them; an ideograph (CJK character, kana,
  // hangul syllable) weighs half a word here, so a shingle of k words spans
  // 2k characters of Chinese or Japanese: single characters and pairs are
  // shared by unrelated texts, and LSH would compare far too many of them.
  std::vector<uint64_t> words;
  std::vector<uint8_t> weight;  // in half words
  for_each_word(normalized, [&](std::string_view w) {
    words.push_back(hash64(w));
    size_t i = 0;
    const bool ideograph = static_cast<unsigned char>(w[0]) >= 0x80 &&
                           word_class(next_code_point(w, i)) == WordClass::kIdeograph;
    weight.push_back(ideograph ? 1 : 2);
  });
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  const unsigned need = 2 * static_cast<unsigned>(std::max(1, k));
  out.reserve(words.size());
  size_t end = 0;        // one past the last word of the current shingle
  unsigned have = 0;     // weight of words [i, end)
  for (size_t i = 0; i < words.size(); ++i) {
    while (end < words.size() && have < need) have += weight[end++];
    if (have < need) break;
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t j = i; j < end; ++j) {
      h = (h ^ words[j]) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
    out.push_back(h);
    have -= weight[i];
  }
  if (out.empty()) out.push_back(hash64(normalized, 1));  // shorter than one shingle
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const size_t uni = a.size() + b.size() - common;
  return static_cast<double>(common) / static_cast<double>(uni);
}

double text_similarity(std::string_view a, std::string_view b, int k) {
  return jaccard(shingles(normalize(a), k), shingles(normalize(b), k));
}

}  // namespace winnow::dedup
