#!/usr/bin/env bash
# Runs Keycloak, the local OpenID Provider, in production mode (`kc.sh start`) on 127.0.0.1:8180 with its own
# PostgreSQL database and the realm imported from realm-bascule.json. Usage: keycloak.sh start | stop | status.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../daemon.sh"
kc="$KEYCLOAK_DIST/bin/kc.sh"
port="${KEYCLOAK_URL##*:}"

# Keycloak 26 needs Java 21+; the machine's default java may be older: the newest JDK under /usr/lib/jvm wins.
find_java() {
  local best="" best_major=0 home major
  for home in ${KEYCLOAK_JAVA_HOME:-} ${KEYCLOAK_JVM_DIR:-/usr/lib/jvm}/*; do
    [[ -x "$home/bin/java" ]] || continue
    major="$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
    if [[ -n "$major" && "$major" -gt "$best_major" ]]; then best="$home"; best_major="$major"; fi
  done
  if [[ "$best_major" -lt 21 ]]; then
    echo "keycloak: needs Java 21 or later; newest JDK under ${KEYCLOAK_JVM_DIR:-/usr/lib/jvm}: ${best:-none}${best:+ (Java $best_major)}" >&2
    echo "keycloak: install one (e.g. apt-get install temurin-21-jdk) or set KEYCLOAK_JAVA_HOME" >&2
    exit 1
  fi
  echo "$best"
}

# `kc.sh build` once per distribution and build options (a marker records them): `start --optimized` then
# skips the augmentation step and starts in seconds.
build_options=(--db=postgres --health-enabled=true --metrics-enabled=true)
build() {
  local marker="$KEYCLOAK_DIST/.built" wanted="${build_options[*]}"
  if [[ -f "$marker" && "$(cat "$marker")" == "$wanted" ]]; then return; fi
  echo "keycloak: building the optimized server (once, ~30 s)"
  "$kc" build "${build_options[@]}" >"$KAFKA_LOGS/keycloak-build.out" 2>&1 \
    || { tail -20 "$KAFKA_LOGS/keycloak-build.out"; exit 1; }
  echo "$wanted" >"$marker"
}

start() {
  if node "$here/wait-for-keycloak.js" 1 >/dev/null 2>&1; then echo "keycloak: already running on $KEYCLOAK_URL"; return; fi
  bash "$here/fetch-keycloak.sh"
  JAVA_HOME="$(find_java)"; export JAVA_HOME
  build
  mkdir -p "$KEYCLOAK_DIST/data/import"
  cp "$here/realm-bascule.json" "$KEYCLOAK_DIST/data/import/realm-bascule.json"
  reimport_if_changed
  echo "keycloak: starting $KEYCLOAK_VERSION on $KEYCLOAK_URL with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) (logs: $KAFKA_LOGS/keycloak.out)"
  # The issuer is pinned to KEYCLOAK_URL: a token asked for at localhost:8180 still says 127.0.0.1:8180, which
  # is what the services expect. The bootstrap admin (master realm) is created on the first start only.
  KC_BOOTSTRAP_ADMIN_USERNAME="${KEYCLOAK_ADMIN:-admin}" KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}" \
  JAVA_OPTS_KC_HEAP="-Xms128m -Xmx512m" \
    daemon_start keycloak "$kc" start --optimized \
      --http-enabled=true --http-host=127.0.0.1 --http-port="$port" \
      --hostname="$KEYCLOAK_URL" --hostname-strict=false \
      --http-management-port="${KEYCLOAK_MANAGEMENT_PORT:-9180}" --http-management-scheme=http \
      --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KEYCLOAK_DB" \
      --db-username="$KEYCLOAK_DB_USER" --db-password="$KEYCLOAK_DB_PASSWORD" \
      --import-realm --log-level=info
  node "$here/wait-for-keycloak.js" 180 || { echo "keycloak: did not become ready; last log lines:"; tail -30 "$KAFKA_LOGS/keycloak.out"; exit 1; }
  sha256sum <"$here/realm-bascule.json" >"$realm_marker"
}

# --import-realm creates the realm once and then ignores the file: when the file changed since the last start
# (roles or clients added), the realm is imported again over the old one (`kc.sh import --override true`).
realm_marker="$KEYCLOAK_DIST/data/realm-bascule.sha256"
reimport_if_changed() {
  [[ -f "$realm_marker" ]] || return 0
  [[ "$(sha256sum <"$here/realm-bascule.json")" != "$(cat "$realm_marker")" ]] || return 0
  echo "keycloak: realm-bascule.json changed since the last start, importing it again"
  "$kc" import --optimized --override=true --file="$here/realm-bascule.json" \
    --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KEYCLOAK_DB" --db-username="$KEYCLOAK_DB_USER" --db-password="$KEYCLOAK_DB_PASSWORD" \
    >"$KAFKA_LOGS/keycloak-import.out" 2>&1 || { tail -20 "$KAFKA_LOGS/keycloak-import.out"; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) daemon_stop keycloak ;;
  status) node "$here/wait-for-keycloak.js" 1 ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
