#!/usr/bin/env bash
# Runs a Kafka Connect worker (distributed mode) with the Debezium PostgreSQL connector in the background.
# Usage: connect.sh start | stop | status. Needs the broker (kafka/broker.sh start).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../daemon.sh"
source "$here/../secrets.sh"
props="$BASCULE_HOME/connect-worker.properties"

# The running worker (its pid file) sees the whole secrets folder, or runs as root (another root process's view is
# open to it through /proc), although this machine could confine it.
unconfined_worker() {
  local pid; pid="$(cat "$BASCULE_HOME/connect.pid" 2>/dev/null)" || return 1
  { [[ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" == "$(readlink /proc/self/ns/mnt)" ]] \
    || [[ "$(stat -c %u "/proc/$pid" 2>/dev/null)" == 0 ]]; } \
    && "$here/../confine-secrets.sh" --probe "$BASCULE_SECRETS" >/dev/null 2>&1
}

# The project's converters were rebuilt since the worker started (a converter added or changed): a worker loads its
# plugins when it starts, so it must restart to use them.
converters_newer() {
  bash "$here/salted-hash/build.sh" >/dev/null
  [[ "$DEBEZIUM_PLUGINS/debezium-connector-postgres/bascule-salted-hash.jar" -nt "$BASCULE_HOME/connect.pid" ]]
}

start() {
  # In a subshell: the worker's environment gets no database password (ADR 0036).
  (ensure_secrets >/dev/null)
  if node "$here/wait-for-connect.js" 1 >/dev/null 2>&1; then
    # A worker started before config providers existed cannot resolve ${file:...} (ADR 0013), one started before
    # SASL cannot reach a secured broker (ADR 0032), one started before ADR 0036 may read every secret of the folder
    # (its config provider unbounded, or its view of the folder whole: it shares this shell's mount namespace where
    # this machine can confine): restart it once.
    if grep -q '^config.providers=file' "$props" 2>/dev/null && grep -q '^sasl.jaas.config=' "$props" 2>/dev/null \
      && grep -qxF "config.providers.file.param.allowed.paths=$(connect_allowed_paths)" "$props" && ! unconfined_worker \
      && ! converters_newer; then
      echo "connect: already running on $CONNECT_URL"; return
    fi
    echo "connect: the running worker has no config provider, no Kafka login, may read the whole secrets folder, or predates the project's converters; restarting it"
    daemon_stop connect
  fi
  bash "$here/../kafka/fetch-jars.sh"
  bash "$here/fetch-plugin.sh"
  bash "$here/salted-hash/build.sh"
  {
    sed -e "s/127\.0\.0\.1:9092/127.0.0.1:$KAFKA_PORT/" -e "s/127\.0\.0\.1:8083/127.0.0.1:$CONNECT_PORT/" \
      -e "s/=bascule-connect/=$CONNECT_GROUP/" "$here/worker.properties"
    echo "plugin.path=$DEBEZIUM_PLUGINS"
    echo "config.providers.file.param.allowed.paths=$(connect_allowed_paths)"
    for prefix in '' producer. consumer. admin.; do
      echo "${prefix}sasl.jaas.config=\${file:$CONNECT_SECRETS_FILE:kafka.sasl.jaas.config}"
    done
  } > "$props"
  echo "connect: starting worker (Kafka $KAFKA_VERSION, Debezium $DEBEZIUM_VERSION; logs: $KAFKA_LOGS/connect.log)"
  # Tells the caller (start.sh) that this run started a worker, so it stops it on exit: also when it replaced one.
  if [[ -n "${CONNECT_STARTED_FILE:-}" ]]; then : > "$CONNECT_STARTED_FILE"; fi
  # The worker sees only connect/ of the secrets folder (ADR 0036): its config provider's allowed paths, enforced.
  # shellcheck disable=SC2046
  confinement $(connect_kept_paths)
  daemon_start connect "${CONFINEMENT[@]}" java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/../kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" -Dbascule.log.name=connect \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.connect.cli.ConnectDistributed "$props"
  node "$here/wait-for-connect.js" 120 || { echo "connect: did not become ready; last log lines:"; tail -30 "$KAFKA_LOGS/connect.out" "$KAFKA_LOGS/connect.log" 2>/dev/null; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) daemon_stop connect ;;
  status) node "$here/wait-for-connect.js" 1 ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
