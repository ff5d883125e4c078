#!/usr/bin/env bash
# A mixed load like AO3's, measured per kind of request. Goal: AO3's record day, about 1,630 page views/s with
# p99 under 100 ms, at one million works on this 2-core machine.
#
# For each size it publishes the app (Release), runs it on loopback with its private PostgreSQL, seeds it with
# `seed-demo` (only what is missing), signs up USERS readers through /signup with curl (each keeps its cookies
# and one anti-forgery token), writes lists of works and fandoms for the Lua scripts, warms up, then runs one
# `wrk -t1` process per kind at once, each with its own script under bench/mixed/ and its own connections:
#   guest     guest work, chapter and whole-work pages, Zipf-like popularity; most send the view_adult cookie
#   reader    signed-in readers on the same pages, with their session cookie
#   tags      fandom tag pages with include/exclude filters, sorts, pages; relationship/character pages; /tags/{tag}
#   search    /works/search?q=... with a dozen queries, some filtered, sorted or on page 2
#   feeds     /tags/{tag}/feed.atom, /opds, /opds/tags/{tag}, /api/works/{id}
#   kudos, bookmark, comment, post   signed-in POSTs of those forms, each paced to a few per second
# It prints, per kind: requests/s, share of the mix, p50/p95/p99/max latency and failures (non-2xx/3xx, socket
# errors and timeouts; for the POSTs anything but a 302 redirect; for readers a page not signed in), the total
# with the percentiles of all requests together (and of the HTML page views), and where the CPU went. Then one
# guest work page against the same bytes served from memory by bench/Baseline, one after the other with the same
# wrk settings: the ratio is what the app costs over the bare web server.
#
# Run: bench/mixed.sh                                  (SIZES="10000 100000" DURATION=30s)
#      SIZES=10000 DURATION=5s WARMUP=3s bench/mixed.sh    a quick check
#      DATA=/var/tmp/archive-1m SIZES=1000000 bench/mixed.sh
# DATA keeps the data folder (the private PostgreSQL's cluster and password) between runs and seeds only the works
# it lacks, as seeding a million works takes many minutes. Runs add users, kudos, bookmarks, comments and works
# to it; the most popular works gather comments, which their pages show, so compare runs on fresh copies.
# As root the server runs as postgres, so DATA's parent folders must be open to it (chmod 755).
# Env: SIZES, DURATION, WARMUP (unreported run before each, 10s), USERS (40), TIMEOUT (wrk's, 2s), KEEP=1 (keep
#      the output folder: each wrk's own output with --latency, the lists, the app's log),
#      ZIPF (popularity exponent, 1), ADULT_COOKIE (share of guests sending view_adult=true, 0.8),
#      CONNS_<KIND> connections (0 leaves the kind out) and RATE_<KIND> requests/s (0: as fast as answered) per
#      kind, e.g. CONNS_GUEST=8, RATE_KUDOS=4; MEMORY_CONNS (8); ARCHIVE_PORT, BASELINE_PORT.
# wrk is closed-loop: an unpaced kind's rate is what its connections get answered, so the shares follow the
# connection counts and the app's speed. The POSTs' default rates suit today's app (a few percent of ~150 pages/s);
# scale them with the reads. Any kind can be paced instead, e.g. AO3's record day as a fixed schedule:
#   RATE_GUEST=1100 CONNS_GUEST=64 RATE_READER=250 CONNS_READER=16 RATE_TAGS=200 CONNS_TAGS=16 RATE_SEARCH=80
#   CONNS_SEARCH=8 RATE_FEEDS=50 RATE_KUDOS=40 CONNS_KUDOS=4 RATE_BOOKMARK=8 RATE_COMMENT=4 USERS=200 bench/mixed.sh
# A paced kind that falls short of its target shows the app couldn't keep up; its latencies then leave out the
# time requests waited for a connection (wrk measures from sending), so read them with the shortfall.
set -euo pipefail
# DATA as the caller meant it, before moving to the repository (the app also runs from its publish folder).
DATA=${DATA:+$(realpath -m "$DATA")}
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
USERS=${USERS:-40}
TIMEOUT=${TIMEOUT:-2s}
MEMORY_CONNS=${MEMORY_CONNS:-8}
ARCHIVE_PORT=${ARCHIVE_PORT:-5311}
BASELINE_PORT=${BASELINE_PORT:-5312}
export BENCH_ZIPF=${ZIPF:-1} BENCH_ADULT_COOKIE=${ADULT_COOKIE:-0.8}

