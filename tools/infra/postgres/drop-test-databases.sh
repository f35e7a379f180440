#!/usr/bin/env bash
# Drops what interrupted test runs left behind: test_* databases and their replication slots (a slot nobody
# reads holds WAL forever).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
q() { PGPASSWORD="$BASCULE_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$BASCULE_DB_USER" -d postgres -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
q "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database LIKE 'test\_%' AND active_pid IS NOT NULL" >/dev/null
sleep 0.5
q "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database LIKE 'test\_%'" >/dev/null
left=$(q "SELECT datname FROM pg_database WHERE datname LIKE 'test\_%'")
for db in $left; do q "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; done
echo "postgres: $(echo "$left" | grep -c . || true) leftover test databases dropped"
