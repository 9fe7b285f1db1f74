// store_body_test: how fetch bodies are compressed on disk (fetches.body_z).
// New bodies are zstd frames; stores written before zstd hold zlib and must
// still read byte-exact; decompression is bounded (zstd and zlib bombs).
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <zstd.h>

#include <memory>
#include <string>
#include <vector>

#include "base/base.h"
#include "store/store.h"
#include "support/store_rows.h"
#include "support/util.h"

using namespace winnow;

namespace {

// Bytes of every value, some compressible, some not.
std::string sample_body(size_t n) {
  std::string s;
  uint32_t x = 12345;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    s.push_back(i % 3 == 0 ? static_cast<char>(x >> 24) : "<p>winnow</p>\n"[i % 14]);
  }
  return s;
}

// A zstd frame without a content size in its header (streaming API, no
// pledged size): decoded by the streaming path.
std::string zstd_unknown_size(const std::string& data) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 0);
  std::string out(ZSTD_compressBound(data.size()) + 64, '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  size_t rc = ZSTD_compressStream2(c, &o, &in, ZSTD_e_end);
  ZSTD_freeCCtx(c);
  REQUIRE(rc == 0);
  out.resize(o.pos);
  REQUIRE(ZSTD_getFrameContentSize(out.data(), out.size()) == ZSTD_CONTENTSIZE_UNKNOWN);
  return out;
}

// Raw SQL on a store file (the store API never hands out body_z).
struct Raw {
  sqlite3* db = nullptr;
  explicit Raw(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~Raw() { sqlite3_close(db); }
  std::string body_z(int64_t fetch_id) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT body_z FROM fetches WHERE id = ?1", -1, &s, nullptr) ==
            SQLITE_OK);
    sqlite3_bind_int64(s, 1, fetch_id);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const void* blob = sqlite3_column_blob(s, 0);
    std::string out = blob ? std::string(static_cast<const char*>(blob),
                                         static_cast<size_t>(sqlite3_column_bytes(s, 0)))
                           : std::string();
    sqlite3_finalize(s);
    return out;
  }
  void set_body_z(int64_t fetch_id, const std::string& z) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE fetches SET body_z = ?1 WHERE id = ?2", -1, &s,
                               nullptr) == SQLITE_OK);
    sqlite3_bind_blob(s, 1, z.data(), static_cast<int>(z.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, fetch_id);
    REQUIRE(sqlite3_step(s) == SQLITE_DONE);
    sqlite3_finalize(s);
  }
};

std::unique_ptr<store::Store> open_store(const std::string& path) {
  auto s = store::Store::open(path);
  REQUIRE(s);
  return std::move(*s);
}

int64_t url_id(store::Store& db, const std::string& url) {
  auto r = db.find_url(url);
  REQUIRE(r);
  REQUIRE(*r);
  return (*r)->id;
}

// The latest fetch of url, which must exist and read.
store::FetchRow latest(store::Store& db, const std::string& url) {
  auto f = db.latest_fetch(url_id(db, url));
  REQUIRE(f);
  REQUIRE(*f);
  return std::move(**f);
}

}  // namespace

TEST_CASE("decompress_any: zstd round trips, zlib/gzip/raw deflate still read", "[zstd]") {
  for (size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{20000}, size_t{300000}}) {
    std::string body = sample_body(n);
    std::string z = zstd_compress(body, 1);
    REQUIRE(is_zstd_frame(z));
    auto back = decompress_any(z, n);  // max_out == size exactly is allowed
    REQUIRE(back);
    CHECK(*back == body);
    // Formats written before zstd.
    auto zl = decompress_any(zlib_compress(body, 1), n);
    REQUIRE(zl);
    CHECK(*zl == body);
    auto gz = decompress_any(gzip_member(body, 6), n);
    REQUIRE(gz);
    CHECK(*gz == body);
    CHECK(!is_zstd_frame(zlib_compress(body, 1)));
  }
  CHECK(decompress_any("", 0).value().empty());
  // zstd at level 1 is smaller than zlib at level 1 on HTML-like text.
  std::string html;
  for (int i = 0; i < 400; ++i) html += "<li><a href=\"/en/posts/" + std::to_string(i * 7) + "\">Post " + std::to_string(i) + "</a></li>\n";
  CHECK(zstd_compress(html, 1).size() < zlib_compress(html, 1).size());
}

TEST_CASE("decompress_any: streaming path (no content size, several frames)", "[zstd]") {
  std::string a = sample_body(70000), b = sample_body(5000);
  auto u = decompress_any(zstd_unknown_size(a), a.size());
  REQUIRE(u);
  CHECK(*u == a);
  auto two = decompress_any(zstd_compress(a, 1) + zstd_compress(b, 3), a.size() + b.size());
  REQUIRE(two);
  CHECK(*two == a + b);
}

