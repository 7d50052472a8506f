#!/usr/bin/env bash
# The demo backend's start with and without its AOT cache (issue 17, item 4). Not a test: prints
# figures. Seconds from launching `serve` to its first 200 on /ready, polled every 10 ms on
# 127.0.0.1:
#   1. a process: java -jar prescal-traffic.jar serve (the process provider's way), before: no
#      cache; after: the cache, built first by prescal-traffic/aot-cache.sh with the same JVM
#      options (JAVA_OPTS)
#   2. a container of the demo image (docker run -d -p 127.0.0.1:PORT:8080, the Docker provider's
#      way), built from prescal-traffic/Dockerfile. before: the image as it was (no cache, through
#      JDK_JAVA_OPTIONS=-XX:AOTMode=off, and its JVM options then: C1 and C2); cache-c2: a cache
#      trained and run with those JVM options; after: the image as it is (the cache, C1 only)
# each one at a time and then COUNT at once (a scale-out on 2 cores), the variants alternating
# (each round starts with the next one), ROUNDS rounds; medians and their ratio to before. Also the
# CPU time each JVM had used when it first answered 200 (less bound to what else runs than seconds).
#
#   bench/backend-start.sh                         # ROUNDS=5 COUNT=5, containers when an engine answers
#   ROUNDS=7 COUNT=3 bench/backend-start.sh
#   JAVA_OPTS="-Xmx64m -XX:TieredStopAtLevel=1" bench/backend-start.sh   # ./prescal up's process options
#   SKIP_DOCKER=1 bench/backend-start.sh
#
# Needs: python3, a JDK 25 (JAVA_HOME), the jar (./mvnw -pl prescal-traffic -am package
# -DskipTests) and, for containers, a local JRE 25 image (PRESCAL_JRE_IMAGE, default prescal/jre:25)
# to build prescal/demo-backend:bench-start on. On a shared 2-core machine read the ratios, not the
# absolute seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
COUNT=${COUNT:-5}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
read -r -a JAVA_OPTS <<<"${JAVA_OPTS:-}"
JAR=prescal-traffic/target/prescal-traffic.jar
IMAGE=prescal/demo-backend:bench-start
OWNER=prescal-bench-start-$$
# The demo image's JVM options before the cache (C1 and C2); now it adds -XX:TieredStopAtLevel=1.
BEFORE_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=50"
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -pl prescal-traffic -am package -DskipTests"; exit 1; }
DOCKER=$([ -z "${SKIP_DOCKER:-}" ] && docker info >/dev/null 2>&1 && echo 1 || echo "")
probe() { python3 bench/backend_start_probe.py "$@"; }
WORK=$(mktemp -d)
remove_containers() {
  [ -n "$DOCKER" ] || return 0
  left=$(docker ps -aq --filter "label=io.prescal.owner=$OWNER"); [ -z "$left" ] || docker rm -f $left >/dev/null
}
cleanup() {
  remove_containers
  [ -z "$DOCKER" ] || docker rmi "$IMAGE-c2" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
echo "building the process's AOT cache (JVM options: ${JAVA_OPTS[*]:-none})"
CACHE_OPT=$(JAVA=$JAVA prescal-traffic/aot-cache.sh "$JAR" "$WORK/serve.aot" "${JAVA_OPTS[@]}")
[ -n "$CACHE_OPT" ] || { echo "this JVM writes no AOT cache: nothing to compare"; exit 1; }
if [ -n "$DOCKER" ]; then
  jre=${PRESCAL_JRE_IMAGE:-prescal/jre:25}
  echo "building $IMAGE on $jre (the training run is timed in the build output)"
  started=$(date +%s)
  DOCKER_BUILDKIT=0 docker build --build-arg JRE_IMAGE="$jre" -t "$IMAGE" prescal-traffic 2>&1 \
    | grep 'aot-cache:' || true
  echo "image built in $(( $(date +%s) - started )) s"
  # The cache alone: the same image with the JVM options it had before (C1 and C2), retrained.
  DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE-c2" -f - prescal-traffic >/dev/null <<DOCKERFILE
FROM $IMAGE
ENV JAVA_TOOL_OPTIONS="$BEFORE_TOOL_OPTIONS"
USER root
COPY aot-cache.sh /tmp/aot-cache.sh
RUN bash /tmp/aot-cache.sh /app/prescal-traffic.jar /app/prescal-traffic.aot >/app/java.args 2>/dev/null
USER 10001
DOCKERFILE
fi

# variant -> CMD, the command that starts one backend ({port}: a free port)
command_of() {
  local run=(docker run -d --label "io.prescal.owner=$OWNER" -p '127.0.0.1:{port}:8080')
  case "$1" in
    process-before) CMD=("$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" serve --bind 127.0.0.1 --port '{port}') ;;
    process-after) CMD=("$JAVA" "${JAVA_OPTS[@]}" "$CACHE_OPT" -jar "$JAR" serve --bind 127.0.0.1 --port '{port}') ;;
    container-before) CMD=("${run[@]}" -e JDK_JAVA_OPTIONS=-XX:AOTMode=off -e "JAVA_TOOL_OPTIONS=$BEFORE_TOOL_OPTIONS" "$IMAGE") ;;
    container-cache-c2) CMD=("${run[@]}" "$IMAGE-c2") ;;
    container-after) CMD=("${run[@]}" "$IMAGE") ;;
  esac
}

