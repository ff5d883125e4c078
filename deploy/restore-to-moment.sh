#!/usr/bin/env bash
# Brings the archive back as it was at a moment, into a new data folder (README, "Point-in-time recovery"):
#   deploy/restore-to-moment.sh BASE_BACKUP WAL_ARCHIVE "2026-11-28 21:10:00+00" NEW_DATA_FOLDER
# BASE_BACKUP is a folder made by deploy/base-backup.sh before that moment; WAL_ARCHIVE is Archive__WalArchiveDirectory.
# Then start the archive on the new folder: Archive__DataDirectory=NEW_DATA_FOLDER dotnet run --project src/Archive.Web
set -euo pipefail
usage="usage: restore-to-moment.sh BASE_BACKUP WAL_ARCHIVE MOMENT NEW_DATA_FOLDER"
base=${1:?$usage}; wal=${2:?$usage}; moment=${3:?$usage}; data=${4:?$usage}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/pg_ctl" ] || { echo "restore-to-moment.sh: PostgreSQL's server programs not found (set PG_BIN, or: apt-get install -y postgresql)" >&2; exit 1; }
[ -f "$base/base.tar.gz" ] || { echo "restore-to-moment.sh: $base holds no base backup (base.tar.gz); make one with deploy/base-backup.sh" >&2; exit 1; }
[ -e "$data/cluster" ] && { echo "restore-to-moment.sh: $data already holds a cluster; give a new folder (nothing was changed)" >&2; exit 1; }

as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$data/cluster"
tar -xzf "$base/base.tar.gz" -C "$data/cluster"
tar -xzf "$base/pg_wal.tar.gz" -C "$data/cluster/pg_wal"
cp "$base/password" "$data/password"
conf="$data/cluster/postgresql.conf"
cat >> "$conf" <<SETTINGS
# recovery (restore-to-moment.sh): removed when done
restore_command = 'cp $wal/%f %p'
recovery_target_time = '$moment'
recovery_target_action = 'promote'
SETTINGS
touch "$data/cluster/recovery.signal"
if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$data"; fi
chmod 700 "$data/cluster"

# Replay the log up to the moment, on a spare port, with archiving off (this copy must not add to the live archive's log).
port=$((20000 + RANDOM % 20000))
as_server "$bin/pg_ctl" -D "$data/cluster" -w -t 600 -l "$data/recovery.log" -o "-p $port -c archive_mode=off" start >/dev/null
for _ in $(seq 600); do
  state=$(PGPASSWORD=$(cat "$data/password") "$bin/psql" -h 127.0.0.1 -p "$port" -U archive -d postgres -Atc "SELECT pg_is_in_recovery()" 2>/dev/null || true)
  [ "$state" = f ] && break
  sleep 1
done
as_server "$bin/pg_ctl" -D "$data/cluster" -w -m fast stop >/dev/null
[ "$state" = f ] || { echo "restore-to-moment.sh: recovery did not finish; see $data/recovery.log" >&2; exit 1; }
sed -i '/^# recovery (restore-to-moment.sh)/,/^recovery_target_action/d' "$conf"
echo "The archive as it was at $moment is in $data. Start it with: Archive__DataDirectory=$data dotnet run --project src/Archive.Web"
