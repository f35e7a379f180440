#!/usr/bin/env bash
# npm run setup: everything the system and its tests need on this machine, idempotent; a second run takes seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tools/infra/env.sh"
cd "$root"

step 1/5 "npm packages"
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then npm ci --no-audit --no-fund; else echo "npm: up to date"; fi

step 2/5 "Java and Maven (for Kafka; javac for the salted-hash converter)"
if ! command -v javac >/dev/null || ! command -v jar >/dev/null || ! command -v mvn >/dev/null; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven
fi
echo "java: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

step 3/5 "PostgreSQL, for every context manifest"
# The manifests (apps/*/context.manifest.json, ADR 0017) are valid, and the files rendered from them are in step.
node tools/infra/contexts/render-deployment.js --check || {
  rc=$?; [[ $rc == 1 ]] || exit $rc
  echo "manifests: run npm run manifests (compose, k8s and Keycloak's realm lag behind the manifests)"
}
bash tools/infra/postgres/prepare.sh

step 4/5 "Apache Kafka and the Debezium PostgreSQL connector"
bash tools/infra/kafka/fetch-jars.sh
bash tools/infra/connect/fetch-plugin.sh
bash tools/infra/connect/salted-hash/build.sh

step 5/5 "Keycloak (the local OpenID Provider; runs on Java 21+)"
bash tools/infra/keycloak/fetch-keycloak.sh
