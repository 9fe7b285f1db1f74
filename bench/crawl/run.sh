#!/usr/bin/env bash
# bench/crawl/run.sh: crawl throughput of winnow vs wget, wget2 and HTTrack
# on a generated archive served by nginx on 127.0.0.1. Not a timed test.
# Usage: bench/crawl/run.sh [BUILD_DIR] [PAGES] [TOOL...]
#   (defaults: build 10000, every tool; REPEAT=n runs each tool n times and
#   keeps the fastest run)
# Every tool crawls the same page set (checked, not assumed): nginx logs each
# request, and the HTML pages answered 200 (robots.txt and sitemaps left
# out) are compared URL by URL with winnow's. Peer options are what a user
# wanting the same pages would pass (see bench/RESULTS.md "## Crawl"):
#   - whole host from the /en/ seed (no --no-parent; HTTrack -B);
#   - robots.txt obeyed by everyone;
#   - tracking-parameter links (?utm_...) rejected: winnow canonicalises
#     them away (docs/internals/urls-and-robots.md), so they are the same page
#     (wget2 needs --filter-urls to apply --reject-regex before downloading);
#   - /media/ and /assets/ rejected: images and CSS the fixture links but
#     does not contain (winnow fetches no requisites without
#     --page-requisites);
#   - wget 1.x and HTTrack cannot read sitemaps, so they are compared with
#     `winnow --sitemaps off` (476 pages fewer: month archives only the
#     sitemap lists).
# Prints a Markdown table: pages, requests, same set, seconds, pages/s, CPU ms
# per 1000 pages, peak RSS (from /usr/bin/time -v). Everything goes to
# /dev/shm.
set -euo pipefail
BUILD=${1:-build}
PAGES=${2:-10000}
shift $(( $# > 2 ? 2 : $# ))
TOOLS=("$@")
((${#TOOLS[@]})) || TOOLS=(winnow winnow-nositemaps wget wget2-1 wget2-4 wget2-16 httrack)
REPEAT=${REPEAT:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=/dev/shm/winnow-crawl-bench.$$
mkdir -p "$WORK"
trap '[[ -f $WORK/nginx.pid ]] && kill "$(cat $WORK/nginx.pid)" 2>/dev/null; rm -rf "$WORK"' EXIT

need=()
for t in nginx wget2 wget httrack sqlite3; do command -v $t >/dev/null || need+=($t); done
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
  log_format bench '\$status \$request_uri';
  access_log $WORK/access.log bench;
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
REJECT='/(media|assets)/|[?&]utm_'

command_for() {  # tool name -> the command line, run inside its own folder
  local out=$1; shift
  case $1 in
    winnow) echo "$ROOT/$BUILD/winnow crawl $SEED --db $out/a.db --delay 0 --concurrency 16 --per-host 16 --quiet" ;;
    winnow-nositemaps) echo "$ROOT/$BUILD/winnow crawl $SEED --db $out/a.db --delay 0 --concurrency 16 --per-host 16 --quiet --sitemaps off" ;;
    wget) echo "wget -q --mirror --reject-regex $REJECT -P $out $SEED" ;;
    wget2-*) echo "wget2 -q --mirror --max-threads ${1#wget2-} --filter-urls --reject-regex $REJECT -P $out $SEED" ;;
    httrack) echo "httrack $SEED -O $out -B --disable-security-limits -A0 -%c0 -c8 -q -*/media/* -*/assets/* -*utm_*" ;;
  esac
}

run_once() {  # name -> "secs cpu rss" on stdout; access log in $WORK/$name.access
  local name=$1 out="$WORK/out-$1"
  rm -rf "$out"; mkdir -p "$out"
  : > "$WORK/access.log"
  # shellcheck disable=SC2046
  ( set -f; cd "$out" && /usr/bin/time -v $(command_for "$out" "$name") >"$WORK/$name.log" 2>"$WORK/$name.time" ) || true
  sleep 0.3  # let nginx finish writing the log
  mv "$WORK/access.log" "$WORK/$name.access"
  kill -USR1 "$(cat "$WORK/nginx.pid")"; sleep 0.3
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; w=s}
              /User time/{u=$2} /System time/{y=$2} /Maximum resident/{m=$2}
              END{print w, u+y, m}' "$WORK/$name.time"
}

# HTML pages answered 200: every request but robots.txt and sitemaps.
page_list() { awk '$1==200 && $2 !~ /^\/robots\.txt$|^\/sitemap[^\/]*\.xml$/ {print $2}' "$1" | sort; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | pages (HTML 200) | requests | same pages as | secs | pages/s | CPU ms / 1,000 pages | peak RSS MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for name in "${TOOLS[@]}"; do
  best=""
  for ((i = 0; i < REPEAT; i++)); do
    r=$(run_once "$name")
    if [[ -z $best ]] || awk -v a="${r%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then
      best=$r; cp "$WORK/$name.access" "$WORK/$name.best"
    fi
  done
  read -r secs cpu rss <<<"$best"
  page_list "$WORK/$name.best" > "$WORK/$name.pages"
  pages=$(wc -l < "$WORK/$name.pages")
  reqs=$(wc -l < "$WORK/$name.best")
  case $name in wget|httrack) ref=winnow-nositemaps ;; *) ref=winnow ;; esac
  same="-"
  if [[ $name != "$ref" && -f $WORK/$ref.pages ]]; then
    plus=$(comm -23 "$WORK/$name.pages" "$WORK/$ref.pages" | wc -l)
    minus=$(comm -13 "$WORK/$name.pages" "$WORK/$ref.pages" | wc -l)
    if ((plus == 0 && minus == 0)); then same=$ref; else same="$ref +$plus -$minus"; fi
  fi
  if [[ $name == winnow* ]]; then
    stored=$(sqlite3 "$WORK/out-$name/a.db" "select count(*) from fetches f join urls u on u.id=f.url_id where f.status=200 and u.kind=0")
    [[ $stored == "$pages" ]] || same="$same (stored $stored!)"
  fi
  awk -v n="$name" -v p="$pages" -v q="$reqs" -v sm="$same" -v s="$secs" -v c="$cpu" -v m="$rss" 'BEGIN{
    printf "| %s | %d | %d | %s | %.2f | %.0f | %.0f | %.1f |\n", n, p, q, sm, s, (s>0?p/s:0), (p>0?c*1e6/p:0), m/1024 }'
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
