#!/usr/bin/env bash
# Benchmark of the event pipeline (issue 6). Not a test: prints figures.
#   1. reference: redis-benchmark PUBLISH rate to a channel nobody reads
#   2. per round: redis-benchmark floods prescal:events (its rate, with prescal-event subscribed,
#      is the ceiling) while prescal-event ingests; the ingest rate counts from the first PUBLISH
#      until the last message (a marker sent after the flood) is decoded, counted, aggregated and
#      written to the event log. Then every message is accounted for: accepted, dropped by the
#      ingest queue, failed, not logged, or lost with the subscription's connection (Redis closes
#      it past client-output-buffer-limit pubsub: Redis' default, 32mb 8mb 60, unless PUBSUB_LIMIT
#      is set, e.g. PUBSUB_LIMIT="256mb 128mb 60").
#      Round 1 starts cold (JIT not warm); later rounds show the service warmed up.
#   3. delay from a proxy metrics message to its appearance on prescal:state (p50/p99)
#   4. prescal-proxy's throughput with publishing to Redis on and off (wrk through two proxies in
#      front of one nginx, alternating rounds, medians), when PROXY_JAR (default
#      prescal-proxy/target/prescal-proxy.jar) holds the proxy core and nginx and wrk are installed.
#      The proxy binary does not wire the publisher yet: a small launcher here starts the Proxy
#      with a RedisEventPipeline as its EventSink and MetricsSource reader, as the proxy will.
# Needs: redis-server, redis-benchmark, redis-cli, curl, python3, JDK 21+, and the built jar
# (./mvnw -pl prescal-event -am package -DskipTests). Everything runs on 127.0.0.1.
# Usage: bench/events.sh [messages-per-round=200000] [delay-seconds=30] [rounds=5]
# EVENT_JAR runs another build of prescal-event (e.g. an older one, to compare).
# EVENT_JVM_OPTS adds JVM options to prescal-event, e.g. to profile it:
#   EVENT_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile" bench/events.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-200000}
DELAY_SECONDS=${2:-30}
ROUNDS=${3:-5}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=${EVENT_JAR:-prescal-event/target/prescal-event.jar}
[ -f "$JAR" ] || { echo "missing $JAR: build it first (./mvnw -pl prescal-event -am package -DskipTests)"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); HTTP_PORT=$(free_port)
WORK=$(mktemp -d)
cleanup() {
  for pid in ${PROXY_PIDS:-} ${EVENT_PID:-} ${REDIS_PID:-}; do kill "$pid" 2>/dev/null; done
  [ -f "$WORK/proxy/nginx.pid" ] && kill "$(cat "$WORK/proxy/nginx.pid")" 2>/dev/null
  wait 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT

PUBSUB_LIMIT=${PUBSUB_LIMIT:-32mb 8mb 60}
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --client-output-buffer-limit "pubsub $PUBSUB_LIMIT" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }

# shellcheck disable=SC2086
"$JAVA" -Xmx512m ${EVENT_JVM_OPTS:-} -jar "$JAR" --server.port="$HTTP_PORT" \
  --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" --logging.level.root=WARN >"$WORK/event.log" 2>&1 &
EVENT_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.2
done
until [ "$(rcli pubsub numsub prescal:events | tail -1)" -ge 1 ]; do sleep 0.1; done

# The sum of the Prometheus samples whose line starts with $1 (a metric name with its labels).
metric() {
  curl -s "http://127.0.0.1:$HTTP_PORT/actuator/prometheus" |
    awk -v p="$1" 'index($0, p) == 1 { s += $NF } END { printf "%d\n", s }'
}
counters() {
  echo "$(metric 'prescal_event_messages_total{channel="prescal:events"')" \
    "$(metric 'prescal_event_messages_dropped_total{channel="prescal:events"')" \
    "$(metric 'prescal_event_messages_rejected_total{channel="prescal:events"')" \
    "$(metric prescal_event_log_written_total)" "$(metric prescal_event_log_dropped_total)" \
    "$(metric prescal_event_subscription_lost_total)"
}
now_ns() { date +%s%N; }
# CPU time (user + system) a process has used, in microseconds: on a shared machine, the cost per
# message is steadier than rates, which move with whatever else runs.
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"; }
rate_of() { tr '\r' '\n' | grep -v '^$' | tail -1 | sed -E 's/.*: ([0-9.]+) requests per second.*/\1/'; }

