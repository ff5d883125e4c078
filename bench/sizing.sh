#!/usr/bin/env bash
# What an archive of N works needs, measured (README, Operations: "Sizing"):
#   SIZES="0 50000 100000" bench/sizing.sh
# For each size (seeding with seed-demo up to it), prints the database's size, the data folder's size on disk, and the resident
# memory of the web process and of PostgreSQL after a warm-up of tag, search and work pages. DATA keeps the folder between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"0 100000"}
data=${DATA:-$(mktemp -d /tmp/archive-sizing.XXXXXX)}
mkdir -p "$data"
chmod 755 "$data"
out=$(mktemp -d /tmp/archive-sizing-app.XXXXXX)
dotnet publish src/Archive.Web -c Release -o "$out" -v quiet -nologo >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
export ConnectionStrings__Archive= Archive__DataDirectory="$data/postgres" Archive__Accounts__ConfirmEmail=false Archive__Limits__SearchesPerMinutePerAddress=1000000000
archive() { (cd "$out" && dotnet Archive.Web.dll "$@"); }
# Proportional set sizes: memory shared between processes (PostgreSQL's buffers) counted once, split among them.
pss_kb() { for pid in "$@"; do cat "/proc/$pid/smaps_rollup" 2>/dev/null; done | awk '/^Pss:/ {s += $2} END {print s + 0}'; }

printf '%-10s %14s %14s %16s %18s\n' works database data-folder web-process postgres
for size in $sizes; do
  (cd "$out" && exec dotnet Archive.Web.dll --urls "http://127.0.0.1:$port" >"$out/app.log" 2>&1) &
  app=$!  # the web process itself (exec), so TERM reaches it
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 1; kill -0 $app; done
  pg_port=$(sed -n 4p "$data/postgres/cluster/postmaster.pid")
  sql() { PGPASSWORD=$(cat "$data/postgres/password") psql -h 127.0.0.1 -p "$pg_port" -U archive -d archive -Atc "$1"; }
  have=$(sql "SELECT count(*) FROM works")
  if (( have < size )); then archive seed-demo --works $((size - have)) >/dev/null 2>&1; fi
  # A warm-up a reader's visits would give: the front page, tag pages, searches, work pages.
  for i in $(seq 300); do
    for page in / "/tags/Smallville/works?page=$((i % 5 + 1))" "/works/search?q=lighthouse$((i % 7))" "/works/$(( (i * 7919) % (size > 0 ? size : 1) + 1 ))"; do
      curl -s -o /dev/null "http://127.0.0.1:$port$page"
    done
  done
  database=$(sql "SELECT pg_size_pretty(pg_database_size('archive'))")
  folder=$(du -sh "$data/postgres" | cut -f1)
  web=$(pss_kb $app)
  works=$(sql "SELECT count(*) FROM works")
  postmaster=$(head -1 "$data/postgres/cluster/postmaster.pid")
  postgres=$(pss_kb "$postmaster" $(pgrep -P "$postmaster"))
  printf '%-10s %14s %14s %13s MB %15s MB\n' "$works" "$database" "$folder" $((web / 1024)) $((postgres / 1024))
  kill -TERM $app; wait $app 2>/dev/null || true
done
echo "(data folder: $data; memory is proportional set size: PostgreSQL's shared buffers counted once, as far as pages were touched)"
