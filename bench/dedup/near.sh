#!/usr/bin/env bash
# near.sh: near-duplicate detection -- the precision/recall curve over
# thresholds on the fixture generator's labelled pairs, and documents/s on
# 100,000 generated documents at the default options. Needs a build dir with
# winnow_dedup built (default build-dedup-rel) and fixturegen.
# Usage: bench/dedup/near.sh [BUILD_DIR] [N_DOCS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$ROOT/build-dedup-rel}
N=${2:-100000}
WORK=${WINNOW_BENCH_WORK:-$ROOT/bench/work}
mkdir -p "$WORK"
LIBS="$B/dedup/libwinnow_dedup.a $B/parser/libwinnow_parser.a $B/base/libwinnow_base.a -lxxhash -lutf8proc -lz"
c++ -std=c++20 -O2 -I"$ROOT" -o "$WORK/pr_curve" "$ROOT/bench/dedup/pr_curve.cc" $LIBS
c++ -std=c++20 -O2 -I"$ROOT" -o "$WORK/near_bench" "$ROOT/bench/dedup/near_bench.cc" $LIBS
"$B/fixturegen" --out "$WORK/fixtures" > /dev/null
echo "== documents (word 3-shingles) =="
"$WORK/pr_curve" "$WORK/fixtures/gold/near_dup_docs.jsonl" 3
echo "== paragraphs (word 2-shingles) =="
"$WORK/pr_curve" "$WORK/fixtures/gold/near_dup_paras.jsonl" 2
echo "== speed =="
echo "start: $(uptime)"
/usr/bin/time -f "peak RSS %M KB, user %U s" "$WORK/near_bench" "$N"
echo "end: $(uptime)"
