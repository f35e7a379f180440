# Per-installation secrets, generated once by setup and kept outside the repository (ADR 0013), each file mode 600
# in a mode 700 folder, each process told of its own only (ADR 0036):
#   $BASCULE_SECRETS/postgres.env         database passwords of the login roles (sourced by setup's scripts, read by
#                                         the test harness and compose's --env-file): one <PREFIX>_DB_PASSWORD per
#                                         role the context manifests name (ADR 0017), and ADMIN_DB_PASSWORD, the
#                                         administrator's
#   $BASCULE_SECRETS/keycloak.env         Keycloak's database password and its bootstrap admin's password (keycloak.sh)
#   $BASCULE_SECRETS/connect/connect.properties   what the Debezium connector reads through Kafka's
#                                         FileConfigProvider; the Connect worker may read that folder only
#   $BASCULE_SECRETS/kafka.env            the Kafka principals' SCRAM passwords (ADR 0032): <PREFIX>_KAFKA_PASSWORD per
#                                         context service, CONNECT_KAFKA_PASSWORD, KAFKA_ADMIN_PASSWORD (the tooling's
#                                         super user), KAFKA_CONTROLLER_PASSWORD (the controller listener's PLAIN user)
#   $BASCULE_SECRETS/connect/admin-login.properties   local installations only: the admin's Kafka login, which the
#                                         tests' own connectors (topic prefixes no ACL grants Connect) log in with
#   $BASCULE_SECRETS/personal-data.env   PERSONAL_DATA_MASTER_KEY, which wraps each person's data key, its id
#                                         PERSONAL_DATA_MASTER_KEY_ID and, while `npm run keys:rotate` is under way,
#                                         PERSONAL_DATA_PREVIOUS_MASTER_KEYS, which still unwrap (ADR 0033)
#   $BASCULE_SECRETS/processes/<service>.env      one per process of npm start: its own <PREFIX>_DB_PASSWORD,
#                                         Kafka login and, a context, the master keys; nothing else (tools/infra/local-secrets.js with
#                                         BASCULE_PROCESS=<service>); the only file of the folder the process can see
#                                         (confine-secrets.sh)
# Sourced after env.sh; `ensure_secrets` creates what is missing and brings an older folder to this layout.
BASCULE_SECRETS="${BASCULE_SECRETS:-$BASCULE_HOME/secrets}"
CONNECT_SECRETS_FILE="${CONNECT_SECRETS_FILE:-$BASCULE_SECRETS/connect/connect.properties}"
PROCESS_SECRETS="$BASCULE_SECRETS/processes"

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
  (umask 077 && mkdir -p "$BASCULE_SECRETS" "$BASCULE_SECRETS/connect" "$(dirname "$CONNECT_SECRETS_FILE")" "$PROCESS_SECRETS")
  chmod 700 "$BASCULE_SECRETS" "$BASCULE_SECRETS/connect" "$PROCESS_SECRETS"
  move_connect_secrets
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
  # Rotated only by `npm run keys:rotate`, which re-wraps every stored key under the new one (rotate_master_key).
  if [[ ! -f "$BASCULE_SECRETS/personal-data.env" ]]; then
    (umask 077 && printf 'PERSONAL_DATA_MASTER_KEY_ID=k1\nPERSONAL_DATA_MASTER_KEY=%s\n' "$(random_secret)" > "$BASCULE_SECRETS/personal-data.env")
    echo "secrets: generated the personal-data master key in $BASCULE_SECRETS/personal-data.env"
  fi
  chmod 600 "$BASCULE_SECRETS/personal-data.env"
  ensure_kafka_secrets
  write_process_secrets
  chmod 600 "$env_file" "$CONNECT_SECRETS_FILE" "$BASCULE_SECRETS/keycloak.env"
  load_secrets
}

# Before ADR 0036 connect.properties lay beside postgres.env, in the folder the worker could read whole. It moves
# into connect/ (its salt kept: the hashes of legacy values stay comparable); a link stays at the old path, so a
# connector registered before still resolves until npm start registers it again with the new one.
move_connect_secrets() {
  local old="$BASCULE_SECRETS/connect.properties"
  if [[ -f "$old" && ! -L "$old" && ! -e "$CONNECT_SECRETS_FILE" && "$old" != "$CONNECT_SECRETS_FILE" ]]; then
    mv "$old" "$CONNECT_SECRETS_FILE"
    ln -s "$CONNECT_SECRETS_FILE" "$old"
    echo "secrets: moved connect.properties to $CONNECT_SECRETS_FILE (Connect reads that folder only)"
  fi
}

# What the Connect worker's FileConfigProvider may read (config.providers.file.param.allowed.paths): connect.properties'
# folder, and the link an older layout left at the old path (move_connect_secrets), the same file, for a connector
# registered before. Never the rest of the secrets.
connect_allowed_paths() {
  local allowed; allowed="$(dirname "$CONNECT_SECRETS_FILE")"
  if [[ -L "$BASCULE_SECRETS/connect.properties" ]]; then allowed+=",$BASCULE_SECRETS/connect.properties"; fi
  echo "$allowed"
}

