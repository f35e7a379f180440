# Debezium's Kafka Connect image plus the salted-hash converter, compiled against the image's own jars.
FROM quay.io/debezium/connect:3.3 AS debezium

FROM eclipse-temurin:17-jdk AS build
COPY --from=debezium /kafka/connect/debezium-connector-postgres /deps/debezium
COPY --from=debezium /kafka/libs /deps/kafka
COPY tools/infra/connect/salted-hash/src /src
RUN mkdir /out && javac --release 17 -d /out -cp "/deps/debezium/*:/deps/kafka/*" $(find /src -name '*.java') \
 && jar cf /bascule-salted-hash.jar -C /out .

FROM debezium
COPY --from=build /bascule-salted-hash.jar /kafka/connect/debezium-connector-postgres/
