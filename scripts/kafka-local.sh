#!/usr/bin/env bash
# kafka-local.sh - a throw-away single-node Apache Kafka (KRaft, broker+controller in one JVM)
# for local development and benchmarks of kafka-loadgen. No Docker, no downloads other than
# Maven Central (jars are fetched with scripts/kafka-local/pom.xml). Listens on 127.0.0.1 only.
#
# Run `scripts/kafka-local.sh help` for usage.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/kafka-local/pom.xml"

# The Kafka version lives in one place: <kafka.version> in scripts/kafka-local/pom.xml.
POM_KAFKA_VERSION="$(sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$POM" | head -n1)"
KAFKA_VERSION="${KAFKA_VERSION:-$POM_KAFKA_VERSION}"

KAFKA_LOCAL_HOME="${KAFKA_LOCAL_HOME:-$HOME/.cache/kafka-loadgen/kafka-$KAFKA_VERSION}"
KAFKA_LOCAL_DIR="${KAFKA_LOCAL_DIR:-$REPO_ROOT/.kafka-local}"   # outside target/: mvn clean must not delete a running broker's data
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-6}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}"
KAFKA_TOOLS_OPTS="${KAFKA_TOOLS_OPTS:--Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -Xmx256m}"
KAFKA_RUN_CLASS_OPTS="${KAFKA_RUN_CLASS_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-INFO}"
KAFKA_TOOLS_LOG_LEVEL="${KAFKA_TOOLS_LOG_LEVEL:-WARN}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_TOPIC_TIMEOUT="${KAFKA_TOPIC_TIMEOUT:-30}"
KAFKA_KEEP_DATA="${KAFKA_KEEP_DATA:-0}"
MVN="${MVN:-$REPO_ROOT/mvnw}"   # the wrapper: the same Maven 3.9 the build uses, nothing preinstalled needed

BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
LIB_DIR="$KAFKA_LOCAL_HOME/libs"
CONF_DIR="$KAFKA_LOCAL_DIR/config"
DATA_DIR="$KAFKA_LOCAL_DIR/data"
LOG_DIR="$KAFKA_LOCAL_DIR/logs"
PID_FILE="$KAFKA_LOCAL_DIR/kafka.pid"
SERVER_PROPS="$CONF_DIR/server.properties"
SERVER_LOG="$LOG_DIR/server.log"
CONSOLE_LOG="$LOG_DIR/console.out"

usage() {
  cat <<EOF
Usage: scripts/kafka-local.sh COMMAND [ARGS...]

Local single-node Apache Kafka $KAFKA_VERSION (KRaft broker+controller) on 127.0.0.1.

Commands:
  start                           fetch jars if needed, format storage, start broker, wait until ready
  stop                            stop the broker (SIGTERM, then SIGKILL after \$KAFKA_STOP_TIMEOUT s)
  status                          exit 0 if running (prints pid and address), 1 if not
  create-topic NAME [PARTS] [RF]  create topic if absent (default PARTS=\$KAFKA_NUM_PARTITIONS, RF=1)
  delete-topic NAME               delete topic (if present) and wait until it is gone
  reset-topic NAME [PARTS]        delete-topic + create-topic (empty topic for a benchmark)
  count NAME                      print number of records in topic (sum of latest - earliest offsets)
  run-class CLASS [ARGS...]       run a class on the Kafka classpath,
                                  e.g. run-class org.apache.kafka.tools.ProducerPerformance ...
  classpath                       print the Kafka classpath (fetches jars if needed)
  logs [N]                        follow the broker log (last N lines first, default 50)
  help                            this text

Environment (defaults):
  KAFKA_PORT=$KAFKA_PORT  KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT  KAFKA_NUM_PARTITIONS=$KAFKA_NUM_PARTITIONS
  KAFKA_LOCAL_HOME=$KAFKA_LOCAL_HOME
      jar cache (shared by all checkouts; delete it to re-fetch)
  KAFKA_LOCAL_DIR=$KAFKA_LOCAL_DIR
      config/, data/, logs/server.log, kafka.pid
  KAFKA_KEEP_DATA=0        0: wipe and re-format data/ on every start; 1: keep topics across restarts
  KAFKA_HEAP_OPTS="$KAFKA_HEAP_OPTS"   KAFKA_JVM_OPTS (broker GC flags)
  KAFKA_RUN_CLASS_OPTS="$KAFKA_RUN_CLASS_OPTS"   KAFKA_TOOLS_OPTS (admin tool JVM flags)
  KAFKA_LOG_LEVEL=$KAFKA_LOG_LEVEL (broker log file)  KAFKA_TOOLS_LOG_LEVEL=$KAFKA_TOOLS_LOG_LEVEL (tools, stderr)
  KAFKA_START_TIMEOUT=$KAFKA_START_TIMEOUT  KAFKA_STOP_TIMEOUT=$KAFKA_STOP_TIMEOUT  KAFKA_TOPIC_TIMEOUT=$KAFKA_TOPIC_TIMEOUT (seconds)
  KAFKA_EXTRA_PROPERTIES   extra lines appended to server.properties (later keys win)
  MVN=$MVN                 Maven command used to fetch the jars
  JAVA_HOME                java is \$JAVA_HOME/bin/java, else java from PATH
EOF
}

