// warc_fuzz.cc: the WARC reader (crawler::read_warc), fed the input as a
// file (a memfd, so no disk writes), plain or -- when the input starts with
// the gzip magic -- as gzip members. Invariants: records come in strictly
// increasing offsets inside the stream and no block is over the limit.
#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "crawler/warc.h"
#include "tests/fuzz/fuzz_check.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("warc-fuzz", 0);
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(ftruncate(fd, 0) == 0);
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    FUZZ_CHECK(n > 0);
    done += static_cast<size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  constexpr size_t kMaxBlock = 1 << 16;
  int64_t last = -1;
  int64_t records = 0;
  (void)crawler::read_warc(
      path,
      [&](const crawler::WarcRecord& r, int64_t offset) {
        FUZZ_CHECK(offset > last);
        last = offset;
        FUZZ_CHECK(r.block.size() <= kMaxBlock);
        (void)r.get("WARC-Target-URI");
        ++records;
        return Status::ok();
      },
      [](const std::string&) {}, kMaxBlock);
  (void)records;
  return 0;
}
