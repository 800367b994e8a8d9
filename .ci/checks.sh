#!/usr/bin/env bash
# CI checks of the container and deployment files and of the shell scripts, none of which needs a Docker engine or
# a GraalVM:
#   compose      docker-compose.yml parses and validates (Debian's docker-compose 1.29.2, `config -q`), and the
#                lab's Prometheus configuration too (promtool from Debian's prometheus package, not installed, unpacked)
#   dockerfiles  every Dockerfile lints cleanly (npm dockerfilelint 1.8.0; its exit code is the number of issues)
#   native       the native build's augmentation (-Dquarkus.native.sources-only=true) succeeds, and its generated
#                reflection configuration covers what Jackson and picocli reflect on (NativeReflectionConfigTest)
#   shell        every tracked shell script (a *.sh file, or a file whose first line is an sh/bash shebang) passes
#                `shellcheck -x` (Debian's shellcheck) with no finding at all; an intended warning is disabled in
#                the script with a `# shellcheck disable=SCnnnn  # reason` directive
#
#   .ci/checks.sh                 all four
#   .ci/checks.sh compose native  some of them
#
# It installs what it needs: docker-compose and shellcheck with apt-get (as root, or with sudo); dockerfilelint
# with npm, and promtool unpacked from its .deb, into .ci/cache/ (git-ignored). The native check builds a copy of
# the project in target/native-check/, so it never touches target/quarkus-app of the main build. Every check runs;
# the exit code is 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD

DOCKERFILELINT_VERSION=1.8.0
CACHE_DIR=.ci/cache
NODE_DIR=$CACHE_DIR/node
NATIVE_DIR=target/native-check

checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(compose dockerfiles native shell)
failed=()

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "checks: need root or sudo to run: $*" >&2; return 1; fi
}

run_check() { # name function
  local name=$1 start=$SECONDS
  echo "=== check $name"
  if "$2"; then
    echo "=== check $name: OK ($((SECONDS - start)) s)"
  else
    echo "=== check $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

apt_install() { # package: install it, refreshing the package lists once if needed
  as_root apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1 \
    || { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "$1" >/dev/null; }
}

promtool() { # promtool from Debian's prometheus package, unpacked into the cache (the daemon is not installed)
  local bin=$CACHE_DIR/prometheus/usr/bin/promtool
  if [ ! -x "$bin" ]; then
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && { apt-get download prometheus >/dev/null 2>&1 || { as_root apt-get update -qq && apt-get download prometheus >/dev/null; }; }) \
      && mkdir -p "$CACHE_DIR/prometheus" && dpkg -x "$tmp"/prometheus_*.deb "$CACHE_DIR/prometheus"
    rm -rf "$tmp"
  fi
  "$bin" "$@"
}

check_compose() {
  command -v docker-compose >/dev/null || apt_install docker-compose || return 1
  echo "docker-compose $(docker-compose version --short)"
  local ok=0
  if docker-compose -f docker-compose.yml config -q; then echo "docker-compose.yml: valid"; else ok=1; fi
  promtool check config compose/prometheus.yml || ok=1
  return $ok
}

check_dockerfiles() {
  local lint="$NODE_DIR/node_modules/.bin/dockerfilelint"
  if [ "$("$lint" --version 2>/dev/null)" != "$DOCKERFILELINT_VERSION" ]; then
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error "dockerfilelint@$DOCKERFILELINT_VERSION" >/dev/null || return 1
  fi
  local f ok=0 files=(Dockerfile* src/main/docker/Dockerfile*)
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    "$lint" "$f" || ok=1
  done
  return $ok
}

check_native() {
  rm -rf "$NATIVE_DIR" && mkdir -p "$NATIVE_DIR" || return 1
  cp -R pom.xml mvnw .mvn src "$NATIVE_DIR"/ || return 1
  (
    cd "$NATIVE_DIR" || exit 1
    ./mvnw -B -q package -DskipTests -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true || exit 1
    echo "native sources: $(cd target/native-sources && echo *)"
    ./mvnw -B test -Dtest=NativeReflectionConfigTest \
      -Dnative.sources="$ROOT/$NATIVE_DIR/target/native-sources" >native-check-test.log 2>&1
    status=$?
    grep -E 'Tests run:.*in io|Expecting|BUILD' native-check-test.log | sort -u
    [ $status -eq 0 ] || { echo "(full log: $NATIVE_DIR/native-check-test.log)"; exit 1; }
    # A run that skipped the test would prove nothing.
    grep -q 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0' native-check-test.log
  )
}

shell_scripts() { # the tracked shell scripts, one a line: *.sh, and any file whose shebang runs sh or bash
  local f first
  git ls-files -z | while IFS= read -r -d '' f; do
    [ -f "$f" ] || continue
    case "$f" in *.sh) echo "$f"; continue ;; esac
    first=""
    IFS= read -r first <"$f" 2>/dev/null || [ -n "$first" ] || continue
    if [[ "$first" =~ ^\#\![[:space:]]*(/usr)?/bin/(env[[:space:]]+)?(ba|da|k)?sh([[:space:]]|$) ]]; then echo "$f"; fi
  done
}

check_shell() {
  command -v shellcheck >/dev/null || apt_install shellcheck || return 1
  echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p')"
  local scripts
  mapfile -t scripts < <(shell_scripts)
  # Finding none would prove nothing (not a git checkout, or the discovery broke).
  [ ${#scripts[@]} -gt 0 ] || { echo "no shell scripts found (is this a git checkout?)"; return 1; }
  echo "${#scripts[@]} scripts: ${scripts[*]}"
  shellcheck -x "${scripts[@]}"
}

for c in "${checks[@]}"; do
  case "$c" in
    compose) run_check compose check_compose ;;
    dockerfiles) run_check dockerfiles check_dockerfiles ;;
    native) run_check native check_native ;;
    shell) run_check shell check_shell ;;
    *) echo "checks: unknown check '$c' (compose, dockerfiles, native, shell)" >&2; exit 2 ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "checks failed: ${failed[*]}"
  exit 1
fi
echo "checks passed: ${checks[*]}"
