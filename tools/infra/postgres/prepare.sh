#!/usr/bin/env bash
# Prepares the machine's PostgreSQL idempotently: logical WAL (for Debezium), the bascule role, one database per context.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"

# Administrative statements go through the local socket as the postgres superuser (peer/trust there),
# or through PGADMIN_URL when the server is elsewhere.
admin_psql() {
  if [[ -n "${PGADMIN_URL:-}" ]]; then psql "$PGADMIN_URL" -v ON_ERROR_STOP=1 -qtAX "$@"
  elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAX "$@"
  else psql -U postgres -h "$PGHOST" -p "$PGPORT" -v ON_ERROR_STOP=1 -qtAX "$@"; fi
}

if ! admin_psql -c 'select 1' >/dev/null 2>&1; then
  echo "postgres: not answering, starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
fi

if [[ "$(admin_psql -c 'show wal_level')" != "logical" ]]; then
  echo "postgres: setting wal_level=logical (one restart, ~2 s)"
  admin_psql -c "alter system set wal_level = logical"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main restart
fi

admin_psql <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$BASCULE_DB_USER') then
    create role "$BASCULE_DB_USER" login createdb replication password '$BASCULE_DB_PASSWORD';
  else
    alter role "$BASCULE_DB_USER" login createdb replication password '$BASCULE_DB_PASSWORD';
  end if;
end \$\$;
SQL
for db in $BASCULE_DATABASES; do
  if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$db'")" ]]; then
    admin_psql -c "create database \"$db\" owner \"$BASCULE_DB_USER\""
    echo "postgres: created database $db"
  fi
done
# Keycloak's own database and login role (the OpenID Provider never shares the services' role).
admin_psql <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$KEYCLOAK_DB_USER') then
    create role "$KEYCLOAK_DB_USER" login password '$KEYCLOAK_DB_PASSWORD';
  end if;
end \$\$;
SQL
if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$KEYCLOAK_DB'")" ]]; then
  admin_psql -c "create database \"$KEYCLOAK_DB\" owner \"$KEYCLOAK_DB_USER\""
  echo "postgres: created database $KEYCLOAK_DB for Keycloak"
fi
PGPASSWORD="$BASCULE_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$BASCULE_DB_USER" -d postgres -qtAc 'select 1' >/dev/null
# The legacy stand-in's schema (idempotent): the monolith predates migrations.
PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="$BASCULE_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$BASCULE_DB_USER" \
  -d legacy -qX -v ON_ERROR_STOP=1 -f "$here/../../../apps/legacy-monolith/sql/schema.sql"
echo "postgres: ready ($PGHOST:$PGPORT, wal_level=logical, role $BASCULE_DB_USER, databases: $BASCULE_DATABASES)"