declare -A ONE FIRST LAST CPU
measure() { # kind n variant... (the first is the baseline)
  local kind=$1 n=$2 round variant out times cpus i
  shift 2
  local variants=("$@") count=$#
  for round in $(seq 1 "$ROUNDS"); do
    local line="   round $round:"
    for ((i = 0; i < count; i++)); do # each round starts with the next variant
      variant=${variants[$(( (i + round - 1) % count ))]}
      command_of "$kind-$variant"
      out=$(probe start "$n" "${CMD[@]}")
      remove_containers
      times=($(head -1 <<<"$out" | tr ' ' '\n' | sort -n))
      cpus=$(tail -1 <<<"$out")
      CPU[$variant]+="$cpus "
      if [ "$n" = 1 ]; then
        ONE[$variant]+="${times[0]} "
        line+=" $variant ${times[0]} s ($cpus ms CPU);"
      else
        FIRST[$variant]+="${times[0]} "
        LAST[$variant]+="${times[-1]} "
        line+=" $variant ${times[0]}-${times[-1]} s;"
      fi
    done
    echo "$line"
  done
  local base=${variants[0]} m b c
  for variant in "${variants[@]}"; do
    m=$(probe median ${CPU[$variant]}) b=$(probe median ${CPU[$base]})
    c="CPU to ready $(printf %.0f "$m") ms ($(probe ratio "$m" "$b")x)"
    if [ "$n" = 1 ]; then
      m=$(probe median ${ONE[$variant]}) b=$(probe median ${ONE[$base]})
      echo "   median $variant: $m s ($(probe ratio "$m" "$b")x $base); $c"
    else
      m=$(probe median ${FIRST[$variant]}) b=$(probe median ${FIRST[$base]})
      local ml bl; ml=$(probe median ${LAST[$variant]}) bl=$(probe median ${LAST[$base]})
      echo "   median $variant: first $m s ($(probe ratio "$m" "$b")x), last $ml s ($(probe ratio "$ml" "$bl")x $base); $c"
    fi
  done
  ONE=() FIRST=() LAST=() CPU=()
}

echo "== 1a. a process, one at a time ($ROUNDS rounds): seconds to the first 200"
measure process 1 before after
echo "== 1b. $COUNT processes at once ($ROUNDS rounds): the first and the last to answer 200"
measure process "$COUNT" before after
if [ -n "$DOCKER" ]; then
  echo "== 2a. a container, one at a time ($ROUNDS rounds): seconds to the first 200"
  measure container 1 before cache-c2 after
  echo "== 2b. $COUNT containers at once ($ROUNDS rounds): the first and the last to answer 200"
  measure container "$COUNT" before cache-c2 after
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