WARM=""; LOSSES=0
SAMPLE=$(python3 bench/events_probe.py sample)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); message: ${#SAMPLE} bytes (backend.ready envelope)"
echo "Redis: client-output-buffer-limit pubsub $PUBSUB_LIMIT"
echo "== reference: redis-benchmark PUBLISH to prescal:bench (no subscriber), -c 4 -P 16"
echo "   $(redis-benchmark -p "$REDIS_PORT" -n "$MESSAGES" -c 4 -P 16 -q PUBLISH prescal:bench "$SAMPLE" | rate_of) msg/s"

for round in $(seq 1 "$ROUNDS"); do
  MARK=$(python3 bench/events_probe.py sample)
  MARK_ID=$(sed -E 's/.*"id": "([^"]+)".*/\1/' <<<"$MARK")
  read -r acc0 drop0 rej0 wr0 ldrop0 lost0 <<<"$(counters)"
  cpu_event0=$(cpu_us "$EVENT_PID"); cpu_redis0=$(cpu_us "$REDIS_PID")
  t0=$(now_ns)
  ceiling=$(redis-benchmark -p "$REDIS_PORT" -n "$MESSAGES" -c 4 -P 16 -q PUBLISH prescal:events "$SAMPLE" | rate_of)
  rcli publish prescal:events "$MARK" >/dev/null
  # Wait for the marker in the log; give up when the accepted count stops moving for 5 s.
  t1=""; seen=$acc0; still=0
  for tick in $(seq 1 12000); do
    if rcli xrevrange prescal:eventlog + - COUNT 20 | grep -q "$MARK_ID"; then t1=$(now_ns); break; fi
    if [ $((tick % 50)) = 0 ]; then
      now=$(metric 'prescal_event_messages_total{channel="prescal:events"')
      if [ "$now" = "$seen" ]; then still=$((still + 1)); else still=0; seen=$now; fi
      [ "$still" -ge 5 ] && break
    fi
    sleep 0.02
  done
  cpu_event1=$(cpu_us "$EVENT_PID"); cpu_redis1=$(cpu_us "$REDIS_PID")
  sleep 1 # let the counters settle
  read -r acc1 drop1 rej1 wr1 ldrop1 lost1 <<<"$(counters)"
  sent=$((MESSAGES + 1)); accepted=$((acc1 - acc0)); dropped=$((drop1 - drop0))
  rejected=$((rej1 - rej0)); logged=$((wr1 - wr0)); log_dropped=$((ldrop1 - ldrop0)); lost=$((lost1 - lost0))
  echo "== round $round$([ "$round" = 1 ] && echo ' (cold)')"
  echo "   ceiling: redis-benchmark PUBLISH to prescal:events, prescal-event subscribed, -c 4 -P 16: $ceiling msg/s"
  # Accepted may exceed sent by the service's own alerts (it reads its channel back, then skips them).
  clean=no
  if [ "$accepted" -ge "$sent" ] && [ "$dropped" -eq 0 ] && [ "$log_dropped" -eq 0 ] && [ "$lost" -eq 0 ]; then
    clean=yes
  fi
  if [ -n "$t1" ] && [ "$clean" = yes ]; then
    rate=$(python3 -c "import sys; print('%.0f' % (int(sys.argv[1]) / (int(sys.argv[2]) / 1e9)))" "$sent" "$((t1 - t0))")
    python3 -c "import sys; n,ns,r,c=int(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print('   ingest (decode, count, aggregate, event log): %d msg in %.2f s = %.0f msg/s = %.0f%% of the ceiling' % (n, ns/1e9, r, 100*r/c))" "$sent" "$((t1 - t0))" "$rate" "$ceiling"
    [ "$round" -gt 1 ] && WARM="$WARM $rate/$ceiling"
  else
    echo "   ingest: no rate (not every message was handled, see below)"
  fi
  echo "   CPU per message: prescal-event $(((cpu_event1 - cpu_event0) * 1000 / sent)) ns," \
    "Redis $(((cpu_redis1 - cpu_redis0) * 1000 / sent)) ns (PUBLISH, delivery, event log)"
  echo "   sent $sent: accepted $accepted, rejected $rejected, dropped by the ingest queue or failed $dropped;" \
    "logged $logged, not logged $log_dropped; subscription lost $lost times"
  if [ "$clean" = yes ]; then
    echo "   nothing lost"
  else
    echo "   NOT ALL MESSAGES HANDLED"; LOSSES=$((LOSSES + 1))
  fi
done
if [ -n "$WARM" ]; then
  python3 - $WARM <<'PY'
import statistics, sys
pairs = [tuple(map(float, a.split("/"))) for a in sys.argv[1:]]
ingest = statistics.median(p[0] for p in pairs)
ceiling = statistics.median(p[1] for p in pairs)
ratios = statistics.median(p[0] / p[1] for p in pairs)
print("== warm rounds without loss (%d): median ingest %.0f msg/s, median ceiling %.0f msg/s, median ratio %.0f%%"
      % (len(pairs), ingest, ceiling, 100 * ratios))
PY
fi
echo "== rounds with messages not handled: ${LOSSES}"
buffer_kills=$(grep -c 'output buffer limits' "$WORK/redis.log" || true)
echo "== Redis closed a client for its output buffer limits: $buffer_kills times"
echo "   event log length: $(rcli xlen prescal:eventlog) (capped at ~100000)"
echo "== delay from a proxy metrics message to prescal:state, ${DELAY_SECONDS}s at 10 msg/s"
python3 bench/events_probe.py delay "$REDIS_PORT" "$DELAY_SECONDS"

# --- 4. proxy throughput, publishing on versus off
PROXY_JAR=${PROXY_JAR:-prescal-proxy/target/prescal-proxy.jar}
PROXY_ROUNDS=${PROXY_ROUNDS:-5}
if ! { [ -f "$PROXY_JAR" ] && unzip -l "$PROXY_JAR" io/prescal/proxy/Proxy.class >/dev/null 2>&1; }; then
  echo "== proxy throughput with publishing on vs off: skipped ($PROXY_JAR has no proxy core)"
  exit 0
fi
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  echo "== proxy throughput with publishing on vs off: skipped (needs nginx and wrk)"
  exit 0
fi
mkdir -p "$WORK/proxy/www" && chmod 755 "$WORK" "$WORK/proxy" "$WORK/proxy/www" # nginx workers read it
printf 'ok\n' >"$WORK/proxy/www/index.html"
BACKEND_PORT=$(free_port); OFF_PORT=$(free_port); ON_PORT=$(free_port)
cat >"$WORK/proxy/backend.conf" <<CONF
worker_processes 1;
pid $WORK/proxy/nginx.pid;
error_log $WORK/proxy/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  server { listen 127.0.0.1:$BACKEND_PORT backlog=4096; root $WORK/proxy/www; }
}
CONF
nginx -c "$WORK/proxy/backend.conf"
cat >"$WORK/proxy/ProxyPublishing.java" <<'JAVA'
import io.prescal.proxy.Proxy;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.events.RedisEventPipeline;
import io.prescal.proxy.events.RedisSettings;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the proxy from a config file; with a Redis URI, publishing events and metrics there. */
public class ProxyPublishing {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    AtomicReference<EventSink> sink = new AtomicReference<>(EventSink.NONE);
    Proxy proxy = new Proxy(ConfigLoader.load(file), file, (s, e) -> sink.get().publish(s, e));
    proxy.start();
    if (args.length > 1) {
      RedisSettings settings = RedisSettings.of(args[1]).withInstanceId("bench-proxy-on");
      sink.set(RedisEventPipeline.start(settings, proxy.metricsSource(), (s, c) -> "ignored"));
    }
    System.out.println("ready");
    Thread.currentThread().join();
  }
}
JAVA
for mode in off on; do
  port=$([ "$mode" = off ] && echo "$OFF_PORT" || echo "$ON_PORT")
  cat >"$WORK/proxy/$mode.yml" <<YAML
