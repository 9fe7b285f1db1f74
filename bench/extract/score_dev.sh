#!/usr/bin/env bash
# score_dev.sh SHARED_DIR [BUILD_DIR] [scorer args...]
# Runs per-page extraction (bench/extract/extract_dev, the code path of
# `winnow clean`) over every page of SHARED_DIR/datasets/extraction-dev and
# scores it with SHARED_DIR/tools/score_extraction.py --ngram 4.
# Example: bench/extract/score_dev.sh /work/shared build-release --where split=test
set -euo pipefail
shared=${1:?usage: score_dev.sh SHARED_DIR [BUILD_DIR] [scorer args...]}
build=${2:-build}
shift $(( $# >= 2 ? 2 : 1 ))
ds="$shared/datasets/extraction-dev"
out=${WINNOW_BENCH_OUT:-$(dirname "$0")/../work}
mkdir -p "$out"
list="$out/extraction-dev-gz.list"
python3 - "$ds" > "$list" <<'PY'
import json, sys
ds = sys.argv[1]
for line in open(ds + "/gold.jsonl"):
    r = json.loads(line)
    print(f'{r["id"]}\t{ds}/pages/{r["id"]}.html.gz')
PY
"$build/extract_dev" "$list" > "$out/pred.jsonl"
python3 "$shared/tools/score_extraction.py" "$ds/gold.jsonl" "$out/pred.jsonl" --ngram 4 "$@"
