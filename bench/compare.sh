#!/usr/bin/env bash
# Side-by-side producer benchmark (issue 3): loadgen vs Apache Kafka's kafka-producer-perf-test (and kcat).
#
# Runs the contenders in alternating order for a few rounds against the local broker of scripts/kafka-local.sh,
# with identical producer settings, resetting the topic before each run and counting the records in it after.
# It measures speed (records/s while sending, records/s for the whole process from launch to exit) and cost
# (user+sys CPU seconds per million records and peak RSS, from /usr/bin/time -v), then prints medians and the
# ratios loadgen / perf-test. Raw results go to bench/results/<stamp>/ (runs.csv, results.json, logs).
#
# Contenders:
#   A  loadgen run (seed payload: generated JSON log records with live timestamps and unique numbers)
#   B  org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test) at the broker's Kafka version,
#      with --payload-file of 100,000 distinct seed-format lines (it picks one at random per record)
#   C  kcat (librdkafka), optional, producing an N-line file of seed-format lines
#   T  loadgen run with --template NAME (issue 18), optional (--template): A's command making shaped records
#   F  with T: A's command with --payload-file of 100,000 records the template made beforehand: the same bytes sent,
#      nothing generated, so T / F is what making the records costs, apart from their size
#   D  the JVM image (scripts/image.sh), optional: `docker run --network host` of loadgen run with A's options; its CPU
#      is read from the container's cgroup (the docker client's own is nothing), its whole-process time includes
#      the container's creation
#   J  plain `java -jar` of the same app on the machine's default java (perf-test's), no JVM options, no start-up
#      cache: not a documented way to start loadgen, measured to show why (--java-jar)
#
# --suite runs the short (2,000,000 records) and the long (20,000,000) comparison in one invocation, every contender
# included that is there, and writes one table of both (bench/lib/table.py); --write-docs puts it into README.md.
#
# Run bench/compare.sh --help for the options.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
KAFKA_LOCAL="$REPO/scripts/kafka-local.sh"
APP_JAR="$REPO/target/quarkus-app/quarkus-run.jar"

# --- settings (flags override env) ----------------------------------------------------------
RECORDS="${BENCH_RECORDS:-2000000}"
ROUNDS="${BENCH_ROUNDS:-3}"
COMPRESSION="${BENCH_COMPRESSION:-lz4}"
PARTITIONS="${BENCH_PARTITIONS:-6}"
ACKS="${BENCH_ACKS:-1}"
LINGER_MS="${BENCH_LINGER_MS:-50}"
BATCH_SIZE="${BENCH_BATCH_SIZE:-1048576}"
TOPIC="${BENCH_TOPIC:-logs}"
KCAT="${BENCH_KCAT:-auto}"            # auto: include kcat if installed; yes: require it; no: skip
TEMPLATE="${BENCH_TEMPLATE:-}"        # a template for contender T (e.g. nginx); empty: no T
IMAGE="${BENCH_IMAGE:-auto}"          # auto: include kafka-loadgen:jvm if a Docker daemon has it; no: skip; else a name
JAVA_JAR="${BENCH_JAVA_JAR:-no}"      # yes: include plain java -jar (J)
SUITE=0
WRITE_DOCS=0
RECORDS_SET=0
SUITE_SHORT_ROUNDS="${BENCH_SUITE_SHORT_ROUNDS:-5}"
SUITE_LONG_ROUNDS="${BENCH_SUITE_LONG_ROUNDS:-3}"
DOCKER="${DOCKER:-$( [[ -x /usr/bin/docker ]] && echo /usr/bin/docker || echo docker)}"
# The image's runs go under this cgroup parent, which outlives each container: its CPU counters, read before and
# after a run, are the container's CPU, start to exit (a container's own cgroup is gone once it exits).
CGROUP_PARENT="${BENCH_CGROUP_PARENT:-loadgen-bench}"
BUILD="${BENCH_BUILD:-auto}"          # auto: build if the jar is missing or older than the sources; no: never
RUN_TIMEOUT="${BENCH_RUN_TIMEOUT:-}"  # seconds per run; default scales with the record count
PERFTEST_LINES="${BENCH_PERFTEST_LINES:-100000}"
RESULTS_ROOT="${BENCH_RESULTS_DIR:-$BENCH_DIR/results}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-}"  # max seconds to wait for a quiet machine before each run (0: don't wait)
QUIET_CORES="${BENCH_QUIET_CORES:-0.3}"
# Extra arguments for loadgen (e.g. "--threads 1 --producers 1") and JVM options of each Java contender.
LOADGEN_ARGS="${LOADGEN_ARGS:-}"
# loadgen runs through bin/loadgen, the launcher we ship: its JVM options (LOADGEN_JAVA_OPTS replaces them), its
# choice of JDK (LOADGEN_JAVA, else JAVA_HOME, else a JDK 25+ under /usr/lib/jvm) and, on JDK 25+, its start-up
# cache, made by one untimed priming run before round 1 (LOADGEN_AOT=off runs without it).
# perf-test runs on JAVA_HOME's java or the PATH's unless --perftest-java gives another (e.g. the same JDK as loadgen).
PERFTEST_JAVA="${BENCH_PERFTEST_JAVA:-}"
# Records of the priming run that makes loadgen's start-up cache. The cache also carries the JIT's profiles of
# that run (JEP 515), and a short training run can make a cache that sends slower (bench/README.md, "The start-up
# cache and its luck").
PRIME_RECORDS="${BENCH_PRIME_RECORDS:-1000000}"
KAFKA_PORT="${KAFKA_PORT:-9092}"  # the broker of scripts/kafka-local.sh (same variable)
LOADGEN_JAVA_OPTS="${LOADGEN_JAVA_OPTS:-}"
# What Kafka's bin/kafka-producer-perf-test.sh runs with: KAFKA_HEAP_OPTS=-Xmx512M from that script plus
# KAFKA_JVM_PERFORMANCE_OPTS from kafka-run-class.sh, so B is perf-test as a user would run it.
PERFTEST_JAVA_OPTS="${PERFTEST_JAVA_OPTS:--Xmx512M -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"

