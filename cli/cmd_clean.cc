// cmd_clean.cc: `winnow clean FILE.html|-|DIR [--url URL] [--format F]`.
// A file or stdin is cleaned with per-page signals only (no site model); a
// directory is one site (cli/clean_dir.cc: site-wide model, dedup across
// the folder unless --no-dedup, JSONL out).
// Hidden options: `--batch LIST` reads "id<TAB>path" lines (plain or gzip
// files) and writes one {"id","text"} JSON line per page, for benches;
// `--cache-mb N` sets DIR mode's budget for keeping first-pass parses.
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>

#include "chrome/chrome.h"
#include "cli/cli.h"
#include "parser/parser.h"

namespace winnow::cli {
namespace {

struct CleanArgs {
  std::string input;             // path, or "-" for stdin
  std::string url;               // the page's URL (for links, canonical)
  std::string format = "text";   // text | markdown | json
  std::string batch;             // hidden: list file for batch mode
  std::string out;               // DIR mode: JSONL output file ("" = stdout)
  std::string url_prefix;        // DIR mode: files get URL prefix + path
  size_t cache_mb = chrome::kDefaultPageCacheBytes >> 20;  // DIR mode: MiB of
                                 // parsed pages kept between the passes
  bool no_dedup = false;         // DIR mode: keep duplicates (one line per file)
  bool across_articles = false;  // DIR mode: a paragraph once per folder
  bool with_pages = false;       // DIR mode: write standalone pages too
};

// Reads a file; gzip files (by magic bytes) are inflated.
Result<std::string> read_input(const std::string& path) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  auto data = read_file(path);
  if (!data) return invalid_input("cannot read " + path + ": " + data.status().message());
  if (data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f &&
      static_cast<unsigned char>((*data)[1]) == 0x8b) {
    auto raw = inflate_any(*data, limits::kMaxBodyBytes);
    if (!raw) return invalid_input("cannot decompress " + path + ": " + raw.status().message());
    return std::move(*raw);
  }
  return data;
}

// 0: HTML; 1: plain text (.txt); 2: Markdown (.md).
int looks_like_text_file(const std::string& path) {
  auto ends = [&](const char* s) {
    std::string suf(s);
    return path.size() >= suf.size() && path.compare(path.size() - suf.size(), suf.size(), suf) == 0;
  };
  return ends(".md") ? 2 : ends(".txt") ? 1 : 0;
}

parser::Document clean_page(const std::string& bytes, const std::string& url, int text_file) {
  parser::ParseOptions po;
  po.url = url;
  po.collect_links = false;
  if (text_file) po.content_type = text_file == 2 ? "text/markdown" : "text/plain";
  parser::ParsedPage page = text_file ? parser::parse_text(bytes, po) : parser::parse_html(bytes, po);
  const std::string prefix = url.empty() ? "" : url + ": ";
  for (const std::string& w : page.warnings) log_warn(prefix + w);
  auto verdicts = chrome::classify_page(page);
  return chrome::build_document(url, page, verdicts);
}

std::string render(const parser::Document& d, const std::string& format) {
  if (format == "markdown") return parser::document_markdown(d) + "\n";
  std::string text = parser::document_text(d);
  if (format == "json") {
    JsonWriter w;
    w.str("url", d.url).str("title", d.title).str("date", d.date).str("author", d.author);
    w.str("lang", d.lang).str("kind", parser::page_kind_name(d.kind)).str("text", text);
    return w.finish() + "\n";
  }
  return text.empty() ? "" : text + "\n";
}

int run_batch(const CleanArgs& a) {
  auto list = read_file(a.batch);
  if (!list) return fail(invalid_input("cannot read " + a.batch));
  for (std::string_view line : split(*list, '\n')) {
    line = trim(line);
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string id(line.substr(0, tab)), path(line.substr(tab + 1));
    auto bytes = read_input(path);
    std::string text;
    if (bytes) text = parser::document_text(clean_page(*bytes, "", looks_like_text_file(path)));
    else log_warn(bytes.status().message());
    std::printf("%s\n", JsonWriter().str("id", id).str("text", text).finish().c_str());
  }
  return kExitOk;
}

int run_clean(const CleanArgs& a) {
  if (!a.batch.empty()) return run_batch(a);
  if (a.input.empty()) return fail(usage_error("clean: give a FILE, a folder or - for stdin"));
  struct stat st {};
  if (a.input != "-" && ::stat(a.input.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    // DIR mode (cli/clean_dir.cc): the folder is one site, site model on.
    return clean_dir(
        CleanDirOptions{a.input, a.out, a.url_prefix, a.cache_mb << 20, !a.no_dedup,
                        a.across_articles, a.with_pages});
  }
  auto bytes = read_input(a.input);
  if (!bytes) return fail(bytes.status());
  parser::Document d = clean_page(*bytes, a.url, looks_like_text_file(a.input));
  std::string out = render(d, a.format);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void add_clean_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CleanArgs>();
  CLI::App* sub = app.add_subcommand(
      "clean", "Print the main text of one HTML page (per-page signals only)");
  sub->add_option("input", args->input, "HTML (or .txt/.md) file, or - for stdin");
  sub->add_option("--url", args->url, "The page's URL (resolves links, names the page)");
  sub->add_option("--format", args->format, "Output: text (default), markdown, or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  sub->add_option("--batch", args->batch, "")->group("");  // hidden: bench mode
  sub->add_option("--out", args->out, "DIR mode: write the JSONL here instead of stdout");
  sub->add_option("--url-prefix", args->url_prefix,
                  "DIR mode: give each file the URL <prefix>/<relative path>");
  sub->add_flag("--no-dedup", args->no_dedup,
                "DIR mode: keep duplicate paragraphs and pages (one line per file)");
  sub->add_flag("--across-articles", args->across_articles,
                "DIR mode: keep a paragraph once even when several articles hold it (default: "
                "each article keeps its whole text; copies on listings and copies of a page go "
                "either way)");
  sub->add_flag("--with-pages", args->with_pages,
                "DIR mode: also write the folder's standalone pages (about, contact...: pages "
                "unlike its posts), left out by default");
  // Hidden (tests, benches): memory for parsed pages kept between the two
  // passes of DIR mode; 0 parses every file twice. Output is the same.
  sub->add_option("--cache-mb", args->cache_mb, "")->group("")->check(CLI::Range(0, 1 << 20));
  sub->callback([args, &action] { action = [args] { return run_clean(*args); }; });
}

}  // namespace winnow::cli
