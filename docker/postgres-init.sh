#!/bin/sh
# First start of the compose PostgreSQL, as `npm run setup` prepares the machine (ADR 0013): one login role
# per process, each database owned by its service (Keycloak's too), the legacy schema, and the publication Debezium reads.
# (The init server listens on its socket only, where the image trusts local roles.)
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres <<SQL
CREATE ROLE bascule_client_service LOGIN PASSWORD '$CLIENT_DB_PASSWORD';
CREATE ROLE bascule_legacy_monolith LOGIN PASSWORD '$LEGACY_DB_PASSWORD';
CREATE ROLE bascule_debezium LOGIN REPLICATION PASSWORD '$CDC_DB_PASSWORD';
CREATE ROLE bascule_keycloak LOGIN PASSWORD '$KEYCLOAK_DB_PASSWORD';
CREATE DATABASE bascule_client OWNER bascule_client_service;
CREATE DATABASE legacy OWNER bascule_legacy_monolith;
CREATE DATABASE bascule_keycloak OWNER bascule_keycloak;
REVOKE ALL ON DATABASE bascule_client FROM PUBLIC;
REVOKE ALL ON DATABASE legacy FROM PUBLIC;
REVOKE ALL ON DATABASE bascule_keycloak FROM PUBLIC;
GRANT CONNECT ON DATABASE legacy TO bascule_debezium;
SQL
psql -v ON_ERROR_STOP=1 -U bascule_legacy_monolith -d legacy -f /legacy-schema.sql
tables='"CLIENTS", "COMMANDES", "LIGNES_COMMANDE", "STOCK", "PAIEMENTS", "FACTURES"'
psql -v ON_ERROR_STOP=1 -U bascule_legacy_monolith -d legacy \
  -c "GRANT USAGE ON SCHEMA public TO bascule_debezium" -c "GRANT SELECT ON $tables TO bascule_debezium" \
  -c "CREATE PUBLICATION bascule_legacy FOR TABLE $tables"
