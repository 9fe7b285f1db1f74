// dedup_store.h: runs the dedup stage over a store (cli/cmd_dedup.cc) --
// reads documents, earlier decisions and fingerprints, calls
// dedup::run_dedup, writes decision rows. For `winnow dedup` and `winnow run`.
#pragma once

#include "cli/pipeline.h"
#include "dedup/dedup.h"
#include "store/store.h"

namespace winnow::cli {

// Incremental by default: documents decided before whose content is
// unchanged keep their decisions and seed the indexes; only new documents
// are decided. full=true, or any decided document changed or vanished,
// recomputes every decision. Re-running with nothing new writes nothing.
// Stats count the whole store's current decisions.
Status dedup_store_with(store::Store& db, const dedup::Options& options,
                        bool full, DedupStats* stats);

}  // namespace winnow::cli
