#!/usr/bin/env bash
# npm start: set up what is missing, run Kafka and the services in the foreground; Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tools/infra/env.sh"
cd "$root"
export NX_DAEMON=false SWC_NODE_PROJECT="$root/tsconfig.base.json"
# Local development: readable single-line logs (pino-pretty) and the documented local database passwords.
export NODE_ENV="${NODE_ENV:-development}"

bash tools/infra/setup.sh
step start "Apache Kafka"
started_kafka=false
if ! node tools/infra/kafka/wait-for-kafka.js 1 >/dev/null 2>&1; then bash tools/infra/kafka/broker.sh start; started_kafka=true; fi
node tools/infra/kafka/create-topics.js
step start "Kafka Connect with Debezium"
started_connect=false
if ! node tools/infra/connect/wait-for-connect.js 1 >/dev/null 2>&1; then bash tools/infra/connect/connect.sh start; started_connect=true; fi
node tools/infra/connect/register-connector.js

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; step stop "stopping services"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  if $started_connect; then bash tools/infra/connect/connect.sh stop; fi
  if $started_kafka; then bash tools/infra/kafka/broker.sh stop; fi
}
trap cleanup INT TERM EXIT

step start "legacy-monolith"
node -r @swc-node/register apps/legacy-monolith/src/main.ts &
pids+=($!)
step start "client-service"
node -r @swc-node/register apps/client-service/src/main.ts &
pids+=($!)
echo "Press Ctrl-C to stop everything."
wait -n "${pids[@]}"
