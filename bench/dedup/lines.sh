#!/usr/bin/env bash
# lines.sh: exact paragraph dedup speed and memory -- winnow dedup-jsonl
# --format lines (raw bytes and full Unicode normalisation) against mawk
# '!seen[$0]++' and `LC_ALL=C sort -u` on the same generated file (one
# paragraph per line, ~30% repeats), in the same run. Reports MB/s and peak
# RSS (/usr/bin/time -v), and the load average before and after (the cores
# may be shared). Results go to bench/RESULTS.md by hand.
# Usage: bench/dedup/lines.sh [WINNOW_BIN] [BYTES]   (defaults: build-dedup-rel/winnow, 1 GiB)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/build-dedup-rel/winnow}
BYTES=${2:-1073741824}
WORK=${WINNOW_BENCH_WORK:-$ROOT/bench/work}
mkdir -p "$WORK"
IN=$WORK/lines.txt
if [[ ! -s $IN || $(stat -c %s "$IN") -lt $BYTES ]]; then
  c++ -O2 -o "$WORK/gen_lines" "$ROOT/bench/dedup/gen_lines.cc"
  "$WORK/gen_lines" "$IN" "$BYTES"
fi
SIZE=$(stat -c %s "$IN")
mawk '!seen[$0]++' "$IN" > "$WORK/mawk.txt"
DISTINCT=$(wc -l < "$WORK/mawk.txt")
echo "input: $IN, $SIZE bytes, $(wc -l < "$IN") lines, $DISTINCT distinct"
echo "start: $(uptime)"
run() {  # name, command... (stdout to $WORK/out.txt)
  local name=$1; shift
  cat "$IN" > /dev/null  # warm the page cache
  /usr/bin/time -v "$@" 2> "$WORK/time.txt" > "$WORK/out.txt"
  local secs rss
  secs=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}' |
         awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
  awk -v n="$name" -v s="$secs" -v b="$SIZE" -v r="$rss" -v d="$DISTINCT" 'BEGIN {
    printf "%-22s %7.2f s %7.1f MB/s  peak RSS %7.1f MB  %5.1f B/distinct\n",
           n, s, b / 1e6 / s, r / 1024, r * 1024 / d }'
}
# winnow writes to a file; the out check below compares it with mawk's.
run "mawk !seen[\$0]++" mawk '!seen[$0]++' "$IN"
run "LC_ALL=C sort -u" env LC_ALL=C sort -u "$IN"
run "winnow --raw" "$BIN" dedup-jsonl "$IN" --out "$WORK/winnow.txt" --format lines --raw
cmp "$WORK/mawk.txt" "$WORK/winnow.txt" && echo "winnow --raw output == mawk output"
run "winnow (normalised)" "$BIN" dedup-jsonl "$IN" --out "$WORK/winnow.txt" --format lines
echo "normalised: $(wc -l < "$WORK/winnow.txt") lines kept"
echo "end: $(uptime)"
rm -f "$WORK/mawk.txt" "$WORK/winnow.txt" "$WORK/out.txt"