usage() {
  cat <<EOF
Usage: bench/compare.sh [OPTIONS]

Side-by-side benchmark: loadgen (A) vs kafka-producer-perf-test (B) [vs kcat (C)], same producer settings,
alternating order, topic reset before and record count checked after every run. Prints per-run and median
tables and the ratios loadgen / perf-test; saves raw results under bench/results/.

Options (environment variable in brackets):
  --records N          records per run                       [BENCH_RECORDS=2000000]
  --rounds N           rounds; each runs every contender once [BENCH_ROUNDS=3]
  --compression C      none|gzip|snappy|lz4|zstd             [BENCH_COMPRESSION=lz4]
  --partitions N       partitions of the reset topic         [BENCH_PARTITIONS=6]
  --acks A             producer acks                         [BENCH_ACKS=1]
  --linger-ms MS       producer linger.ms                    [BENCH_LINGER_MS=50]
  --batch-size BYTES   producer batch.size                   [BENCH_BATCH_SIZE=1048576]
  --topic NAME         topic (deleted and re-created!)       [BENCH_TOPIC=logs]
  --kcat auto|yes|no   include kcat (Debian package kcat)    [BENCH_KCAT=auto: if installed]
  --template NAME      add loadgen with --template NAME (T)   [BENCH_TEMPLATE: none]
  --image auto|no|IMG  include the JVM image (scripts/image.sh) [BENCH_IMAGE=auto: kafka-loadgen:jvm if Docker has it]
  --long               long runs: 20,000,000 records, 3 rounds (kcat's input file is then ~2.5 GB, cached)
  --java-jar           add plain 'java -jar' of the app (J), on perf-test's java [BENCH_JAVA_JAR=no]
  --suite              short and long runs in one invocation (5 x 2,000,000 and 3 x 20,000,000 records, every
                       contender that is there, J included), then one table of both (bench/lib/table.py)
  --write-docs         with --suite: put that table into README.md (between its bench-table markers)
  --no-build           do not build the app (default: build if missing or older than src/ and pom.xml);
                       either way the runs use a private copy of target/quarkus-app (BENCH_KEEP_APP=1 keeps it)
  --smoke              tiny check that the script works: 20000 records, 1 round
  --run-timeout S      kill a run after S seconds            [BENCH_RUN_TIMEOUT: 60 + 60 per million records]
  --perftest-java PATH run perf-test on this java binary       [BENCH_PERFTEST_JAVA: JAVA_HOME's or PATH's java]
  --quiet-wait S       before each run, wait up to S seconds until other processes (not the broker) use
                       < BENCH_QUIET_CORES (0.3) cores; 0 disables [BENCH_QUIET_WAIT=60; 0 with --smoke]
  -h, --help           this text

Also: LOADGEN_ARGS (extra loadgen options, e.g. "--threads 1"), LOADGEN_JAVA_OPTS, LOADGEN_JAVA, LOADGEN_AOT
(see bin/loadgen), PERFTEST_JAVA_OPTS
(default: the JVM options of Kafka's kafka-producer-perf-test.sh), BENCH_RESULTS_DIR, BENCH_PERFTEST_LINES.
The broker is scripts/kafka-local.sh's; it is started if not running and then stopped at the end.
Exit status: 0 if every run passed (exit 0 and the topic count equals --records), 1 otherwise.
EOF
}

perftest_java_version() { "${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1; }

die() { echo "compare.sh: ERROR: $*" >&2; exit 2; }
log() { echo "compare.sh: $*" >&2; }

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --records) RECORDS="$2"; RECORDS_SET=1; shift ;;
      --rounds) ROUNDS="$2"; RECORDS_SET=1; shift ;;
      --compression) COMPRESSION="$2"; shift ;;
      --partitions) PARTITIONS="$2"; shift ;;
      --acks) ACKS="$2"; shift ;;
      --linger-ms) LINGER_MS="$2"; shift ;;
      --batch-size) BATCH_SIZE="$2"; shift ;;
      --topic) TOPIC="$2"; shift ;;
      --kcat) KCAT="$2"; shift ;;
      --no-kcat) KCAT=no ;;
      --image) IMAGE="$2"; shift ;;
      --template) TEMPLATE="$2"; shift ;;
      --long) RECORDS=20000000; ROUNDS=3; RECORDS_SET=1 ;;
      --java-jar) JAVA_JAR=yes ;;
      --suite) SUITE=1 ;;
      --write-docs) WRITE_DOCS=1 ;;
      --no-build) BUILD=no ;;
      --smoke) RECORDS=20000; ROUNDS=1; SMOKE=1; PRIME_RECORDS=100000 ;;
      --run-timeout) RUN_TIMEOUT="$2"; shift ;;
      --quiet-wait) QUIET_WAIT="$2"; shift ;;
      --perftest-java) PERFTEST_JAVA="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
  done
  [[ "$RECORDS" =~ ^[1-9][0-9]*$ ]] || die "--records must be a positive integer"
  [[ "$ROUNDS" =~ ^[1-9][0-9]*$ && "$ROUNDS" -le 50 ]] || die "--rounds must be 1..50"
  [[ "$PARTITIONS" =~ ^[1-9][0-9]*$ ]] || die "--partitions must be a positive integer"
  [[ "$COMPRESSION" =~ ^(none|gzip|snappy|lz4|zstd)$ ]] || die "--compression must be none|gzip|snappy|lz4|zstd"
  [[ "$KCAT" =~ ^(auto|yes|no)$ ]] || die "--kcat must be auto|yes|no"
  [[ "$ACKS" =~ ^(0|1|-1|all)$ ]] || die "--acks must be 0|1|all"
  [[ "$LINGER_MS" =~ ^[0-9]+$ && "$BATCH_SIZE" =~ ^[1-9][0-9]*$ ]] || die "--linger-ms and --batch-size must be integers"
  # A smoke run only checks that the script works: no point waiting for a quiet machine.
  if [[ -z "$QUIET_WAIT" ]]; then [[ "${SMOKE:-0}" == 1 ]] && QUIET_WAIT=0 || QUIET_WAIT=60; fi
  [[ "$QUIET_WAIT" =~ ^[0-9]+$ ]] || die "--quiet-wait must be a number of seconds"
  [[ -z "$PERFTEST_JAVA" || -x "$PERFTEST_JAVA" ]] || die "--perftest-java must be an executable java binary"
  if [[ "$SUITE" == 1 ]]; then
    [[ -z "$TEMPLATE" && "${SMOKE:-0}" != 1 && "$JAVA_JAR" == no ]] || die "--suite takes no --template, --smoke or --java-jar (it includes J)"
    [[ "$RECORDS_SET" == 0 ]] || die "--suite sets the records and rounds itself (BENCH_SUITE_SHORT_ROUNDS, BENCH_SUITE_LONG_ROUNDS)"
  fi
  [[ "$WRITE_DOCS" == 0 || "$SUITE" == 1 ]] || die "--write-docs needs --suite"
  # A run that hangs must not hang the benchmark: 60 s plus 60 s per million records is many times the expected time.
  RUN_TIMEOUT="${RUN_TIMEOUT:-$((60 + 60 * RECORDS / 1000000))}"
}

