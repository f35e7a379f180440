# Shared settings of the local infrastructure scripts; every value can be overridden from the environment.
BASCULE_HOME="${BASCULE_HOME:-$HOME/.bascule}"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/kafka/pom.xml")"
KAFKA_LIBS="${KAFKA_LIBS:-$BASCULE_HOME/kafka-$KAFKA_VERSION/libs}"
KAFKA_DATA="${KAFKA_DATA:-$BASCULE_HOME/kafka-data}"
KAFKA_LOGS="$BASCULE_HOME/logs"
# The broker's SASL listener and its controller listener, both on 127.0.0.1 (a second broker runs on other ports).
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
BASCULE_DB_USER="${BASCULE_DB_USER:-bascule}"
mkdir -p "$BASCULE_HOME" "$KAFKA_LOGS"

step() { printf '\033[1m[%s] %s\033[0m\n' "$1" "$2"; }
DEBEZIUM_VERSION="$(sed -n 's:.*<debezium.version>\(.*\)</debezium.version>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/connect/pom.xml")"
DEBEZIUM_PLUGINS="${DEBEZIUM_PLUGINS:-$BASCULE_HOME/debezium-$DEBEZIUM_VERSION/plugins}"
CONNECT_PORT="${CONNECT_PORT:-8083}"
CONNECT_URL="${CONNECT_URL:-http://127.0.0.1:$CONNECT_PORT}"
# Connect's group.id, also the prefix of its internal topics (<group>-configs, -offsets, -status) and in its ACLs.
CONNECT_GROUP="${CONNECT_GROUP:-bascule-connect}"
KEYCLOAK_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/keycloak/pom.xml")"
KEYCLOAK_DIST="$BASCULE_HOME/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_URL="${KEYCLOAK_URL:-http://127.0.0.1:8180}"
KEYCLOAK_DB="${KEYCLOAK_DB:-bascule_keycloak}"
KEYCLOAK_DB_USER="${KEYCLOAK_DB_USER:-bascule_keycloak}"
