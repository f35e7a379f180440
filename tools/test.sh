#!/usr/bin/env bash
# npm test: sets up what the tests need (PostgreSQL, the Kafka broker), then lint, type check and every test
# layer (unit, integration on real PostgreSQL + Kafka, e2e). Integration and e2e suites run side by side, except
# those marked `@exclusive` (they restart or reconfigure what the others share), which run alone at the end
# (tools/jest/run-tests.sh, ADR 0066). `npm test -- <jest args>` gives the arguments to each of its Jest runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/tools/infra/env.sh"
cd "$root"
export NX_DAEMON=false NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}"

bash tools/infra/setup.sh
bash tools/infra/postgres/drop-test-databases.sh
step infra "Apache Kafka and Kafka Connect (Debezium)"
bash tools/infra/kafka/broker.sh start
node tools/infra/kafka/create-topics.js
bash tools/infra/connect/connect.sh start
step infra "Keycloak (realm bascule)"
bash tools/infra/keycloak/keycloak.sh start

step 1/3 "lint: every Nx project, the files outside projects (tools, bench), then prettier --check ."
# `npm run lint` starts with nx, which builds the project graph the boundary rule reads (without it the rule
# silently skips); ESLint then covers tools/ and bench/, which are no projects, and Prettier checks the layout.
npm run lint
step 2/3 "type check"
npx tsc -p tsconfig.json --noEmit
step 3/3 "tests: unit, integration and e2e side by side, then the @exclusive suites alone"
bash tools/jest/run-tests.sh all "$@"
