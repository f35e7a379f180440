#!/usr/bin/env bash
# npm run bench: sets up PostgreSQL and Kafka if needed, then prints the benchmark table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export NODE_ENV="${NODE_ENV:-test}" NX_DAEMON=false LOG_LEVEL=silent KAFKAJS_NO_PARTITIONER_WARNING=1 SWC_NODE_PROJECT="$root/tsconfig.base.json"
bash tools/infra/setup.sh >/dev/null
bash tools/infra/kafka/broker.sh start
bash tools/infra/connect/connect.sh start
bash tools/infra/keycloak/keycloak.sh start
# The bench fetches a token from the local OpenID Provider and the baseline verifies it too.
export AUTH_ISSUER="${AUTH_ISSUER:-http://127.0.0.1:8180/realms/bascule}"
node -r ./tools/infra/local-secrets.js -r @swc-node/register bench/run-bench.ts
