#!/usr/bin/env bash
# bench/realsite/run.sh DEVSET_DIR [SITE...]
# Runs winnow on the real-site dev set (../shared/datasets/realsite-dev):
# unpacks each site, serves it with nginx on 127.0.0.1, runs
# `winnow run` with every start_urls entry, scores dataset.jsonl with the
# dev set's tools/score.py, and prints one table with the naive baseline
# (all visible text of every page, from the README of the dev set).
# With TEXTDUMPS=1 it also renders each site to w3m text dumps (the dev
# set's tools/make_textdumps.sh), runs `winnow clean DIR` on them and scores
# that with tools/score_textdumps.py.
#
# MODE=crawl (default) | textdumps | both: which of the two to run
# (TEXTDUMPS=1 is the same as MODE=both).
# Environment: BUILD (default build), WORK (default /tmp/winnow-realsite;
# unpacked sites and dumps are reused between runs), PORT (default 18600),
# CHECK=1 exits 1 when a site misses a target of issue 11 point 2.
# FLOORS=FILE exits 1 when a site scores worse than its row in FILE
# (site, F1 min, coverage min, dup_paragraphs max, missing max, chrome max;
# tab-separated, '#' comments): the regression gate of `scripts/check
# quality`, raised as the product improves.
# Example: bench/realsite/run.sh ../shared/datasets/realsite-dev
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
devset=$(cd "${1:?usage: run.sh DEVSET_DIR [SITE...]}" && pwd); shift
build=$(cd "${BUILD:-$repo/build}" && pwd)
work=${WORK:-/tmp/winnow-realsite}; port=${PORT:-18600}
mkdir -p "$work"; chmod 755 "$work"
winnow="$build/winnow"
[ -x "$winnow" ] || { echo "run.sh: $winnow: not built" >&2; exit 1; }
sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  mapfile -t sites < <(python3 -c 'import json,sys
for s in json.load(open(sys.argv[1]))["sites"]: print(s["name"])' "$devset/sites.json")
fi

start_urls() {  # site -> one path per line
  python3 -c 'import json,sys
for s in json.load(open(sys.argv[1]))["sites"]:
    if s["name"] == sys.argv[2]: print("\n".join(s["start_urls"]))' "$devset/sites.json" "$1"
}
naive() {  # site -> "F1 dup chrome" from the dev set README's baseline line
  python3 - "$devset/README.md" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text[text.find("Naive baselines"):]
m = re.search(re.escape(sys.argv[2]) + r"\s+(?:F1\s+)?([0-9.]+)\s*(?:dup\s+)?(?:/\s*)?([0-9]+)\s*(?:chrome\s+)?(?:/\s*)?([0-9]+)", text)
print(" ".join(m.groups()) if m else "- - -")
PY
}

mode=${MODE:-crawl}; [ "${TEXTDUMPS:-0}" = 1 ] && mode=both
results="$work/results.tsv"; : > "$results"
fail=0
for site in "${sites[@]}"; do
  dir="$work/sites/$site"
  if [ ! -d "$dir/www" ]; then
    mkdir -p "$work/sites"; tar -I zstd -xf "$devset/sites/$site.tar.zst" -C "$work/sites"
  fi
  out="$work/out/$site"; mkdir -p "$out"
  if [ "$mode" != textdumps ]; then
    "$devset/tools/serve.sh" stop "$dir" >/dev/null 2>&1 || true
    "$devset/tools/serve.sh" "$dir" "$port" >/dev/null
    seeds=()
    while IFS= read -r p; do seeds+=("http://127.0.0.1:$port$p"); done < <(start_urls "$site")
    rm -rf "$out"; mkdir -p "$out"
    /usr/bin/time -f "%e %M" -o "$out/time" "$winnow" run "${seeds[@]}" --out "$out" \
      --delay 0 --per-host 8 --concurrency 8 --provenance --quiet > "$out/log" 2>&1 || {
        echo "run.sh: $site: winnow run failed (see $out/log)" >&2; tail -3 "$out/log" >&2; fail=1; }
    "$devset/tools/serve.sh" stop "$dir" >/dev/null
    score=$(python3 "$devset/tools/score.py" "$dir/gold.jsonl" "$out/dataset.jsonl" \
      --json "$out/score.json" 2>/dev/null | tail -n 1)
    read -r secs rss < "$out/time"
    printf '%s\t%s\t%s\t%s\t%s\n' "$site" "$score" "$(naive "$site")" "$secs" "$rss" >> "$results"
  fi
  if [ "$mode" != crawl ]; then
    td="$work/textdumps/$site"
    if [ ! -s "$td.manifest.tsv" ]; then
      mkdir -p "$work/textdumps"; "$devset/tools/make_textdumps.sh" "$dir" "$td" >/dev/null
    fi
    /usr/bin/time -f "%e %M" -o "$out/time.td" "$winnow" clean "$td" --url-prefix http://dump \
      --out "$out/textdumps.jsonl" 2> "$out/textdumps.log" || {
      echo "run.sh: $site: winnow clean failed (see $out/textdumps.log)" >&2; fail=1; }
    tscore=$(python3 "$devset/tools/score_textdumps.py" "$dir/gold.jsonl" "$td.manifest.tsv" \
      "$out/textdumps.jsonl" 2>/dev/null | tail -n 1)
    read -r secs rss < "$out/time.td"
    printf '%s\t%s\t-\t%s\t%s\n' "$site (text dumps)" "$tscore" "$secs" "$rss" >> "$results"
  fi
done

python3 - "$results" "${CHECK:-0}" "${FLOORS:-}" <<'PY' || fail=1
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
floors = {}
if sys.argv[3]:
    for line in open(sys.argv[3], encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            f = line.split()
            floors[f[0]] = (float(f[1]), float(f[2]), int(f[3]), int(f[4]), int(f[5]))
below = []
print("| site | F1 | coverage | dup_paragraphs | missing / distinct | chrome | targets | naive F1 / dup / chrome | s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|")
bad = 0
for site, score, naive, secs, rss in rows:
    m = dict(re.findall(r"(\w+)=([0-9.]+)", score))
    if not m:
        print(f"| {site} | (no score) | | | | | FAIL | {naive} | {secs} | |"); bad += 1; continue
    f1, cov = float(m["F1"]), float(m["coverage"])
    dup, miss, dist, chrome = (int(m[k]) for k in ("dup_paragraphs", "missing", "distinct", "chrome"))
    ok = cov >= 1.0 and f1 >= 0.98 and dup == 0 and miss <= 0.005 * dist and chrome <= 0.01 * dist
    if site in floors:
        fl = floors[site]
        if f1 < fl[0] or cov < fl[1] or dup > fl[2] or miss > fl[3] or chrome > fl[4]:
            below.append(f"{site}: F1 {f1:.4f} coverage {cov:.4f} dup {dup} missing {miss} chrome {chrome}"
                         f" is below its floor {fl}")
    bad += not ok
    mb = f"{int(rss) // 1024}" if rss.isdigit() else rss
    print(f"| {site} | {f1:.3f} | {cov:.3f} | {dup} | {miss} / {dist} | {chrome} | "
          f"{'met' if ok else 'missed'} | {naive.replace(' ', ' / ')} | {secs} | {mb} |")
for b in below:
    print("FAIL floor " + b)
if floors and not below:
    print(f"PASS floors ({len(floors)} sites)")
if floors and len(floors) != sum(1 for r in rows if r[0] in floors):
    print("FAIL floors: a site of the floors file was not scored"); below.append("missing")
sys.exit(1 if (bad and sys.argv[2] == "1") or below else 0)
PY
exit $fail
