// mirror_write.cc: `winnow mirror` / `crawl --mirror` -- writes every stored
// resource to its mirror path with links rewritten, and on later runs only
// what changed, removing files of gone pages. The manifest
// DIR/.winnow-mirror.json records path -> (url, hash of the written bytes).
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "crawler/crawler.h"

namespace winnow::crawler {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifest = ".winnow-mirror.json";

struct ManifestEntry {
  std::string url, hash;
};
using Manifest = std::map<std::string, ManifestEntry>;  // path -> entry

Manifest load_manifest(const std::string& dir) {
  Manifest m;
  auto text = read_file(dir + "/" + kManifest);
  if (!text) return m;
  auto json = JsonValue::parse(*text);
  if (!json) {
    log_warn(dir + "/" + kManifest + ": unreadable manifest; rewriting all files");
    return m;
  }
  for (const auto& [path, v] : (*json)["files"].as_object()) {
    m[path] = {v.get_string("url"), v.get_string("hash")};
  }
  return m;
}

Status save_manifest(const std::string& dir, const Manifest& m) {
  std::string out = "{\"version\":1,\"files\":{\n";
  bool first = true;
  for (const auto& [path, e] : m) {
    if (!first) out += ",\n";
    first = false;
    json_quote(out, path);
    out += ":" + JsonWriter().str("url", e.url).str("hash", e.hash).finish();
  }
  out += "\n}}\n";
  return write_file_atomic(dir + "/" + kManifest, out);
}

// A mirror path never escapes the folder (mirror_path guarantees it; this
// is the last line of defence).
bool inside(const std::string& rel) {
  if (rel.empty() || rel.front() == '/') return false;
  for (std::string_view c : split(rel, '/')) {
    if (c.empty() || c == "." || c == "..") return false;
  }
  return true;
}

void remove_file_and_empty_dirs(const std::string& dir, const std::string& rel) {
  std::error_code ec;
  fs::path p = fs::path(dir) / rel;
  fs::remove(p, ec);
  for (fs::path d = p.parent_path(); d != fs::path(dir) && !d.empty();
       d = d.parent_path()) {
    if (!fs::is_empty(d, ec) || ec) break;
    fs::remove(d, ec);
  }
}

std::string full_path(const MirrorOptions& o, const std::string& rel) {
  return o.out_dir + "/" + rel;
}

std::string page_url(const store::FetchRow& f) {
  return f.final_url.empty() ? f.url : f.final_url;
}

// The bytes to write for one fetch.
Result<std::string> render(const store::FetchRow& f, const std::string& path,
                           const MirrorPathMap& map, bool convert) {
  auto body = decode_body(f);
  if (!body || !convert) return body;
  std::string page = page_url(f);
  std::string self = path.substr(path.rfind('/') + 1);
  if (f.content_type == "text/html" || f.content_type == "application/xhtml+xml") {
    return rewrite_html(*body, page, mirror_link_mapper(map, path), self);
  }
  if (f.content_type == "text/css") {
    return rewrite_css(*body, page, mirror_link_mapper(map, path));
  }
  return body;
}

// Registers every mirrored URL with its type, and every redirect: URLs
// whose latest answer is a 3xx (`redirected`: they get no file, even when
// an older 2xx is stored) and pages with a 0-second meta refresh.
Status add_urls(store::Store& db, MirrorPathMap& map, std::set<std::string>& redirected) {
  Status st = db.for_each_redirect([&](const store::FetchRow& f) {
    auto to = canonicalize(f.final_url);
    if (to && *to != f.url) {
      map.add_redirect(f.url, *to);
      redirected.insert(f.url);
    }
    return true;
  });
  if (!st) return st;
  return db.for_each_latest_fetch([&](const store::FetchRow& f) {
    if (redirected.count(f.url)) return true;
    map.add(f.url, f.content_type);
    if (f.content_type != "text/html" && f.content_type != "application/xhtml+xml") {
      return true;
    }
    auto body = decode_body(f);
    if (!body) return true;  // warned about when rendered
    if (auto target = meta_refresh_target(*body, page_url(f))) {
      if (auto to = canonicalize(*target)) map.add_redirect(f.url, *to);
    }
    return true;
  });
}

}  // namespace

std::string mirror_summary(const MirrorStats& s) {
  return "new " + std::to_string(s.new_files) + ", changed " +
         std::to_string(s.changed) + ", unchanged " + std::to_string(s.unchanged) +
         ", removed " + std::to_string(s.removed) +
         (s.failed ? ", failed " + std::to_string(s.failed) : "");
}

Status write_mirror(store::Store& db, const MirrorOptions& options,
                    MirrorStats* stats) {
  MirrorStats local;
  if (!stats) stats = &local;
  if (options.out_dir.empty()) return invalid_input("mirror: no output folder given");
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return storage_error(options.out_dir + ": cannot create: " + ec.message());
  // A run killed mid-write left temporaries in folders this run may not
  // touch again.
  remove_stale_temporaries(options.out_dir, true);
  MirrorPathMap map;
  std::set<std::string> redirected;
  Status st = add_urls(db, map, redirected);
  if (!st) return st;
  map.finish();
  Manifest old = load_manifest(options.out_dir);
  Manifest now;
  Status err;
  st = db.for_each_latest_fetch([&](const store::FetchRow& f) {
    if (redirected.count(f.url)) return true;
    auto path = map.path_of(f.url);
    if (!path || !inside(*path)) return true;
    auto bytes = render(f, *path, map, options.convert_links);
    auto it = old.find(*path);
    if (!bytes) {
      // Keep what the last good fetch gave rather than lose the page.
      bool kept = it != old.end() && fs::exists(full_path(options, *path), ec);
      if (kept) now[*path] = it->second;
      log_warn("mirror: " + bytes.status().message() +
               (kept ? "; previous file kept" : "; no file written"));
      ++stats->failed;
      return true;
    }
    std::string hash = hash128(*bytes).hex();
    std::string full = full_path(options, *path);
    now[*path] = {f.url, hash};
    if (it != old.end() && it->second.hash == hash && fs::exists(full, ec)) {
      ++stats->unchanged;
      return true;
    }
    fs::create_directories(fs::path(full).parent_path(), ec);
    Status w = write_file_atomic(full, *bytes);
    if (!w) {
      err = w;
      return false;
    }
    it == old.end() ? ++stats->new_files : ++stats->changed;
    return true;
  });
  if (!st) return st;
  if (!err) return err;
  for (const auto& [path, e] : old) {
    if (now.count(path)) continue;
    if (options.keep_gone) {
      now[path] = e;
      continue;
    }
    if (inside(path)) remove_file_and_empty_dirs(options.out_dir, path);
    ++stats->removed;
  }
  return save_manifest(options.out_dir, now);
}

}  // namespace winnow::crawler
