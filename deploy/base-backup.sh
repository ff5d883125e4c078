#!/usr/bin/env bash
# A base backup of the archive's private PostgreSQL server, for point-in-time recovery (README, "Point-in-time recovery"):
#   deploy/base-backup.sh DATA_FOLDER BACKUP_FOLDER
# DATA_FOLDER is the archive's Archive__DataDirectory (default /var/lib/archive/postgres), its server running; BACKUP_FOLDER
# must not exist yet. Run it after turning on Archive__WalArchiveDirectory, then now and then (weekly, say): recovery
# replays the archived log from the newest base backup before the moment wanted.
set -euo pipefail
data=${1:?usage: base-backup.sh DATA_FOLDER BACKUP_FOLDER}
out=${2:?usage: base-backup.sh DATA_FOLDER BACKUP_FOLDER}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/pg_basebackup" ] || { echo "base-backup.sh: pg_basebackup not found (set PG_BIN, or: apt-get install -y postgresql)" >&2; exit 1; }
[ -f "$data/cluster/postmaster.pid" ] || { echo "base-backup.sh: no server is running on $data (start the archive first)" >&2; exit 1; }
[ -e "$out" ] && { echo "base-backup.sh: $out already exists; give a new folder" >&2; exit 1; }
port=$(sed -n 4p "$data/cluster/postmaster.pid")
# Compressed tar files of the cluster and of the log written while they were made: a consistent copy, taken while the site runs.
PGPASSWORD=$(cat "$data/password") "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U archive -D "$out" -Ft -z -X stream -c fast
# The server's password lives beside the cluster, not in it; a recovered folder needs it to let the archive in.
cp "$data/password" "$out/password"
chmod 600 "$out/password"
echo "Base backup of $data written to $out."
