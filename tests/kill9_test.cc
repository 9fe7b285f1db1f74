// kill9_test.cc: kill -9 at every stage. crawl, extract, dedup, export,
// mirror and warc each run on the fixture archive (served on 127.0.0.1) and
// are killed with SIGKILL at seeded random times spread over the stage's
// own run time, then run again with the same command. The re-run must
// finish, the store must pass PRAGMA integrity_check (after the kill and
// after the re-run), and every output must equal an uninterrupted run's
// byte for byte: dataset.jsonl, provenance.jsonl, the mirror tree, the WARC
// records (decompressed) and CDXJ, with no stray file beside them.
// WINNOW_KILL_SEED=N replays another schedule. Rules:
// docs/internals/crawler.md "Resume guarantees" and "kill -9 at every stage".
// winnow-test: slow
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "base/base.h"
#include "store/store.h"
#include "tests/support/test_server.h"
#include "tests/support/util.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

using Args = std::vector<std::string>;

// Under AddressSanitizer every stage runs ~5x slower: one kill per stage
// there (the full schedule runs in the normal build), to stay well inside
// the test timeout.
#ifdef __SANITIZE_ADDRESS__
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// splitmix64: the kill schedule, reproducible from one seed.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
};

uint64_t kill_seed() {
  const char* env = std::getenv("WINNOW_KILL_SEED");
  return env && *env ? std::strtoull(env, nullptr, 10) : 20240609;
}

