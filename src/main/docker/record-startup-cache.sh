#!/usr/bin/env bash
# Run by Dockerfile.jvm while the image builds: starts a throw-away Kafka broker on a free port of 127.0.0.1 (the
# jars come from the build stage), sends records through bin/loadgen, whose first run that completes records the
# start-up cache next to the jar, and stops the broker. A build fails if no cache was recorded, rather than
# shipping an image that is silently slower.
set -euo pipefail

export KAFKA_LOCAL_HOME=/kafka KAFKA_LOCAL_DIR=/tmp/record-kafka
# The build may share the host's network (--network host): take ports nothing listens on.
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=39092
while ! { free "$port" && free $((port + 1)); }; do port=$((port + 2)); done
export KAFKA_PORT=$port KAFKA_CONTROLLER_PORT=$((port + 1))

kafka=/opt/record/scripts/kafka-local.sh
trap '"$kafka" stop >/dev/null 2>&1 || true; rm -rf "$KAFKA_LOCAL_DIR"' EXIT
"$kafka" start >/dev/null
"$kafka" create-topic loadgen-startup-cache 6 >/dev/null

# The same kind of run users start: the default record shape and producer settings, long enough for the send path
# to reach the JIT's top tier. QUARKUS_HTTP_PORT=0: port 8080 may be taken on the build host.
QUARKUS_HTTP_PORT=0 /opt/loadgen/bin/loadgen run --bootstrap-servers "127.0.0.1:$port" \
  --topic loadgen-startup-cache --records 2m >/tmp/record-run.log 2>&1 \
  || { echo "record-startup-cache: the recording run failed:" >&2; tail -n 30 /tmp/record-run.log >&2; exit 1; }
ls /opt/loadgen/app/*.aot >/dev/null 2>&1 \
  || { echo "record-startup-cache: the run completed but no start-up cache was saved:" >&2; cat /tmp/record-run.log >&2; exit 1; }
rm -rf /tmp/record-run.log /opt/loadgen/app/*.aot.log /tmp/hsperfdata_* /tmp/*.so
echo "record-startup-cache: $(cd /opt/loadgen/app && ls ./*.aot)"
