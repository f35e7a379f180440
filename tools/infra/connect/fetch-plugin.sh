#!/usr/bin/env bash
# Fetches the Debezium PostgreSQL connector plugin from Maven Central once and unpacks it into plugin.path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../maven-fetch.sh"
maven_fetch "debezium $DEBEZIUM_VERSION plugin" "$here/pom.xml" "$DEBEZIUM_PLUGINS" -DincludeTypes=tar.gz || exit 0
for archive in "$DEBEZIUM_PLUGINS"/*.tar.gz; do tar -xzf "$archive" -C "$DEBEZIUM_PLUGINS" && rm "$archive"; done
echo "debezium $DEBEZIUM_VERSION plugin: $(ls "$DEBEZIUM_PLUGINS"/debezium-connector-postgres | wc -l) jars unpacked"
touch "$DEBEZIUM_PLUGINS/.complete"
