// clean_dir.cc: `winnow clean DIR` -- cleans a folder of saved pages and
// text dumps as one site: learns what recurs across its files (menus,
// footers, running lines), strips it, repairs the text, and writes one JSONL
// line per file, sorted by path, so the output is deterministic.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "chrome/chrome.h"
#include "cli/cli.h"
#include "parser/parser.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

enum class FileType { kHtml, kText, kSkip };

FileType file_type(const fs::path& p) {
  std::string ext = to_lower_ascii(p.extension().string());
  if (ext == ".html" || ext == ".htm") return FileType::kHtml;
  if (ext == ".txt" || ext == ".md") return FileType::kText;
  return FileType::kSkip;
}

struct Entry {
  std::string rel;  // path relative to DIR, '/'-separated
  std::string abs;
  FileType type = FileType::kSkip;
  std::string url;        // given URL ("" without --url-prefix)
  std::string model_url;  // the URL the site model files the page under
};

Result<std::vector<Entry>> list_files(const CleanDirOptions& o) {
  std::error_code ec;
  if (!fs::is_directory(o.dir, ec)) {
    return invalid_input("clean: " + o.dir + ": not a directory");
  }
  std::vector<Entry> out;
  fs::recursive_directory_iterator it(o.dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return invalid_input("clean: " + o.dir + ": " + ec.message());
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) {
      log_warn("clean: " + o.dir + ": " + ec.message());
      break;
    }
    FileType t = file_type(it->path());
    if (t == FileType::kSkip) continue;
    std::error_code fec;
    if (!it->is_regular_file(fec)) {
      // A dangling link or a special file named like a page: say so, go on.
      if (!it->is_directory(fec)) {
        log_warn("clean: " + it->path().lexically_relative(o.dir).generic_string() +
                 ": not a readable regular file, skipped");
      }
      continue;
    }
    Entry e;
    e.abs = it->path().string();
    e.rel = it->path().lexically_relative(o.dir).generic_string();
    e.type = t;
    if (!o.url_prefix.empty()) {
      std::string prefix = o.url_prefix;
      if (prefix.back() != '/') prefix += '/';
      e.url = prefix + e.rel;
      e.model_url = e.url;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
  return out;
}

// Reads and parses one file; nullopt (after a one-line warning) when the
// file cannot be read.
std::optional<parser::ParsedPage> load(const Entry& e, bool warn) {
  Result<std::string> bytes = read_file(e.abs);
  if (!bytes) {
    if (warn) log_warn("clean: " + e.rel + ": " + bytes.status().message());
    return std::nullopt;
  }
  parser::ParseOptions po;
  po.url = e.url;
  po.collect_links = false;
  parser::ParsedPage page = e.type == FileType::kHtml ? parser::parse_html(*bytes, po)
                                                      : parser::parse_text(*bytes, po);
  if (warn && !page.warnings.empty()) {
    log_warn("clean: " + e.rel + ": " + page.warnings.front());
  }
  return page;
}

std::string json_line(const Entry& e, const parser::Document& d) {
  JsonWriter w;
  w.str("path", e.rel);
  w.str("url", d.url);
  w.str("title", d.title);
  w.str("date", d.date);
  w.str("author", d.author);
  w.str("lang", d.lang);
  w.str("kind", parser::page_kind_name(d.kind));
  w.str("text", parser::document_text(d));
  return w.finish() + "\n";
}

}  // namespace

int clean_dir(const CleanDirOptions& options) {
  auto files = list_files(options);
  if (!files) return fail(files.status());
  // Pass 1: learn what recurs. Parsed pages (with their classify_page
  // verdicts) are kept for pass 2 up to a memory budget; pages past it are
  // parsed again there, so a folder of any size fits.
  chrome::SiteModel model;
  chrome::PageCache cache(options.cache_bytes);
  std::vector<bool> ok(files->size(), false);
  // The site keys of kept pages, so pass 2 does not fold their text again.
  std::vector<chrome::SiteKeys> keys(files->size());
  for (size_t i = 0; i < files->size(); ++i) {
    auto page = load((*files)[i], true);
    if (!page) continue;
    ok[i] = true;
    auto verdicts = chrome::classify_page(*page);
    model.add_page((*files)[i].model_url, *page, verdicts, &keys[i]);
    if (!cache.put(i, chrome::KeptPage{std::move(*page), std::move(verdicts)})) {
      keys[i] = {};
    }
  }
  std::vector<parser::Document> docs;
  std::vector<const Entry*> entries;
  for (size_t i = 0; i < files->size(); ++i) {
    if (!ok[i]) continue;
    const Entry& e = (*files)[i];
    std::optional<chrome::KeptPage> kept = cache.take(i);
    const chrome::SiteKeys* page_keys = &keys[i];
    if (!kept) {
      auto page = load(e, false);
      if (!page) continue;  // vanished between the passes
      kept = chrome::KeptPage{std::move(*page), {}};
      kept->verdicts = chrome::classify_page(kept->page);
      page_keys = nullptr;  // parsed again: keys computed afresh
    }
    auto verdicts = model.classify(e.model_url, kept->page, std::move(kept->verdicts), page_keys);
    keys[i] = {};
    docs.push_back(chrome::build_document(e.url, kept->page, verdicts));
    docs.back().url = e.url;
    entries.push_back(&e);
  }
  chrome::repair_text(docs);
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) out += json_line(*entries[i], docs[i]);
  if (options.out.empty()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
  }
  Status st = write_file_atomic(options.out, out);
  return st ? kExitOk : fail(st);
}

}  // namespace winnow::cli
