#!/usr/bin/env bash
# npm run bench: sets up PostgreSQL and Kafka if needed, then prints the benchmark table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export NX_DAEMON=false LOG_LEVEL=silent KAFKAJS_NO_PARTITIONER_WARNING=1 SWC_NODE_PROJECT="$root/tsconfig.base.json"
bash tools/infra/setup.sh >/dev/null
bash tools/infra/kafka/broker.sh start
bash tools/infra/connect/connect.sh start
# With the local OpenID Provider up, the bench fetches a token from it and the baseline verifies it too.
issuer="http://127.0.0.1:8180/realms/bascule"
if [[ -z "${AUTH_ISSUER:-}${BENCH_TOKEN:-}" ]] && curl -sf -m 3 "$issuer/.well-known/openid-configuration" >/dev/null; then export AUTH_ISSUER="$issuer"; fi
node -r @swc-node/register bench/run-bench.ts