listen: [127.0.0.1:$port]
workers: 1
admin: {enabled: false}
services:
  - name: bench
    balancer: round-robin
    backends: [{address: 127.0.0.1:$BACKEND_PORT}]
YAML
  # shellcheck disable=SC2046
  "$JAVA" -Xms64m -Xmx256m -cp "$PROXY_JAR" "$WORK/proxy/ProxyPublishing.java" "$WORK/proxy/$mode.yml" \
    $([ "$mode" = on ] && echo "redis://127.0.0.1:$REDIS_PORT") >"$WORK/proxy/$mode.log" 2>&1 &
  PROXY_PIDS="${PROXY_PIDS:-} $!"
done
for port in $OFF_PORT $ON_PORT; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done
done
wrk_rate() { wrk -t1 -c50 -d"$2" "http://127.0.0.1:$1/" | awk '/Requests\/sec/ { print $2 }'; }
wrk_rate "$OFF_PORT" 5s >/dev/null; wrk_rate "$ON_PORT" 5s >/dev/null # warm-up
echo "== proxy throughput with publishing on vs off (wrk -t1 -c50 -d5s, workers: 1, $PROXY_ROUNDS rounds)"
metrics0=$(metric 'prescal_event_messages_total{channel="prescal:metrics"')
RATES=""
for round in $(seq 1 "$PROXY_ROUNDS"); do
  # Alternate which goes first: the machine's load drifts.
  if [ $((round % 2)) = 1 ]; then off=$(wrk_rate "$OFF_PORT" 5s); on=$(wrk_rate "$ON_PORT" 5s)
  else on=$(wrk_rate "$ON_PORT" 5s); off=$(wrk_rate "$OFF_PORT" 5s); fi
  echo "   round $round: off $off req/s, on $on req/s"
  RATES="$RATES $off/$on"
done
python3 - $RATES <<'PY'
import statistics, sys
pairs = [tuple(map(float, a.split("/"))) for a in sys.argv[1:]]
off = statistics.median(p[0] for p in pairs)
on = statistics.median(p[1] for p in pairs)
ratio = statistics.median(p[1] / p[0] for p in pairs)
print("   medians: off %.0f req/s, on %.0f req/s; on/off per round, median %.3f (%+.1f%%)"
      % (off, on, ratio, 100 * (ratio - 1)))
PY
metrics1=$(metric 'prescal_event_messages_total{channel="prescal:metrics"')
echo "   prescal-event received $((metrics1 - metrics0)) metrics messages from the publishing proxy meanwhile"