kinds=(guest reader tags search feeds kudos bookmark comment post)
declare -A label=(
  [guest]="guest work/chapter pages" [reader]="signed-in work pages" [tags]="tag pages + filters" [search]="search"
  [feeds]="feeds + API" [kudos]="kudos (POST)" [bookmark]="bookmark (POST)" [comment]="comment (POST)" [post]="new work (POST)")
declare -A conns=(
  [guest]=${CONNS_GUEST:-8} [reader]=${CONNS_READER:-2} [tags]=${CONNS_TAGS:-2} [search]=${CONNS_SEARCH:-1} [feeds]=${CONNS_FEEDS:-1}
  [kudos]=${CONNS_KUDOS:-2} [bookmark]=${CONNS_BOOKMARK:-2} [comment]=${CONNS_COMMENT:-2} [post]=${CONNS_POST:-2})
declare -A rate=(
  [guest]=${RATE_GUEST:-0} [reader]=${RATE_READER:-0} [tags]=${RATE_TAGS:-0} [search]=${RATE_SEARCH:-0} [feeds]=${RATE_FEEDS:-0}
  [kudos]=${RATE_KUDOS:-4} [bookmark]=${RATE_BOOKMARK:-1} [comment]=${RATE_COMMENT:-1} [post]=${RATE_POST:-0.2})
# HTML pages a person looks at, the unit of AO3's "page views".
page_kinds="guest reader tags search"

# Users take turns commenting; more comments a minute per user than the app allows come back as 429s.
per_user_limit=${Archive__Limits__CommentsPerMinutePerUser:-5}
if awk -v r="${rate[comment]}" -v u="$USERS" -v l="$per_user_limit" 'BEGIN { exit !(r * 60 / u > l) }'; then
  echo "warning: RATE_COMMENT=${rate[comment]} over USERS=$USERS is more than $per_user_limit comments a minute per user; expect 429s" >&2
fi

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [[ -n $DATA && $(id -u) == 0 ]] && ! runuser -u postgres -- test -x "$(dirname "$DATA")"; then
  echo "DATA: the postgres user can't reach $(dirname "$DATA"); chmod 755 it (and its parents) or choose another folder" >&2; exit 1
fi
pids=()
# SIGTERM lets the archive stop its private server; the data folder goes at the end unless it is DATA.
stop_all() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
out=$(mktemp -d /tmp/archive-mixed.XXXXXX)
# KEEP=1 keeps the output folder: wrk's own outputs (with --latency), the lists, the logs.
trap 'stop_all; if [[ -n ${KEEP:-} ]]; then echo "kept $out" >&2; else rm -rf "$out"; fi' EXIT
chmod 755 "$out"   # the private server runs as postgres when this runs as root
data=${DATA:-$out/postgres}
base="http://127.0.0.1:$ARCHIVE_PORT"
echo "Publishing the app and the baseline..." >&2
dotnet publish src/Archive.Web -c Release -o "$out/archive" -v quiet >/dev/null
dotnet publish bench/Baseline -c Release -o "$out/baseline" -v quiet >/dev/null
[[ -f $out/archive/Archive.Web.dll && -f $out/baseline/Baseline.dll ]] || { echo "dotnet publish left no app in $out" >&2; exit 1; }

