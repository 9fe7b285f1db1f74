// store_impl.h: internals shared by the store's area files (store.cc,
// frontier.cc, documents.cc, dedup_index.cc): the connection, a prepared
// statement cache and small bind/read helpers. Not included outside store/.
#pragma once

#include <sqlite3.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace winnow::store {

// A prepared statement borrowed from the cache; reset and cleared of
// bindings on destruction, so it can be reused.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~Stmt() {
    if (s_) {
      sqlite3_reset(s_);
      sqlite3_clear_bindings(s_);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }

  bool ok() const { return s_ != nullptr; }
  // Bind by 1-based index.
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(s_); }
  int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
  int i32(int col) const { return sqlite3_column_int(s_, col); }
  double real(int col) const { return sqlite3_column_double(s_, col); }
  bool is_null(int col) const {
    return sqlite3_column_type(s_, col) == SQLITE_NULL;
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_blob(s_, col);
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n))
             : std::string();
  }
  sqlite3_stmt* raw() { return s_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int tx_depth = 0;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache;

  ~Impl();
  // A cached prepared statement for sql; !ok() if it fails to prepare (the
  // error is then available from error()).
  Stmt prepare(std::string_view sql);
  // Runs one or more statements without results.
  Status exec(std::string_view sql);
  // "<path>: <what>: <sqlite message>" as a kStorage status.
  Status error(std::string_view what) const;
  // Checks a step() result: SQLITE_DONE/ROW are fine.
  Status check(int rc, std::string_view what) const;
};

// Each area file contributes its tables; store.cc applies them in order in
// one transaction when the file is created (schema version 1, frozen: later
// changes are migrations).
const char* frontier_schema();   // frontier.cc: urls, fetches
const char* documents_schema();  // documents.cc: documents, paragraphs
const char* dedup_schema();      // dedup_index.cc: decisions, hash index

// migrations.cc: the current schema version, and the steps from `from` to
// it (run inside the caller's transaction; the caller sets user_version).
int schema_version();
Status migrate(Store::Impl& im, int from);

}  // namespace winnow::store
