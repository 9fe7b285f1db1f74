// dedup_internal.h (internal to dedup/): what the engine (engine.cc) shares
// with the owner order of folders (sharing.cc). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace winnow::dedup {

// The folder a URL sits in, with runs of digits as "0": the kind of
// address ("/0/0/0/" for dated permalinks, "/tags/", "/page/") whose pages
// are built alike. An index.* page counts as its folder.
std::string url_shape(std::string_view url);

}  // namespace winnow::dedup
