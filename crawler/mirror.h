// mirror.h: part of the crawler front door (crawler/crawler.h) -- writes the
// stored pages out as an offline mirror: URL -> safe local path mapping,
// link rewriting in HTML and CSS (touching only link text), and the
// incremental update driven by a manifest in the mirror folder.
// Rules and reasons: docs/internals/mirror-warc.md.
//
// Threading: the pure helpers (mirror_path, MirrorPathMap, rewrite_*) are
// thread-safe on distinct objects; write_mirror uses one Store on the
// calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "crawler/url.h"

namespace winnow::store {
class Store;
}

namespace winnow::crawler {

// ------------------------------------------------------------ path mapping --
// The local path (relative to the mirror folder, '/'-separated) of a URL
// before collision handling: "host[_PORT]/path[%3Fquery][.ext]". Every
// component is safe on Linux, macOS and Windows: no "..", no control
// bytes, no :*?"<>|\ (written as %XX), no reserved device names (CON,
// NUL, COM1...: a '_' is appended to the stem), no trailing dot or space,
// at most limits::kMaxPathComponentBytes bytes (longer ones are cut and get
// "~" + 16 hex digits of the full component's hash). `content_type` is the
// lower-case media type; text/html and text/css get .html/.css when the
// name lacks them, other known types get an extension when the name has
// none. Returns "" for URLs that do not parse or are not http(s).
std::string mirror_path(std::string_view url, std::string_view content_type);

// Assigns unique local paths to a set of URLs: two paths never differ only
// in letter case, and no file takes a name some other file needs as a
// directory. Deterministic: the same URL set gives the same paths whatever
// order add() was called in. A plain value; one thread at a time.
class MirrorPathMap {
 public:
  // Registers `url` (canonical) with its content type.
  void add(const std::string& url, std::string_view content_type);
  // `from` (canonical) redirects to `to` (canonical): a 3xx, or a 0-second
  // meta refresh. Links to `from` lead to the file at the end of the chain
  // (link_path); `from` may have a file of its own.
  void add_redirect(const std::string& from, const std::string& to);
  // Resolves collisions; call once after every add().
  void finish();
  // The local path of a canonical URL's own file, if mirrored (after
  // finish()).
  std::optional<std::string> path_of(std::string_view url) const;
  // Where a link to `url` leads: following redirects (at most
  // limits::kMaxRedirects hops), the file of the last URL in the chain that
  // has one; a loop leads to url's own file. nullopt: nothing mirrored.
  std::optional<std::string> link_path(std::string_view url) const;
  const std::map<std::string, std::string>& paths() const { return final_; }

 private:
  std::map<std::string, std::string> raw_;       // url -> mirror_path()
  std::map<std::string, std::string> redirect_;  // from -> to
  std::map<std::string, std::string> final_;     // url -> unique path
};

// The href that leads from the file `from_path` to the file `to_path` (both
// mirror-relative): a relative path with each byte outside the RFC 3986
// unreserved/sub-delim set written as %XX (so '%' -> %25, '?' -> %3F).
std::string relative_href(std::string_view from_path, std::string_view to_path);

// Decides what a link becomes: `url` is the link resolved against the
// document (absolute, fragment removed). Returns the replacement text
// without the fragment, or nullopt to leave the link as written.
using LinkMapper = std::function<std::optional<std::string>(const Url&)>;

// Rewrites the links of an HTML page (a/area href, link href, img/source
// src+srcset, script/iframe/frame/embed/track/audio/video src, video
// poster, object data, input src, background, meta refresh, <base href>,
// style="" and <style> url()/@import). Only the bytes of each link value
// change. `page_url` must be absolute. `base_replacement` is written over
// <base href> values (the page's own file name in a mirror).
std::string rewrite_html(std::string_view html, std::string_view page_url,
                         const LinkMapper& mapper,
                         std::string_view base_replacement);
// Rewrites url() and @import targets of a style sheet.
std::string rewrite_css(std::string_view css, std::string_view css_url,
                        const LinkMapper& mapper);

// The URL a page's `<meta http-equiv=refresh>` sends the reader to at once
// (delay below one second), resolved against the page (or its first <base
// href>); nullopt when there is none, it waits, or it names no URL.
std::optional<std::string> meta_refresh_target(std::string_view html,
                                               std::string_view page_url);

// The mapper a mirror uses: a URL with a local file (MirrorPathMap::
// link_path, so redirects are followed) becomes relative_href() from
// `self_path`; anything else becomes the absolute URL.
LinkMapper mirror_link_mapper(const MirrorPathMap& map, std::string self_path);

// True when a link of element `tag` (lower case) in attribute `attr` (lower
// case; `rel` the element's rel value) is a page requisite, as wget -p
// fetches: images, scripts, style sheets, icons, media, frames' contents
// are not (they are pages).
bool is_page_requisite(std::string_view tag, std::string_view attr,
                       std::string_view rel);

// ------------------------------------------------------------ write_mirror --
// Options for write_mirror(); field by field.
struct MirrorOptions {
  std::string out_dir;        // mirror folder (created); required
  bool convert_links = true;  // rewrite links in HTML/CSS (false: as fetched)
  bool keep_gone = false;     // keep files of pages no longer in the store
                              // or gone (404/410) instead of removing them
};

struct MirrorStats {
  int64_t new_files = 0;   // written for the first time
  int64_t changed = 0;     // rewritten because their bytes changed
  int64_t unchanged = 0;   // left alone
  int64_t removed = 0;     // deleted: page gone (or kept with keep_gone)
  int64_t failed = 0;      // could not decode or write (warned)
};

// "new N, changed N, unchanged N, removed N"
std::string mirror_summary(const MirrorStats& stats);

// Writes (or updates) the mirror of every stored 2xx resource. The manifest
// DIR/.winnow-mirror.json remembers what was written, so a second run only
// writes files whose bytes changed and removes files of gone pages.
Status write_mirror(store::Store& db, const MirrorOptions& options,
                    MirrorStats* stats);

}  // namespace winnow::crawler
