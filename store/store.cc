// store.cc: opening the archive file (WAL, foreign keys, busy timeout),
// schema creation, version checks and migration (steps in migrations.cc),
// transactions, the meta table, and the statement cache shared by the
// store's area files.
#include <filesystem>

#include "store/store_impl.h"

namespace winnow::store {

namespace {

const char* kCoreSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

}  // namespace

Store::Impl::~Impl() {
  for (auto& [sql, s] : cache) sqlite3_finalize(s);
  if (db) sqlite3_close(db);
}

Stmt Store::Impl::prepare(std::string_view sql) {
  auto it = cache.find(sql);
  if (it != cache.end()) return Stmt(db, it->second);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
    return Stmt(db, nullptr);
  }
  cache.emplace(std::string(sql), s);
  return Stmt(db, s);
}

Status Store::Impl::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return storage_error(path + ": " + msg);
  }
  return Status::ok();
}

Status Store::Impl::error(std::string_view what) const {
  return storage_error(path + ": " + std::string(what) + ": " +
                       sqlite3_errmsg(db));
}

Status Store::Impl::check(int rc, std::string_view what) const {
  if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK) {
    return Status::ok();
  }
  return error(what);
}

Store::Store(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

Store::~Store() = default;

namespace {

// Reads how many schema objects the file has and its user_version.
Status read_version(Store::Impl& im, int64_t* tables, int* version) {
  Stmt q = im.prepare("SELECT count(*) FROM sqlite_master");
  if (!q.ok() || q.step() != SQLITE_ROW) {
    return Status::error(ErrorKind::kCorrupt,
                         im.path + ": not a winnow store (not an SQLite "
                                   "database, or corrupt)");
  }
  *tables = q.i64(0);
  Stmt v = im.prepare("PRAGMA user_version");
  *version = v.ok() && v.step() == SQLITE_ROW ? v.i32(0) : 0;
  return Status::ok();
}

// Refuses files winnow cannot use: foreign SQLite files, newer stores, and
// (kExisting) an empty file.
Status check_version(const Store::Impl& im, int64_t tables, int version,
                     OpenMode mode) {
  if (tables > 0 && version == 0) {
    return Status::error(ErrorKind::kCorrupt,
                         im.path + ": not a winnow store (SQLite database "
                                   "with foreign tables)");
  }
  if (tables == 0 && mode == OpenMode::kExisting) {
    return Status::error(ErrorKind::kCorrupt,
                         im.path + ": not a winnow store (empty database)");
  }
  if (version > schema_version()) {
    return storage_error(im.path + ": store schema version " +
                         std::to_string(version) +
                         " is newer than this winnow supports (" +
                         std::to_string(schema_version()) + ")");
  }
  return Status::ok();
}

// Creates the version-1 schema in an empty file, then applies the
// migrations up to the current version, all in one transaction (the
// version is read again inside it: another process may have got there
// first).
Status check_or_create_schema(Store::Impl& im, OpenMode mode) {
  int64_t tables = 0;
  int version = 0;
  Status s = read_version(im, &tables, &version);
  if (s) s = check_version(im, tables, version, mode);
  if (!s || version == schema_version()) return s;
  s = im.exec("BEGIN IMMEDIATE");
  if (!s) return s;
  s = read_version(im, &tables, &version);
  if (s) s = check_version(im, tables, version, mode);
  if (s && version == 0) {
    for (const char* ddl :
         {kCoreSchema, frontier_schema(), documents_schema(), dedup_schema()}) {
      if (s) s = im.exec(ddl);
    }
    version = 1;
  }
  if (s && version < schema_version()) {
    s = migrate(im, version);
    if (s) s = im.exec("PRAGMA user_version = " + std::to_string(schema_version()));
  }
  if (!s) {
    (void)im.exec("ROLLBACK");
    return s;
  }
  return im.exec("COMMIT");
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path,
                                           OpenMode mode) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  std::error_code ec;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::kExisting) {
    if (!std::filesystem::exists(path, ec)) {
      return invalid_input(path + ": no such store (crawl or import into it first)");
    }
  } else {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
      return storage_error(path + ": directory does not exist");
    }
    flags |= SQLITE_OPEN_CREATE;
  }
  int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = impl->db ? sqlite3_errmsg(impl->db) : "cannot open";
    return storage_error(path + ": cannot open store: " + msg);
  }
  sqlite3_busy_timeout(impl->db, 10000);
  sqlite3_extended_result_codes(impl->db, 1);
  Status s = check_or_create_schema(*impl, mode);
  if (!s) return s;
  s = impl->exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
  if (!s) return s;
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Status Store::begin() {
  if (impl_->tx_depth++ > 0) return Status::ok();
  Status s = impl_->exec("BEGIN IMMEDIATE");
  if (!s) impl_->tx_depth = 0;
  return s;
}

Status Store::commit() {
  if (impl_->tx_depth == 0) return Status::ok();
  if (--impl_->tx_depth > 0) return Status::ok();
  return impl_->exec("COMMIT");
}

Status Store::rollback() {
  if (impl_->tx_depth == 0) return Status::ok();
  impl_->tx_depth = 0;
  return impl_->exec("ROLLBACK");
}

Status Store::set_meta(std::string_view key, std::string_view value) {
  Stmt s = impl_->prepare(
      "INSERT INTO meta(key, value) VALUES(?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!s.ok()) return impl_->error("set_meta");
  s.bind(1, key).bind(2, value);
  return impl_->check(s.step(), "set_meta");
}

std::optional<std::string> Store::get_meta(std::string_view key) {
  Stmt s = impl_->prepare("SELECT value FROM meta WHERE key = ?1");
  if (!s.ok()) return std::nullopt;
  s.bind(1, key);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return s.text(0);
}

Result<std::string> Store::integrity_check() {
  Stmt s = impl_->prepare("PRAGMA integrity_check");
  if (!s.ok()) return impl_->error("integrity_check");
  std::string out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    if (!out.empty()) out += '\n';
    out += s.text(0);
  }
  if (rc != SQLITE_DONE) return impl_->error("integrity_check");
  return out;
}

}  // namespace winnow::store
