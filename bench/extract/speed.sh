#!/usr/bin/env bash
# speed.sh SHARED_DIR [BUILD_DIR]
# Times per-page extraction (extract_dev: parse + classify + document, the
# `winnow clean` code path, one process for all pages) against a bare Gumbo
# parse of the same pages (gumbo_bare), and, when node is available, Mozilla
# Readability + jsdom (installed into bench/work/). Build BUILD_DIR as
# Release. Reports wall seconds and peak RSS from /usr/bin/time -v.
set -euo pipefail
shared=${1:?usage: speed.sh SHARED_DIR [BUILD_DIR]}
build=${2:-build-release}
here=$(cd "$(dirname "$0")" && pwd)
work="$here/../work"
mkdir -p "$work"
ds="$shared/datasets/extraction-dev"
list="$work/extraction-dev.list"
# Pages are decompressed once so that gzip is not part of any timing.
mkdir -p "$work/pages"
: > "$list"
for f in "$ds"/pages/*.html.gz; do
  id=$(basename "$f" .html.gz)
  [ -f "$work/pages/$id.html" ] || zcat "$f" > "$work/pages/$id.html"
  printf '%s\t%s\n' "$id" "$work/pages/$id.html" >> "$list"
done
bytes=$(cat "$work"/pages/*.html | wc -c)
pages=$(wc -l < "$list")
run() {  # name command...
  local name=$1; shift
  /usr/bin/time -v "$@" < "$list" > /dev/null 2> "$work/time.$name" || true
  local wall rss cpu
  wall=$(grep "Elapsed (wall" "$work/time.$name" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident" "$work/time.$name" | awk '{print $NF}')
  # CPU seconds (user + system): robust on a shared, loaded machine.
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.$name")
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v p="$pages" -v b="$bytes" -v r="$rss" 'BEGIN {
    printf "%-12s pages=%d wall=%.2fs cpu=%.2fs cpu_ms/page=%.2f MB/s(cpu)=%.1f pages/s(cpu)=%.0f peakRSS=%.0fMB\n",
      n, p, w, c, 1000*c/p, b/1e6/c, p/c, r/1024 }'
}
run gumbo_bare "$build/gumbo_bare"
run winnow "$build/extract_dev"
if [ -z "${SKIP_READABILITY:-}" ] && command -v node > /dev/null; then
  if [ ! -d "$work/node_modules/@mozilla/readability" ]; then
    (cd "$work" && npm install --silent @mozilla/readability jsdom > /dev/null 2>&1) || true
  fi
  if [ -d "$work/node_modules/@mozilla/readability" ]; then
    cp "$here/readability_run.js" "$work/"
    run readability node "$work/readability_run.js"
  fi
fi
