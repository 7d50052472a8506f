#!/usr/bin/env bash
# Benchmark of the event pipeline (issue 6). Not a test: prints figures.
#   1. ceiling: redis-benchmark PUBLISH rate of a real event envelope on the same Redis
#   2. prescal-event ingest rate at saturation (redis-benchmark publishing as fast as it can)
#   3. delay from a proxy metrics message to its appearance on prescal:state (p50/p99)
# Needs: redis-server, redis-benchmark, python3, JDK 21+, and the built jar
# (./mvnw -pl prescal-event -am package -DskipTests). Everything runs on 127.0.0.1.
# Usage: bench/events.sh [messages=200000] [delay-seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-200000}
DELAY_SECONDS=${2:-30}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=prescal-event/target/prescal-event.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it first (./mvnw -pl prescal-event -am package -DskipTests)"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); HTTP_PORT=$(free_port)
WORK=$(mktemp -d)
cleanup() { [ -n "${EVENT_PID:-}" ] && kill "$EVENT_PID" 2>/dev/null; [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --client-output-buffer-limit "pubsub 256mb 128mb 60" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

"$JAVA" -Xmx512m -jar "$JAR" --server.port="$HTTP_PORT" \
  --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" --logging.level.root=WARN >"$WORK/event.log" 2>&1 &
EVENT_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.2
done
until [ "$(redis-cli -p "$REDIS_PORT" pubsub numsub prescal:events | tail -1)" -ge 1 ]; do sleep 0.1; done

SAMPLE=$(python3 bench/events_probe.py sample)
echo "machine: $(nproc) cores; message: ${#SAMPLE} bytes (backend.ready envelope)"
echo "== ceiling: redis-benchmark PUBLISH to prescal:bench (1 subscriber-free channel), -P 16"
redis-benchmark -p "$REDIS_PORT" -n "$MESSAGES" -c 4 -P 16 -q PUBLISH prescal:bench "$SAMPLE" | tr '\r' '\n' | grep -v '^$' | tail -1
echo "== ceiling: redis-benchmark PUBLISH to prescal:events (prescal-event subscribed), -P 16"
python3 bench/events_probe.py ingest "$HTTP_PORT" "$MESSAGES" 120 >"$WORK/ingest.txt" &
PROBE=$!
redis-benchmark -p "$REDIS_PORT" -n "$MESSAGES" -c 4 -P 16 -q PUBLISH prescal:events "$SAMPLE" | tr '\r' '\n' | grep -v '^$' | tail -1
wait "$PROBE"
echo "== prescal-event ingest (decode, count, aggregate, XADD to the event log)"
cat "$WORK/ingest.txt"
echo "   event log length: $(redis-cli -p "$REDIS_PORT" xlen prescal:eventlog) (capped at ~100000)"
echo "== delay from a proxy metrics message to prescal:state, ${DELAY_SECONDS}s at 10 msg/s"
python3 bench/events_probe.py delay "$REDIS_PORT" "$DELAY_SECONDS"
