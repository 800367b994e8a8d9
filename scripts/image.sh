#!/usr/bin/env bash
# Builds the kafka-loadgen JVM image (src/main/docker/Dockerfile.jvm) on any machine with Docker and tags it
# kafka-loadgen:jvm and kafka-loadgen:latest (the tag the Kubernetes manifests use).
#
#   scripts/image.sh                 build (from source, inside Docker: no JDK or Maven needed on this machine)
#   scripts/image.sh --base-only     only make sure the base image (debian:trixie-slim) exists
#   scripts/image.sh -t my/reg:1.0   add a tag (repeatable)
#
# The base image is pulled when a registry answers. Where none does (an air-gapped machine), it is made here:
# debootstrap of Debian trixie (minbase) from the mirror apt already uses, imported under the public image's name,
# and cached in ~/.cache/kafka-loadgen/ so the next build skips it. That needs root and debootstrap.
#
# Builds run with --network host: on a daemon without a bridge network (dockerd --bridge=none) it is the only
# network a build step has, and elsewhere it changes nothing the image contains.
#
# The build stage also trusts the machine's extra CA certificates (/usr/local/share/ca-certificates, or
# EXTRA_CA_CERTS_DIR), for a TLS-inspecting proxy in front of Maven Central; they do not reach the image.
#
# Environment: DOCKER (the docker client; default: Debian's /usr/bin/docker when present, since it builds with
# BuildKit, else docker on the PATH), DEBIAN_MIRROR (default: the machine's apt mirror, else deb.debian.org),
# LOADGEN_IMAGE_CACHE (default ~/.cache/kafka-loadgen).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKERFILE=src/main/docker/Dockerfile.jvm
BASE=debian:trixie-slim
SUITE=trixie
tags=(kafka-loadgen:jvm kafka-loadgen:latest)
base_only=no

usage() { sed -n '2,21s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--tag) [ $# -ge 2 ] || { echo "image.sh: $1 needs a tag, e.g. $1 registry.example.com/kafka-loadgen:1.0" >&2; exit 2; }
              tags+=("$2"); shift 2 ;;
    --base-only) base_only=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "image.sh: unknown argument '$1' (accepts --tag TAG, --base-only, --help)" >&2; exit 2 ;;
  esac
done

if [ -n "${DOCKER:-}" ]; then docker=$DOCKER
elif [ -x /usr/bin/docker ]; then docker=/usr/bin/docker
else docker=docker; fi
if ! "$docker" info >/dev/null 2>&1; then
  echo "image.sh: no Docker daemon answers '$docker info' (start it; as root here: dockerd --bridge=none --iptables=false --ip-masq=false)" >&2
  exit 2
fi

cache=${LOADGEN_IMAGE_CACHE:-$HOME/.cache/kafka-loadgen}

apt_mirror() {
  local m
  m=$(grep -hs -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$m" ] || m=$(grep -hs -E '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
                      | awk '{print $2}' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

make_base_locally() {
  local tarball="$cache/$SUITE-minbase.tar"
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { echo "image.sh: no registry answered for $BASE and debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
    [ "$(id -u)" -eq 0 ] || { echo "image.sh: no registry answered for $BASE; making it with debootstrap needs root" >&2; exit 1; }
    local mirror dir
    mirror=${DEBIAN_MIRROR:-$(apt_mirror)}
    dir=$(mktemp -d)
    if ! debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1; then
      echo "image.sh: debootstrap of $SUITE from $mirror failed; last lines of $dir.log:" >&2
      tail -n 5 "$dir.log" >&2
      rm -rf "$dir"
      exit 1
    fi
    mkdir -p "$cache"
    rm -rf "$dir/var/cache/apt/archives/"*.deb "$dir/var/lib/apt/lists/"*_Packages
    tar -C "$dir" -c . >"$tarball.tmp" && mv "$tarball.tmp" "$tarball"
    rm -rf "$dir" "$dir.log"
  fi
  "$docker" import "$tarball" "$BASE" >/dev/null
}

if "$docker" image inspect "$BASE" >/dev/null 2>&1; then
  :
elif timeout 60 "$docker" pull -q "$BASE" >/dev/null 2>&1; then
  echo "image.sh: pulled $BASE"
else
  start=$SECONDS
  make_base_locally
  echo "image.sh: no registry answered for $BASE; made it here with debootstrap ($SUITE, minbase) and docker import ($((SECONDS - start)) s; cached in $cache)"
fi
[ "$base_only" = yes ] && exit 0

args=()
for t in "${tags[@]}"; do args+=(-t "$t"); done
# A machine behind a TLS-inspecting proxy trusts its CA in /usr/local/share/ca-certificates; the build stage needs
# it too, to reach Maven Central. Passed as a build secret: it stays out of the image and its history.
ca_dir=${EXTRA_CA_CERTS_DIR:-/usr/local/share/ca-certificates}
mapfile -t cas < <(find "$ca_dir" -name '*.crt' -type f 2>/dev/null | sort)
if [ ${#cas[@]} -gt 0 ]; then
  bundle=$(mktemp)
  trap 'rm -f "$bundle"' EXIT
  cat "${cas[@]}" >"$bundle"
  args+=(--secret "id=extra-ca,src=$bundle")
  echo "image.sh: the build stage trusts this machine's extra CA certificates (${#cas[@]} in $ca_dir)"
fi
start=$SECONDS
DOCKER_BUILDKIT=1 "$docker" build --network host -f "$DOCKERFILE" "${args[@]}" .
echo "image.sh: built ${tags[*]} in $((SECONDS - start)) s"
