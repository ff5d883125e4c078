#!/usr/bin/env bash
# An operator's bad day, on loopback: three instances of the archive behind nginx, sharing one PostgreSQL and one
# Redis that this script starts (and stops), under readers and commenters (bench/resilience/load.py), while it
#   1. starts all three at once on an empty database (each must come up; migrations applied once);
#   2. kills one instance with kill -9 (no acknowledged comment lost or doubled; reads go to the others);
#   3. restarts PostgreSQL (every live instance recovers on its own: how long it takes);
#   4. stops Redis (pages still served; /healthz says what each instance now does alone);
#   5. pauses the standby's replay (it lags): the author adds a chapter and sees it in the listing at once;
#   6. stops the standby: listings are read from the primary;
# then checks every acknowledged comment is in the database exactly once, and prints the figures.
# Run it from anywhere: bench/resilience.sh   (LOAD_SECONDS=40). Bounded in time; stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS=${LOAD_SECONDS:-40}

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "Needs: apt-get install -y ${need[*]}" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres=(); [ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

out=$(mktemp -d /tmp/archive-resilience.XXXXXX)
chmod 755 "$out"
pg_port=$(free_port); redis_port=$(free_port); proxy_port=$(free_port)
ports=($(free_port) $(free_port) $(free_port))
instance_pids=(); redis_pid=""
cleanup() {
  for pid in "${instance_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ -f "$out/nginx.pid" ] && kill -TERM "$(cat "$out/nginx.pid")" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -f "$out/standby/data/postmaster.pid" ] && "${as_postgres[@]}" "$bin/pg_ctl" -D "$out/standby/data" stop -m immediate >/dev/null 2>&1 || true
  [ -f "$out/pg/data/postmaster.pid" ] && "${as_postgres[@]}" "$bin/pg_ctl" -D "$out/pg/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$out"
}
trap cleanup EXIT

echo "Publishing the app..." >&2
dotnet publish src/Archive.Web -c Release -o "$out/archive" -v quiet >/dev/null

# PostgreSQL, empty.
mkdir -p "$out/pg"
[ "$(id -u)" = 0 ] && chown postgres "$out/pg"
"${as_postgres[@]}" "$bin/initdb" -D "$out/pg/data" -U archive --auth=trust >/dev/null
pg_ctl() { "${as_postgres[@]}" "$bin/pg_ctl" -D "$out/pg/data" -l "$out/pg/log" -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" "$@" >/dev/null; }
pg_ctl start -w
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U archive archive
sql() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U archive -d archive -Atc "$1"; }
# A streaming standby of it, for the listings' reads.
standby_port=$(free_port)
mkdir -p "$out/standby"
[ "$(id -u)" = 0 ] && chown postgres "$out/standby"
chmod 700 "$out/standby"
"${as_postgres[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U archive -D "$out/standby/data" -R -X stream -c fast
standby_ctl() { "${as_postgres[@]}" "$bin/pg_ctl" -D "$out/standby/data" -l "$out/standby/log" -o "-p $standby_port -k /tmp -c listen_addresses=127.0.0.1" "$@" >/dev/null; }
standby_ctl start -w
on_standby() { "$bin/psql" -h 127.0.0.1 -p "$standby_port" -U archive -d archive -Atc "$1"; }

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$out" >"$out/redis.log" 2>&1 &
redis_pid=$!

mkdir -p "$out/nginx"
cat >"$out/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
pid $out/nginx.pid;
error_log $out/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $out/nginx/body; proxy_temp_path $out/nginx/proxy; fastcgi_temp_path $out/nginx/fastcgi;
  uwsgi_temp_path $out/nginx/uwsgi; scgi_temp_path $out/nginx/scgi;
  upstream archive {
    server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports[2]} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$proxy_port;
    location / {
      proxy_pass http://archive;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502;
    }
  }
}
EOF
"$nginx" -c "$out/nginx.conf" -p "$out/nginx" 2>>"$out/nginx/error.log"
base="http://127.0.0.1:$proxy_port"

start_instance() {
  (cd "$out/archive" && ConnectionStrings__Archive="Host=127.0.0.1;Port=$pg_port;Username=archive;Database=archive" \
    ConnectionStrings__ArchiveReplicas="Host=127.0.0.1;Port=$standby_port;Username=archive;Database=archive" \
    ConnectionStrings__Redis="127.0.0.1:$redis_port" Archive__KnownProxies=127.0.0.1 \
    Archive__Limits__CommentsPerMinutePerUser=100000 Archive__Limits__CommentsPerMinutePerAddress=100000 Archive__Limits__SearchesPerMinutePerAddress=1000000000 Archive__Accounts__ConfirmEmail=false \
    ASPNETCORE_URLS="http://127.0.0.1:${ports[$1]}" exec dotnet Archive.Web.dll >"$out/instance$1.log" 2>&1) &
  instance_pids[$1]=$!
}
healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1/healthz")" = 200 ]; }
seconds_since() { python3 -c "import time; print(f'{time.time() - $1:.1f}')"; }

