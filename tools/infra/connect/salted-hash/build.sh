#!/usr/bin/env bash
# Builds the project's Debezium converters (the salted hash, the partial mask: small classes, no dependencies beyond
# Debezium's API and Kafka Connect's) into the PostgreSQL connector's plugin folder, so the connector's class loader
# finds them. Idempotent: rebuilt only when a source is newer than the jar. Needs a JDK (javac), present with Maven.
# A worker loads the jar when it starts: one running before a new converter was added needs a restart to use it.
# `build.sh <folder>` builds into another plugin folder (a test's own worker).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../env.sh"
plugin="$DEBEZIUM_PLUGINS/debezium-connector-postgres"
jar="${1:-$plugin}/bascule-salted-hash.jar"
sources=("$here"/src/io/bascule/connect/*.java)
newer=0
for src in "${sources[@]}"; do [[ "$src" -nt "$jar" ]] && newer=1; done
if [[ -f "$jar" && $newer == 0 ]]; then echo "connect: converters up to date"; exit 0; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac --release 17 -nowarn -d "$out" -cp "$plugin/*:$KAFKA_LIBS/*" "${sources[@]}"
(cd "$out" && jar cf "$jar.tmp" io) && mv "$jar.tmp" "$jar"
echo "connect: converters built ($jar)"
