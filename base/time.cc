// time.cc: wall-clock time, ISO 8601 and HTTP-date (RFC 9110 5.6.7).
#include <chrono>
#include <cstdio>
#include <cstring>

#include "base/base.h"

namespace winnow {

int64_t unix_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

// Howard Hinnant's civil-date algorithms (public domain formulas).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int64_t y;
  unsigned m, d, hh, mm, ss, wday;
};

Civil civil_from_unix(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  Civil c;
  c.y = y + (m <= 2);
  c.m = m;
  c.d = d;
  c.hh = static_cast<unsigned>(secs / 3600);
  c.mm = static_cast<unsigned>((secs / 60) % 60);
  c.ss = static_cast<unsigned>(secs % 60);
  c.wday = static_cast<unsigned>(((days % 7) + 11) % 7);  // 1970-01-01 Thu
  return c;
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

int month_index(std::string_view s) {
  for (int i = 0; i < 12; ++i) {
    if (iequals_ascii(s.substr(0, 3), kMonths[i])) return i + 1;
  }
  return 0;
}

}  // namespace

std::string iso8601_utc(int64_t t) {
  Civil c = civil_from_unix(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                static_cast<long long>(c.y), c.m, c.d, c.hh, c.mm, c.ss);
  return buf;
}

std::string http_date(int64_t t) {
  Civil c = civil_from_unix(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02u:%02u:%02u GMT",
                kDays[c.wday], c.d, kMonths[c.m - 1],
                static_cast<long long>(c.y), c.hh, c.mm, c.ss);
  return buf;
}

std::optional<int64_t> parse_http_date(std::string_view s) {
  s = trim(s);
  std::string str(s);
  char wd[16] = {0}, mon[8] = {0};
  int d = 0, y = 0, hh = 0, mm = 0, ss = 0;
  bool ok = false;
  if (std::sscanf(str.c_str(), "%15[A-Za-z], %d %3s %d %d:%d:%d", wd, &d, mon,
                  &y, &hh, &mm, &ss) == 7) {
    ok = true;  // IMF-fixdate
  } else if (std::sscanf(str.c_str(), "%15[A-Za-z], %d-%3s-%d %d:%d:%d", wd,
                         &d, mon, &y, &hh, &mm, &ss) == 7) {
    ok = true;  // RFC 850
    y += y < 70 ? 2000 : (y < 100 ? 1900 : 0);
  } else if (std::sscanf(str.c_str(), "%15s %3s %d %d:%d:%d %d", wd, mon, &d,
                         &hh, &mm, &ss, &y) == 7) {
    ok = true;  // asctime
  }
  if (!ok) return std::nullopt;
  int m = month_index(mon);
  if (!m || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) *
             86400 +
         hh * 3600 + mm * 60 + ss;
}

}  // namespace winnow