# 1. All at once on an empty database.
echo "Starting three instances at once on an empty database..." >&2
started=$(date +%s.%N)
for i in 0 1 2; do start_instance $i; done
up=0
for i in 0 1 2; do
  for _ in $(seq 1 240); do healthy "http://127.0.0.1:${ports[$i]}" && { up=$((up + 1)); break; }; kill -0 "${instance_pids[$i]}" 2>/dev/null || break; sleep 0.5; done
done
took=$(seconds_since "$started")
read -r applied distinct <<<"$(sql "SELECT count(*), count(DISTINCT migration_id) FROM ef_migrations_history" | tr '|' ' ')"
crashed=$( (grep -l "Unhandled exception\|42701" "$out"/instance*.log 2>/dev/null || true) | wc -l)

# A work to comment on, posted by an author through the proxy.
author() { python3 bench/resilience/author.py "$base" "$out/author.jar" "$@"; }
work=$(author post)

echo "Load for ${LOAD_SECONDS}s: kill -9 at 8 s, PostgreSQL restarted at 16 s, Redis stopped at 26 s..." >&2
load_started=$(date +%s)
python3 bench/resilience/load.py "$base" "$work" "$LOAD_SECONDS" "$out/acks" "$out/stats" &
load=$!
# What the load had done by a moment: "reads_ok reads_failed posts_ok posts_failed".
at() { tail -1 "$out/stats" | cut -d' ' -f2-; }

sleep 8
before_kill=$(at)
{ kill -9 "${instance_pids[1]}"; wait "${instance_pids[1]}"; } 2>/dev/null || true
sleep 7
after_kill=$(at)

restarted=$(date +%s.%N)
pg_ctl restart -m fast -w
recovered=""
for _ in $(seq 1 120); do
  if healthy "http://127.0.0.1:${ports[0]}" && healthy "http://127.0.0.1:${ports[2]}" \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/works/$work")" = 200 ]; then recovered=$(seconds_since "$restarted"); break; fi
  sleep 0.25
done
sleep $((26 - $(date +%s) + load_started > 0 ? 26 - $(date +%s) + load_started : 0))
before_redis=$(at)
kill "$redis_pid"; wait "$redis_pid" 2>/dev/null || true; redis_pid=""
sleep 3
health=$(curl -s --max-time 2 "http://127.0.0.1:${ports[0]}/healthz")
page=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/works/$work")
wait "$load"
after_redis=$(at)

# 5. The standby lags: the author's new chapter still shows at once.
on_standby "SELECT pg_wal_replay_pause()" >/dev/null
before_chapter=$(author chapters "$work")
author add-chapter "$work"
after_chapter=$(author chapters "$work")
lag_health=$(curl -s --max-time 2 "http://127.0.0.1:${ports[0]}/healthz")
guest_listing=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/tags/Resilience/works")
on_standby "SELECT pg_wal_replay_resume()" >/dev/null
# 6. The standby stops.
standby_ctl stop -m immediate
sleep 1
down_listing=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/tags/Resilience/works?sort=title")
down_health=$(curl -s --max-time 2 "http://127.0.0.1:${ports[0]}/healthz")

# Every acknowledged comment in the database exactly once.
sql "SELECT body_source, count(*) FROM comments WHERE body_source LIKE 'resilience-%' GROUP BY body_source" >"$out/stored"
acknowledged=$(sort -u "$out/acks" | wc -l)
lost=$(sort -u "$out/acks" | while read -r body; do grep -qx "$body|[0-9]*" "$out/stored" || echo "$body"; done | wc -l)
doubled=$(awk -F'|' '$2 > 1' "$out/stored" | wc -l)

diff_of() { read -r a b c d <<<"$1"; read -r e f g h <<<"$2"; echo "$((e - a)) $((f - b)) $((g - c)) $((h - d))"; }
read -r kr kf kp kq <<<"$(diff_of "$before_kill" "$after_kill")"
read -r rr rf rp rq <<<"$(diff_of "$after_kill" "$before_redis")"
read -r sr sf sp sq <<<"$(diff_of "$before_redis" "$after_redis")"
echo
echo "Resilience on $(date -u +%Y-%m-%d): 3 instances behind nginx, a PostgreSQL primary and standby, one Redis; 2 commenters and 1 reader for ${LOAD_SECONDS}s"
echo "started together on an empty database: $up of 3 up in ${took}s, $crashed crashed; migrations applied once each: $applied rows, $distinct distinct"
echo "kill -9 one instance: in the 7 s after, reads $kr ok / $kf failed, comments $kp acknowledged / $kq failed"
echo "PostgreSQL restarted: live instances answering pages again after ${recovered:-never}s; meanwhile reads $rr ok / $rf failed, comments $rp / $rq failed"
echo "Redis stopped: work page through the proxy $page; /healthz: \"$health\"; afterwards reads $sr ok / $sf failed, comments $sp acknowledged / $sq failed"
echo "standby paused (lagging): the author's listing went from $before_chapter to $after_chapter chapters at once; guests' listing $guest_listing; /healthz: \"$lag_health\""
echo "standby stopped: listing $down_listing; /healthz: \"$down_health\""
echo "acknowledged comments: $acknowledged; lost: $lost; doubled: $doubled"