# --- prerequisites -----------------------------------------------------------------------------

require_tools() {
  command -v java >/dev/null || die "java not found"
  command -v python3 >/dev/null || die "python3 not found (used for the payload file and the tables)"
  command -v timeout >/dev/null || die "timeout (coreutils) not found"
  # GNU time, not the shell keyword: it reports user+sys CPU and peak RSS of the process.
  if [[ ! -x /usr/bin/time ]]; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
      log "installing Debian package 'time' for /usr/bin/time"
      apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
    fi
    [[ -x /usr/bin/time ]] || die "/usr/bin/time not found: install the Debian package 'time'"
  fi
  case "$KCAT" in
    auto) command -v kcat >/dev/null && KCAT=yes || KCAT=no ;;
    yes) command -v kcat >/dev/null || die "kcat not found: install the Debian package 'kcat' or use --kcat no" ;;
  esac
  case "$IMAGE" in
    no) ;;
    auto) if "$DOCKER" image inspect kafka-loadgen:jvm >/dev/null 2>&1; then IMAGE=kafka-loadgen:jvm; else IMAGE=no; fi ;;
    *) "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1 || die "--image $IMAGE: no such image in '$DOCKER' (build it: scripts/image.sh)" ;;
  esac
}

# CPU seconds "user sys" used so far under the image runs' cgroup parent (cgroup v1 cpuacct or v2 cpu.stat); empty
# if it does not exist yet (before the first container) or cannot be read.
cgroup_cpu() {
  local d
  for d in "/sys/fs/cgroup/cpuacct/$CGROUP_PARENT" "/sys/fs/cgroup/cpu,cpuacct/$CGROUP_PARENT"; do
    if [[ -r "$d/cpuacct.stat" ]]; then
      awk -v hz="$(getconf CLK_TCK)" '$1 == "user" { u = $2 } $1 == "system" { s = $2 } END { printf "%.2f %.2f", u / hz, s / hz }' "$d/cpuacct.stat"
      return
    fi
  done
  d="/sys/fs/cgroup/$CGROUP_PARENT"
  if [[ -r "$d/cpu.stat" ]]; then
    awk '$1 == "user_usec" { u = $2 } $1 == "system_usec" { s = $2 } END { printf "%.2f %.2f", u / 1e6, s / 1e6 }' "$d/cpu.stat"
    return
  fi
  echo "0 0"
}

build_if_needed() {
  if [[ "$BUILD" == no ]]; then
    [[ -f "$APP_JAR" ]] || die "$APP_JAR missing and --no-build given"
    return
  fi
  # Rebuild when any source or the pom is newer than the jar, so a benchmark never measures stale code.
  if [[ ! -f "$APP_JAR" ]] || [[ -n "$(find "$REPO/src/main" "$REPO/pom.xml" -newer "$APP_JAR" -print -quit)" ]]; then
    log "building the app (./mvnw -B -q package -DskipTests) ..."
    (cd "$REPO" && ./mvnw -B -q package -DskipTests) || die "build failed"
  fi
}