pid_t spawn_winnow(const Args& args, const std::string& log) {
  // Built before fork: the child may not allocate (see run_program).
  std::vector<char*> argv{const_cast<char*>(WINNOW_BIN)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv(WINNOW_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Runs args and kills it with SIGKILL after `after_ms`; true if the kill
// landed (false: it had finished by then).
// When the run ends before the kill, *finished_ms is how long it took.
bool run_and_kill(const Args& args, int64_t after_ms, const std::string& log,
                  int64_t* finished_ms) {
  const int64_t start = now_ms();
  pid_t pid = spawn_winnow(args, log);
  REQUIRE(pid > 0);
  int64_t deadline = start + after_ms;
  int status = 0;
  while (now_ms() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      *finished_ms = now_ms() - start;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

void run_ok(const Args& args) {
  auto r = test::run_winnow(args);
  INFO("winnow " << join(args, " ") << "\n" << r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

// A store file with its WAL, as a killed process left them.
void copy_store(const std::string& from, const std::string& to) {
  for (const std::string ext : {"", "-wal", "-shm"}) {
    fs::remove(to + ext);
    if (fs::exists(from + ext)) fs::copy_file(from + ext, to + ext);
  }
}

// integrity_check of a copy (the original stays as the kill left it).
void check_integrity(const std::string& db, const std::string& scratch) {
  copy_store(db, scratch);
  auto s = store::Store::open(scratch);
  REQUIRE(s.is_ok());
  auto r = (*s)->integrity_check();
  REQUIRE(r.is_ok());
  CHECK(*r == "ok");
}

// Every file under dir (relative path -> hash of its bytes); WARC files are
// hashed decompressed, record by record as one stream.
std::map<std::string, std::string> tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), dir).string();
    std::string bytes = test::slurp(e.path().string());
    if (rel.size() > 8 && rel.substr(rel.size() - 8) == ".warc.gz") {
      auto plain = inflate_any(bytes, size_t{1} << 31);
      REQUIRE(plain.is_ok());
      bytes = std::move(*plain);
    }
    out[rel] = hash128(bytes).hex();
  }
  return out;
}

// Keys whose values differ, or that only one side has (the first 10).
std::vector<std::string> differences(const std::map<std::string, std::string>& want,
                                     const std::map<std::string, std::string>& got) {
  std::vector<std::string> out;
  for (const auto& [path, h] : want) {
    auto it = got.find(path);
    if (it == got.end()) out.push_back("missing " + path);
    else if (it->second != h) out.push_back("differs " + path);
  }
  for (const auto& [path, h] : got) {
    if (!want.count(path)) out.push_back("extra " + path);
  }
  if (out.size() > 10) out.resize(10);
  return out;
}

// What the crawl stored: per fetch, URL -> "status final_url content_hash";
// compared like a tree, so a failure lists URLs, not the whole store.
std::map<std::string, std::string> fetch_keys(const std::string& db_path) {
  auto db = store::Store::open(db_path);
  REQUIRE(db.is_ok());
  std::map<std::string, std::string> out;
  REQUIRE((*db)->for_each_fetch([&](const store::FetchRow& f) {
    std::string& v = out[f.url];
    if (!v.empty()) v += " | ";  // fetched twice
    v += std::to_string(f.status) + " " + f.final_url + " " + f.content_hash;
    return true;
  }).is_ok());
  return out;
}

// One pipeline stage: how to set up its input in a fresh folder, its
// command there, and the folders holding its outputs.
struct Stage {
  std::string name;
  int kills = 0;                                    // kills that must land
  std::function<void(const std::string&)> prepare;  // dir
  std::function<Args(const std::string&)> args;     // dir
  std::vector<std::string> outputs;                 // folders under dir
  bool compare_downstream = false;  // outputs come from the later stages
  int64_t ref_ms = 0;               // uninterrupted run time
};

}  // namespace

TEST_CASE("kill -9 at every stage: the re-run finishes with the same bytes",
          "[policy]") {
  const std::string& fx = test::fixture_archive();
  test::TestServer srv(fx + "/site");
  const std::string base = test::make_temp_dir("kill9");
  const std::string ref = base + "/ref";
  fs::create_directories(ref);
  const Args crawl_args = {"crawl", srv.url("/en/"), "--quiet", "--delay", "0",
                           "--concurrency", "4", "--per-host", "4"};
  // The stages after the crawl, each from its own copy of the store.
  auto downstream = [](const std::string& dir, const std::string& from_stage) {
    bool go = false;
    for (const std::string s : {"extract", "dedup", "export"}) {
      go = go || s == from_stage;
      if (!go) continue;
      if (s == "export") {
        run_ok({"export", "--db", dir + "/a.db", "--out", dir + "/data/dataset.jsonl",
                "--provenance"});
        if (from_stage == "extract") {  // after a crawl: the mirror too
          run_ok({"mirror", "--db", dir + "/a.db", "--out", dir + "/mirror"});
        }
      } else {
        run_ok({s, "--db", dir + "/a.db"});
      }
    }
  };
  std::vector<Stage> stages;
  stages.push_back({"crawl", 5, [](const std::string&) {},
                    [&](const std::string& d) {
                      Args a = crawl_args;
                      a.insert(a.end(), {"--db", d + "/a.db"});
                      return a;
                    },
                    {"data", "mirror"}, true});
  stages.push_back({"extract", 4,
                    [&](const std::string& d) { copy_store(ref + "/crawled.db", d + "/a.db"); },
                    [](const std::string& d) { return Args{"extract", "--db", d + "/a.db"}; },
                    {"data"}, true});
  stages.push_back({"dedup", 4,
                    [&](const std::string& d) { copy_store(ref + "/extracted.db", d + "/a.db"); },
                    [](const std::string& d) { return Args{"dedup", "--db", d + "/a.db"}; },
                    {"data"}, true});
  stages.push_back({"export", 3,
                    [&](const std::string& d) { copy_store(ref + "/deduped.db", d + "/a.db"); },
                    [](const std::string& d) {
                      return Args{"export", "--db", d + "/a.db", "--out",
                                  d + "/data/dataset.jsonl", "--provenance"};
                    },
                    {"data"}});
  stages.push_back({"mirror", 4,
                    [&](const std::string& d) { copy_store(ref + "/deduped.db", d + "/a.db"); },
                    [](const std::string& d) {
                      return Args{"mirror", "--db", d + "/a.db", "--out", d + "/mirror"};
                    },
                    {"mirror"}});
  stages.push_back({"warc", 4,
                    [&](const std::string& d) { copy_store(ref + "/deduped.db", d + "/a.db"); },
                    [](const std::string& d) {
                      return Args{"warc", "--db", d + "/a.db", "--out", d + "/warc/a.warc.gz"};
                    },
                    {"warc"}});

  // The uninterrupted run, stage by stage, timed; each stage's store is
  // kept as the next stage's input.
  fs::create_directories(ref + "/data");
  fs::create_directories(ref + "/warc");
  const std::map<std::string, std::string> keep = {
      {"crawl", "crawled.db"}, {"extract", "extracted.db"}, {"dedup", "deduped.db"}};
  for (Stage& s : stages) {
    int64_t t0 = now_ms();
    run_ok(s.args(ref));
    s.ref_ms = now_ms() - t0;
    if (keep.count(s.name)) copy_store(ref + "/a.db", ref + "/" + keep.at(s.name));
  }
  std::map<std::string, std::map<std::string, std::string>> want;
  for (const std::string out : {"data", "mirror", "warc"}) want[out] = tree(ref + "/" + out);
  REQUIRE(want["data"].size() == 2);
  REQUIRE(want["warc"].size() == 2);  // a.warc.gz, a.cdxj
  REQUIRE(want["mirror"].size() > 700);
  const auto want_fetches = fetch_keys(ref + "/crawled.db");

  Rng rng{kill_seed()};
  int landed_total = 0;
  for (Stage& s : stages) {
    if (kSanitized) s.kills = 1;
    int landed = 0;
    for (int trial = 0; landed < s.kills && trial < 3 * s.kills; ++trial) {
      const std::string dir = base + "/" + s.name + "-" + std::to_string(trial);
      fs::remove_all(dir);
      fs::create_directories(dir + "/data");
      fs::create_directories(dir + "/warc");
      s.prepare(dir);
      // Spread over the stage's run time, startup included.
      auto at = static_cast<int64_t>(rng.unit() * 0.95 * static_cast<double>(s.ref_ms));
      INFO("seed " << kill_seed() << ", " << s.name << " trial " << trial << ": kill at "
                   << at << " of " << s.ref_ms << " ms (" << dir << ")");
      int64_t finished = 0;
      if (!run_and_kill(s.args(dir), at, dir + "/killed.log", &finished)) {
        // The run ended first: the timed run was slower than this one (a
        // busy machine then, a quiet one now). Kill within this run's time.
        s.ref_ms = std::max<int64_t>(1, std::min(s.ref_ms, finished));
        continue;
      }
      ++landed;
      if (fs::exists(dir + "/a.db")) check_integrity(dir + "/a.db", dir + "/check.db");
      run_ok(s.args(dir));  // the same command again
      check_integrity(dir + "/a.db", dir + "/check.db");
      if (s.name == "crawl") {
        CHECK(differences(want_fetches, fetch_keys(dir + "/a.db")) == std::vector<std::string>{});
      }
      if (s.compare_downstream) {
        downstream(dir, s.name == "crawl" ? "extract" : s.name == "extract" ? "dedup" : "export");
      }
      for (const std::string& out : s.outputs) {
        INFO(out);
        CHECK(differences(want[out], tree(dir + "/" + out)) == std::vector<std::string>{});
      }
    }
    INFO(s.name << ": " << landed << " kills landed");
    CHECK(landed >= s.kills);
    landed_total += landed;
  }
  CHECK(landed_total >= (kSanitized ? 6 : 20));
}