log() { echo "kafka-local: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "java not found (set JAVA_HOME or put java on PATH)"
  fi
}

# --- jars ------------------------------------------------------------------------------------

fetch_jars() {
  [[ -f "$LIB_DIR/.complete" ]] && return 0
  mkdir -p "$KAFKA_LOCAL_HOME"
  local tmp="$KAFKA_LOCAL_HOME/libs.tmp.$$"
  rm -rf "$tmp"
  log "fetching Kafka $KAFKA_VERSION jars into $LIB_DIR (via $MVN) ..."
  # Output is kept only for failures (Maven 3.8 prints ANSI resets even with -q).
  # shellcheck disable=SC2086  # MVN may contain arguments
  if ! $MVN -q -B -Dstyle.color=never -f "$POM" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "fetching jars with '$MVN' failed"
  fi
  rm -f "$tmp.log"
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "no kafka jar fetched"; }
  touch "$tmp/.complete"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
}

kafka_classpath() {
  fetch_jars
  local jars=("$LIB_DIR"/*.jar)
  local IFS=:
  echo "${jars[*]}"
}

# --- config ----------------------------------------------------------------------------------

write_configs() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"
  cat >"$SERVER_PROPS" <<EOF
# Generated by scripts/kafka-local.sh - edits are overwritten on every start.
# Single node, KRaft combined mode (broker + controller), static quorum (no --standalone needed).
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

num.partitions=$KAFKA_NUM_PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true

# Internal topics on a single node.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Benchmark friendliness: no consumer-group join delay, deleted topics leave the disk after 1 s.
group.initial.rebalance.delay.ms=0
log.segment.delete.delay.ms=1000
EOF
  if [[ -n "${KAFKA_EXTRA_PROPERTIES:-}" ]]; then
    printf '\n# KAFKA_EXTRA_PROPERTIES\n%s\n' "$KAFKA_EXTRA_PROPERTIES" >>"$SERVER_PROPS"
  fi
  write_tools_config

  cat >"$CONF_DIR/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="server" fileName="\${sys:kafka.logs.dir}/server.log"
                 filePattern="\${sys:kafka.logs.dir}/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <SizeBasedTriggeringPolicy size="50 MB"/>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="$KAFKA_LOG_LEVEL"><AppenderRef ref="server"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
  </Loggers>
</Configuration>
EOF

}

write_tools_config() {
  mkdir -p "$CONF_DIR"
  cat >"$CONF_DIR/tools-log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="stderr" target="SYSTEM_ERR"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console>
  </Appenders>
  <Loggers>
    <Root level="$KAFKA_TOOLS_LOG_LEVEL"><AppenderRef ref="stderr"/></Root>
  </Loggers>
</Configuration>
EOF
}

# --- process handling ------------------------------------------------------------------------

# Cluster id: 16 random bytes, URL-safe base64 without padding (what 'StorageTool random-uuid'
# prints), generated here to save a JVM start. One id in 64 would start with '-', which the
# storage tool's argument parser takes for an option; Kafka's own Uuid.randomUuid() draws again
# for that, and so does this.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && { printf '%s\n' "$id"; return; }
  done
}

# Prints the pid of the broker started by this script, if it is alive.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be our broker (kafka.Kafka with our server.properties).
  local args
  # (/proc where ps is missing, as in a slim container image)
  args="$(ps -p "$pid" -o args= 2>/dev/null || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$args" == *kafka.Kafka*"$SERVER_PROPS"* ]] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Admin tools: cheap JVM start-up (C1 only, serial GC, small heap), logs at WARN on stderr.
run_tool() {
  local cp java
  cp="$(kafka_classpath)"
  java="$(java_cmd)"
  [[ -f "$CONF_DIR/tools-log4j2.xml" ]] || write_tools_config
  # shellcheck disable=SC2086  # KAFKA_TOOLS_OPTS holds several JVM options
  "$java" $KAFKA_TOOLS_OPTS -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.xml" \
    -cp "$cp" "$@"
}

require_running() {
  running_pid >/dev/null || die "broker is not running (scripts/kafka-local.sh start)"
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    echo "$BOOTSTRAP"
    return 0
  fi
  local t0=$SECONDS
  if port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; then
    die "port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT on 127.0.0.1 is already in use by another process"
  fi
  local cp java
  cp="$(kafka_classpath)"
  java="$(java_cmd)"
  mkdir -p "$KAFKA_LOCAL_DIR"
  rm -f "$PID_FILE"
  write_configs

  if [[ "$KAFKA_KEEP_DATA" == 1 && -f "$DATA_DIR/meta.properties" ]]; then
    log "reusing existing data in $DATA_DIR (KAFKA_KEEP_DATA=1)"
  else
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    local cluster_id
    cluster_id="$(new_cluster_id)"
    run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPS" >"$LOG_DIR/format.out" 2>&1 \
      || { cat "$LOG_DIR/format.out" >&2; die "formatting storage failed"; }
  fi

  # Fresh logs per run; the previous run's broker log is kept as previous-server.log.
  [[ -f "$SERVER_LOG" ]] && mv -f "$SERVER_LOG" "$LOG_DIR/previous-server.log"
  rm -f "$SERVER_LOG".*
  : >"$CONSOLE_LOG"
  # setsid: own session, so Ctrl-C in this terminal does not hit the broker.
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS and KAFKA_JVM_OPTS hold several JVM options each
  setsid "$java" $KAFKA_HEAP_OPTS $KAFKA_JVM_OPTS -server -Djava.awt.headless=true \
    -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$CONF_DIR/log4j2.xml" \
    -cp "$cp" kafka.Kafka "$SERVER_PROPS" </dev/null >>"$CONSOLE_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "starting broker (pid $pid), logs in $SERVER_LOG"

  # Ready = process alive, listener accepting, and an admin request (list topics) succeeds.
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker process exited during start-up; last log lines:"
      tail -n 40 "$CONSOLE_LOG" "$SERVER_LOG" >&2 2>/dev/null || true
      rm -f "$PID_FILE"
      exit 1
    fi
    if port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$SERVER_LOG" 2>/dev/null; then
      if run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list \
          >/dev/null 2>&1; then
        break
      fi
    fi
    if ((SECONDS >= deadline)); then
      log "broker not ready after ${KAFKA_START_TIMEOUT}s; last log lines:"
      tail -n 40 "$CONSOLE_LOG" "$SERVER_LOG" >&2 2>/dev/null || true
      cmd_stop
      exit 1
    fi
    sleep 0.3
  done
  log "ready in $((SECONDS - t0))s at $BOOTSTRAP (pid $pid)"
  echo "$BOOTSTRAP"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "still running after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if port_open "$KAFKA_PORT"; then
      echo "running pid=$pid bootstrap=$BOOTSTRAP"
    else
      echo "running pid=$pid bootstrap=$BOOTSTRAP (listener not open yet)"
    fi
    return 0
  fi
  echo "not running"
  return 1
}

topic_exists() {
  run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list \
    | grep -qFx -- "$1"
}

check_topic_name() {
  [[ "$1" =~ ^[a-zA-Z0-9._-]+$ ]] || die "invalid topic name: '$1'"
}

cmd_create_topic() {
  [[ $# -ge 1 ]] || die "usage: create-topic NAME [PARTITIONS] [RF]"
  local name="$1" parts="${2:-$KAFKA_NUM_PARTITIONS}" rf="${3:-1}"
  check_topic_name "$name"
  require_running
  run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create \
    --if-not-exists --topic "$name" --partitions "$parts" --replication-factor "$rf" >&2
}

cmd_delete_topic() {
  [[ $# -eq 1 ]] || die "usage: delete-topic NAME"
  local name="$1"
  check_topic_name "$name"
  require_running
  # --topic is a regex for --delete: escape '.' (the only regex character legal in topic names).
  run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --delete \
    --if-exists --topic "${name//./\\.}" >&2
  local deadline=$((SECONDS + KAFKA_TOPIC_TIMEOUT))
  while topic_exists "$name"; do
    ((SECONDS < deadline)) || die "topic '$name' still exists after ${KAFKA_TOPIC_TIMEOUT}s"
    sleep 0.5
  done
  log "topic '$name' is gone"
}

cmd_reset_topic() {
  [[ $# -ge 1 && $# -le 2 ]] || die "usage: reset-topic NAME [PARTITIONS]"
  cmd_delete_topic "$1"
  cmd_create_topic "$1" "${2:-$KAFKA_NUM_PARTITIONS}"
}

cmd_count() {
  [[ $# -eq 1 ]] || die "usage: count NAME"
  local name="$1"
  check_topic_name "$name"
  require_running
  local tmp
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand $tmp now: the trap runs after this function's local is gone
  trap "rm -rf '$tmp'" EXIT
  # Latest (-1) and earliest (-2) offsets per partition, both queries in parallel.
  run_tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$BOOTSTRAP" \
    --topic "${name//./\\.}" --time -1 >"$tmp/latest" 2>"$tmp/latest.err" &
  local p1=$!
  run_tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$BOOTSTRAP" \
    --topic "${name//./\\.}" --time -2 >"$tmp/earliest" 2>"$tmp/earliest.err" &
  local p2=$!
  local rc=0
  wait "$p1" || rc=1
  wait "$p2" || rc=1
  if ((rc != 0)); then
    if grep -q 'Could not match any topic-partitions' "$tmp/latest.err" "$tmp/earliest.err"; then
      die "topic '$name' not found"
    fi
    sort -u "$tmp/latest.err" "$tmp/earliest.err" >&2
    die "GetOffsetShell failed"
  fi
  [[ -s "$tmp/latest" ]] || die "topic '$name' not found"
  # Lines are topic:partition:offset; topic names cannot contain ':'.
  awk -F: -v topic="$name" '
    FNR == NR { if ($1 == topic) latest[$2] = $3; next }
    $1 == topic { earliest[$2] = $3 }
    END { n = 0; for (p in latest) n += latest[p] - earliest[p]; printf "%d\n", n }
  ' "$tmp/latest" "$tmp/earliest"
}

cmd_run_class() {
  [[ $# -ge 1 ]] || die "usage: run-class CLASS [ARGS...]"
  local cp java
  cp="$(kafka_classpath)"
  java="$(java_cmd)"
  [[ -f "$CONF_DIR/tools-log4j2.xml" ]] || write_tools_config
  # Full JIT here (benchmarks such as ProducerPerformance run on this).
  # shellcheck disable=SC2086  # KAFKA_RUN_CLASS_OPTS holds several JVM options
  exec "$java" $KAFKA_RUN_CLASS_OPTS -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.xml" \
    -cp "$cp" "$@"
}

cmd_logs() {
  [[ -f "$SERVER_LOG" ]] || die "no broker log at $SERVER_LOG"
  exec tail -n "${1:-50}" -F "$SERVER_LOG"
}

main() {
  local cmd="${1:-help}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    create-topic) cmd_create_topic "$@" ;;
    delete-topic) cmd_delete_topic "$@" ;;
    reset-topic) cmd_reset_topic "$@" ;;
    count) cmd_count "$@" ;;
    run-class) cmd_run_class "$@" ;;
    classpath) kafka_classpath ;;
    logs) cmd_logs "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