# The contenders run a private copy of target/quarkus-app: other people rebuild target/ while a benchmark runs, and
# a half-written lib/ makes Quarkus fail (or hang) at start. The copy is checked by starting it once.
snapshot_app() {
  local dest="$OUT/app" attempt
  for attempt in 1 2 3; do
    rm -rf "$dest"
    # (without bin/loadgen's start-up caches: they belong to the jar at its original path)
    if cp -a "$REPO/target/quarkus-app" "$dest" 2>/dev/null && rm -f "$dest"/loadgen-*.aot* \
        && timeout 60 java -jar "$dest/quarkus-run.jar" --version >"$OUT/app-version.txt" 2>&1; then
      APP_JAR="$dest/quarkus-run.jar"
      return
    fi
    log "target/quarkus-app is incomplete (a build in progress?); retrying in 15 s ($attempt/3)"
    sleep 15
  done
  die "could not take a working copy of target/quarkus-app (see $OUT/app-version.txt)"
}

BROKER_STARTED=0
BROKER_PID=""

ensure_broker() {
  if ! "$KAFKA_LOCAL" status >/dev/null 2>&1; then
    log "starting the local broker (scripts/kafka-local.sh start)"
    "$KAFKA_LOCAL" start >/dev/null
    BROKER_STARTED=1
  fi
  BROKER_PID="$("$KAFKA_LOCAL" status 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p')"
}

cleanup() {
  if [[ -n "$OUT" && "${BENCH_KEEP_APP:-0}" != 1 ]]; then rm -rf "$OUT/app"; fi
  if [[ "$BROKER_STARTED" == 1 ]]; then
    log "stopping the broker this script started"
    "$KAFKA_LOCAL" stop >/dev/null 2>&1 || true
  fi
}

# CPU seconds (user+sys) the broker has used so far; it shares the 2 cores with the producer, so its cost per run
# is part of the picture (a producer that makes the broker work harder, e.g. by smaller batches, shows up here).
broker_cpu_seconds() {
  [[ -n "$BROKER_PID" && -r "/proc/$BROKER_PID/stat" ]] || { echo ""; return; }
  # Fields 14 and 15 (utime, stime) in clock ticks; the command name (field 2) has no spaces for java.
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$BROKER_PID/stat"
}

# CPU seconds the whole machine has been busy so far (all cores, from /proc/stat). Busy minus the contender's and
# the broker's CPU during a run is what other processes took: this machine is shared, and a run during someone
# else's build is flagged rather than silently averaged in.
machine_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# Waits (at most QUIET_WAIT seconds) until other processes use less than QUIET_CORES cores besides the broker,
# so runs start on a quiet machine when it can be had. Bounded: gives up and runs anyway, noting it.
wait_for_quiet() {
  local waited=0 m0 m1 b0 b1 other
  while ((waited < QUIET_WAIT)); do
    m0="$(machine_cpu_seconds)"; b0="$(broker_cpu_seconds)"
    sleep 1
    m1="$(machine_cpu_seconds)"; b1="$(broker_cpu_seconds)"
    waited=$((waited + 1))
    other="$(awk -v m0="$m0" -v m1="$m1" -v b0="${b0:-0}" -v b1="${b1:-0}" 'BEGIN { printf "%.2f", (m1 - m0) - (b1 - b0) }')"
    awk -v o="$other" -v q="$QUIET_CORES" 'BEGIN { exit !(o < q) }' && return 0
  done
  log "machine still busy after ${QUIET_WAIT}s (other processes ~${other:-?} cores); running anyway"
}

# --- payload files -----------------------------------------------------------------------------

DATA_DIR="$RESULTS_ROOT/data"
PERFTEST_FILE=""
KCAT_FILE=""
TEMPLATE_FILE=""

# perf-test gets PERFTEST_LINES distinct seed lines; kcat sends each line once, so it needs exactly RECORDS lines.
# Files are deterministic and cached in bench/results/data/.
make_payload_files() {
  mkdir -p "$DATA_DIR"
  PERFTEST_FILE="$DATA_DIR/seed-$PERFTEST_LINES.txt"
  [[ -s "$PERFTEST_FILE" ]] || { log "writing $PERFTEST_FILE"; python3 "$BENCH_DIR/lib/seed_lines.py" "$PERFTEST_LINES" "$PERFTEST_FILE"; }
  if [[ "$KCAT" == yes ]]; then
    KCAT_FILE="$DATA_DIR/seed-$RECORDS.txt"
    [[ -s "$KCAT_FILE" ]] || { log "writing $KCAT_FILE"; python3 "$BENCH_DIR/lib/seed_lines.py" "$RECORDS" "$KCAT_FILE"; }
  fi
  if [[ -n "$TEMPLATE" ]]; then
    # Made fresh by this build (a template may change between builds); one record per line, so only templates whose
    # records hold no line break (all the shipped ones) can be compared this way.
    TEMPLATE_FILE="$OUT/template-$(basename "$TEMPLATE")-100000.txt"
    LOADGEN_APP_DIR="$OUT/app" QUARKUS_HTTP_PORT=0 "$REPO/bin/loadgen" templates --sample 100000 "$TEMPLATE" \
      >"$TEMPLATE_FILE" 2>"$OUT/template-lines.err" || die "loadgen templates --sample failed (see $OUT/template-lines.err)"
  fi
}

# --- one run -----------------------------------------------------------------------------------

OUT=""  # results directory of this invocation

