# Shared settings of the local infrastructure scripts; every value can be overridden from the environment.
BASCULE_HOME="${BASCULE_HOME:-$HOME/.bascule}"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/kafka/pom.xml")"
KAFKA_LIBS="$BASCULE_HOME/kafka-$KAFKA_VERSION/libs"
KAFKA_DATA="$BASCULE_HOME/kafka-data"
KAFKA_LOGS="$BASCULE_HOME/logs"
KAFKA_BOOTSTRAP="${KAFKA_BROKERS:-127.0.0.1:9092}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
BASCULE_DB_USER="${BASCULE_DB_USER:-bascule}"
BASCULE_DB_PASSWORD="${BASCULE_DB_PASSWORD:-bascule}"
BASCULE_DATABASES="${BASCULE_DATABASES:-bascule_client legacy}"
mkdir -p "$BASCULE_HOME" "$KAFKA_LOGS"

step() { printf '\033[1m[%s] %s\033[0m\n' "$1" "$2"; }
DEBEZIUM_VERSION="$(sed -n 's:.*<debezium.version>\(.*\)</debezium.version>.*:\1:p' "$(dirname "${BASH_SOURCE[0]}")/connect/pom.xml")"
DEBEZIUM_PLUGINS="$BASCULE_HOME/debezium-$DEBEZIUM_VERSION/plugins"
CONNECT_URL="${CONNECT_URL:-http://127.0.0.1:8083}"
