#!/usr/bin/env bash
# Runs the local Apache Kafka broker (KRaft, combined broker+controller) in the background, SASL/SCRAM and ACLs on
# (ADR 0032): every principal of the manifests gets its SCRAM user, then the ACLs the manifests give.
# Usage: broker.sh start | stop | status | secure   (secure: the users and ACLs only, on the running broker)
# KAFKA_PORT / KAFKA_CONTROLLER_PORT / KAFKA_DATA / BASCULE_HOME run a second broker beside the usual one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../daemon.sh"
source "$here/../secrets.sh"
props="$BASCULE_HOME/kafka-server.properties"
controller_client="$BASCULE_HOME/kafka-controller-client.properties"
export KAFKA_BROKERS="$KAFKA_BOOTSTRAP"

kafka_java() {
  local name=$1; shift
  java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" \
    -Dbascule.log.name="$name" "$@"
}

# The broker's configuration, with the passwords of the admin (inter-broker) and controller logins: mode 600.
write_props() {
  local controller_jaas
  controller_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$CONTROLLER_USER\" password=\"$KAFKA_CONTROLLER_PASSWORD\" user_$CONTROLLER_USER=\"$KAFKA_CONTROLLER_PASSWORD\";"
  (umask 077 && {
    sed -e "s/127\.0\.0\.1:9092/127.0.0.1:$KAFKA_PORT/g" -e "s/127\.0\.0\.1:9093/127.0.0.1:$KAFKA_CONTROLLER_PORT/g" "$here/server.properties"
    echo "log.dirs=$KAFKA_DATA"
    echo "super.users=User:$ADMIN_USER;User:$CONTROLLER_USER"
    echo "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$(scram_jaas "$ADMIN_USER" "$KAFKA_ADMIN_PASSWORD")"
    echo "listener.name.controller.plain.sasl.jaas.config=$controller_jaas"
    echo "listener.name.sasl_plaintext.plain.sasl.jaas.config=$controller_jaas"
  } > "$props.tmp") && mv "$props.tmp" "$props"
  (umask 077 && printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=%s\n' "$controller_jaas" > "$controller_client")
}

# A SCRAM user for every principal that cannot log in yet (a fresh or upgraded data dir, a new context, a password
# regenerated in kafka.env), set as the static PLAIN user: it needs no SCRAM user to exist. The password goes through
# a mode 600 file, never the command line.
ensure_users() {
  local user password_var missing config
  missing="$(node "$here/scram-logins.js")" || return 1
  if [[ -z "$missing" ]]; then echo "kafka: every principal logs in"; return; fi
  config="$(umask 077 && mktemp)"
  for user in $missing; do
    password_var="$(awk -v u="$user" '$1 == u { print $2 }' <<< "$BASCULE_KAFKA_PRINCIPALS")"
    printf 'SCRAM-SHA-512=iterations=8192,password=%s\n' "${!password_var}" > "$config"
    kafka_java kafka-configs kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
      --command-config "$controller_client" --alter --entity-type users --entity-name "$user" --add-config-file "$config" >/dev/null \
      || { rm -f "$config"; echo "kafka: could not set the SCRAM user $user"; return 1; }
  done
  rm -f "$config"
  echo "kafka: SCRAM users set for ${missing//$'\n'/, }"
}

secure() {
  ensure_kafka_secrets >/dev/null
  load_secrets
  kafka_principals
  write_props
  # Called after `||` too, where errexit does not apply: each step stops it explicitly.
  ensure_users || return 1
  node "$here/wait-for-kafka.js" 30 || return 1
  node "$here/apply-acls.js" || return 1
}

start() {
  ensure_secrets >/dev/null
  kafka_principals
  # A broker this script started before ADR 0032 accepts anyone and cannot be secured while it runs: restarted once.
  if daemon_running kafka && ! grep -q '^super.users=' "$props" 2>/dev/null; then
    echo "kafka: the running broker has no SASL (it predates ADR 0032); restarting it"
    daemon_stop kafka
  fi
  if node "$here/wait-for-kafka.js" 1 >/dev/null 2>&1; then
    echo "kafka: already running on $KAFKA_BOOTSTRAP"
    secure
    return
  fi
  bash "$here/fetch-jars.sh"
  write_props
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    echo "kafka: formatting KRaft storage in $KAFKA_DATA"
    local id; id="$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    kafka_java kafka-format kafka.tools.StorageTool format -t "$id" -c "$props" --ignore-formatted
  fi
  echo "kafka: starting broker $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (logs: $KAFKA_LOGS/kafka.log)"
  daemon_start kafka java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" -Dbascule.log.name=kafka \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
  secure || { echo "kafka: did not become ready; last log lines:"; tail -20 "$KAFKA_LOGS/kafka.out" "$KAFKA_LOGS/kafka.log" 2>/dev/null; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) daemon_stop kafka ;;
  status) load_secrets; node "$here/wait-for-kafka.js" 1 ;;
  secure) secure ;;
  *) echo "usage: $0 start|stop|status|secure" >&2; exit 2 ;;
esac
