#!/usr/bin/env bash
# Builds the salted-hash Debezium converter (one class, no dependencies beyond Debezium's API and Kafka
# Connect's) into the PostgreSQL connector's plugin folder, so the connector's class loader finds it.
# Idempotent: rebuilt only when the source is newer than the jar. Needs a JDK (javac), present with Maven.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../env.sh"
plugin="$DEBEZIUM_PLUGINS/debezium-connector-postgres"
jar="$plugin/bascule-salted-hash.jar"
src="$here/src/io/bascule/connect/SaltedHashConverter.java"
if [[ -f "$jar" && "$jar" -nt "$src" ]]; then echo "connect: salted-hash converter up to date"; exit 0; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac --release 17 -nowarn -d "$out" -cp "$plugin/*:$KAFKA_LIBS/*" "$src"
(cd "$out" && jar cf "$jar.tmp" io) && mv "$jar.tmp" "$jar"
echo "connect: salted-hash converter built ($jar)"
