#!/usr/bin/env bash
# check_dev.sh SHARED_DIR [BUILD_DIR] [FLOOR] [TEST_FLOOR]
# Quality floor for single-page extraction (issue 11 point 6): runs
# score_dev.sh once over SHARED_DIR/datasets/extraction-dev, then checks F1
# (--ngram 4) on the whole set and on the held-out dragnet split
# (split=test) against FLOOR (default 0.94; TEST_FLOOR for the held-out
# split, default FLOOR). Prints one PASS/FAIL line per row, and whether the
# issue 11 target (0.94) is met, and exits 1 when any row is below its floor.
# BUILD_DIR is the build tree holding bench/extract_dev (default build).
set -euo pipefail
shared=${1:?usage: check_dev.sh SHARED_DIR [BUILD_DIR] [FLOOR]}
build=${2:-build}
floor=${3:-0.94}
test_floor=${4:-$floor}
target=0.94
[ -x "$build/bench/extract_dev" ] && bin="$build/bench" || bin="$build"
if [ ! -x "$bin/extract_dev" ]; then
  echo "check_dev.sh: no extract_dev in $build or $build/bench (build the extract_dev target)" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
out=${WINNOW_BENCH_OUT:-$here/../work}
export WINNOW_BENCH_OUT=$out
gold="$shared/datasets/extraction-dev/gold.jsonl"
f1() { sed -n 's/^F1=\([0-9.]*\) .*/\1/p' | tail -1; }
all=$("$here/score_dev.sh" "$shared" "$bin" | f1)
test=$(python3 "$shared/tools/score_extraction.py" "$gold" "$out/pred.jsonl" --ngram 4 \
       --where split=test | f1)
status=0
for row in "all:$all:$floor" "split=test:$test:$test_floor"; do
  name=${row%%:*}; rest=${row#*:}; val=${rest%%:*}; floor=${rest#*:}
  if [ -z "$val" ]; then
    echo "FAIL extraction-dev $name: no score"; status=1; continue
  fi
  if awk -v v="$val" -v f="$floor" 'BEGIN { exit !(v >= f) }'; then
    met=missed; awk -v v="$val" -v t="$target" 'BEGIN { exit !(v >= t) }' && met=met
    echo "PASS extraction-dev $name F1=$val (floor $floor; target $target $met)"
  else
    echo "FAIL extraction-dev $name F1=$val (floor $floor)"; status=1
  fi
done
exit $status
