#!/usr/bin/env bash
# Measures the archive's pages as it grows, with wrk on loopback (2 threads, 16 connections, DURATION each):
#   tag page       /tags/Demo Fandom 1/works with two included tags and one excluded, as guests get it (cached);
#   tag page, miss the same with a query value that changes on every request, so every request builds it
#                  (the cost of a cache miss: counts, option counts and the page from the database); also one
#                  request at a time (1 connection), for the page's own latency;
#   search, search miss  /works/search?q=lighthouse -harbour, cached and missed the same way;
#   bookmarks      a tag's recommended bookmarks (not cached);
#   opds           a tag's OPDS feed (cached);
#   work page      a guest's work page (cached; each guest gets their own form token and cookie);
#   work page, signed in  the same page for a signed-in reader (built from cached parts and the reader's facts);
#   baseline       the same work's rows read with raw Npgsql and written as plain HTML (bench/Baseline);
#   memory         the guest work page's exact bytes served from memory (bench/Baseline --memory-file): the web
#                  server alone, the limit for that page.
# at each size in SIZES (seeding with seed-demo up to each), and prints requests/s, p50 and p99 for each, the ratio
# between the smallest and largest size, and the work pages as fractions of the same bytes from memory.
# Run it from anywhere: bench/run.sh   (SIZES="10000 100000" DURATION=10s WARMUP=3s, an unreported run before each)
#   DATA=/var/tmp/archive-1m SIZES=1000000 bench/run.sh   reuses a seeded data folder, seeding only what it lacks.
# Figures move 20-50% between runs (JIT warm-up, the machine): compare within one run. For a mixed load, bench/mixed.sh.
set -euo pipefail
DATA=${DATA:+$(realpath -m "$DATA")}
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
ARCHIVE_PORT=${ARCHIVE_PORT:-5301}
BASELINE_PORT=${BASELINE_PORT:-5302}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
out=$(mktemp -d /tmp/archive-bench.XXXXXX)
chmod 755 "$out"   # the private server runs as postgres when this runs as root
data=${DATA:-$out/postgres}
dotnet publish src/Archive.Web -c Release -o "$out/archive" -v quiet >/dev/null
dotnet publish bench/Baseline -c Release -o "$out/baseline" -v quiet >/dev/null

pids=()
# SIGTERM lets the archive stop its private server; the data folder goes at the end (unless it is DATA).
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap 'cleanup; rm -rf "$out"' EXIT

archive() { (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" Archive__Accounts__ConfirmEmail=false dotnet Archive.Web.dll "$@"); }
wait_for() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not answering: $1" >&2; exit 1; }

# A query value that changes on every request: each one misses the page cache.
cat >"$out/miss.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. (wrk.path:find("?", 1, true) and "&" or "?") .. "bench_miss=" .. n .. "_" .. tostring({}):sub(-6))
end
LUA
# "requests/s p50 p99" from wrk's --latency output, for a URL with an optional Cookie header, wrk script and number
# of connections (16 by default: the machine saturated; 1: a page's own latency, one request at a time).
measure() {
  local url=$1 cookie=${2:-} script=${3:-} conns=${4:-16} args=()
  [[ -n $cookie ]] && args+=(-H "Cookie: $cookie")
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null "${args[@]}" "$url"; done
  [[ -n $script ]] && args+=(-s "$script")
  args+=(-t"$(( conns < 2 ? conns : 2 ))" -c"$conns")
  # Unreported first: .NET compiles hot code again, optimised, during the first seconds under load.
  wrk -d"$WARMUP" "${args[@]}" "$url" >/dev/null
  wrk -d"$DURATION" --latency "${args[@]}" "$url" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)} END {printf "%s %.1f %.1f\n", rps, p50, p99}'
}
# A signed-in reader's cookies as one Cookie header: signs up (or logs in, with a reused DATA) through the forms.
signed_in_cookie() {
  local base=$1 jar=$out/reader.jar name=bench_run_reader password="correct horse battery staple"
  token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  local t; t=$(curl -sf -c "$jar" -b "$jar" "$base/signup" | token)
  if ! curl -sf -o /dev/null -c "$jar" -b "$jar" -w '%{redirect_url}' --data-urlencode "__RequestVerificationToken=$t" \
      --data-urlencode "UserName=$name" --data-urlencode "Email=$name@example.org" --data-urlencode "Password=$password" \
      --data-urlencode "ConfirmPassword=$password" "$base/signup" | grep -q "/users/"; then
    t=$(curl -sf -c "$jar" -b "$jar" "$base/login" | token)
    curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Login=$name" \
      --data-urlencode "Password=$password" "$base/login"
  fi
  # Its anti-forgery cookie too, or every page would make a new one; and past the adult-content notice.
  curl -sf -o /dev/null -c "$jar" -b "$jar" "$base/works"
  awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7} END {print "view_adult=true"}' "$jar"
}

