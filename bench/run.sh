#!/usr/bin/env bash
# Measures the archive as it grows: a tag page (two included tags, one excluded), a search, a tag's recommended
# bookmarks, a tag's OPDS feed, and a work page,
# at 10,000 and then 100,000 works, with wrk on loopback; and the work page against a bare Npgsql baseline and
# against the same page's bytes served from memory (bench/Baseline --memory-file: what the web server alone costs).
# Prints requests per second and mean latency for each, the ratio between the two sizes, and the work page's
# throughput as a fraction of the baseline's and of the bytes from memory.
# Run it from anywhere: bench/run.sh  (SIZES="10000 100000" DURATION=10s). For a mixed load like AO3's, see bench/mixed.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
DURATION=${DURATION:-10s}
ARCHIVE_PORT=${ARCHIVE_PORT:-5301}
BASELINE_PORT=${BASELINE_PORT:-5302}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
out=$(mktemp -d /tmp/archive-bench.XXXXXX)
chmod 755 "$out"   # the private server runs as postgres when this runs as root
data="$out/postgres"
dotnet publish src/Archive.Web -c Release -o "$out/archive" -v quiet >/dev/null
dotnet publish bench/Baseline -c Release -o "$out/baseline" -v quiet >/dev/null

pids=()
# SIGTERM lets the archive stop its private server; the data folder goes at the end.
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap 'cleanup; rm -rf "$out"' EXIT

archive() { (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" dotnet Archive.Web.dll "$@"); }
wait_for() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not answering: $1" >&2; exit 1; }
# "requests/s mean-latency" from wrk's output
measure() {
  for _ in 1 2 3 4 5; do curl -sf -o /dev/null "$1"; done
  wrk -t2 -c16 -d"$DURATION" --latency "$1" | awk '/Requests\/sec/ {rps=$2} /^    Latency/ {lat=$2} END {print rps, lat}'
}

tag_url="/tags/Demo%20Fandom%201/works?include=Character%202%20of%201&include=M%2FM&exclude=Explicit"
search_url="/works/search?q=lighthouse%20-harbour"
bookmarks_url="/tags/Demo%20Fandom%201/bookmarks?rec=1"
opds_url="/opds/tags/Demo%20Fandom%201?view_adult=true"
declare -A result
have=0
for size in $SIZES; do
  echo "Seeding to $size works..." >&2
  archive seed-demo --works $((size - have)) >&2
  have=$size
  (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" ASPNETCORE_URLS="http://127.0.0.1:$ARCHIVE_PORT" exec dotnet Archive.Web.dll >/dev/null 2>&1) &
  pids+=($!)
  wait_for "http://127.0.0.1:$ARCHIVE_PORT/healthz"
  port=$(sed -n 4p "$data/cluster/postmaster.pid")
  work_id=$(curl -sf "http://127.0.0.1:$ARCHIVE_PORT$tag_url" | grep -o 'href="/works/[0-9]*"' | head -1 | grep -o '[0-9]*')
  # The measured work page's exact bytes and content type, for the baseline to serve from memory.
  page_type=$(curl -sf -o "$out/page.html" -w '%{content_type}' "http://127.0.0.1:$ARCHIVE_PORT/works/$work_id?view_adult=true")
  ConnectionStrings__Archive="Host=127.0.0.1;Port=$port;Username=archive;Password=$(cat "$data/password");Database=archive;Max Auto Prepare=20" \
    ASPNETCORE_URLS="http://127.0.0.1:$BASELINE_PORT" dotnet "$out/baseline/Baseline.dll" --memory-file "$out/page.html" --memory-content-type "$page_type" >/dev/null 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$BASELINE_PORT/works/$work_id"
  echo "Measuring at $size works (work $work_id)..." >&2
  result[$size,tag]=$(measure "http://127.0.0.1:$ARCHIVE_PORT$tag_url")
  result[$size,search]=$(measure "http://127.0.0.1:$ARCHIVE_PORT$search_url")
  result[$size,bookmarks]=$(measure "http://127.0.0.1:$ARCHIVE_PORT$bookmarks_url")
  result[$size,opds]=$(measure "http://127.0.0.1:$ARCHIVE_PORT$opds_url")
  # Past the adult-content notice, so every run measures the whole work page.
  result[$size,work]=$(measure "http://127.0.0.1:$ARCHIVE_PORT/works/$work_id?view_adult=true")
  result[$size,baseline]=$(measure "http://127.0.0.1:$BASELINE_PORT/works/$work_id")
  result[$size,memory]=$(measure "http://127.0.0.1:$BASELINE_PORT/memory")
  cleanup; pids=()
done

sizes=($SIZES)
small=${sizes[0]}; large=${sizes[-1]}
printf '\n%-34s %16s %16s %12s\n' "page (requests/s, mean latency)" "$small works" "$large works" "large/small"
declare -A row=([memory]="work page's bytes from memory")
for page in tag search bookmarks opds work baseline memory; do
  read -r s_rps s_lat <<<"${result[$small,$page]}"
  read -r l_rps l_lat <<<"${result[$large,$page]}"
  printf '%-34s %8s %7s %8s %7s %12.2f\n' "${row[$page]:-$page}" "$s_rps" "$s_lat" "$l_rps" "$l_lat" "$(awk -v a="$l_rps" -v b="$s_rps" 'BEGIN {print a / b}')"
done
for size in $(printf '%s\n' "$small" "$large" | uniq); do
  read -r w _ <<<"${result[$size,work]}"; read -r b _ <<<"${result[$size,baseline]}"; read -r m _ <<<"${result[$size,memory]}"
  printf 'work page throughput at %s works: %.2f of the bare baseline, %.3f of the same bytes from memory\n' "$size" \
    "$(awk -v a="$w" -v b="$b" 'BEGIN {print a / b}')" "$(awk -v a="$w" -v b="$m" 'BEGIN {print a / b}')"
done
