# Per-installation secrets, generated once by setup and kept outside the repository (ADR 0013):
#   $BASCULE_SECRETS/postgres.env        database passwords of the service roles (sourced by scripts)
#   $BASCULE_SECRETS/connect.properties  what the Debezium connector reads through Kafka's FileConfigProvider
#   $BASCULE_SECRETS/keycloak.env        Keycloak's database password and its bootstrap admin's password
# Both mode 600 in a mode 700 folder. Sourced after env.sh; `ensure_secrets` creates what is missing.
BASCULE_SECRETS="${BASCULE_SECRETS:-$BASCULE_HOME/secrets}"
CLIENT_DB_USER="${CLIENT_DB_USER:-bascule_client_service}"
LEGACY_DB_USER="${LEGACY_DB_USER:-bascule_legacy_monolith}"
CDC_DB_USER="${CDC_DB_USER:-bascule_debezium}"
export CLIENT_DB_USER LEGACY_DB_USER CDC_DB_USER
CONNECT_SECRETS_FILE="${CONNECT_SECRETS_FILE:-$BASCULE_SECRETS/connect.properties}"

random_secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }  # 32 random bytes, hex

ensure_secrets() {
  (umask 077 && mkdir -p "$BASCULE_SECRETS")
  chmod 700 "$BASCULE_SECRETS"
  if [[ ! -f "$BASCULE_SECRETS/postgres.env" ]]; then
    (umask 077 && printf 'CLIENT_DB_PASSWORD=%s\nLEGACY_DB_PASSWORD=%s\nCDC_DB_PASSWORD=%s\n' "$(random_secret)" "$(random_secret)" "$(random_secret)" > "$BASCULE_SECRETS/postgres.env")
    echo "secrets: generated database passwords in $BASCULE_SECRETS/postgres.env"
  fi
  # The admin password of a fresh PostgreSQL (docker/compose.yaml); this machine's admin role keeps its own.
  if ! grep -q '^ADMIN_DB_PASSWORD=' "$BASCULE_SECRETS/postgres.env"; then echo "ADMIN_DB_PASSWORD=$(random_secret)" >> "$BASCULE_SECRETS/postgres.env"; fi
  # shellcheck disable=SC1091
  source "$BASCULE_SECRETS/postgres.env"
  # The salt is generated once and never again (the hashes of legacy values must stay comparable); the CDC
  # role's name and password are rewritten from postgres.env on every run, so a regenerated postgres.env
  # reaches Connect (which reads this file when the connector starts) instead of leaving it the old password.
  if [[ ! -f "$CONNECT_SECRETS_FILE" ]]; then
    (umask 077 && printf 'legacy.hash.salt=%s\n' "$(random_secret)" > "$CONNECT_SECRETS_FILE")
    echo "secrets: generated the CDC hashing salt in $CONNECT_SECRETS_FILE"
  fi
  local connect_tmp="$CONNECT_SECRETS_FILE.tmp.$$"
  (umask 077 && {
    printf 'legacy.db.user=%s\nlegacy.db.password=%s\n' "$CDC_DB_USER" "$CDC_DB_PASSWORD"
    grep -v -e '^legacy\.db\.user=' -e '^legacy\.db\.password=' "$CONNECT_SECRETS_FILE" || true
  } > "$connect_tmp") && mv "$connect_tmp" "$CONNECT_SECRETS_FILE"
  # KEYCLOAK_ADMIN_PASSWORD is Keycloak's bootstrap admin: it only takes effect on Keycloak's first start
  # (an empty database). Regenerating it later changes nothing in a Keycloak that already has its admin.
  if [[ ! -f "$BASCULE_SECRETS/keycloak.env" ]]; then
    (umask 077 && printf 'KEYCLOAK_DB_PASSWORD=%s\nKEYCLOAK_ADMIN_PASSWORD=%s\n' "$(random_secret)" "$(random_secret)" > "$BASCULE_SECRETS/keycloak.env")
    echo "secrets: generated Keycloak's database and admin passwords in $BASCULE_SECRETS/keycloak.env"
  fi
  chmod 600 "$BASCULE_SECRETS/postgres.env" "$CONNECT_SECRETS_FILE" "$BASCULE_SECRETS/keycloak.env"
  load_secrets
}

load_secrets() {
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/postgres.env" ]]; then source "$BASCULE_SECRETS/postgres.env"; export CLIENT_DB_PASSWORD LEGACY_DB_PASSWORD CDC_DB_PASSWORD; fi
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/keycloak.env" ]]; then source "$BASCULE_SECRETS/keycloak.env"; export KEYCLOAK_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD; fi
}
