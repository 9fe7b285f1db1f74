#!/usr/bin/env bash
# bench/crawl/run.sh: crawl throughput of winnow vs wget, wget2 and HTTrack
# on a generated archive served by nginx on 127.0.0.1. Not a timed test.
# Usage: bench/crawl/run.sh [BUILD_DIR] [PAGES]   (defaults: build 10000)
# Prints one line per tool: pages, seconds, pages/s, CPU ms per 1000 pages,
# peak RSS (from /usr/bin/time -v). Everything is written under /dev/shm.
set -euo pipefail
BUILD=${1:-build}
PAGES=${2:-10000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=/dev/shm/winnow-crawl-bench.$$
mkdir -p "$WORK"
trap '[[ -f $WORK/nginx.pid ]] && kill "$(cat $WORK/nginx.pid)" 2>/dev/null; rm -rf "$WORK"' EXIT

need=()
for t in nginx wget2 wget httrack; do command -v $t >/dev/null || need+=($t); done
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

"$ROOT/$BUILD/fixturegen" --out "$WORK/fx" --pages "$PAGES" >/dev/null
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
mkdir -p "$WORK/ngtmp"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/ngtmp; proxy_temp_path $WORK/ngtmp;
  fastcgi_temp_path $WORK/ngtmp; uwsgi_temp_path $WORK/ngtmp; scgi_temp_path $WORK/ngtmp;
  types { text/html html; text/plain txt; application/xml xml; text/css css; }
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/fx/site;
    location / { try_files \$uri \$uri/index.html \$uri.html =404; }
  }
}
CONF
# {{ROOT}} placeholders in robots.txt and sitemaps.
find "$WORK/fx/site" -maxdepth 1 \( -name '*.xml' -o -name robots.txt \) \
  -exec sed -i "s#{{ROOT}}#http://127.0.0.1:$PORT#g" {} +
nginx -c "$WORK/nginx.conf" -p "$WORK"
SEED="http://127.0.0.1:$PORT/en/"

measure() {  # name, then the command
  local name=$1; shift
  local out="$WORK/out-$name"; mkdir -p "$out"
  ( cd "$out" && /usr/bin/time -v "$@" >"$WORK/$name.log" 2>"$WORK/$name.time" ) || true
  local secs cpu rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/$name.time")
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$WORK/$name.time")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "$WORK/$name.time")
  echo "$name $secs $cpu $rss"
}

results=()
results+=("$(measure winnow "$ROOT/$BUILD/winnow" crawl "$SEED" --db "$WORK/out-winnow/a.db" \
  --delay 0 --concurrency 16 --per-host 16 --quiet)")
results+=("$(measure wget wget -q --mirror --no-parent -P "$WORK/out-wget" "$SEED")")
for th in 1 4 16; do
  results+=("$(measure wget2-$th wget2 -q --mirror --max-threads "$th" -P "$WORK/out-wget2-$th" "$SEED")")
done
results+=("$(measure httrack httrack "$SEED" -O "$WORK/out-httrack" --disable-security-limits -A0 -%c0 -c8 -q)")

WPAGES=$(sqlite3 "$WORK/out-winnow/a.db" "select count(*) from fetches where status=200" 2>/dev/null || echo 0)
printf "%-10s %8s %8s %10s %14s %10s\n" tool pages secs pages/s cpu_ms/1kpage rss_MB
for r in "${results[@]}"; do
  read -r name secs cpu rss <<<"$r"
  if [[ $name == winnow ]]; then pages=$WPAGES
  else pages=$(find "$WORK/out-$name" -type f \( -name '*.html' -o -name 'index*' \) | wc -l); fi
  awk -v n="$name" -v p="$pages" -v s="$secs" -v c="$cpu" -v m="$rss" 'BEGIN{
    printf "%-10s %8d %8.2f %10.0f %14.1f %10.1f\n", n, p, s, (s>0?p/s:0), (p>0?c*1e6/p:0), m/1024 }'
done
