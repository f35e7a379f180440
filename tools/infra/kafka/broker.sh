#!/usr/bin/env bash
# Runs the local Apache Kafka broker (KRaft, combined broker+controller) in the background.
# Usage: broker.sh start | stop | status
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../daemon.sh"
props="$BASCULE_HOME/kafka-server.properties"

start() {
  if node "$here/wait-for-kafka.js" 1 >/dev/null 2>&1; then echo "kafka: already running on $KAFKA_BOOTSTRAP"; return; fi
  bash "$here/fetch-jars.sh"
  { cat "$here/server.properties"; echo "log.dirs=$KAFKA_DATA"; } > "$props"
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    echo "kafka: formatting KRaft storage in $KAFKA_DATA"
    local id; id="$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" -Dbascule.log.name=kafka-format \
      kafka.tools.StorageTool format -t "$id" -c "$props" --ignore-formatted
  fi
  echo "kafka: starting broker $KAFKA_VERSION (logs: $KAFKA_LOGS/kafka.log)"
  daemon_start kafka java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$KAFKA_LOGS" -Dbascule.log.name=kafka \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
  node "$here/wait-for-kafka.js" 90 || { echo "kafka: did not become ready; last log lines:"; tail -20 "$KAFKA_LOGS/kafka.out" "$KAFKA_LOGS/kafka.log" 2>/dev/null; exit 1; }
}

case "${1:-}" in
  start) start ;;
  stop) daemon_stop kafka ;;
  status) node "$here/wait-for-kafka.js" 1 ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
