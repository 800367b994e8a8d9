#!/usr/bin/env bash
# Where does a loadgen run's CPU go? Runs bin/loadgen once under async-profiler (from Maven Central,
# tools.profiler:async-profiler) against the local broker and prints the CPU by category: JIT, GC, start-up,
# record generation, the client's send()/append, compression, the I/O thread, our counters (lib/profile_summary.py).
#
#   bench/profile.sh                          # 2,000,000 records, lz4
#   bench/profile.sh --records 4m --compression none
#   PROFILE_EVENT=cpu bench/profile.sh        # perf_events where the kernel allows it (default: ctimer)
#
# Arguments go to 'loadgen run'. Writes bench/results/profile-<stamp>/{profile.collapsed,summary.txt,run.out};
# feed profile.collapsed to any flame graph tool. Uses the broker of scripts/kafka-local.sh (started if needed,
# then stopped again) and resets the topic 'logs' first.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
KAFKA_LOCAL="$REPO/scripts/kafka-local.sh"
AP_VERSION="${ASYNC_PROFILER_VERSION:-4.1}"
AP_HOME="${ASYNC_PROFILER_HOME:-$HOME/.cache/kafka-loadgen/async-profiler-$AP_VERSION}"
EVENT="${PROFILE_EVENT:-ctimer}"   # ctimer: per-thread CPU timers, works in containers without perf_events
INTERVAL="${PROFILE_INTERVAL:-1ms}"
TOPIC=logs

die() { echo "profile.sh: ERROR: $*" >&2; exit 2; }
log() { echo "profile.sh: $*" >&2; }

[[ "$(uname -m)" == x86_64 ]] || die "this script uses async-profiler's linux-x64 library"
lib="$AP_HOME/linux-x64/libasyncProfiler.so"
if [[ ! -f "$lib" ]]; then
  log "fetching tools.profiler:async-profiler:$AP_VERSION from Maven Central"
  (cd "$REPO" && ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION") \
    || die "could not fetch async-profiler $AP_VERSION"
  mkdir -p "$AP_HOME"
  (cd "$AP_HOME" && unzip -q -o "$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi
[[ -f "$REPO/target/quarkus-app/quarkus-run.jar" ]] || (cd "$REPO" && ./mvnw -B -q package -DskipTests)

started=0
if ! "$KAFKA_LOCAL" status >/dev/null 2>&1; then
  log "starting the local broker"; "$KAFKA_LOCAL" start >/dev/null; started=1
fi
trap '[[ $started == 1 ]] && "$KAFKA_LOCAL" stop >/dev/null 2>&1 || true' EXIT

out="$REPO/bench/results/profile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
port="${KAFKA_PORT:-9092}"
# 2,000,000 records unless the arguments say otherwise (picocli refuses an option given twice).
records=(--records 2000000)
for a in "$@"; do case "$a" in --records | --records=* | --duration | --duration=*) records=() ;; esac; done
args=(run --bootstrap-servers "127.0.0.1:$port" --topic "$TOPIC" "${records[@]}" --warmup 0 "$@")

# A first run on a JDK 25 records bin/loadgen's start-up cache; profile a run that starts from it, as users' do.
if LOADGEN_LAUNCHER_INFO=1 "$REPO/bin/loadgen" | grep -q '^start-up cache: to be recorded'; then
  log "priming bin/loadgen's start-up cache (one run of 200000 records, not profiled)"
  "$KAFKA_LOCAL" reset-topic "$TOPIC" >/dev/null 2>&1
  QUARKUS_HTTP_PORT=0 "$REPO/bin/loadgen" run --bootstrap-servers "127.0.0.1:$port" --topic "$TOPIC" \
    --records 200000 >/dev/null 2>"$out/prime.err" || die "priming run failed (see $out/prime.err)"
fi
"$KAFKA_LOCAL" reset-topic "$TOPIC" >/dev/null 2>&1
log "profiling: bin/loadgen ${args[*]}"
QUARKUS_HTTP_PORT=0 LOADGEN_PROFILER_OPTS="-agentpath:$lib=start,event=$EVENT,interval=$INTERVAL,file=$out/profile.collapsed,collapsed" \
  /usr/bin/time -f 'process: %e s wall, %U s user, %S s sys, %M KiB peak RSS' "$REPO/bin/loadgen" "${args[@]}" \
  >"$out/run.out" 2>"$out/run.err" || { tail -5 "$out/run.err" >&2; die "the profiled run failed"; }
{
  grep -E '^(records sent|throughput)' "$out/run.out" || true
  tail -n1 "$out/run.err"
  echo
  python3 "$BENCH_DIR/lib/profile_summary.py" "$out/profile.collapsed"
} | tee "$out/summary.txt"
echo "raw: $out/profile.collapsed"
