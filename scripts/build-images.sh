#!/usr/bin/env bash
# Builds the base images Prescal's tests and compose file need, from Debian packages and the local
# JDK, because no container registry is reachable on the machines we build on:
#
#   prescal/base:bookworm   Debian bookworm minbase (debootstrap), imported
#   prescal/jre:25          the base plus a jlink'd JRE of the local JDK 25 at /opt/java
#   prescal/jdk:25          the base plus the whole local JDK 25 at /opt/java (for image builds)
#   prescal/redis:7         the base plus Debian's redis-server
#
# Idempotent: an image that exists is kept (pass --force to rebuild). The rootfs is cached in
# $PRESCAL_CACHE (default /var/cache/prescal), so a rebuild takes seconds.
#
# Use the images by exporting what `scripts/build-images.sh --print-env` prints:
#   PRESCAL_JRE_IMAGE=prescal/jre:25 PRESCAL_JDK_IMAGE=prescal/jdk:25 PRESCAL_REDIS_IMAGE=prescal/redis:7
set -euo pipefail

BASE_IMAGE=prescal/base:bookworm
JRE_IMAGE=prescal/jre:25
JDK_IMAGE=prescal/jdk:25
REDIS_IMAGE=prescal/redis:7
CACHE=${PRESCAL_CACHE:-/var/cache/prescal}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
FORCE=false

# Modules a Spring Boot + Vaadin app, Netty with epoll, Lettuce and docker-java need at run time.
JRE_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,\
java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.ec,\
jdk.httpserver,jdk.jcmd,jdk.jfr,jdk.localedata,jdk.management,jdk.management.agent,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

log() { printf 'build-images: %s\n' "$*" >&2; }
die() { printf 'build-images: %s\n' "$*" >&2; exit 1; }

for arg in "$@"; do
  case "$arg" in
    --force) FORCE=true ;;
    --print-env) echo "PRESCAL_JRE_IMAGE=$JRE_IMAGE PRESCAL_JDK_IMAGE=$JDK_IMAGE PRESCAL_REDIS_IMAGE=$REDIS_IMAGE"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg (expected: --force, --print-env or --help)" ;;
  esac
done

docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd, or see README: Troubleshooting)"
[ "$(id -u)" = 0 ] || die "debootstrap and chroot need root: run as root (CI does)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"

have() { [ "$FORCE" = false ] && docker image inspect "$1" >/dev/null 2>&1; }

find_jdk() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] \
      && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

rootfs() {
  local dir=$CACHE/rootfs-bookworm
  if [ ! -f "$dir/.complete" ]; then
    log "debootstrap bookworm minbase into $dir (about 30 s)"
    rm -rf "$dir"; mkdir -p "$CACHE"
    debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
      || die "debootstrap failed; see $CACHE/debootstrap.log"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    touch "$dir/.complete"
  fi
  echo "$dir"
}

import_dir() { # dir image
  tar --exclude=./.complete -C "$1" -c . | docker import \
    -c 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' - "$2" >/dev/null
}

if have "$BASE_IMAGE"; then log "$BASE_IMAGE present"; else
  log "importing $BASE_IMAGE"; import_dir "$(rootfs)" "$BASE_IMAGE"
fi

if have "$JRE_IMAGE"; then log "$JRE_IMAGE present"; else
  jdk=$(find_jdk) || die "no JDK 25 with jlink found: install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 or set JAVA_HOME"
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  log "jlink a JRE from $jdk"
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$work/java"
  cat >"$work/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE
COPY java /opt/java
ENV JAVA_HOME=/opt/java
RUN java -version
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$JRE_IMAGE" "$work" >/dev/null
  rm -rf "$work"; trap - EXIT
fi

if have "$JDK_IMAGE"; then log "$JDK_IMAGE present"; else
  jdk=$(find_jdk) || die "no JDK 25 found: install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 or set JAVA_HOME"
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  log "copying the JDK $jdk into $JDK_IMAGE"
  cp -a "$jdk" "$work/java"
  cat >"$work/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE
COPY java /opt/java
ENV JAVA_HOME=/opt/java
RUN java -version && javac -version
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$JDK_IMAGE" "$work" >/dev/null
  rm -rf "$work"; trap - EXIT
fi

if have "$REDIS_IMAGE"; then log "$REDIS_IMAGE present"; else
  base=$(rootfs); dir=$CACHE/rootfs-redis
  log "installing redis-server into a copy of the rootfs"
  rm -rf "$dir"; cp -a "$base" "$dir"
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  chroot "$dir" apt-get update -qq >"$CACHE/redis-apt.log" 2>&1 \
    && chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >>"$CACHE/redis-apt.log" 2>&1 \
    || die "apt-get install redis-server in the rootfs failed; see $CACHE/redis-apt.log"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar --exclude=./.complete -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'EXPOSE 6379' \
    -c 'CMD ["redis-server", "--protected-mode", "no", "--bind", "0.0.0.0"]' - "$REDIS_IMAGE" >/dev/null
  rm -rf "$dir"
fi

log "ready: $BASE_IMAGE $JRE_IMAGE $JDK_IMAGE $REDIS_IMAGE"