tag_url="/tags/Demo%20Fandom%201/works?include=Character%202%20of%201&include=M%2FM&exclude=Explicit"
search_url="/works/search?q=lighthouse%20-harbour"
bookmarks_url="/tags/Demo%20Fandom%201/bookmarks?rec=1"
opds_url="/opds/tags/Demo%20Fandom%201?view_adult=true"
pages=(tag tag_miss tag_miss_one search search_miss bookmarks opds work reader baseline memory)
declare -A row=([tag]="tag page (2 in, 1 out)" [tag_miss]="tag page, miss" [tag_miss_one]="tag page, miss, 1 at a time" [search]="search" [search_miss]="search, miss"
  [bookmarks]="a tag's rec bookmarks" [opds]="a tag's OPDS feed" [work]="work page, guest" [reader]="work page, signed in"
  [baseline]="bare baseline (raw Npgsql)" [memory]="work page's bytes from memory")
declare -A result
for size in $SIZES; do
  mkdir -p "$data"
  have=$( (archive seed-demo --works 0 2>/dev/null || true) | grep -o 'has [0-9,]* works' | tr -dc '0-9')
  have=${have:-0}
  if (( have < size )); then
    echo "Seeding to $size works..." >&2
    archive seed-demo --works $((size - have)) >&2
  fi
  # Every measured request comes from 127.0.0.1: the per-address search limit (meant for one person) is lifted.
  (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" Archive__Limits__SearchesPerMinutePerAddress=1000000000 Archive__Accounts__ConfirmEmail=false ASPNETCORE_URLS="http://127.0.0.1:$ARCHIVE_PORT" exec dotnet Archive.Web.dll >/dev/null 2>&1) &
  pids+=($!)
  base="http://127.0.0.1:$ARCHIVE_PORT"
  wait_for "$base/healthz"
  port=$(sed -n 4p "$data/cluster/postmaster.pid")
  # After a restart PostgreSQL reads back the pages its buffers held (pg_prewarm): wait, or the run measures the disk.
  until [ "$(PGPASSWORD=$(cat "$data/password") psql -h 127.0.0.1 -p "$port" -U archive -d archive -Atc \
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autoprewarm worker'")" = 0 ]; do sleep 2; done
  # Then the rest of the archive, when the buffers can hold it (Archive__PostgresSharedBuffers): see the file.
  PGPASSWORD=$(cat "$data/password") psql -h 127.0.0.1 -p "$port" -U archive -d archive -Atq -f bench/into-buffers.sql >/dev/null
  work_id=$(curl -sf "$base$tag_url" | grep -o 'href="/works/[0-9]*"' | head -1 | grep -o '[0-9]*')
  # The measured work page's exact bytes and content type, for the baseline to serve from memory.
  page_type=$(curl -sf -o "$out/page.html" -w '%{content_type}' -H "Cookie: view_adult=true" "$base/works/$work_id")
  ConnectionStrings__Archive="Host=127.0.0.1;Port=$port;Username=archive;Password=$(cat "$data/password");Database=archive;Max Auto Prepare=20" \
    ASPNETCORE_URLS="http://127.0.0.1:$BASELINE_PORT" dotnet "$out/baseline/Baseline.dll" --memory-file "$out/page.html" --memory-content-type "$page_type" >/dev/null 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$BASELINE_PORT/works/$work_id"
  reader=$(signed_in_cookie "$base")
  echo "Measuring at $size works (work $work_id)..." >&2
  result[$size,tag]=$(measure "$base$tag_url")
  result[$size,tag_miss]=$(measure "$base$tag_url" "" "$out/miss.lua")
  result[$size,tag_miss_one]=$(measure "$base$tag_url" "" "$out/miss.lua" 1)
  result[$size,search]=$(measure "$base$search_url")
  result[$size,search_miss]=$(measure "$base$search_url" "" "$out/miss.lua")
  result[$size,bookmarks]=$(measure "$base$bookmarks_url")
  result[$size,opds]=$(measure "$base$opds_url")
  # Guests past the adult-content notice (they agreed earlier), as most readers of a Mature work are.
  result[$size,work]=$(measure "$base/works/$work_id" "view_adult=true")
  result[$size,reader]=$(measure "$base/works/$work_id" "$reader")
  result[$size,baseline]=$(measure "http://127.0.0.1:$BASELINE_PORT/works/$work_id")
  result[$size,memory]=$(measure "http://127.0.0.1:$BASELINE_PORT/memory")
  cleanup; pids=()
done

sizes=($SIZES)
small=${sizes[0]}; large=${sizes[-1]}
printf '\n%-30s' "requests/s, p50, p99 (ms)"
for size in "${sizes[@]}"; do printf ' %26s' "$size works"; done
printf ' %12s\n' "largest/first"
for page in "${pages[@]}"; do
  printf '%-30s' "${row[$page]}"
  for size in "${sizes[@]}"; do read -r rps p50 p99 <<<"${result[$size,$page]}"; printf ' %10s %6s %8s' "$rps" "$p50" "$p99"; done
  read -r s _ <<<"${result[$small,$page]}"; read -r l _ <<<"${result[$large,$page]}"
  printf ' %12.2f\n' "$(awk -v a="$l" -v b="$s" 'BEGIN {print a / b}')"
done
for size in "${sizes[@]}"; do
  read -r w _ <<<"${result[$size,work]}"; read -r r _ <<<"${result[$size,reader]}"; read -r m _ <<<"${result[$size,memory]}"
  printf 'at %s works: guest work page %.2f and signed-in work page %.2f of the same bytes from memory\n' "$size" \
    "$(awk -v a="$w" -v b="$m" 'BEGIN {print a / b}')" "$(awk -v a="$r" -v b="$m" 'BEGIN {print a / b}')"
done
