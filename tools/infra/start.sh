#!/usr/bin/env bash
# npm start: set up what is missing, run Kafka and the services in the foreground; Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/local-run.sh"

bash tools/infra/setup.sh
context_settings
step start "Apache Kafka"
started_kafka=false
# A broker already running still gets the SCRAM users and ACLs of the manifests (a new context's; ADR 0032).
if ! node tools/infra/kafka/wait-for-kafka.js 1 >/dev/null 2>&1; then bash tools/infra/kafka/broker.sh start; started_kafka=true
else bash tools/infra/kafka/broker.sh secure; fi
node tools/infra/kafka/create-topics.js
step start "Kafka Connect with Debezium"
# connect.sh also restarts a running worker that has no config provider: it says when it started one.
started_connect=false
connect_started_file="$(mktemp)"; rm -f "$connect_started_file"
CONNECT_STARTED_FILE="$connect_started_file" bash tools/infra/connect/connect.sh start
if [[ -f "$connect_started_file" ]]; then started_connect=true; rm -f "$connect_started_file"; fi
node tools/infra/connect/register-connector.js
step start "Keycloak (OpenID Provider, realm bascule)"
started_keycloak=false
if ! node tools/infra/keycloak/wait-for-keycloak.js 1 >/dev/null 2>&1; then bash tools/infra/keycloak/keycloak.sh start; started_keycloak=true; fi

token_help=
supervisor=
cleanup() {
  trap - INT TERM EXIT
  echo; step stop "stopping services"
  for pid in $supervisor $token_help; do kill "$pid" 2>/dev/null || true; done
  wait $supervisor 2>/dev/null || true
  # The supervisor leads its own process group: services it left behind (it was SIGKILLed) go with it.
  if [[ -n "$supervisor" ]]; then kill -- "-$supervisor" 2>/dev/null || true; fi
  if $started_keycloak; then bash tools/infra/keycloak/keycloak.sh stop; fi
  if $started_connect; then bash tools/infra/connect/connect.sh stop; fi
  if $started_kafka; then bash tools/infra/kafka/broker.sh stop; fi
}
trap cleanup INT TERM EXIT

# One process dying does not stop the others: the supervisor says which and why, and restarts it with backoff.
# Every process of every context manifest, each as its own database role and Kafka principal, told of its own
# secrets file only (tools/infra/supervise-contexts.sh; ADR 0032, 0036).
names_list="$(node tools/infra/contexts/contexts.js services | cut -d' ' -f1 | paste -sd' ')"
step start "${names_list// /, } (supervised)"
setsid bash tools/infra/supervise-contexts.sh &
supervisor=$!
node tools/infra/keycloak/print-token-help.js &
token_help=$!
echo "Press Ctrl-C to stop everything."
wait "$supervisor"
