#!/usr/bin/env bash
# Fetches the Keycloak distribution from Maven Central once and unpacks it into $KEYCLOAK_HOME.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../maven-fetch.sh"
maven_fetch "keycloak $KEYCLOAK_VERSION" "$here/pom.xml" "$KEYCLOAK_DIST" -DincludeTypes=tar.gz || exit 0
tar -xzf "$KEYCLOAK_DIST"/keycloak-quarkus-dist-*.tar.gz -C "$KEYCLOAK_DIST" --strip-components=1
rm "$KEYCLOAK_DIST"/keycloak-quarkus-dist-*.tar.gz
echo "keycloak $KEYCLOAK_VERSION: unpacked into $KEYCLOAK_DIST"
touch "$KEYCLOAK_DIST/.complete"
