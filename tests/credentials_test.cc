// credentials_test.cc: user:pass@ in a seed or a link never reaches what
// winnow writes -- the store's URLs and request headers, the progress log,
// the dataset, provenance, the WARC records' headers and the CDXJ index --
// while the seed's own credentials still open its site (HTTP Basic, sent
// only to the seed's origin). docs/internals/urls-and-robots.md
// "Credentials in URLs".
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
using winnow::test::TestServer;
namespace fs = std::filesystem;

namespace {

const std::string kPassword = "hunter2-Pw";
const std::string kGoodAuth = "Basic YXJjaGl2aXN0Omh1bnRlcjItUHc=";  // archivist:hunter2-Pw
const std::string kLinkPassword = "leaked-Pw";
const std::string kLinkAuth = "aW50cnVkZXI6bGVha2VkLVB3";  // intruder:leaked-Pw

std::string article(const std::string& title, const std::string& extra_links) {
  return "<html><head><title>" + title + "</title></head><body><article><h1>" + title +
         "</h1><p>The archive keeps the minutes of every meeting of the river council "
         "since the flood, with the names of all who spoke.</p><p>" + title +
         " records what the council decided about the bridge and the school.</p>" +
         extra_links + "</article></body></html>";
}

// Every line of `text` that contains `needle`, for a readable failure.
std::string lines_with(const std::string& text, const std::string& needle) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find(needle) != std::string::npos) out += line.substr(0, 200) + "\n";
    start = end + 1;
  }
  return out;
}

// The WARC's header lines (not payloads: a page may show a link as it is).
std::string warc_header_lines(const std::string& warc) {
  std::string out;
  for (const char* needle : {"WARC-", "Authorization"}) out += lines_with(warc, needle);
  return out;
}

}  // namespace

// Regression: canonicalize kept userinfo, so "http://user:pass@host/" was
// the stored URL, the logged URL, the dataset's url, the provenance's and
// the WARC-Target-URI, and a link's credentials were sent to the server.
TEST_CASE("credentials in URLs open the site but are never written", "[policy]") {
  TestServer site, other;
  site.set_handler("/", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != kGoodAuth) {
      res.status = 401;
      res.set_header("WWW-Authenticate", "Basic realm=\"archive\"");
      res.set_content("login required", "text/plain");
      return;
    }
    if (req.path == "/robots.txt") {
      res.set_content("User-agent: *\nAllow: /\n", "text/plain");
    } else if (req.path == "/go") {
      res.status = 302;
      res.set_header("Location", other.url("/landing"));
    } else if (req.path == "/") {
      res.set_content(article("Council minutes",
                              "<a href=\"/a\">a</a> <a href=\"http://intruder:" + kLinkPassword +
                                  "@127.0.0.1:" + std::to_string(site.port()) +
                                  "/b\">b</a> <a href=\"/go\">go</a>"),
                      "text/html; charset=utf-8");
    } else {
      res.set_content(article("Page " + req.path, ""), "text/html; charset=utf-8");
    }
  });
  other.set_page("/landing", article("Landing", ""));
  const std::string dir = test::make_temp_dir("credentials");
  const std::string seed =
      "http://archivist:" + kPassword + "@127.0.0.1:" + std::to_string(site.port()) + "/";
  auto r = test::run_winnow({"run", seed, "--out", dir + "/out", "--provenance", "--warc",
                             dir + "/out/site.warc", "--delay", "0", "--sitemaps", "off",
                             "--scope", "domain", "--log", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  // The seed's credentials were sent to its origin, for every request
  // (robots.txt and the link that carried other credentials included).
  std::vector<std::string> paths;
  for (const auto& q : site.requests()) {
    paths.push_back(q.path);
    auto it = q.headers.find("authorization");
    INFO(q.path);
    REQUIRE(it != q.headers.end());
    CHECK(it->second == kGoodAuth);
  }
  std::sort(paths.begin(), paths.end());
  CHECK(paths == std::vector<std::string>{"/", "/a", "/b", "/go", "/robots.txt"});
  // ...and to no other origin, even through a redirect.
  REQUIRE(other.hits("/landing") == 1);
  for (const auto& q : other.requests()) CHECK(q.headers.count("authorization") == 0);

  // Nothing winnow wrote holds either password or the encoded header.
  std::string everything = r.out + r.err;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) everything += test::slurp(e.path().string());
  }
  CHECK(lines_with(everything, kPassword).empty());
  CHECK(lines_with(everything, kGoodAuth.substr(6)).empty());
  CHECK(lines_with(everything, kLinkAuth).empty());
  CHECK(lines_with(everything, "archivist").empty());
  // The link's credentials appear only inside the page that shows them
  // (its body, as fetched), never in a URL winnow stores or writes out.
  const std::string writes = r.out + r.err + test::slurp(dir + "/out/dataset.jsonl") +
                             test::slurp(dir + "/out/provenance.jsonl") +
                             warc_header_lines(test::slurp(dir + "/out/site.warc")) +
                             test::slurp(dir + "/out/site.cdxj");
  CHECK(lines_with(writes, kLinkPassword).empty());
  CHECK(lines_with(writes, "intruder").empty());
  // The WARC's request records say a password was sent, not which.
  const std::string auth_lines = lines_with(test::slurp(dir + "/out/site.warc"), "Authorization");
  CHECK(auth_lines.size() >= 4 * std::string("Authorization: Basic [redacted]\r\n").size());
  size_t n = 0;
  for (size_t at = 0; (at = auth_lines.find("Authorization: Basic [redacted]\r\n", at)) !=
                      std::string::npos;
       at += 1) {
    ++n;
  }
  CHECK(n * std::string("Authorization: Basic [redacted]\r\n").size() == auth_lines.size());
  auto db = store::Store::open(dir + "/out/archive.db", store::OpenMode::kExisting);
  REQUIRE(db);
  const std::string origin = "http://127.0.0.1:" + std::to_string(site.port());
  for (const char* p : {"/", "/a", "/b", "/go"}) {
    auto row = (*db)->find_url(origin + p);
    REQUIRE(row);
    INFO(p);
    CHECK(row->has_value());
  }
  CHECK((*db)->get_meta("crawl.seeds") == origin + "/");
}

TEST_CASE("a seed with credentials is named without them in errors", "[policy]") {
  const std::string dir = test::make_temp_dir("credentials-error");
  auto r = test::run_winnow({"crawl", "--db", dir + "/c.db", "--quiet",
                             "ftp://archivist:" + kPassword + "@127.0.0.1/files/"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find(kPassword) == std::string::npos);
  CHECK(r.err.find("ftp://127.0.0.1/files/") != std::string::npos);
}
