#!/usr/bin/env bash
# Makes a Docker daemon answer, for the image tests: installs Debian's docker.io (its client builds with BuildKit;
# the static client some machines put first on the PATH cannot) and debootstrap (scripts/image.sh makes the base
# image with it where no registry answers), then starts the daemon unless one runs.
#
# The daemon has no bridge network and touches no iptables: every build and container uses --network host, and all
# traffic stays on 127.0.0.1 (these machines must not reach private-range addresses, where a bridge would live).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "docker.sh: need root or sudo to run: $*" >&2; return 1; fi
}

missing=()
[ -x /usr/bin/docker ] && [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  echo "docker.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if /usr/bin/docker info >/dev/null 2>&1; then
  echo "docker.sh: a daemon answers ($(/usr/bin/docker info --format '{{.ServerVersion}}'))"
else
  log=${TMPDIR:-/tmp}/loadgen-dockerd.log
  echo "docker.sh: starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $log)"
  as_root bash -c "nohup /usr/sbin/dockerd --bridge=none --iptables=false --ip-masq=false >'$log' 2>&1 &"
  for _ in $(seq 1 120); do
    /usr/bin/docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! /usr/bin/docker info >/dev/null 2>&1; then
    echo "docker.sh: dockerd did not answer within 60 s; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
fi
if ip link show docker0 >/dev/null 2>&1; then
  echo "docker.sh: a docker0 bridge exists; this machine's daemon must run with --bridge=none" >&2
  exit 1
fi
