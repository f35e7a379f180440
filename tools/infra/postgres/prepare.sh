#!/usr/bin/env bash
# Prepares the machine's PostgreSQL idempotently: logical WAL (for Debezium), the bascule admin role, and for every
# context manifest (apps/*/context.manifest.json, ADR 0017) its database and its login role with the least it needs
# (ADR 0013); from the legacy manifest, the legacy schema, Debezium's role and grants, and the publication.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../secrets.sh"

source "$here/admin-psql.sh"

if ! admin_psql -c 'select 1' >/dev/null 2>&1; then
  echo "postgres: not answering, starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
fi

# Settings read at server start only, set together so that a new machine restarts once. max_connections: every
# service's pools (each context, the orchestrator, the monolith), Keycloak, Debezium, and the test suites that run
# side by side, each with its own services as processes (ADR 0066); the default 100 runs out.
PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-400}"
restart_settings=()
[[ "$(admin_psql -c 'show wal_level')" == "logical" ]] || restart_settings+=("wal_level = logical")
(("$(admin_psql -c 'show max_connections')" >= PG_MAX_CONNECTIONS)) ||
  restart_settings+=("max_connections = $PG_MAX_CONNECTIONS")
if ((${#restart_settings[@]})); then
  echo "postgres: setting ${restart_settings[*]} (one restart, ~2 s)"
  for setting in "${restart_settings[@]}"; do admin_psql -c "alter system set $setting"; done
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main restart
fi

# A replication slot whose consumer stopped (Debezium down, its connector deleted but not its slot) keeps WAL until
# the disk is full and the legacy database stops. Past this much retained WAL the slot is invalidated instead
# (wal_status lost: the connector must re-snapshot, docs/runbooks/legacy-capture.md; ADR 0035). A reload suffices.
PG_MAX_SLOT_WAL_KEEP_SIZE="${PG_MAX_SLOT_WAL_KEEP_SIZE:-10GB}"
if [[ "$(admin_psql -c "select pg_size_bytes(current_setting('max_slot_wal_keep_size')) = pg_size_bytes('$PG_MAX_SLOT_WAL_KEEP_SIZE')")" != "t" ]]; then
  admin_psql -c "alter system set max_slot_wal_keep_size = '$PG_MAX_SLOT_WAL_KEEP_SIZE'" -c "select pg_reload_conf()" >/dev/null
  echo "postgres: max_slot_wal_keep_size=$PG_MAX_SLOT_WAL_KEEP_SIZE (reloaded)"
fi

# The platform's administrator (setup and the tests' database per suite; never a service's role at run time),
# with the password setup generated (ADR 0013).
ensure_secrets
BASCULE_DB_PASSWORD="${BASCULE_DB_PASSWORD:-$ADMIN_DB_PASSWORD}"
admin_psql -c "do \$\$ begin if not exists (select from pg_roles where rolname = '$BASCULE_DB_USER') then create role \"$BASCULE_DB_USER\"; end if; end \$\$"
admin_psql <<< "alter role \"$BASCULE_DB_USER\" login createdb replication password '$BASCULE_DB_PASSWORD'"  # stdin: not on a command line
PGPASSWORD="$BASCULE_DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$BASCULE_DB_USER" -d postgres -qtAc 'select 1' >/dev/null

# --- One database and one login role per process, from the context manifests (ADR 0013, ADR 0017) ---------------
# Each process's role owns its database (and every object in it) and nothing else; Debezium's may replicate and
# read the captured tables. None may create databases. The admin role is made a member of each owner, so setup and
# the test harness (which creates a database per suite, owned by the service role) act for them.
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
roles_made=() databases_made=()
# BASCULE_LOGIN_ROLES (secrets.sh): "<PREFIX> <role> <database> owner|cdc" a line; <PREFIX>_DB_USER/_DB_PASSWORD
# hold the role's name (the manifest's unless overridden) and its generated password.
while read -r prefix _ database kind; do
  user_var="${prefix}_DB_USER" password_var="${prefix}_DB_PASSWORD"
  user="${!user_var}"
  if [[ "$kind" == cdc ]]; then continue; fi
  ensure_role "$user" noreplication "${!password_var}"
  PGOPTIONS="-c client_min_messages=warning" admin_psql -c "grant \"$user\" to \"$BASCULE_DB_USER\""
  if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$database'")" ]]; then
    admin_psql -c "create database \"$database\" owner \"$user\""
    echo "postgres: created database $database"
  fi
  admin_psql -c "alter database \"$database\" owner to \"$user\"" -c "revoke all on database \"$database\" from public" \
    -c "grant connect, temporary on database \"$database\" to \"$BASCULE_DB_USER\""
  own_objects "$database" "$user"
  roles_made+=("$user") databases_made+=("$database")
done <<< "$BASCULE_LOGIN_ROLES"

# Keycloak's own database and login role (the OpenID Provider never shares the services' role).
ensure_role "$KEYCLOAK_DB_USER" noreplication "$KEYCLOAK_DB_PASSWORD"
if [[ -z "$(admin_psql -c "select 1 from pg_database where datname = '$KEYCLOAK_DB'")" ]]; then
  admin_psql -c "create database \"$KEYCLOAK_DB\" owner \"$KEYCLOAK_DB_USER\"" -c "revoke all on database \"$KEYCLOAK_DB\" from public"
  echo "postgres: created database $KEYCLOAK_DB for Keycloak"
fi

# --- The captured legacy database, from the legacy manifest's `capture` ---------------------------------------
# CAPTURE_DATABASE, CAPTURE_OWNER_ENV_PREFIX, CAPTURE_DATABASE_SCHEMA, CAPTURE_ENV_PREFIX, CAPTURE_SCHEMA,
# CAPTURE_PUBLICATION, CAPTURE_TABLES (space-separated) and CAPTURE_TABLES_SQL ("public"."CLIENTS", ...).
capture_vars="$(node "$here/../contexts/contexts.js" capture)"
eval "$capture_vars"
owner_var="${CAPTURE_OWNER_ENV_PREFIX}_DB_USER" owner_password_var="${CAPTURE_OWNER_ENV_PREFIX}_DB_PASSWORD"
cdc_var="${CAPTURE_ENV_PREFIX}_DB_USER" cdc_password_var="${CAPTURE_ENV_PREFIX}_DB_PASSWORD"
legacy_user="${!owner_var}" cdc_user="${!cdc_var}"
LEGACY_PUBLICATION="${LEGACY_PUBLICATION:-$CAPTURE_PUBLICATION}"
ensure_role "$cdc_user" replication "${!cdc_password_var}"
roles_made+=("$cdc_user")
admin_psql -c "grant connect on database \"$CAPTURE_DATABASE\" to \"$cdc_user\""
# The legacy stand-in's schema (idempotent, as its own role): the monolith predates migrations.
if [[ -n "$CAPTURE_DATABASE_SCHEMA" ]]; then
  PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="${!owner_password_var}" psql -h "$PGHOST" -p "$PGPORT" -U "$legacy_user" \
    -d "$CAPTURE_DATABASE" -qX -v ON_ERROR_STOP=1 -f "$here/../../../$CAPTURE_DATABASE_SCHEMA"
fi
# Debezium reads the captured tables and nothing else; the publication is made here by the owner, so the
# connector runs with publication.autocreate.mode=disabled and needs no ownership. A table added to (or removed
# from) the manifest's capture.tables is added to (or removed from) the publication.
# A table no longer captured is no longer readable: every grant on the schema's tables is taken back first, in the
# same transaction as the grants (the connector never sees its captured tables unreadable).
admin_psql -1 -d "$CAPTURE_DATABASE" -c "grant usage on schema \"$CAPTURE_SCHEMA\" to \"$cdc_user\"" \
  -c "revoke all on all tables in schema \"$CAPTURE_SCHEMA\" from \"$cdc_user\"" \
  -c "revoke all on all sequences in schema \"$CAPTURE_SCHEMA\" from \"$cdc_user\"" \
  -c "grant select on $CAPTURE_TABLES_SQL to \"$cdc_user\""
published="$(admin_psql -d "$CAPTURE_DATABASE" -c "select string_agg(schemaname || '.' || tablename, ',' order by schemaname || '.' || tablename collate \"C\") from pg_publication_tables where pubname = '$LEGACY_PUBLICATION'")"
wanted="$(for table in $CAPTURE_TABLES; do echo "$CAPTURE_SCHEMA.$table"; done | LC_ALL=C sort | paste -sd,)"
if [[ -z "$(admin_psql -d "$CAPTURE_DATABASE" -c "select 1 from pg_publication where pubname = '$LEGACY_PUBLICATION'")" ]]; then
  admin_psql -d "$CAPTURE_DATABASE" -c "create publication \"$LEGACY_PUBLICATION\" for table $CAPTURE_TABLES_SQL"
  admin_psql -d "$CAPTURE_DATABASE" -c "alter publication \"$LEGACY_PUBLICATION\" owner to \"$legacy_user\""
  echo "postgres: created publication $LEGACY_PUBLICATION ($wanted)"
elif [[ "$published" != "$wanted" ]]; then
  admin_psql -d "$CAPTURE_DATABASE" -c "alter publication \"$LEGACY_PUBLICATION\" set table $CAPTURE_TABLES_SQL"
  echo "postgres: publication $LEGACY_PUBLICATION now $wanted (was ${published:-empty})"
fi
roles_list="${roles_made[*]}"
echo "postgres: ready ($PGHOST:$PGPORT, wal_level=logical, max_connections>=$PG_MAX_CONNECTIONS, max_slot_wal_keep_size=$PG_MAX_SLOT_WAL_KEEP_SIZE, admin $BASCULE_DB_USER, roles ${roles_list// /, }; databases: ${databases_made[*]})"
