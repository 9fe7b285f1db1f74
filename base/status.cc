// status.cc: names of error categories (used in messages and JSON logs).
#include "base/base.h"

namespace winnow {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return "ok";
    case ErrorKind::kInvalidInput: return "invalid-input";
    case ErrorKind::kUsage: return "usage";
    case ErrorKind::kNetwork: return "network";
    case ErrorKind::kHttp: return "http";
    case ErrorKind::kRobots: return "robots";
    case ErrorKind::kLimitExceeded: return "limit-exceeded";
    case ErrorKind::kStorage: return "storage";
    case ErrorKind::kCorrupt: return "corrupt";
    case ErrorKind::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace winnow