archive() { (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" Archive__Accounts__ConfirmEmail=false dotnet Archive.Web.dll "$@"); }
wait_for() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not answering: $1" >&2; exit 1; }

start_archive() {
  # Every simulated reader comes from 127.0.0.1, so the per-address comment limit (meant for one person's
  # address) would refuse almost all of them, as the per-address search limit would; the per-account limit stays as configured.
  (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$data" Archive__Limits__CommentsPerMinutePerAddress=1000000 Archive__Limits__SearchesPerMinutePerAddress=1000000000 Archive__Accounts__ConfirmEmail=false \
    ASPNETCORE_URLS="$base" exec dotnet Archive.Web.dll >"$out/archive.log" 2>&1) &
  archive_pid=$!
  pids+=("$archive_pid")
  wait_for "$base/healthz"
  wait_for_buffers
}

# After a restart PostgreSQL reads back the pages its buffers held (pg_prewarm, which the app loads): on a slow
# disk that takes minutes, and a run meanwhile would measure the disk.
wait_for_buffers() {
  local said=
  while [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autoprewarm worker'")" != 0 ]; do
    [ -n "$said" ] || { echo "Waiting for PostgreSQL to read back the pages its buffers held..." >&2; said=1; }
    sleep 2
  done
  # Then the rest of the archive, when the buffers can hold it (Archive__PostgresSharedBuffers): see the file.
  sql "$(cat bench/into-buffers.sql)" | tail -1 | awk '$1 > 0 { print "The whole archive (" $1 " MB) is in PostgreSQL'"'"'s buffers" > "/dev/stderr" }'
}

# psql against the private server, tab-separated rows without headers.
sql() {
  PGPASSWORD=$(cat "$data/password") psql -h 127.0.0.1 -p "$(sed -n 4p "$data/cluster/postmaster.pid")" -U archive -d archive \
    -At -F $'\t' -v ON_ERROR_STOP=1 -c "$1"
}

# Seeds only the works the data folder lacks, then (re)starts the app on the grown archive.
ensure_works() {
  local size=$1 have
  start_archive
  have=$(sql "SELECT count(*) FROM works")
  if (( have < size )); then
    echo "Seeding $((size - have)) works (the archive has $have)..." >&2
    archive seed-demo --works $((size - have)) >&2
    stop_all
    start_archive
  fi
}

# The lists the Lua scripts read (bench/mixed/common.lua), most popular first.
write_lists() {
  local lists=$1
  mkdir -p "$lists"
  # A fixed order per archive (md5 of the id), so runs on the same data agree on which works are popular.
  sql "SELECT id, chapter_count FROM works WHERE hidden_at IS NULL ORDER BY md5(id::text)" >"$lists/works.tsv"
  # The most used fandoms, each with the relationships and characters most used among (up to) 1,000 of its works.
  sql "WITH fandoms AS (
         SELECT t.id, t.name, count(*) AS works FROM tags t JOIN work_tags wt ON wt.tag_id = t.id
         WHERE t.type = 3 AND t.is_canonical GROUP BY t.id, t.name ORDER BY works DESC LIMIT 40)
       SELECT array_to_string(array_prepend(f.name::text, ARRAY(
         SELECT name FROM (
           SELECT t.name::text AS name, row_number() OVER (PARTITION BY t.type ORDER BY count(*) DESC, t.name) AS place
           FROM (SELECT unnest(filter_tag_ids) AS tag_id FROM (SELECT filter_tag_ids FROM works WHERE filter_tag_ids @> ARRAY[f.id] LIMIT 1000) w) x
           JOIN tags t ON t.id = x.tag_id AND t.type IN (4, 5)
           GROUP BY t.id, t.name, t.type) ranked
         WHERE place <= 4)), E'\t')
       FROM fandoms f ORDER BY f.works DESC" >"$lists/fandoms.tsv"
}

# The anti-forgery token in a page's form.
form_token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

# Signs up reader N, or logs in when an earlier run on this data folder made them, and prints
# "name<TAB>cookie header<TAB>anti-forgery token<TAB>default pseud id". The token belongs to these cookies and
# this user: one token serves every form (kudos, bookmark, comment, posting).
prepare_user() {
  local name="bench_reader_$1" jar="$out/jars/$1" password="bench-password-$1" token status page cookie pseud
  token=$(curl -sf -c "$jar" -b "$jar" "$base/signup" | form_token)
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "UserName=$name" --data-urlencode "Email=$name@example.invalid" \
    --data-urlencode "Password=$password" --data-urlencode "ConfirmPassword=$password" "$base/signup")
  if [[ $status != 302 ]]; then
    # The sign-up form came back (the name is taken): this data folder has them from an earlier run.
    token=$(curl -sf -c "$jar" -b "$jar" "$base/login" | form_token)
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
      --data-urlencode "Login=$name" --data-urlencode "Password=$password" "$base/login")
    [[ $status == 302 ]] || { echo "could neither sign up nor log in $name (HTTP $status)" >&2; exit 1; }
  fi
  page=$(curl -sf -c "$jar" -b "$jar" "$base/works/new")
  token=$(form_token <<<"$page")
  pseud=$(grep -o '<input type="checkbox" name="PseudIds" value="[0-9]*" checked' <<<"$page" | head -1 | grep -o '[0-9]\+')
  # Only the session and anti-forgery cookies: TempData's cookie changes per request and a browser would drop it.
  cookie=$(awk '$6 == "archive_session" || $6 ~ /^\.AspNetCore\.Antiforgery\./ {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar")
  [[ -n $token && -n $pseud && $cookie == *archive_session=* ]] || { echo "no session, token or pseud for $name" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$name" "$cookie" "$token" "$pseud"
}

prepare_users() {
  local lists=$1 n
  mkdir -p "$out/jars"
  for n in $(seq 1 "$USERS"); do prepare_user "$n"; done >"$lists/users.tsv"
}

# One wrk per kind, all at once; each prints an "@@result" line (bench/mixed/common.lua) into its file.
run_mix() {
  local lists=$1 duration=$2 results=$3 kind
  local wrk_pids=()
  mkdir -p "$results"
  for kind in "${kinds[@]}"; do
    (( ${conns[$kind]} > 0 )) || continue
    BENCH_LISTS="$lists" BENCH_KIND=$kind BENCH_RATE=${rate[$kind]} \
      wrk -t1 -c"${conns[$kind]}" -d"$duration" --timeout "$TIMEOUT" --latency -s "bench/mixed/$kind.lua" "$base" \
      >"$results/$kind.out" 2>"$results/$kind.err" &
    wrk_pids+=($!)
  done
  for pid in "${wrk_pids[@]}"; do wait "$pid" || echo "a wrk process failed; see its .err file" >&2; done
  for kind in "${kinds[@]}"; do
    if [[ -s $results/$kind.err ]]; then echo "wrk $kind:" >&2; head -5 "$results/$kind.err" >&2; fi
  done
}

# CPU time (clock ticks) of processes: their own and their finished children's.
ticks_of() {
  local total=0 pid fields
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    read -r -a fields <<<"$(sed 's/.*) //' "/proc/$pid/stat")"   # fields after the name; [11] is utime
    total=$(( total + fields[11] + fields[12] + fields[13] + fields[14] ))
  done
  echo "$total"
}
# "app postgres machine-busy machine-all" ticks so far; PostgreSQL is its postmaster and the backends under it.
cpu_sample() {
  local postmaster; postmaster=$(sed -n 1p "$data/cluster/postmaster.pid")
  local busy all
  read -r busy all < <(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  echo "$(ticks_of "$archive_pid") $(ticks_of "$postmaster" $(ps -o pid= --ppid "$postmaster")) $busy $all"
}

# Cores in use between two cpu_sample lines: "machine app postgres" (the machine's ticks give the time).
cores_used() {
  awk -v before="$1" -v after="$2" -v cores="$(nproc)" 'BEGIN {
    split(before, b, " "); split(after, a, " "); all = a[4] - b[4]
    printf "%.2f %.2f %.2f\n", cores * (a[3] - b[3]) / all, cores * (a[1] - b[1]) / all, cores * (a[2] - b[2]) / all }'
}

# After the warm-up the app goes on compiling its hot methods (tiered JIT) for a few seconds: wait (at most
# 30 s) until it and PostgreSQL are quiet, so the run measures the warmed app. Then say whether anything else
# (other programs, PostgreSQL vacuuming after a seed) still takes cores from the run.
settle() {
  local before after busy app pg
  for _ in $(seq 1 15); do
    before=$(cpu_sample); sleep 2; after=$(cpu_sample)
    read -r busy app pg <<<"$(cores_used "$before" "$after")"
    awk -v app="$app" -v pg="$pg" 'BEGIN { exit !(app + pg < 0.1) }' && break
  done
  if awk -v busy="$busy" 'BEGIN { exit !(busy > 0.2) }'; then
    printf 'warning: with no load, %s of %s cores were busy (app %s, PostgreSQL %s); the numbers will be low\n' "$busy" "$(nproc)" "$app" "$pg" >&2
  fi
}

print_mix() {
  local results=$1 size=$2 cpu_before=$3 cpu_after=$4 kind all_conns=0 line
  for kind in "${kinds[@]}"; do all_conns=$(( all_conns + conns[$kind] )); done
  printf '\nMixed load at %s works: %s, one wrk -t1 process per kind (%s connections in all); app, PostgreSQL and wrk share %s cores\n' \
    "$size" "$DURATION" "$all_conns" "$(nproc)"
  for kind in "${kinds[@]}"; do
    line=$(grep -h '^@@result' "$results/$kind.out" 2>/dev/null) || continue
    printf '%s\t%s\t%s\t%s\n' "$line" "${conns[$kind]}" "${rate[$kind]}" "${label[$kind]}"
  done | awk -F'\t' -v pages="$page_kinds" '
    BEGIN { n = split(pages, p, " "); for (i = 1; i <= n; i++) page[p[i]] = 1 }
    { rps[NR] = $3 / $4; p50[NR] = $5; p95[NR] = $6; p99[NR] = $7; max[NR] = $8; failed[NR] = $9; what[NR] = $10
      conns[NR] = $12; target[NR] = $13; name[NR] = $14; total += rps[NR]; if ($2 in page) views += rps[NR]
      # Requests slower than each time of the grid, from each kind: they add up where percentiles do not.
      cells = split($11, cell, ","); grid_n = 0
      for (c = 1; c <= cells; c++) { split(cell[c], kv, ":"); grid[++grid_n] = kv[1]
        slow_all[grid_n] += rps[NR] * kv[2]; if ($2 in page) slow_pages[grid_n] += rps[NR] * kv[2] } }
    # The time a share q of requests is slower than, between the grid times around it.
    function slower(slow, count, q,    g, before, after) {
      if (count == 0 || grid_n == 0) return "-"
      for (g = 1; g <= grid_n; g++) if (slow[g] / count <= q) break
      if (g > grid_n) return ">" grid[grid_n]
      if (g == 1) return "<" grid[1]
      before = slow[g - 1] / count; after = slow[g] / count
      return sprintf("%.0f", grid[g - 1] + (grid[g] - grid[g - 1]) * (before - q) / (before - after))
    }
    function share_over(slow, count, limit,    g) {
      for (g = 1; g <= grid_n; g++) if (grid[g] == limit) return (count > 0 ? 100 * slow[g] / count : 0)
      return -1
    }
    END {
      printf "%-26s %5s %8s %10s %6s %8s %8s %8s %8s  %s\n", "kind", "conns", "target/s", "requests/s", "share", "p50 ms", "p95 ms", "p99 ms", "max ms", "failures"
      for (i = 1; i <= NR; i++)
        printf "%-26s %5d %8s %10.1f %5.1f%% %8.1f %8.1f %8.1f %8.1f  %d%s\n", name[i], conns[i], (target[i] > 0 ? target[i] : "-"), rps[i],
          (total > 0 ? 100 * rps[i] / total : 0), p50[i], p95[i], p99[i], max[i], failed[i], (failed[i] > 0 ? " (" what[i] ")" : "")
      printf "%-26s %5s %8s %10.1f %5.1f%% %8s %8s %8s %8s  (%.2f%% slower than 100 ms)\n", "all kinds", "", "", total, 100,
        slower(slow_all, total, 0.5), slower(slow_all, total, 0.05), slower(slow_all, total, 0.01), "", share_over(slow_all, total, 100)
      printf "%-26s %5s %8s %10.1f %5.1f%% %8s %8s %8s %8s  (%.2f%% slower than 100 ms)\n", "HTML page views", "", "", views, (total > 0 ? 100 * views / total : 0),
        slower(slow_pages, views, 0.5), slower(slow_pages, views, 0.05), slower(slow_pages, views, 0.01), "", share_over(slow_pages, views, 100)
      printf "(HTML page views: %s. AO3 record day: 1,630/s, p99 < 100 ms. The percentiles of kinds together are read between\n", pages
      printf " the times of a grid, from each kind'"'"'s share of requests slower than each.)\n"
    }'
  local busy app pg
  read -r busy app pg <<<"$(cores_used "$cpu_before" "$cpu_after")"
  awk -v busy="$busy" -v app="$app" -v pg="$pg" -v cores="$(nproc)" 'BEGIN {
    printf "CPU during the run, in cores of %d: app %.2f, PostgreSQL %.2f, wrk and everything else %.2f, idle %.2f\n", cores, app, pg, busy - app - pg, cores - busy }'
}

# One guest's work page (past the adult notice) against its exact bytes from memory, one after the other.
measure_memory() {
  local lists=$1 work page_type line
  work=$(head -1 "$lists/works.tsv" | cut -f1)
  page_type=$(curl -sf -H 'Cookie: view_adult=true' -o "$out/page.html" -w '%{content_type}' "$base/works/$work")
  ASPNETCORE_URLS="http://127.0.0.1:$BASELINE_PORT" dotnet "$out/baseline/Baseline.dll" \
    --memory-file "$out/page.html" --memory-content-type "$page_type" >"$out/baseline.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$BASELINE_PORT/memory"
  cmp -s "$out/page.html" <(curl -sf "http://127.0.0.1:$BASELINE_PORT/memory") || { echo "the baseline serves other bytes" >&2; exit 1; }
  printf '\nGuest work page /works/%s (%s bytes, %s) against the same bytes from memory (bench/Baseline /memory):\n' \
    "$work" "$(stat -c %s "$out/page.html")" "$page_type"
  printf 'wrk -t1 -c%s -d%s each, one after the other, with no other load from this script\n' "$MEMORY_CONNS" "$DURATION"
  printf '%-26s %10s %8s %8s %8s %8s  %s\n' "" "requests/s" "p50 ms" "p95 ms" "p99 ms" "max ms" "failures"
  local url name rps=()
  for url in "$base/works/$work" "http://127.0.0.1:$BASELINE_PORT/memory"; do
    [[ $url == */memory ]] && name="same bytes from memory" || name="work page"
    for _ in 1 2 3 4 5; do curl -sf -o /dev/null -H 'Cookie: view_adult=true' "$url"; done
    line=$(wrk -t1 -c"$MEMORY_CONNS" -d"$DURATION" --timeout "$TIMEOUT" -H 'Cookie: view_adult=true' -s bench/mixed/page.lua "$url" | grep '^@@result')
    awk -F'\t' -v name="$name" '{ printf "%-26s %10.1f %8.1f %8.1f %8.1f %8.1f  %d\n", name, $3 / $4, $5, $6, $7, $8, $9 }' <<<"$line"
    rps+=("$(awk -F'\t' '{ print $3 / $4 }' <<<"$line")")
  done
  awk -v a="${rps[0]}" -v b="${rps[1]}" 'BEGIN { printf "work page / same bytes from memory: %.3f of the throughput\n", (b > 0 ? a / b : 0) }'
}

for size in $SIZES; do
  ensure_works "$size"
  lists="$out/lists-$size"
  write_lists "$lists"
  echo "Signing up $USERS readers..." >&2
  prepare_users "$lists"
  echo "Warming up for $WARMUP..." >&2
  run_mix "$lists" "$WARMUP" "$out/warmup-$size"
  grep -h '^@@result' "$out/warmup-$size"/*.out | awk -F'\t' '$9 > 0 { printf "warm-up failures, %s: %s\n", $2, $10 }' >&2
  settle
  echo "Measuring the mix at $size works for $DURATION..." >&2
  before=$(cpu_sample)
  run_mix "$lists" "$DURATION" "$out/run-$size"
  after=$(cpu_sample)
  print_mix "$out/run-$size" "$size" "$before" "$after"
  settle
  measure_memory "$lists"
  stop_all
done
