// store_rows.h: writes a fetched page straight into a store (URL row plus
// one fetch), for tests of the stages that read a store (mirror, WARC) and
// need exact control over what was "fetched". Header-only so the support
// library need not link store/.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "base/base.h"
#include "store/store.h"

namespace winnow::test {

// Adds origin + path (scheme://authority + path) once and one fetch of it
// with real request and response headers, content type and content hash.
// Status 304 stores a not-modified answer; extra_headers are response
// header lines, each ending in "\r\n"; fetched_at is ms since the epoch;
// final_url is the fetch's final_url ("" = the URL; a 3xx's resolved
// Location, as the crawler stores it).
inline void put_page(store::Store& db, const std::string& origin, const std::string& path,
                     const std::string& type, const std::string& body, int status = 200,
                     int64_t fetched_at = 1700000000000, const std::string& extra_headers = "",
                     const std::string& final_url = "") {
  const std::string url = origin + path;
  const std::string authority = origin.substr(origin.find("//") + 2);
  store::NewUrl nu;
  nu.url = url;
  nu.host = authority.substr(0, authority.find(':'));
  REQUIRE(db.add_urls({nu}));
  auto row = db.find_url(url);
  REQUIRE(row);
  REQUIRE(*row);
  store::FetchRow f;
  f.url_id = (*row)->id;
  f.url = url;
  f.final_url = final_url.empty() ? url : final_url;
  f.fetched_at = fetched_at;
  f.status = status;
  f.not_modified = status == 304;
  f.http_version = "HTTP/1.1";
  f.request_headers = "GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
  f.response_headers = "HTTP/1.1 " + std::to_string(status) +
                       " X\r\nContent-Type: " + type + "\r\n" + extra_headers + "\r\n";
  f.content_type = type;
  f.body = body;
  f.content_hash = hash128(body).hex();
  REQUIRE(db.add_fetch(f));
}

}  // namespace winnow::test
