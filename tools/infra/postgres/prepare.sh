#!/usr/bin/env bash
# Prepares the machine's PostgreSQL idempotently: logical WAL (for Debezium), the bascule admin role, one database per
# context, and one login role per process with the least it needs (ADR 0013).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../secrets.sh"

source "$here/admin-psql.sh"

if ! admin_psql -c 'select 1' >/dev/null 2>&1; then
  echo "postgres: not answering, starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
fi

if [[ "$(admin_psql -c 'show wal_level')" != "logical" ]]; then
  echo "postgres: setting wal_level=logical (one restart, ~2 s)"
  admin_psql -c "alter system set wal_level = logical"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main restart
fi

# The platform's administrator (setup and the tests' database per suite; never a service's role at run time),
# with the password setup generated (ADR 0013).
ensure_secrets
BASCULE_DB_PASSWORD="${BASCULE_DB_PASSWORD:-$ADMIN_DB_PASSWORD}"
admin_psql -c "do \$\$ begin if not exists (select from pg_roles where rolname = '$BASCULE_DB_USER') then create role \"$BASCULE_DB_USER\"; end if; end \$\$"
admin_psql <<< "alter role \"$BASCULE_DB_USER\" login createdb replication password '$BASCULE_DB_PASSWORD'"  # stdin: not on a command line
for db in $BASCULE_DATABASES; do
  if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$db'")" ]]; then
    admin_psql -c "create database \"$db\" owner \"$BASCULE_DB_USER\""
    echo "postgres: created database $db"
  fi
done
PGPASSWORD="$BASCULE_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$BASCULE_DB_USER" -d postgres -qtAc 'select 1' >/dev/null

# --- One role per process (ADR 0013) --------------------------------------------------------------------------
# client-service owns bascule_client only; the legacy monolith owns legacy; Debezium may replicate and read the
# captured tables. None may create databases. The admin role is made a member of the two owners, so setup and
# the test harness (which creates a database per suite, owned by the service role) act for them.
CAPTURED_TABLES='"CLIENTS", "COMMANDES", "LIGNES_COMMANDE", "STOCK", "PAIEMENTS", "FACTURES"'
LEGACY_PUBLICATION="${LEGACY_PUBLICATION:-bascule_legacy}"

ensure_role() { # name, attributes, password
  admin_psql -c "do \$\$ begin if not exists (select from pg_roles where rolname = '$1') then create role \"$1\"; end if; end \$\$"
  admin_psql <<< "alter role \"$1\" login nosuperuser nocreatedb nocreaterole $2 password '$3'"  # stdin: not on a command line
}
# Gives every table, view and free-standing sequence of a database's public schema to its owner role.
own_objects() { # database, role
  admin_psql -d "$1" <<SQL
do \$\$ declare r record; begin
  for r in select c.oid::regclass as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S') and c.relowner <> '"$2"'::regrole
             and not exists (select from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')) loop
    execute format('alter %s %s owner to %I', case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, r.name, '$2');
  end loop;
  for r in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = 'public' and p.proowner <> '"$2"'::regrole loop
    execute format('alter function %s owner to %I', r.name, '$2');
  end loop;
end \$\$;
SQL
}
ensure_role "$CLIENT_DB_USER" noreplication "$CLIENT_DB_PASSWORD"
ensure_role "$LEGACY_DB_USER" noreplication "$LEGACY_DB_PASSWORD"
ensure_role "$CDC_DB_USER" replication "$CDC_DB_PASSWORD"
PGOPTIONS="-c client_min_messages=warning" admin_psql -c "grant \"$CLIENT_DB_USER\", \"$LEGACY_DB_USER\" to \"$BASCULE_DB_USER\""
admin_psql -c "alter database bascule_client owner to \"$CLIENT_DB_USER\"" \
  -c "revoke all on database bascule_client from public" -c "grant connect, temporary on database bascule_client to \"$BASCULE_DB_USER\""
admin_psql -c "alter database legacy owner to \"$LEGACY_DB_USER\"" -c "revoke all on database legacy from public" \
  -c "grant connect, temporary on database legacy to \"$BASCULE_DB_USER\"" -c "grant connect on database legacy to \"$CDC_DB_USER\""
own_objects bascule_client "$CLIENT_DB_USER"
# Keycloak's own database and login role (the OpenID Provider never shares the services' role).
ensure_role "$KEYCLOAK_DB_USER" noreplication "$KEYCLOAK_DB_PASSWORD"
if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$KEYCLOAK_DB'")" ]]; then
  admin_psql -c "create database \"$KEYCLOAK_DB\" owner \"$KEYCLOAK_DB_USER\"" -c "revoke all on database \"$KEYCLOAK_DB\" from public"
  echo "postgres: created database $KEYCLOAK_DB for Keycloak"
fi
own_objects legacy "$LEGACY_DB_USER"

# The legacy stand-in's schema (idempotent, as its own role): the monolith predates migrations.
PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="$LEGACY_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$LEGACY_DB_USER" \
  -d legacy -qX -v ON_ERROR_STOP=1 -f "$here/../../../apps/legacy-monolith/sql/schema.sql"
# Debezium reads the captured tables and nothing else; the publication is made here by the owner, so the
# connector runs with publication.autocreate.mode=disabled and needs no ownership.
admin_psql -d legacy -c "grant usage on schema public to \"$CDC_DB_USER\"" -c "grant select on $CAPTURED_TABLES to \"$CDC_DB_USER\""
if [[ -z "$(admin_psql -d legacy -c "select 1 from pg_publication where pubname = '$LEGACY_PUBLICATION'")" ]]; then
  admin_psql -d legacy -c "create publication \"$LEGACY_PUBLICATION\" for table $CAPTURED_TABLES"
  admin_psql -d legacy -c "alter publication \"$LEGACY_PUBLICATION\" owner to \"$LEGACY_DB_USER\""
fi
echo "postgres: ready ($PGHOST:$PGPORT, wal_level=logical, admin $BASCULE_DB_USER, roles $CLIENT_DB_USER, $LEGACY_DB_USER, $CDC_DB_USER; databases: $BASCULE_DATABASES)"
