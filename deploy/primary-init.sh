#!/bin/sh
# Run once by the postgres image when it creates the primary's database (docker-compose.yml): lets the standby
# stream from it with the archive's own account.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
