#!/usr/bin/env bash
# Fetches the Apache Kafka jars (broker + Connect runtime) from Maven Central once; later runs are instant.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
if [[ -f "$KAFKA_LIBS/.complete" ]]; then
  echo "kafka $KAFKA_VERSION jars: cached in $KAFKA_LIBS"
  exit 0
fi
echo "kafka $KAFKA_VERSION jars: fetching from Maven Central into $KAFKA_LIBS (about 90 jars, ~15 s on a warm ~/.m2)"
rm -rf "$KAFKA_LIBS" && mkdir -p "$KAFKA_LIBS"
mvn -B -q -ntp -f "$here/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
echo "kafka $KAFKA_VERSION jars: $(ls "$KAFKA_LIBS" | wc -l) jars fetched"
touch "$KAFKA_LIBS/.complete"
