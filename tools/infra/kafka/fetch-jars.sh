#!/usr/bin/env bash
# Fetches the Apache Kafka jars (broker + Connect runtime) from Maven Central once; later runs are instant.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../maven-fetch.sh"
maven_fetch "kafka $KAFKA_VERSION jars" "$here/pom.xml" "$KAFKA_LIBS" -DincludeScope=runtime || exit 0
echo "kafka $KAFKA_VERSION jars: $(ls "$KAFKA_LIBS" | wc -l) jars fetched"
touch "$KAFKA_LIBS/.complete"
