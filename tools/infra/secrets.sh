# Per-installation secrets, generated once by setup and kept outside the repository (ADR 0013):
#   $BASCULE_SECRETS/postgres.env        database passwords of the login roles (sourced by scripts): one
#                                        <PREFIX>_DB_PASSWORD per role the context manifests name (ADR 0017), and
#                                        ADMIN_DB_PASSWORD, the administrator's
#   $BASCULE_SECRETS/connect.properties  what the Debezium connector reads through Kafka's FileConfigProvider
#   $BASCULE_SECRETS/keycloak.env        Keycloak's database password and its bootstrap admin's password
#   $BASCULE_SECRETS/personal-data.env   PERSONAL_DATA_MASTER_KEY, which wraps each person's data key (ADR 0033)
# Both mode 600 in a mode 700 folder. Sourced after env.sh; `ensure_secrets` creates what is missing.
BASCULE_SECRETS="${BASCULE_SECRETS:-$BASCULE_HOME/secrets}"
CONNECT_SECRETS_FILE="${CONNECT_SECRETS_FILE:-$BASCULE_SECRETS/connect.properties}"

# The login roles of the manifests, "<PREFIX> <role> <database> owner|cdc" a line (tools/infra/contexts/contexts.js):
# LEGACY bascule_legacy_monolith, CLIENT bascule_client_service, CDC bascule_debezium, and every new context's. Read
# when a function below first needs them (sourcing this file runs nothing, so `connect.sh stop` always works). Each
# <PREFIX>_DB_USER is the manifest's role unless the environment names another; exported for npm start's supervisor.
BASCULE_LOGIN_ROLES=
login_roles() {
  if [[ -n "$BASCULE_LOGIN_ROLES" ]]; then return; fi
  local prefix role kind user_var
  BASCULE_LOGIN_ROLES="$(node "$BASCULE_TOOLS_INFRA/contexts/contexts.js" roles)"
  while read -r prefix role _ kind; do
    user_var="${prefix}_DB_USER"
    export "$user_var=${!user_var:-$role}"
    if [[ "$kind" == cdc ]]; then CDC_ENV_PREFIX="$prefix"; fi  # Debezium's: its name and password go to connect.properties
  done <<< "$BASCULE_LOGIN_ROLES"
}
BASCULE_TOOLS_INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

random_secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }  # 32 random bytes, hex

ensure_secrets() {
  login_roles
  (umask 077 && mkdir -p "$BASCULE_SECRETS")
  chmod 700 "$BASCULE_SECRETS"
  local env_file="$BASCULE_SECRETS/postgres.env" prefix key generated=()
  if [[ ! -f "$env_file" ]]; then (umask 077 && : > "$env_file"); fi
  # A password for each role that has none yet (a new context's); those already generated are kept. ADMIN_DB_PASSWORD
  # is the admin password of a fresh PostgreSQL (docker/compose.yaml); this machine's admin role keeps its own.
  for prefix in $(cut -d' ' -f1 <<< "$BASCULE_LOGIN_ROLES") ADMIN; do
    key="${prefix}_DB_PASSWORD"
    if ! grep -q "^$key=" "$env_file"; then echo "$key=$(random_secret)" >> "$env_file"; generated+=("$key"); fi
  done
  if ((${#generated[@]})); then echo "secrets: generated ${generated[*]} in $env_file"; fi
  # shellcheck disable=SC1090
  source "$env_file"
  # The salt is generated once and never again (the hashes of legacy values must stay comparable); the CDC
  # role's name and password are rewritten from postgres.env on every run, so a regenerated postgres.env
  # reaches Connect (which reads this file when the connector starts) instead of leaving it the old password.
  if [[ ! -f "$CONNECT_SECRETS_FILE" ]]; then
    (umask 077 && printf 'legacy.hash.salt=%s\n' "$(random_secret)" > "$CONNECT_SECRETS_FILE")
    echo "secrets: generated the CDC hashing salt in $CONNECT_SECRETS_FILE"
  fi
  local connect_tmp="$CONNECT_SECRETS_FILE.tmp.$$" cdc_user="${CDC_ENV_PREFIX}_DB_USER" cdc_password="${CDC_ENV_PREFIX}_DB_PASSWORD"
  (umask 077 && {
    printf 'legacy.db.user=%s\nlegacy.db.password=%s\n' "${!cdc_user}" "${!cdc_password}"
    grep -v -e '^legacy\.db\.user=' -e '^legacy\.db\.password=' "$CONNECT_SECRETS_FILE" || true
  } > "$connect_tmp") && mv "$connect_tmp" "$CONNECT_SECRETS_FILE"
  # KEYCLOAK_ADMIN_PASSWORD is Keycloak's bootstrap admin: it only takes effect on Keycloak's first start
  # (an empty database). Regenerating it later changes nothing in a Keycloak that already has its admin.
  if [[ ! -f "$BASCULE_SECRETS/keycloak.env" ]]; then
    (umask 077 && printf 'KEYCLOAK_DB_PASSWORD=%s\nKEYCLOAK_ADMIN_PASSWORD=%s\n' "$(random_secret)" "$(random_secret)" > "$BASCULE_SECRETS/keycloak.env")
    echo "secrets: generated Keycloak's database and admin passwords in $BASCULE_SECRETS/keycloak.env"
  fi
  # Generated once and never again: every subject's data key is wrapped by it, so a new one would open nothing.
  if [[ ! -f "$BASCULE_SECRETS/personal-data.env" ]]; then
    (umask 077 && printf 'PERSONAL_DATA_MASTER_KEY=%s\n' "$(random_secret)" > "$BASCULE_SECRETS/personal-data.env")
    echo "secrets: generated the personal-data master key in $BASCULE_SECRETS/personal-data.env"
  fi
  chmod 600 "$env_file" "$CONNECT_SECRETS_FILE" "$BASCULE_SECRETS/keycloak.env" "$BASCULE_SECRETS/personal-data.env"
  load_secrets
}

# Exports each login role's name and password (<PREFIX>_DB_USER, <PREFIX>_DB_PASSWORD), never the administrator's
# password, and Keycloak's.
load_secrets() {
  local prefix
  login_roles
  if [[ -f "$BASCULE_SECRETS/postgres.env" ]]; then
    # shellcheck disable=SC1091
    source "$BASCULE_SECRETS/postgres.env"
    for prefix in $(cut -d' ' -f1 <<< "$BASCULE_LOGIN_ROLES"); do export "${prefix}_DB_PASSWORD"; done
  fi
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/keycloak.env" ]]; then source "$BASCULE_SECRETS/keycloak.env"; export KEYCLOAK_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD; fi
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/personal-data.env" ]]; then source "$BASCULE_SECRETS/personal-data.env"; export PERSONAL_DATA_MASTER_KEY; fi
}
