#!/usr/bin/env bash
# Autoscaling figures (issue 5). Not a test: prints figures. Everything runs on 127.0.0.1.
#   1. load step -> added capacity serving: a fresh proxy at 1 replica, prescal-traffic steps the
#      open-model rate from LOW to HIGH with --events; seconds from the step to the first and to
#      the last added backend ready; ROUNDS rounds, medians
#   2. first-request latency from zero: a scale-to-zero service at 0 replicas gets one request;
#      its latency and the proxy's cold-start figure; ROUNDS rounds, medians
#   3. requests lost during scale in: a ramp up and down; requests without a 2xx (must be 0)
#   4. replicas over time during that ramp (desired, current, ready, in flight, every second)
#
#   bench/autoscale.sh                       # docker provider when an engine answers
#   PROVIDER=process ROUNDS=3 bench/autoscale.sh
#   LOW=20 HIGH=100 LATENCY=50ms TARGET=2 bench/autoscale.sh   # the defaults
#   STARTS=2 SECTIONS=1 bench/autoscale.sh   # scaling.maxConcurrentStarts 2 (the wave size), step only
#   WARM=1 bench/autoscale.sh                # warmPool: {size: 1}; each round waits for it frozen
#   PROXY_JAR=/tmp/p.jar TRAFFIC_JAR=/tmp/t.jar bench/autoscale.sh   # copies, free to rebuild meanwhile
#
# Needs: redis-server, python3, curl, a JDK 21+ (JAVA_HOME), the jars (./mvnw -pl
# prescal-proxy,prescal-traffic -am package -DskipTests) and, for docker, a local JRE image
# (PRESCAL_JRE_IMAGE, default prescal/jre:25) to build prescal/demo-backend:bench on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
LOW=${LOW:-20}
HIGH=${HIGH:-100}
LATENCY=${LATENCY:-50ms}
TARGET=${TARGET:-2}
STARTS=${STARTS:-}   # scaling.maxConcurrentStarts; empty: the proxy's default
WARM=${WARM:-0}      # warmPool.size
SECTIONS=${SECTIONS:-123}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PROXY_JAR=${PROXY_JAR:-prescal-proxy/target/prescal-proxy.jar}
TRAFFIC_JAR=${TRAFFIC_JAR:-prescal-traffic/target/prescal-traffic.jar}
IMAGE=${IMAGE:-prescal/demo-backend:bench}
OWNER=prescal-bench-$$
for jar in "$PROXY_JAR" "$TRAFFIC_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: ./mvnw -pl prescal-proxy,prescal-traffic -am package -DskipTests"; exit 1; }
done
TRAFFIC_JAR=$(realpath "$TRAFFIC_JAR")
PROVIDER=${PROVIDER:-$(docker info >/dev/null 2>&1 && echo docker || echo process)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
probe() { python3 bench/autoscale_probe.py "$@"; }
WORK=$(mktemp -d)
PROXY_PID=""; POLL_PID=""
stop_proxy() {
  [ -n "$POLL_PID" ] && kill "$POLL_PID" 2>/dev/null && wait "$POLL_PID" 2>/dev/null || true; POLL_PID=""
  if [ -n "$PROXY_PID" ]; then kill -TERM "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; fi
  PROXY_PID=""
}
cleanup() {
  stop_proxy
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null; wait 2>/dev/null || true
  if [ "$PROVIDER" = docker ]; then
    left=$(docker ps -aq --filter "label=io.prescal.owner=$OWNER"); [ -z "$left" ] || docker rm -f $left >/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
REDIS=redis://127.0.0.1:$REDIS_PORT

SERVE_ARGS="\"--latency\", \"$LATENCY\""
if [ "$PROVIDER" = docker ]; then
  jre=${PRESCAL_JRE_IMAGE:-prescal/jre:25}
  DOCKER_BUILDKIT=0 docker build -q --build-arg JRE_IMAGE="$jre" -t "$IMAGE" prescal-traffic >/dev/null
  PROVIDER_YAML="type: docker
      image: $IMAGE
      owner: $OWNER
      command: [$SERVE_ARGS]"
else
  PROVIDER_YAML="type: process
      command: [\"$JAVA\", \"-Xmx64m\", \"-XX:TieredStopAtLevel=1\", \"-jar\", \"$TRAFFIC_JAR\", \"serve\",
                \"--bind\", \"127.0.0.1\", \"--port\", \"{port}\", $SERVE_ARGS]
      logOutput: false"
fi

SCALING_YAML=""
[ -z "$STARTS" ] || SCALING_YAML="scaling: {maxConcurrentStarts: $STARTS}"
WARM_YAML=""
[ "$WARM" = 0 ] || WARM_YAML="warmPool: {size: $WARM}"

start_proxy() { # autoscale-yaml
  PROXY_PORT=$(free_port); ADMIN_PORT=$(free_port)
  cat >"$WORK/proxy.yml" <<YAML
listen: [127.0.0.1:$PROXY_PORT]
admin: {address: 127.0.0.1:$ADMIN_PORT}
backendHeader: X-Prescal-Backend
events: {redis: $REDIS, instanceId: bench}
$SCALING_YAML
services:
  - name: web
    drainTimeout: 30s
    provider:
      $PROVIDER_YAML
      shutdown: stop
      stopGrace: 10s
    readiness: {path: /ready, interval: 100ms}
    autoscale: {$1}
    $WARM_YAML
YAML
  "$JAVA" -Xmx256m -jar "$PROXY_JAR" --config "$WORK/proxy.yml" >>"$WORK/proxy.log" 2>&1 &
  PROXY_PID=$!
}

load() { # profile json
  "$JAVA" -jar "$TRAFFIC_JAR" load --profile "$1" --events "$REDIS" --timeout 30s \
    --json "$2" --quiet "http://127.0.0.1:$PROXY_PORT/" >"$2.txt" 2>&1 || true
}

AUTOSCALE="min: 1, max: 6, targetInFlight: $TARGET, targetUtilization: 0.7, stableWindow: 20s, panicWindow: 4s, scaleDownDelay: 10s, tick: 1s"
echo "machine: $(nproc) cores; provider: $PROVIDER; backend: prescal-traffic serve --latency $LATENCY"
echo "autoscale: $AUTOSCALE"
echo "maxConcurrentStarts: ${STARTS:-default}; warm pool: $WARM"

if [[ $SECTIONS == *1* ]]; then
echo "== 1. load step $LOW -> $HIGH req/s: seconds to the first / last added backend ready ($ROUNDS rounds)"
FIRST=(); LAST=()
for round in $(seq 1 "$ROUNDS"); do
  start_proxy "$AUTOSCALE"
  probe ready "$ADMIN_PORT" 1
  probe warm "$ADMIN_PORT" "$WARM"
  load "hold $LOW/s 10s, hold $HIGH/s 40s" "$WORK/step$round.json"
  read -r first last ready < <(probe step "$WORK/step$round.json")
  echo "   round $round: first $first s, last $last s ($ready backends ready after the step)"
  FIRST+=("$first"); LAST+=("$last")
  stop_proxy
done
echo "   median: first $(probe median "${FIRST[@]}") s, last $(probe median "${LAST[@]}") s"
fi

if [[ $SECTIONS == *2* ]]; then
echo "== 2. first request from zero ($ROUNDS rounds): latency of the held request, cold start"
start_proxy "min: 0, max: 2, scaleToZero: true, idleGrace: 3s, stableWindow: 6s, panicWindow: 2s, scaleDownDelay: 0s, tick: 500ms"
LAT=(); COLD=()
for round in $(seq 1 "$ROUNDS"); do
  read -r code took cold < <(probe cold "$ADMIN_PORT" "$PROXY_PORT")
  echo "   round $round: status $code, first-request latency $took ms, cold start $cold ms"
  LAT+=("$took"); COLD+=("$cold")
done
echo "   median: first-request latency $(probe median "${LAT[@]}") ms, cold start $(probe median "${COLD[@]}") ms"
stop_proxy
fi

if [[ $SECTIONS == *3* ]]; then
echo "== 3./4. ramp up and down: requests lost during scale in, replicas over time"
start_proxy "$AUTOSCALE"
probe ready "$ADMIN_PORT" 1
python3 bench/autoscale_probe.py poll "$ADMIN_PORT" "$WORK/replicas.csv" &
POLL_PID=$!
load "hold $LOW/s 10s, ramp $LOW-$HIGH/s 30s, hold $HIGH/s 30s, ramp $HIGH-$LOW/s 20s, hold $LOW/s 50s" "$WORK/ramp.json"
read -r total errors bad < <(probe lost "$WORK/ramp.json")
echo "   $total requests, $errors without a response, $bad not 2xx: lost $((errors + bad))"
grep -o 'backend [a-z0-9-]* removed[^"]*' "$WORK/ramp.json.txt" | sed 's/^/   /' || true
stop_proxy
echo "   replicas over time (every 5 s):"
awk -F, 'NR == 1 || ($1 % 5 == 0)' "$WORK/replicas.csv" | column -t -s, | sed 's/^/   /'
fi