TEST_CASE("decompress_any: zstd bombs and damaged frames are refused", "[zstd]") {
  const std::string zeros(8u << 20, '\0');  // 8 MB of zeros: a few hundred bytes as zstd
  const size_t cap = 64 * 1024;
  SECTION("content size in the header above the cap") {
    std::string z = zstd_compress(zeros, 1);
    REQUIRE(z.size() < 4096);
    auto r = decompress_any(z, cap);
    REQUIRE(!r);
    CHECK(r.status().kind() == ErrorKind::kLimitExceeded);
  }
  SECTION("no content size in the header: stopped while streaming") {
    auto r = decompress_any(zstd_unknown_size(zeros), cap);
    REQUIRE(!r);
    CHECK(r.status().kind() == ErrorKind::kLimitExceeded);
  }
  SECTION("many small frames adding up past the cap") {
    std::string one = zstd_compress(std::string(16 * 1024, 'x'), 1), z;
    for (int i = 0; i < 100; ++i) z += one;
    auto r = decompress_any(z, cap);
    REQUIRE(!r);
    CHECK(r.status().kind() == ErrorKind::kLimitExceeded);
  }
  SECTION("zlib bombs as before") {
    auto r = decompress_any(zlib_compress(zeros, 9), cap);
    REQUIRE(!r);
    CHECK(r.status().kind() == ErrorKind::kLimitExceeded);
  }
  SECTION("truncated and corrupt frames") {
    std::string body = sample_body(50000);
    std::string z = zstd_compress(body, 1);
    for (size_t cut : {size_t{4}, size_t{8}, z.size() / 2, z.size() - 1}) {
      auto r = decompress_any(z.substr(0, cut), body.size());
      REQUIRE(!r);
      CHECK(r.status().kind() == ErrorKind::kCorrupt);
    }
    std::string bad = z;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5a);
    bad[bad.size() / 2 + 1] = static_cast<char>(bad[bad.size() / 2 + 1] ^ 0x33);
    (void)decompress_any(bad, body.size());  // an error or other bytes, no crash
    auto trailing = decompress_any(z + "garbage!", body.size());
    REQUIRE(!trailing);
    CHECK(trailing.status().kind() == ErrorKind::kCorrupt);
  }
}

TEST_CASE("store: new bodies are zstd on disk and read back byte-exact", "[store]") {
  std::string dir = test::make_temp_dir("store_body_zstd");
  std::string path = dir + "/a.db";
  std::string body = sample_body(30000);
  {
    auto db = open_store(path);
    test::put_page(*db, "http://example.org", "/a", "text/html", body);
    test::put_page(*db, "http://example.org", "/empty", "text/html", "");
  }
  {
    Raw raw(path);
    CHECK(is_zstd_frame(raw.body_z(1)));
    CHECK(is_zstd_frame(raw.body_z(2)));
    CHECK(raw.body_z(1).size() < body.size());
  }
  auto db = open_store(path);
  CHECK(latest(*db, "http://example.org/a").body == body);
  CHECK(latest(*db, "http://example.org/empty").body.empty());
}

TEST_CASE("store: bodies written as zlib by earlier versions still read byte-exact", "[store]") {
  std::string dir = test::make_temp_dir("store_body_zlib");
  std::string path = dir + "/a.db";
  std::string a = sample_body(25000), b = sample_body(4000), c = sample_body(9000);
  {
    auto db = open_store(path);
    // Through the store API: a caller-compressed body is stored as it is.
    store::FetchRow f;
    store::NewUrl nu;
    nu.url = "http://example.org/a";
    nu.host = "example.org";
    REQUIRE(db->add_urls({nu}));
    f.url_id = url_id(*db, nu.url);
    f.url = nu.url;
    f.status = 200;
    f.content_type = "text/html";
    f.body = a;
    f.body_z = zlib_compress(a, 1);
    REQUIRE(db->add_fetch(f));
    // b: written as zstd, rewritten below as zlib level 6 by raw SQL; a 304
    // for it resolves its body from that zlib row (body_from).
    test::put_page(*db, "http://example.org", "/b", "text/html", b);
    test::put_page(*db, "http://example.org", "/b", "text/html", "", 304);
    test::put_page(*db, "http://example.org", "/c", "text/html", c);  // zstd
  }
  {
    Raw raw(path);
    REQUIRE(!is_zstd_frame(raw.body_z(1)));
    raw.set_body_z(2, zlib_compress(b, 6));
    CHECK(is_zstd_frame(raw.body_z(4)));
  }
  auto db = open_store(path);
  CHECK(latest(*db, "http://example.org/a").body == a);
  store::FetchRow fb = latest(*db, "http://example.org/b");
  CHECK(fb.not_modified);
  CHECK(fb.body == b);
  std::vector<std::string> latest_bodies;
  REQUIRE(db->for_each_latest_fetch([&](const store::FetchRow& r) {
    latest_bodies.push_back(r.body);
    return true;
  }));
  CHECK(latest_bodies == std::vector<std::string>{a, b, c});
  std::vector<std::string> all;
  REQUIRE(db->for_each_fetch([&](const store::FetchRow& r) {
    all.push_back(r.body);
    return true;
  }));
  // for_each_fetch does not resolve body_from: the 304 row has no body.
  CHECK(all == std::vector<std::string>{a, b, "", c});
}

TEST_CASE("store: a zstd bomb in body_z is refused, not decompressed", "[store]") {
  std::string dir = test::make_temp_dir("store_body_bomb");
  std::string path = dir + "/a.db";
  {
    auto db = open_store(path);
    test::put_page(*db, "http://example.org", "/a", "text/html", "small page");
  }
  {
    Raw raw(path);
    // 64 MB of zeros, claimed by a row whose body_size is 10 bytes.
    raw.set_body_z(1, zstd_compress(std::string(64u << 20, '\0'), 1));
  }
  auto db = open_store(path);
  auto f = db->latest_fetch(url_id(*db, "http://example.org/a"));
  REQUIRE(!f);
  CHECK(f.status().kind() == ErrorKind::kCorrupt);
  CHECK(f.status().message().find("does not decompress") != std::string::npos);
  auto head = db->latest_fetch(url_id(*db, "http://example.org/a"), false);
  CHECK(head);  // without the body the row still reads
}