# Prints the command line of contender $1 for output file prefix $2, one argument per line.
contender_cmd() {
  local c="$1" prefix="$2"
  case "$c" in
    A | T | F)
      # --warmup 0: count every record, as perf-test and kcat do. --create-topic false: the topic was just reset.
      # shellcheck disable=SC2086  # LOADGEN_ARGS holds several options: split on purpose
      printf '%s\n' "$REPO/bin/loadgen" run \
        --bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$TOPIC" --records "$RECORDS" \
        --compression "$COMPRESSION" --acks "$ACKS" --linger-ms "$LINGER_MS" --batch-size "$BATCH_SIZE" \
        --warmup 0 --create-topic false --summary-json "$prefix.summary.json" $LOADGEN_ARGS
      [[ "$c" == T ]] && printf '%s\n' --template "$TEMPLATE"
      [[ "$c" == F ]] && printf '%s\n' --payload-file "$TEMPLATE_FILE"
      ;;
    J)
      # What a user typing the jar's path runs: the default java, no JVM options, no start-up cache.
      local jh
      jh="$(contender_java_home J)"
      # shellcheck disable=SC2086  # LOADGEN_ARGS holds several options: split on purpose
      printf '%s\n' "${jh:+$jh/bin/}java" -jar "$APP_JAR" run \
        --bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$TOPIC" --records "$RECORDS" \
        --compression "$COMPRESSION" --acks "$ACKS" --linger-ms "$LINGER_MS" --batch-size "$BATCH_SIZE" \
        --warmup 0 --create-topic false --summary-json "$prefix.summary.json" $LOADGEN_ARGS
      ;;
    B)
      # run-class execs java with KAFKA_RUN_CLASS_OPTS (set below), so /usr/bin/time sees the JVM itself.
      printf '%s\n' "$KAFKA_LOCAL" run-class org.apache.kafka.tools.ProducerPerformance \
        --topic "$TOPIC" --num-records "$RECORDS" --throughput -1 --payload-file "$PERFTEST_FILE" \
        --producer-props bootstrap.servers="127.0.0.1:$KAFKA_PORT" acks="$ACKS" linger.ms="$LINGER_MS" \
        batch.size="$BATCH_SIZE" compression.type="$COMPRESSION"
      ;;
    D)
      # A's command in the image; the summary JSON goes to a directory mounted for it (the container's user is 185).
      # shellcheck disable=SC2086  # LOADGEN_ARGS holds several options: split on purpose
      printf '%s\n' "$DOCKER" run --rm --network host --cgroup-parent "$CGROUP_PARENT" -v "$prefix.d:/out" \
        -e QUARKUS_HTTP_PORT=0 "$IMAGE" run \
        --bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$TOPIC" --records "$RECORDS" \
        --compression "$COMPRESSION" --acks "$ACKS" --linger-ms "$LINGER_MS" --batch-size "$BATCH_SIZE" \
        --warmup 0 --create-topic false --summary-json /out/summary.json $LOADGEN_ARGS
      ;;
    C)
      # librdkafka names: acks, linger.ms, batch.size are the same; -z sets compression.codec; -l reads a file,
      # one message per line. kcat's default acks is all, hence -X acks explicitly.
      printf '%s\n' kcat -P -b "127.0.0.1:$KAFKA_PORT" -t "$TOPIC" -X acks="$ACKS" -X linger.ms="$LINGER_MS" \
        -X batch.size="$BATCH_SIZE" -z "$COMPRESSION" -l "$KCAT_FILE"
      ;;
  esac
}

# JAVA_HOME for contender $1: perf-test's from --perftest-java, otherwise the caller's (empty: java from PATH).
contender_java_home() {
  if [[ ( "$1" == B || "$1" == J ) && -n "$PERFTEST_JAVA" ]]; then
    dirname "$(dirname "$PERFTEST_JAVA")"
  else
    echo "${JAVA_HOME:-}"
  fi
}

# bin/loadgen on a JDK 25+ records a start-up cache on its first run; that run is untimed here, like a user's
# first run after a build, so every timed run starts from the cache.
prime_loadgen() {
  local info
  info="$(LOADGEN_APP_DIR="$OUT/app" LOADGEN_LAUNCHER_INFO=1 "$REPO/bin/loadgen")"
  echo "$info" >"$OUT/loadgen-launcher.txt"
  grep -q '^start-up cache: to be recorded' <<<"$info" || return 0
  log "priming loadgen's start-up cache (one untimed run of $PRIME_RECORDS records)"
  "$KAFKA_LOCAL" reset-topic "$TOPIC" "$PARTITIONS" >/dev/null 2>&1 || die "reset-topic $TOPIC failed"
  # The timed runs' own command (settings, --summary-json), fewer records: a user's first run is the command they
  # run again, and a cache recorded with other settings (lz4 for a run without compression, no JSON report) holds
  # the JIT profiles and classes of code the timed runs do not run.
  local cmd
  mapfile -t cmd < <(RECORDS="$PRIME_RECORDS" contender_cmd A "$OUT/prime")
  LOADGEN_APP_DIR="$OUT/app" QUARKUS_HTTP_PORT=0 timeout --kill-after=10 "$RUN_TIMEOUT" "${cmd[@]}" \
    >"$OUT/prime.out" 2>"$OUT/prime.err" </dev/null || die "the priming run failed (see $OUT/prime.err)"
  LOADGEN_APP_DIR="$OUT/app" LOADGEN_LAUNCHER_INFO=1 "$REPO/bin/loadgen" >"$OUT/loadgen-launcher.txt"
}

