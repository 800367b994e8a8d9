#!/usr/bin/env bash
# JMH benchmark of the payload path (issue 3, item 3): ns per record and bytes allocated per record for each
# generator (seed, fixed, file lines) and key strategy, from the app's current sources (bench/jmh/pom.xml
# compiles src/main/java/io/loadgen/{payload,spec} directly; the Quarkus app is not built).
#
# Usage: bench/jmh.sh [--no-build] [JMH ARGS...]
#   default JMH args: -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc   (short; pass your own to override, e.g. -f 3 -i 10)
#   a regex selects benchmarks, e.g. bench/jmh.sh seedValue
# Prints ns/op and gc.alloc.rate.norm (B/op) per benchmark; the JMH JSON goes to bench/results/jmh-<stamp>.json.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
JMH_DIR="$BENCH_DIR/jmh"
JAR="$JMH_DIR/target/benchmarks.jar"

build=1
if [[ "${1:-}" == "--no-build" ]]; then build=0; shift; fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

if [[ $build == 1 ]]; then
  echo "jmh.sh: building bench/jmh (./mvnw -B -q -f bench/jmh/pom.xml package)" >&2
  "$REPO/mvnw" -B -q -f "$JMH_DIR/pom.xml" package
fi
[[ -f "$JAR" ]] || { echo "jmh.sh: $JAR missing (run without --no-build)" >&2; exit 2; }

args=("$@")
# Defaults only when no options are given (a lone benchmark regex keeps the defaults).
if [[ ${#args[@]} -eq 0 || ( ${#args[@]} -eq 1 && "${args[0]}" != -* ) ]]; then
  args=(-f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc "${args[@]}")
fi

mkdir -p "$BENCH_DIR/results"
out="$BENCH_DIR/results/jmh-$(date +%Y%m%d-%H%M%S).json"
# timeout: a wrong argument (e.g. huge iteration counts) must not run for hours.
timeout --kill-after=10 "${JMH_TIMEOUT:-1800}" java -jar "$JAR" "${args[@]}" -rf json -rff "$out" >"$out.log" 2>&1 \
  || { tail -n 30 "$out.log" >&2; echo "jmh.sh: JMH failed, full log: $out.log" >&2; exit 1; }

python3 - "$out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print(f"{'benchmark':<28} {'ns/op':>10} {'± error':>9} {'B/op (gc.alloc.rate.norm)':>27}")
for r in rows:
    name = r["benchmark"].rsplit(".", 1)[-1]
    params = r.get("params") or {}
    if params:
        name += "(" + ",".join(f"{k}={v}" for k, v in params.items()) + ")"
    pm = r["primaryMetric"]
    norm = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
    alloc = f"{norm['score']:.3f}" if norm else "-"
    print(f"{name:<28} {pm['score']:>10.2f} {pm['scoreError']:>9.2f} {alloc:>27}")
jvm = rows[0]["jvm"] + " " + rows[0].get("vmVersion", "") if rows else ""
print(f"\n{jvm}; JMH {rows[0].get('jmhVersion', '?') if rows else '?'}; forks {rows[0]['forks'] if rows else '?'}, "
      f"warmup {rows[0]['warmupIterations']}x{rows[0]['warmupTime']}, measure {rows[0]['measurementIterations']}x{rows[0]['measurementTime']}")
PY
echo "raw: $out (log: $out.log)"
