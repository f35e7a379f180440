#!/usr/bin/env bash
# Fetches the Debezium PostgreSQL connector plugin from Maven Central once and unpacks it into plugin.path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
if [[ -f "$DEBEZIUM_PLUGINS/.complete" ]]; then
  echo "debezium $DEBEZIUM_VERSION plugin: cached in $DEBEZIUM_PLUGINS"
  exit 0
fi
echo "debezium $DEBEZIUM_VERSION plugin: fetching from Maven Central into $DEBEZIUM_PLUGINS"
rm -rf "$DEBEZIUM_PLUGINS" && mkdir -p "$DEBEZIUM_PLUGINS"
mvn -B -q -ntp -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeTypes=tar.gz -DoutputDirectory="$DEBEZIUM_PLUGINS/archives"
for archive in "$DEBEZIUM_PLUGINS"/archives/*.tar.gz; do tar -xzf "$archive" -C "$DEBEZIUM_PLUGINS"; done
rm -rf "$DEBEZIUM_PLUGINS/archives"
echo "debezium $DEBEZIUM_VERSION plugin: $(ls "$DEBEZIUM_PLUGINS"/debezium-connector-postgres | wc -l) jars unpacked"
touch "$DEBEZIUM_PLUGINS/.complete"