# Value of "Label: value" from a /usr/bin/time -v report.
time_field() { sed -n "s/^[[:space:]]*$1: //p" "$2" | head -n1; }

# Runs contender $1 in round $2 and appends one CSV row.
run_one() {
  local c="$1" round="$2" name
  case "$c" in A) name=loadgen ;; B) name=perftest ;; C) name=kcat ;; D) name=image ;; J) name=java-jar ;; T) name=template ;; F) name=template-lines ;; esac
  local prefix="$OUT/r$round-$name"
  local -a cmd
  mapfile -t cmd < <(contender_cmd "$c" "$prefix")

  "$KAFKA_LOCAL" reset-topic "$TOPIC" "$PARTITIONS" >"$prefix.reset.log" 2>&1 \
    || { cat "$prefix.reset.log" >&2; die "reset-topic $TOPIC failed"; }
  printf '%s\n' "${cmd[@]}" >"$prefix.cmd"

  # shellcheck disable=SC2174  # only $prefix.d is new ($OUT exists), and it is the one that needs 0777
  [[ "$c" == D ]] && mkdir -p -m 0777 "$prefix.d"
  wait_for_quiet
  local b0 b1 m0 m1 t0 t1 rc=0 g0="" g1=""
  [[ "$c" == D ]] && g0="$(cgroup_cpu)"
  b0="$(broker_cpu_seconds)"
  m0="$(machine_cpu_seconds)"
  t0="$EPOCHREALTIME"
  # timeout is the direct parent of the contender, so its --kill-after SIGKILL reaches a JVM whose shutdown hangs
  # after SIGTERM (seen: Quarkus failing to start from a half-rebuilt target/ never exits). /usr/bin/time outside
  # it counts the contender's CPU and RSS (timeout itself costs nothing measurable).
  # QUARKUS_HTTP_PORT=0: loadgen's metrics endpoint on a free port, so a loadgen running elsewhere on the machine
  # (port 8080 taken) cannot fail the run.
  KAFKA_RUN_CLASS_OPTS="$PERFTEST_JAVA_OPTS" LOADGEN_APP_DIR="$OUT/app" QUARKUS_HTTP_PORT=0 \
    JAVA_HOME="$(contender_java_home "$c")" \
    /usr/bin/time -v -o "$prefix.time" timeout --kill-after=10 "$RUN_TIMEOUT" "${cmd[@]}" \
    >"$prefix.out" 2>"$prefix.err" </dev/null || rc=$?
  t1="$EPOCHREALTIME"
  m1="$(machine_cpu_seconds)"
  b1="$(broker_cpu_seconds)"
  [[ "$c" == D ]] && g1="$(cgroup_cpu)"

  local wall user sys rss status=OK note="" send_rps="" mibps="" p99="" count="" sent=""
  wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  user="$(time_field 'User time (seconds)' "$prefix.time" 2>/dev/null || true)"
  sys="$(time_field 'System time (seconds)' "$prefix.time" 2>/dev/null || true)"
  rss="$(time_field 'Maximum resident set size (kbytes)' "$prefix.time" 2>/dev/null || true)"
  if [[ "$c" == D ]]; then
    # the container's CPU, not the docker client's; its peak RSS is not measured (the client's would mislead)
    read -r user sys < <(awk -v a="$g0" -v b="$g1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f %.2f\n", y[1] - x[1], y[2] - x[2] }')
    rss=""
    [[ -s "$prefix.d/summary.json" ]] && cp "$prefix.d/summary.json" "$prefix.summary.json"
  fi
  local broker=""
  [[ -n "$b0" && -n "$b1" ]] && broker="$(awk -v a="$b0" -v b="$b1" 'BEGIN { printf "%.2f", b - a }')"
  # Other processes' CPU during the run: machine busy time minus the contender's and the broker's.
  local other
  other="$(awk -v m0="$m0" -v m1="$m1" -v u="${user:-0}" -v s="${sys:-0}" -v b="${broker:-0}" \
    'BEGIN { o = (m1 - m0) - u - s - b; printf "%.2f", (o < 0 ? 0 : o) }')"

  if [[ $rc -ne 0 ]]; then
    status=FAILED
    note="exit $rc$([[ $rc -eq 124 || $rc -eq 137 ]] && echo ", timed out after ${RUN_TIMEOUT}s")"
  fi

  # Records/s while sending, MiB/s and p99 as each tool reports them.
  case "$c" in
    A | D | J | T | F)
      if [[ -s "$prefix.summary.json" ]]; then
        IFS=, read -r send_rps mibps p99 sent < <(python3 - "$prefix.summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
lat = d.get("sendToAckLatencyMs") or {}
print(f'{d["recordsPerSecond"]:.1f},{d["mibPerSecond"]:.2f},{lat.get("p99", "")},{d["records"]["sent"]}')
PY
        ) || true
        [[ "${sent:-}" == "$RECORDS" ]] || { status=FAILED; note="${note:+$note; }summary says ${sent:-?} sent"; }
      else
        status=FAILED; note="${note:+$note; }no summary JSON"
      fi
      ;;
    B)
      # Final line: "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency,
      # P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th." (its MB are MiB: bytes / 1024 / 1024).
      local last
      last="$(grep -E '^[0-9]+ records sent, ' "$prefix.out" | tail -n1 || true)"
      if [[ -n "$last" ]]; then
        send_rps="$(sed -E 's/^[0-9]+ records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$last")"
        mibps="$(sed -E 's/.*\(([0-9.]+) MB\/sec\).*/\1/' <<<"$last")"
        p99="$(sed -E 's/.*, ([0-9.]+) ms 99th,.*/\1/' <<<"$last")"
      else
        status=FAILED; note="${note:+$note; }no final perf-test line"
      fi
      ;;
    C)
      # kcat reports nothing; its process is all sending (C start-up is milliseconds), so use the wall time.
      local bytes
      bytes="$(($(wc -c <"$KCAT_FILE") - RECORDS))"  # minus the newlines
      send_rps="$(awk -v n="$RECORDS" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')"
      mibps="$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.2f", b / w / 1048576 }')"
      grep -q '% ERROR' "$prefix.err" && note="${note:+$note; }errors in kcat output"
      ;;
  esac

  # The topic must hold exactly the requested records: a fast run that lost or duplicated records is no result.
  if count="$("$KAFKA_LOCAL" count "$TOPIC" 2>"$prefix.count.err")"; then
    [[ "$count" == "$RECORDS" ]] || { status=FAILED; note="${note:+$note; }topic has $count records"; }
  else
    count=""; status=FAILED; note="${note:+$note; }count failed"
  fi

  printf '%s,%s,%s,"%s",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$round" "$c" "$status" "$note" "$RECORDS" \
    "$wall" "$user" "$sys" "$rss" "$send_rps" "$mibps" "$p99" "$count" "$broker" "$other" "$rc" >>"$OUT/runs.csv"
  log "round $round $name: $status${note:+ ($note)}, wall ${wall}s, CPU ${user:-?}+${sys:-?}s, send ${send_rps:-?} rec/s"
}

