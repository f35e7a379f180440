#!/usr/bin/env bash
# npm start: set up what is missing, run Kafka and the services in the foreground; Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tools/infra/env.sh"
cd "$root"
export NX_DAEMON=false SWC_NODE_PROJECT="$root/tsconfig.base.json"

bash tools/infra/setup.sh
step start "Apache Kafka"
started_kafka=false
if ! node tools/infra/kafka/wait-for-kafka.js 1 >/dev/null 2>&1; then bash tools/infra/kafka/broker.sh start; started_kafka=true; fi
node tools/infra/kafka/create-topics.js
step start "Kafka Connect with Debezium"
started_connect=false
if ! node tools/infra/connect/wait-for-connect.js 1 >/dev/null 2>&1; then bash tools/infra/connect/connect.sh start; started_connect=true; fi
node tools/infra/connect/register-connector.js

supervisor=
cleanup() {
  trap - INT TERM EXIT
  echo; step stop "stopping services"
  if [[ -n "$supervisor" ]]; then kill "$supervisor" 2>/dev/null || true; wait "$supervisor" 2>/dev/null || true; fi
  if $started_connect; then bash tools/infra/connect/connect.sh stop; fi
  if $started_kafka; then bash tools/infra/kafka/broker.sh stop; fi
}
trap cleanup INT TERM EXIT

# One process dying does not stop the others: the supervisor says which and why, and restarts it with backoff.
step start "legacy-monolith and client-service (supervised)"
run="node -r @swc-node/register"
node tools/infra/supervise.js "legacy-monolith=$run apps/legacy-monolith/src/main.ts" "client-service=$run apps/client-service/src/main.ts" &
supervisor=$!
echo "Press Ctrl-C to stop everything."
wait "$supervisor"
