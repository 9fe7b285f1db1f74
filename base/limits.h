// limits.h: every bound winnow enforces on what a website or an input file
// can make it do, each with its reason. A limit here has a test that trips it
// (grep the constant's name under tests/). Options may lower or raise some of
// them per run; these are the defaults.
#pragma once

#include <cstddef>
#include <cstdint>

namespace winnow::limits {

// --- Fetching -------------------------------------------------------------
// A single response body larger than this is cut and marked truncated: real
// archive pages are < 2 MB; larger bodies are media or a hostile endless stream.
inline constexpr size_t kMaxBodyBytes = 16u << 20;
// Decompressed output may be at most this many times the compressed input
// (plus kMaxBodyBytes overall): a gzip bomb expands ~1000x.
inline constexpr size_t kMaxDecompressionRatio = 100;
// Redirect hops followed per request; browsers stop near 20, loops stop here.
inline constexpr int kMaxRedirects = 10;
// Style sheets in a row from a page (page -> a.css -> @import b.css -> ...)
// under --page-requisites: the url()s and @imports of the last one are not
// followed, so a generated chain of imports cannot run on for ever.
inline constexpr int kMaxStylesheetChain = 4;
// robots.txt bytes downloaded and parsed; RFC 9309 section 2.5 requires at
// least 500 KiB, and a 10 MB robots.txt is a hostile one.
inline constexpr size_t kMaxRobotsBytes = 500u * 1024;
// Crawl-delay is honoured up to this many seconds, so one hostile host cannot
// stall a crawl for hours.
inline constexpr double kMaxCrawlDelaySeconds = 30.0;
// Retry-After is honoured up to this many seconds (same reason).
inline constexpr double kMaxRetryAfterSeconds = 600.0;
// Sitemap: URLs read from one sitemap file (the sitemaps.org protocol's own
// per-file maximum); more are ignored.
inline constexpr size_t kMaxSitemapUrls = 50000;
// Sitemap: bytes of one (uncompressed) sitemap file, the protocol's 50 MB
// (52,428,800 bytes) maximum; also bounds gzip sitemaps after inflation.
inline constexpr size_t kMaxSitemapBytes = 50u << 20;
// Response header bytes (all lines); real answers carry < 16 KiB, and curl
// itself refuses a single line over 100 KiB.
inline constexpr size_t kMaxHeaderBytes = 256u * 1024;
// A transfer slower than this many bytes per second for --timeout (at most
// 15 s) is abandoned: a server dripping a body byte by byte holds a
// connection for nothing.
inline constexpr long kMinTransferBytesPerSecond = 1024;

// --- Traps ----------------------------------------------------------------
// URLs longer than this are not queued: no archive page needs them; traps
// that append segments grow without bound.
inline constexpr size_t kMaxUrlLength = 2048;
// Path segments in one URL (/a/b/c/... depth).
inline constexpr int kMaxPathDepth = 16;
// The same path segment repeated this many times marks a relative-link loop
// (/a/b/a/b/a/b...).
inline constexpr int kMaxRepeatedSegment = 3;
// Pages stored per host before the host is closed to new URLs.
inline constexpr int64_t kMaxPagesPerHost = 1000000;
// Distinct query strings queued per (host, path): calendars and faceted
// search explode combinatorially.
inline constexpr int kMaxQueryVariantsPerPath = 100;
// Query parameters in one URL.
inline constexpr int kMaxQueryParams = 16;

// --- Parsing --------------------------------------------------------------
// DOM depth considered by the parser; deeper nodes are flattened into their
// ancestor at this depth. Gumbo itself recurses on depth, so 100,000-deep
// nesting must be cut before tree walks.
inline constexpr int kMaxDomDepth = 400;
// HTML bytes parsed per page; the rest is ignored with a warning.
inline constexpr size_t kMaxHtmlBytes = 8u << 20;
// One start tag given to Gumbo: at most this many attributes and bytes;
// larger tags are dropped (text kept). Gumbo's duplicate-attribute check is
// quadratic in the attribute count, so a tag with 100,000 attributes would
// take minutes; real pages carry tags of 20-100 KB (inline data: URIs,
// serialized config) with a handful of attributes, which must survive.
inline constexpr size_t kMaxTagAttributes = 1024;
inline constexpr size_t kMaxTagBytes = 1u << 20;
// Blocks kept per page.
inline constexpr size_t kMaxBlocksPerPage = 50000;

// --- Files ----------------------------------------------------------------
// One JSONL line read by dedup-jsonl; longer lines are reported and skipped.
inline constexpr size_t kMaxJsonlLineBytes = 64u << 20;
// One WARC record's block read by import.
inline constexpr size_t kMaxWarcRecordBytes = 256u << 20;
// Bytes of one path component written by mirror (ext4/NTFS allow 255).
inline constexpr size_t kMaxPathComponentBytes = 200;

}  // namespace winnow::limits