# Settings of this invocation, for results.json (through the environment, so quotes in values are harmless).
write_settings_json() {
  RECORDS="$RECORDS" ROUNDS="$ROUNDS" TOPIC="$TOPIC" PARTITIONS="$PARTITIONS" ACKS="$ACKS" LINGER_MS="$LINGER_MS" \
    BATCH_SIZE="$BATCH_SIZE" COMPRESSION="$COMPRESSION" CONTENDERS="$1" LOADGEN_ARGS="$LOADGEN_ARGS" \
    LOADGEN_JAVA_OPTS="$LOADGEN_JAVA_OPTS" PERFTEST_JAVA_OPTS="$PERFTEST_JAVA_OPTS" PERFTEST_LINES="$PERFTEST_LINES" \
    RUN_TIMEOUT="$RUN_TIMEOUT" NPROC="$(nproc)" JAVA_VERSION="$(JAVA_HOME="$(contender_java_home B)" perftest_java_version)" \
    LOADGEN_LAUNCHER="$(paste -sd';' "$OUT/loadgen-launcher.txt")" \
    KCAT_VERSION="$(if [[ "$KCAT" == yes ]]; then kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*\(librdkafka [^ ]*\).*/\1 (\2)/p'; fi)" \
    GIT_COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || true)" \
    GIT_DIRTY="$(git -C "$REPO" status --porcelain -- src pom.xml 2>/dev/null | wc -l)" \
    python3 - "$OUT/settings.json" <<'PY'
import json, os, sys
e = os.environ
ints = ("RECORDS", "ROUNDS", "PARTITIONS", "LINGER_MS", "BATCH_SIZE", "PERFTEST_LINES", "RUN_TIMEOUT", "NPROC", "GIT_DIRTY")
keys = ints + ("TOPIC", "ACKS", "COMPRESSION", "CONTENDERS", "LOADGEN_ARGS", "LOADGEN_JAVA_OPTS", "PERFTEST_JAVA_OPTS",
               "JAVA_VERSION", "LOADGEN_LAUNCHER", "KCAT_VERSION", "GIT_COMMIT")
json.dump({k.lower(): int(e[k]) if k in ints else e[k] for k in keys}, open(sys.argv[1], "w"), indent=2)
PY
}

# --- main --------------------------------------------------------------------------------------

