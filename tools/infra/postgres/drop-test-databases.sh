#!/usr/bin/env bash
# Drops what interrupted test runs left behind: test_* databases and their replication slots (a slot nobody
# reads holds WAL forever), and the test_* login roles of prepare.int-spec.ts's extra context.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/admin-psql.sh"
# As the administrator: a test database may belong to a service role or to whoever ran the suite.
q() { admin_psql -d postgres -c "$1"; }
q "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database LIKE 'test\_%' AND active_pid IS NOT NULL" >/dev/null
sleep 0.5
q "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database LIKE 'test\_%'" >/dev/null
left=$(q "SELECT datname FROM pg_database WHERE datname LIKE 'test\_%'")
for db in $left; do q "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; done
roles=$(q "SELECT rolname FROM pg_roles WHERE rolname LIKE 'test\_%\_service'")
for role in $roles; do q "DROP ROLE IF EXISTS \"$role\""; done
echo "postgres: $(echo "$left" | grep -c . || true) leftover test databases dropped, $(echo "$roles" | grep -c . || true) test roles"