# confinement KEEP…: sets CONFINEMENT to the words that, put before a command, let it see only KEEP… (paths inside
# the secrets folder) of the folder (confine-secrets.sh; ADR 0036); none where this machine cannot, said in one line.
confinement() {
  local why
  CONFINEMENT=()
  if why="$("$BASCULE_TOOLS_INFRA/confine-secrets.sh" --probe "$BASCULE_SECRETS" 2>&1)"; then
    CONFINEMENT=("$BASCULE_TOOLS_INFRA/confine-secrets.sh" "$BASCULE_SECRETS" "$@" --)
  else
    echo "WARNING: secrets not confined (${why:-no reason given}): the process can read all of $BASCULE_SECRETS" >&2
  fi
}

# connect_allowed_paths as paths inside the secrets folder: what the worker's own view of the folder keeps.
connect_kept_paths() {
  local path
  for path in $(connect_allowed_paths | tr ',' ' '); do
    if [[ "$path" == "$BASCULE_SECRETS"/* ]]; then echo "${path#"$BASCULE_SECRETS"/}"; fi
  done
}

# The Kafka principals of the manifests, "<user> <password variable> <admin|connect|context>" a line
# (tools/infra/contexts/kafka-acls.js), read when first needed.
BASCULE_KAFKA_PRINCIPALS=
kafka_principals() {
  if [[ -z "$BASCULE_KAFKA_PRINCIPALS" ]]; then BASCULE_KAFKA_PRINCIPALS="$(node "$BASCULE_TOOLS_INFRA/contexts/kafka-acls.js" principals)"; fi
}

# A password for each Kafka principal that has none yet (a new context's gets its SCRAM user on the next broker start);
# Connect's SASL login is rewritten into connect.properties on every run, read by the worker's FileConfigProvider.
ensure_kafka_secrets() {
  kafka_principals
  local kafka_file="$BASCULE_SECRETS/kafka.env" key generated=()
  if [[ ! -f "$kafka_file" ]]; then (umask 077 && : > "$kafka_file"); fi
  for key in $(cut -d' ' -f2 <<< "$BASCULE_KAFKA_PRINCIPALS") KAFKA_CONTROLLER_PASSWORD; do
    if ! grep -q "^$key=" "$kafka_file"; then echo "$key=$(random_secret)" >> "$kafka_file"; generated+=("$key"); fi
  done
  if ((${#generated[@]})); then echo "secrets: generated ${generated[*]} in $kafka_file"; fi
  chmod 600 "$kafka_file"
  # shellcheck disable=SC1090
  source "$kafka_file"
  local connect_tmp="$CONNECT_SECRETS_FILE.tmp.$$"
  (umask 077 && {
    printf 'kafka.sasl.jaas.config=%s\n' "$(scram_jaas kafka-connect "$CONNECT_KAFKA_PASSWORD")"
    grep -v -e '^kafka\.sasl\.jaas\.config=' "$CONNECT_SECRETS_FILE" || true
  } > "$connect_tmp") && mv "$connect_tmp" "$CONNECT_SECRETS_FILE"
  local admin_login; admin_login="$(dirname "$CONNECT_SECRETS_FILE")/admin-login.properties"
  (umask 077 && printf 'kafka.sasl.jaas.config=%s\n' "$(scram_jaas "$ADMIN_USER" "$KAFKA_ADMIN_PASSWORD")" > "$admin_login")
}

# The tooling's super user, and the controller listener's static PLAIN user (kafka-acls.js names the others).
ADMIN_USER=bascule-admin
CONTROLLER_USER=bascule-controller

# scram_jaas USER PASSWORD: a Java client's sasl.jaas.config (the passwords are hex: nothing to escape).
scram_jaas() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"; }

# processes/<service>.env for every process of npm start: its role's password, rewritten from postgres.env on
# every run (a regenerated password reaches it); the file of a process no manifest names any more is removed.
write_process_secrets() {
  local service prefix password_var kafka_var file kept=()
  kafka_principals
  while read -r service prefix _; do
    password_var="${prefix}_DB_PASSWORD" kafka_var="${prefix}_KAFKA_PASSWORD" file="$PROCESS_SECRETS/$service.env"
    (umask 077 && {
      printf '%s=%s\n' "$password_var" "${!password_var}"
      # A context's own Kafka principal (ADR 0032) and the master key of personal data (ADR 0033); the legacy
      # stand-in uses neither.
      if grep -q "^$service " <<< "$BASCULE_KAFKA_PRINCIPALS"; then
        printf 'KAFKA_SASL_USERNAME=%s\nKAFKA_SASL_PASSWORD=%s\n' "$service" "${!kafka_var}"
        # Every master key line: the current key, its id, and the keys a rotation under way still unwraps with.
        grep '^PERSONAL_DATA_' "$BASCULE_SECRETS/personal-data.env"
      fi
    } > "$file.tmp.$$") && mv "$file.tmp.$$" "$file"
    chmod 600 "$file"
    kept+=("$service.env")
  done <<< "$(node "$BASCULE_TOOLS_INFRA/contexts/contexts.js" services)"
  for file in "$PROCESS_SECRETS"/*.env; do
    [[ -e "$file" ]] || continue
    if [[ " ${kept[*]} " != *" $(basename "$file") "* ]]; then rm -f "$file"; fi
  done
}

# The processes of npm start as supervise.js runs them, one a line: `RUN <entry>` as its own database role, told of
# its own secrets file only (BASCULE_PROCESS: local-secrets.js, which RUN preloads, reads processes/<service>.env),
# accepting the tokens of the clients its <PREFIX>_AUTHORIZED_PARTIES names (context-env.js) as
# AUTH_AUTHORIZED_PARTIES. `$NAME` values are read by the supervisor from its environment, never a command line.
supervised_programs() { # RUN
  local service prefix entry parties accepts
  while read -r service prefix entry; do
    parties="${prefix}_AUTHORIZED_PARTIES" accepts=
    if [[ -n "${!parties:-}" ]]; then accepts=" AUTH_AUTHORIZED_PARTIES=\$$parties"; fi
    echo "$service=PGUSER=\$${prefix}_DB_USER BASCULE_PROCESS=$service$accepts $1 $entry"
  done <<< "$(node "$BASCULE_TOOLS_INFRA/contexts/contexts.js" services)"
}

# Keycloak's own passwords only (keycloak.sh): the JVM's environment holds no database role's password.
load_keycloak_secrets() {
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/keycloak.env" ]]; then source "$BASCULE_SECRETS/keycloak.env"; export KEYCLOAK_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD; fi
  # The Kafka principals' passwords; the tools (create-topics, wait-for-kafka, apply-acls) log in as the admin.
  if [[ -f "$BASCULE_SECRETS/kafka.env" ]]; then
    set -a
    # shellcheck disable=SC1091
    source "$BASCULE_SECRETS/kafka.env"
    set +a
  fi
}


# Exports each login role's name and password (<PREFIX>_DB_USER, <PREFIX>_DB_PASSWORD), never the administrator's
# password, Keycloak's and the Kafka principals': for setup's scripts, never for a process that runs a service (ADR 0036).
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
  # The Kafka principals' passwords; the tools (create-topics, wait-for-kafka, apply-acls) log in as the admin.
  if [[ -f "$BASCULE_SECRETS/kafka.env" ]]; then
    set -a
    # shellcheck disable=SC1091
    source "$BASCULE_SECRETS/kafka.env"
    set +a
  fi
  # shellcheck disable=SC1091
  if [[ -f "$BASCULE_SECRETS/personal-data.env" ]]; then
    set -a
    # shellcheck disable=SC1091
    source "$BASCULE_SECRETS/personal-data.env"
    set +a
  fi
}

# A master key rotation's secrets part (ADR 0033; `npm run keys:rotate`): a new key, k<N+1>, becomes the current one
# and the current one joins PERSONAL_DATA_PREVIOUS_MASTER_KEYS, which still unwraps; personal-data.env and every
# processes/<service>.env are rewritten. Idempotent: while a rotation is under way (a previous key is listed), it
# keeps the keys as they are. Prints the current key's id.
rotate_master_key() {
  local file="$BASCULE_SECRETS/personal-data.env"
  (
    unset PERSONAL_DATA_MASTER_KEY_ID PERSONAL_DATA_PREVIOUS_MASTER_KEYS
    # shellcheck disable=SC1090
    source "$file"
    if [[ -n "${PERSONAL_DATA_PREVIOUS_MASTER_KEYS:-}" ]]; then echo "${PERSONAL_DATA_MASTER_KEY_ID:-k1}"; exit 0; fi
    local old_id="${PERSONAL_DATA_MASTER_KEY_ID:-k1}" new_id
    if [[ "$old_id" =~ ^k([0-9]+)$ ]]; then new_id="k$((BASH_REMATCH[1] + 1))"; else new_id="$old_id-next"; fi
    (umask 077 && printf 'PERSONAL_DATA_MASTER_KEY_ID=%s\nPERSONAL_DATA_MASTER_KEY=%s\nPERSONAL_DATA_PREVIOUS_MASTER_KEYS=%s:%s\n' \
      "$new_id" "$(random_secret)" "$old_id" "$PERSONAL_DATA_MASTER_KEY" > "$file.tmp.$$") && mv "$file.tmp.$$" "$file"
    echo "$new_id"
  )
  write_process_secrets
}

# The end of a rotation, once every stored key is under the current master key: the previous keys leave the secrets.
retire_master_keys() {
  local file="$BASCULE_SECRETS/personal-data.env"
  (umask 077 && grep -v '^PERSONAL_DATA_PREVIOUS_MASTER_KEYS=' "$file" > "$file.tmp.$$") && mv "$file.tmp.$$" "$file"
  write_process_secrets
}

