// files_test.cc: write_file_atomic and AtomicFile (base/files.cc) on real
// files: a unique temporary name beside the target, the file's mode from the
// umask, and on every failure the old file intact and no temporary left.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <set>
#include <string>

#include "base/base.h"
#include "support/util.h"

namespace {

using namespace winnow;
namespace fs = std::filesystem;

std::set<std::string> names_in(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// Lowers RLIMIT_FSIZE for the scope (a write past it fails with EFBIG,
// SIGXFSZ ignored), so a real write failure can be provoked.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &old_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim = old_;
    lim.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &lim);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_{};
  void (*old_handler_)(int) = nullptr;
};

TEST_CASE("write_file_atomic replaces the file and leaves PATH.tmp alone", "[policy]") {
  // Regression: the temporary file was PATH + ".tmp", so writing "x"
  // truncated and then renamed away a file that is really named "x.tmp"
  // (a mirrored URL ending in .tmp).
  std::string dir = test::make_temp_dir("files_tmp_name");
  test::spit(dir + "/x", "old");
  test::spit(dir + "/x.tmp", "another file");
  REQUIRE(write_file_atomic(dir + "/x", "new"));
  CHECK(test::slurp(dir + "/x") == "new");
  CHECK(test::slurp(dir + "/x.tmp") == "another file");
  CHECK(names_in(dir) == std::set<std::string>{"x", "x.tmp"});
}

TEST_CASE("write_file_atomic gives the file the mode the umask allows", "[policy]") {
  // A mirror is served by web servers: files must not come out 0600.
  std::string dir = test::make_temp_dir("files_mode");
  mode_t old = umask(022);
  Status st = write_file_atomic(dir + "/m", "x");
  umask(old);
  REQUIRE(st);
  struct stat sb {};
  REQUIRE(stat((dir + "/m").c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0644);
}

TEST_CASE("a failed write keeps the old file and removes the temporary", "[policy]") {
  // Regression: a write error returned an error but left PATH.tmp behind.
  std::string dir = test::make_temp_dir("files_write_fail");
  test::spit(dir + "/x", "old");
  Status st;
  {
    FileSizeLimit limit(4096);
    st = write_file_atomic(dir + "/x", std::string(100000, 'a'));
  }
  CHECK(st.kind() == ErrorKind::kStorage);
  CHECK(st.message() == dir + "/x: write failed: File too large");
  CHECK(test::slurp(dir + "/x") == "old");
  CHECK(names_in(dir) == std::set<std::string>{"x"});
}

TEST_CASE("a failed rename removes the temporary", "[policy]") {
  std::string dir = test::make_temp_dir("files_rename_fail");
  fs::create_directories(dir + "/d/inner");  // a non-empty folder: rename fails
  Status st = write_file_atomic(dir + "/d", "data");
  CHECK(st.kind() == ErrorKind::kStorage);
  CHECK(st.message() == dir + "/d: cannot replace: Is a directory");
  CHECK(names_in(dir) == std::set<std::string>{"d"});
  // A folder that does not exist: one line naming the file.
  st = write_file_atomic(dir + "/none/f", "data");
  CHECK(st.message() == dir + "/none/f: cannot create: No such file or directory");
}


TEST_CASE("AtomicFile: nothing shows under the name before publish", "[policy]") {
  std::string dir = test::make_temp_dir("files_atomic_file");
  test::spit(dir + "/w", "previous");
  {
    AtomicFile f;
    REQUIRE(f.create(dir + "/w"));
    REQUIRE(f.write("part one, "));
    REQUIRE(f.write("part two"));
    CHECK(f.size() == 18);
    REQUIRE(f.finish());
    CHECK(test::slurp(dir + "/w") == "previous");
    REQUIRE(f.publish());
  }
  CHECK(test::slurp(dir + "/w") == "part one, part two");
  {
    AtomicFile g;  // dropped without publish: the temporary goes
    REQUIRE(g.create(dir + "/w"));
    REQUIRE(g.write("abandoned"));
  }
  CHECK(test::slurp(dir + "/w") == "part one, part two");
  CHECK(names_in(dir) == std::set<std::string>{"w"});
}


TEST_CASE("temporaries of a killed writer are swept; a live writer's are not", "[policy]") {
  // Regression: a run killed with -9 mid-write left ".winnow-tmp-PID-N"
  // beside the mirror's and the WARC's files for good.
  std::string dir = test::make_temp_dir("files_stale_tmp");
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);  // a pid that no longer runs
  std::string dead = ".winnow-tmp-" + std::to_string(child) + "-7";
  std::string live = ".winnow-tmp-" + std::to_string(getppid()) + "-0";
  fs::create_directories(dir + "/sub");
  test::spit(dir + "/" + dead, "partial");
  test::spit(dir + "/sub/" + dead, "partial");
  test::spit(dir + "/" + live, "in progress");
  test::spit(dir + "/.winnow-tmp-notapid", "not ours");
  SECTION("AtomicFile sweeps the folder it writes in") {
    REQUIRE(write_file_atomic(dir + "/out", "data"));
    CHECK(names_in(dir) ==
          std::set<std::string>{"out", "sub", live, ".winnow-tmp-notapid"});
    CHECK(names_in(dir + "/sub") == std::set<std::string>{dead});
  }
  SECTION("a recursive sweep reaches every folder below") {
    CHECK(remove_stale_temporaries(dir, true) == 2);
    CHECK(names_in(dir) == std::set<std::string>{"sub", live, ".winnow-tmp-notapid"});
    CHECK(names_in(dir + "/sub").empty());
  }
}

}  // namespace
