#!/usr/bin/env bash
# README command 1: on a fresh machine, build the app, start a local single-node Kafka (KRaft, 127.0.0.1:9092,
# from Maven Central jars, no Docker), run the default workload (the seed's 2,000,000 JSON log records) and print
# the summary, then stop the broker if this script started it (KEEP_KAFKA=1 leaves it running, to read the topic).
# Extra arguments go to 'loadgen run'.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q package -DskipTests

started=0
if ! scripts/kafka-local.sh status >/dev/null 2>&1; then
  scripts/kafka-local.sh start
  started=1
fi
# shellcheck disable=SC2317  # not unreachable: the EXIT trap below calls it
stop_broker() { if [ "$started" = 1 ] && [ "${KEEP_KAFKA:-0}" != 1 ]; then scripts/kafka-local.sh stop; fi; }
trap stop_broker EXIT

set +e
# Through the launcher, not plain 'java -jar': its JVM settings and start-up cache are what loadgen is measured
# with (docs/performance.md, "How to start loadgen").
bin/loadgen run --bootstrap-servers 127.0.0.1:9092 --create-topic "$@"
code=$?
set -e
if [ "$code" = 0 ]; then
  echo "records in topic: $(scripts/kafka-local.sh count "${LOADGEN_TOPIC:-logs}" 2>/dev/null || echo '?')"
fi
exit "$code"