# --suite: this script twice, short then long, into one directory, and one table of both.
suite() {
  local root stamp rc=0 args=()
  # Every setting of this invocation goes to both halves; only the record count and rounds differ.
  args=(--kcat "$KCAT" --image "$IMAGE" --compression "$COMPRESSION" --partitions "$PARTITIONS" --acks "$ACKS"
    --linger-ms "$LINGER_MS" --batch-size "$BATCH_SIZE" --topic "$TOPIC" --quiet-wait "$QUIET_WAIT")
  [[ -n "$PERFTEST_JAVA" ]] && args+=(--perftest-java "$PERFTEST_JAVA")
  [[ "$BUILD" == no ]] && args+=(--no-build)
  stamp="$(date +%Y%m%d-%H%M%S)"
  root="$RESULTS_ROOT/suite-$stamp"
  mkdir -p "$root"
  # One broker for both halves (each half would otherwise start and stop its own); cleanup() stops it.
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ensure_broker
  BENCH_RESULTS_DIR="$root" BENCH_JAVA_JAR=yes "$0" "${args[@]}" --records 2000000 --rounds "$SUITE_SHORT_ROUNDS" \
    || rc=1
  BENCH_RESULTS_DIR="$root" BENCH_JAVA_JAR=yes "$0" "${args[@]}" --no-build --records 20000000 \
    --rounds "$SUITE_LONG_ROUNDS" || rc=1
  local short=() long=()
  shopt -s nullglob
  short=("$root"/*-"$COMPRESSION"-2000000/results.json)
  long=("$root"/*-"$COMPRESSION"-20000000/results.json)
  shopt -u nullglob
  if [[ ${#short[@]} -ne 1 || ${#long[@]} -ne 1 ]]; then
    log "the suite did not complete both comparisons (see $root); no table"
    return 1
  fi
  python3 "$BENCH_DIR/lib/table.py" "${short[0]}" "${long[0]}" | tee "$root/table.md"
  if [[ "$WRITE_DOCS" == 1 ]]; then
    if [[ $rc -ne 0 ]]; then
      log "a run failed: README.md and docs/performance.md left as they were"
    else
      python3 "$BENCH_DIR/lib/table.py" --replace "$root/table.md" "$REPO/README.md" "$REPO/docs/performance.md" \
        && log "README.md, docs/performance.md: table replaced"
    fi
  fi
  echo "suite results: $root (table.md; the two comparisons in its subdirectories)"
  return $rc
}

main() {
  parse_args "$@"
  if [[ "$SUITE" == 1 ]]; then suite; return; fi
  require_tools
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  build_if_needed
  OUT="$RESULTS_ROOT/$(date +%Y%m%d-%H%M%S)-$COMPRESSION-$RECORDS"
  mkdir -p "$OUT"
  snapshot_app
  ensure_broker
  make_payload_files
  prime_loadgen

  echo "round,contender,status,note,records,wall_s,user_s,sys_s,max_rss_kb,send_rps,mibps,p99_ms,topic_count,broker_cpu_s,other_cpu_s,exit_code" >"$OUT/runs.csv"

  local contenders=(A B)
  [[ "$KCAT" == yes ]] && contenders+=(C)
  [[ "$IMAGE" != no ]] && contenders+=(D)
  [[ "$JAVA_JAR" == yes ]] && contenders+=(J)
  [[ -n "$TEMPLATE" ]] && contenders+=(T F)
  local k=${#contenders[@]}

  write_settings_json "${contenders[*]}"
  # loadgen's own producer defaults beyond the four shared settings (application.properties), so the table says
  # where loadgen differs from perf-test's client defaults.
  local own_defaults
  own_defaults="$(sed -n 's/^kafka\.\([a-z.]*\)=\(.*\)/\1=\2/p' "$REPO/src/main/resources/application.properties" \
    | grep -Ev '^(bootstrap\.servers|client\.id|acks|linger\.ms|batch\.size|compression\.type)=' | paste -sd' ')"

  cat <<EOF | tee "$OUT/summary.txt"
== Settings ==
records $RECORDS x $ROUNDS rounds; topic '$TOPIC' reset to $PARTITIONS partitions before every run; broker 127.0.0.1:$KAFKA_PORT (pid ${BROKER_PID:-?})
producer settings (all contenders): acks=$ACKS linger.ms=$LINGER_MS batch.size=$BATCH_SIZE compression=$COMPRESSION
A loadgen:   $(head -n1 "$OUT/app-version.txt"): bin/loadgen run ... --warmup 0${LOADGEN_ARGS:+ $LOADGEN_ARGS} (seed payload; its own defaults otherwise: ${own_defaults:-none})
             $(paste -sd';' "$OUT/loadgen-launcher.txt" | sed 's/;/; /g')
B perf-test: ProducerPerformance --throughput -1 --payload-file $(basename "$PERFTEST_FILE") ($PERFTEST_LINES distinct seed lines)
             java: $(JAVA_HOME="$(contender_java_home B)" perftest_java_version); options: $PERFTEST_JAVA_OPTS
$(if [[ "$JAVA_JAR" == yes ]]; then echo "J java -jar: $(JAVA_HOME="$(contender_java_home J)" perftest_java_version), no options, no start-up cache: java -jar quarkus-run.jar run ... (A's options)"; fi)
$(if [[ "$IMAGE" != no ]]; then echo "D image:     docker run --network host $IMAGE ($("$DOCKER" image inspect --format '{{slice .Id 7 19}}, built {{.Created}}' "$IMAGE")): A's options; CPU from cgroup $CGROUP_PARENT"; fi)
$(if [[ -n "$TEMPLATE" ]]; then echo "T template:  A's command with --template $TEMPLATE"; echo "F lines:     A's command with --payload-file $(basename "$TEMPLATE_FILE") (100,000 records of T's template, made beforehand)"; fi)
$(if [[ "$KCAT" == yes ]]; then echo "C kcat:      $(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*\(librdkafka [^ ]*\).*/\1 (\2)/p'); -l $(basename "$KCAT_FILE") ($RECORDS seed lines)"; fi)
order: rotates each round (A B C, B C A, ...) so no contender always runs first after a reset; results in $OUT
EOF

  local round i
  for ((round = 1; round <= ROUNDS; round++)); do
    for ((i = 0; i < k; i++)); do
      run_one "${contenders[$(((round - 1 + i) % k))]}" "$round"
    done
  done

  local rc=0
  # pipefail: the report's exit status (1 if any run failed) survives the tee.
  python3 "$BENCH_DIR/lib/report.py" "$OUT/runs.csv" "$OUT/settings.json" "$OUT/results.json" | tee -a "$OUT/summary.txt" \
    || rc=1
  echo "raw results: $OUT/{runs.csv,results.json,summary.txt}"
  return $rc
}

main "$@"
