// json.cc: a one-line JSON object writer and a small strict JSON reader.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/base.h"

namespace winnow {

void json_quote(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t before = i;
      char32_t cp = next_code_point(s, i);
      // U+FFFD stands for a bad sequence unless the bytes are U+FFFD
      // itself; a bad sequence can be 3 bytes long too ("\xF3\xBB\xBF").
      if (cp == 0xFFFD && s.substr(before, i - before) != "\xEF\xBF\xBD") {
        out.append("\xEF\xBF\xBD");
      } else {
        out.append(s.substr(before, i - before));
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::key(std::string_view k) {
  if (!body_.empty()) body_.push_back(',');
  json_quote(body_, k);
  body_.push_back(':');
}

JsonWriter& JsonWriter::str(std::string_view k, std::string_view v) {
  key(k);
  json_quote(body_, v);
  return *this;
}

JsonWriter& JsonWriter::num(std::string_view k, int64_t v) {
  key(k);
  body_.append(std::to_string(v));
  return *this;
}

JsonWriter& JsonWriter::real(std::string_view k, double v) {
  key(k);
  if (!std::isfinite(v)) {
    body_.append("null");
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  body_.append(buf);
  return *this;
}

JsonWriter& JsonWriter::boolean(std::string_view k, bool v) {
  key(k);
  body_.append(v ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null(std::string_view k) {
  key(k);
  body_.append("null");
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view k, std::string_view json) {
  key(k);
  body_.append(json);
  return *this;
}

JsonWriter& JsonWriter::str_array(std::string_view k,
                                  const std::vector<std::string>& values) {
  key(k);
  body_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) body_.push_back(',');
    json_quote(body_, values[i]);
  }
  body_.push_back(']');
  return *this;
}

std::string JsonWriter::finish() const { return "{" + body_ + "}"; }

// ---------------------------------------------------------------- reader --
namespace {

constexpr int kMaxJsonDepth = 512;

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  Result<JsonValue> parse_document() {
    JsonValue v;
    if (!value(v, 0)) return fail();
    ws();
    if (p_ != t_.size()) {
      err_ = "trailing characters";
      return fail();
    }
    return v;
  }

 private:
  Status fail() const {
    return invalid_input("invalid JSON at byte " + std::to_string(p_) + ": " +
                         err_);
  }
  void ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' ||
                              t_[p_] == '\n' || t_[p_] == '\r')) {
      ++p_;
    }
  }
  bool lit(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) {
      err_ = "unexpected token";
      return false;
    }
    p_ += word.size();
    return true;
  }
  bool value(JsonValue& out, int depth) {
    if (depth > kMaxJsonDepth) {
      err_ = "nesting too deep";
      return false;
    }
    ws();
    if (p_ >= t_.size()) {
      err_ = "unexpected end";
      return false;
    }
    char c = t_[p_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string s;
      if (!string(s)) return false;
      out = JsonValue(std::move(s));
      return true;
    }
    if (c == 't') {
      out = JsonValue(true);
      return lit("true");
    }
    if (c == 'f') {
      out = JsonValue(false);
      return lit("false");
    }
    if (c == 'n') {
      out = JsonValue();
      return lit("null");
    }
    return number(out);
  }
  bool number(JsonValue& out) {
    size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '-') ++p_;
    while (p_ < t_.size() && ((t_[p_] >= '0' && t_[p_] <= '9') ||
                              t_[p_] == '.' || t_[p_] == 'e' ||
                              t_[p_] == 'E' || t_[p_] == '+' || t_[p_] == '-')) {
      ++p_;
    }
    if (p_ == start) {
      err_ = "unexpected character";
      return false;
    }
    std::string num(t_.substr(start, p_ - start));
    char* end = nullptr;
    double d = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size()) {
      err_ = "bad number";
      return false;
    }
    out = JsonValue(d);
    return true;
  }
  bool hex4(uint32_t& v) {
    if (p_ + 4 > t_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[p_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool string(std::string& s) {
    ++p_;  // opening quote
    while (p_ < t_.size()) {
      char c = t_[p_++];
      if (c == '"') return true;
      if (c != '\\') {
        s.push_back(c);
        continue;
      }
      if (p_ >= t_.size()) break;
      char e = t_[p_++];
      switch (e) {
        case '"': s.push_back('"'); break;
        case '\\': s.push_back('\\'); break;
        case '/': s.push_back('/'); break;
        case 'b': s.push_back('\b'); break;
        case 'f': s.push_back('\f'); break;
        case 'n': s.push_back('\n'); break;
        case 'r': s.push_back('\r'); break;
        case 't': s.push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) {
            err_ = "bad \\u escape";
            return false;
          }
          if (cp >= 0xD800 && cp <= 0xDBFF && t_.substr(p_, 2) == "\\u") {
            p_ += 2;
            uint32_t lo;
            if (!hex4(lo)) {
              err_ = "bad \\u escape";
              return false;
            }
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          append_utf8(s, static_cast<char32_t>(cp));
          break;
        }
        default:
          err_ = "bad escape";
          return false;
      }
    }
    err_ = "unterminated string";
    return false;
  }
  bool array(JsonValue& out, int depth) {
    ++p_;
    JsonValue::Array items;
    ws();
    if (p_ < t_.size() && t_[p_] == ']') {
      ++p_;
      out = JsonValue(std::move(items));
      return true;
    }
    while (true) {
      JsonValue v;
      if (!value(v, depth + 1)) return false;
      items.push_back(std::move(v));
      ws();
      if (p_ < t_.size() && t_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == ']') {
        ++p_;
        out = JsonValue(std::move(items));
        return true;
      }
      err_ = "expected , or ]";
      return false;
    }
  }
  bool object(JsonValue& out, int depth) {
    ++p_;
    JsonValue::Object members;
    ws();
    if (p_ < t_.size() && t_[p_] == '}') {
      ++p_;
      out = JsonValue(std::move(members));
      return true;
    }
    while (true) {
      ws();
      if (p_ >= t_.size() || t_[p_] != '"') {
        err_ = "expected string key";
        return false;
      }
      std::string k;
      if (!string(k)) return false;
      ws();
      if (p_ >= t_.size() || t_[p_] != ':') {
        err_ = "expected :";
        return false;
      }
      ++p_;
      JsonValue v;
      if (!value(v, depth + 1)) return false;
      members.emplace_back(std::move(k), std::move(v));
      ws();
      if (p_ < t_.size() && t_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < t_.size() && t_[p_] == '}') {
        ++p_;
        out = JsonValue(std::move(members));
        return true;
      }
      err_ = "expected , or }";
      return false;
    }
  }

  std::string_view t_;
  size_t p_ = 0;
  std::string err_;
};

const JsonValue& null_value() {
  static const JsonValue kNull;
  return kNull;
}

}  // namespace

Result<JsonValue> JsonValue::parse(std::string_view text) {
  return Parser(text).parse_document();
}

bool JsonValue::as_bool(bool def) const {
  return is_bool() ? std::get<bool>(v_) : def;
}
double JsonValue::as_number(double def) const {
  return is_number() ? std::get<double>(v_) : def;
}
const std::string& JsonValue::as_string() const {
  static const std::string kEmpty;
  return is_string() ? std::get<std::string>(v_) : kEmpty;
}
const JsonValue::Array& JsonValue::as_array() const {
  static const Array kEmpty;
  return is_array() ? std::get<Array>(v_) : kEmpty;
}
const JsonValue::Object& JsonValue::as_object() const {
  static const Object kEmpty;
  return is_object() ? std::get<Object>(v_) : kEmpty;
}
const JsonValue& JsonValue::operator[](std::string_view key) const {
  for (const auto& [k, v] : as_object()) {
    if (k == key) return v;
  }
  return null_value();
}
std::string JsonValue::get_string(std::string_view key, const std::string& def) const {
  const JsonValue& v = (*this)[key];
  return v.is_string() ? v.as_string() : def;
}

}  // namespace winnow
