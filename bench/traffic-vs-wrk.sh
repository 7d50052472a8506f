#!/usr/bin/env bash
# prescal-traffic against wrk on the same nginx static target (loopback only).
#
#   bench/traffic-vs-wrk.sh [--rounds N] [--duration SECONDS] [--memory-seconds SECONDS | --long]
#                           [--skip-closed] [--skip-open] [--skip-memory]
#
# 1. Closed model, 1 then 2 threads, 50 connections: wrk and prescal-traffic alternate (which one
#    goes first flips every round), each round DURATION seconds; medians of requests per second and
#    their ratio (target: prescal >= 0.9x wrk). prescal-traffic gets a 3 s warm-up (JIT) outside
#    its measured DURATION; wrk needs none.
# 2. Open model at 20,000 req/s, 1 thread (the other core stays for nginx), 20 s (+5 s warm-up),
#    3 rounds: achieved send rate against the plan (target: within 1%) and schedule lag p99
#    (target: under 1 ms).
# 3. Memory: an open-model run at 5,000 req/s; RSS sampled every 5 s; RSS at the end against RSS
#    at minute one (target: within 10%). Default 120 s; --long runs the full 10 minutes.
#
# PRESCAL_JAVA_OPTS (e.g. "-Xmx256m") is passed to every prescal-traffic JVM.
# Prints every round and a summary; figures go to bench/RESULTS-traffic.md by hand. On a shared
# 2-core machine generator, nginx and everything else compete for CPU: read ratios, not absolutes.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=5
DURATION=10
MEMORY_SECONDS=120
CLOSED=1 OPEN=1 MEMORY=1
CONNECTIONS=50
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --memory-seconds) MEMORY_SECONDS=$2; shift 2 ;;
    --long) MEMORY_SECONDS=600; shift ;;
    --skip-closed) CLOSED=0; shift ;;
    --skip-open) OPEN=0; shift ;;
    --skip-memory) MEMORY=0; shift ;;
    *) echo "traffic-vs-wrk.sh: unknown option $1 (see the header of this script)" >&2; exit 64 ;;
  esac
done

for tool in wrk nginx python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx python3 >/dev/null
    else
      echo "traffic-vs-wrk.sh: $tool is missing (apt-get install wrk nginx python3)" >&2; exit 1
    fi
  fi
done

JAVA=java
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    JAVA="$candidate/bin/java"; export JAVA_HOME="$candidate"; break
  fi
done
JAR=prescal-traffic/target/prescal-traffic.jar
read -r -a JAVA_OPTS <<< "${PRESCAL_JAVA_OPTS:-}"
if [ ! -f "$JAR" ]; then
  ./mvnw -q -B -pl prescal-traffic -am package -DskipTests
fi

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$PORT;
    location / { return 200 "ok\n"; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
cleanup() { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
URL="http://127.0.0.1:$PORT/"
for _ in $(seq 1 50); do python3 -c "import urllib.request; urllib.request.urlopen('$URL')" 2>/dev/null && break; sleep 0.1; done

json() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); nginx $(nginx -v 2>&1 | cut -d/ -f2)"
echo "target: $URL (nginx, 1 worker, static 200)"

if [ "$CLOSED" = 1 ]; then
  for T in 1 2; do
    : > "$WORK/wrk.$T"; : > "$WORK/prescal.$T"
    for r in $(seq 1 "$ROUNDS"); do
      run_wrk() { wrk -t"$T" -c"$CONNECTIONS" -d"${DURATION}s" "$URL" | awk '/Requests\/sec/ {print $2}' | tee -a "$WORK/wrk.$T"; }
      run_prescal() {
        "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" load -q -t "$T" -c "$CONNECTIONS" -d "${DURATION}s" --warmup 3s --json "$WORK/p.json" "$URL" >/dev/null
        json "$WORK/p.json" "round(d['rate'],1)" | tee -a "$WORK/prescal.$T"
      }
      if [ $((r % 2)) = 1 ]; then w=$(run_wrk); p=$(run_prescal); else p=$(run_prescal); w=$(run_wrk); fi
      echo "closed -t$T -c$CONNECTIONS round $r: wrk $w req/s, prescal-traffic $p req/s"
    done
    W=$(median < "$WORK/wrk.$T"); P=$(median < "$WORK/prescal.$T")
    echo "closed -t$T median: wrk $W req/s, prescal-traffic $P req/s, ratio $(python3 -c "print(round($P/$W,2))")x (target >= 0.9x)"
  done
fi

if [ "$OPEN" = 1 ]; then
  : > "$WORK/acc"; : > "$WORK/lag"
  for r in 1 2 3; do
    "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" load -q -t 1 -c 50 --rate 20000 -d 20s --warmup 5s --max-lag 1s --json "$WORK/o.json" "$URL" >/dev/null || true
    sent=$(json "$WORK/o.json" "d['schedule']['sent']"); planned=$(json "$WORK/o.json" "d['schedule']['planned']")
    lag=$(json "$WORK/o.json" "d['schedule']['lag']['p99']"); rate=$(json "$WORK/o.json" "round(d['schedule']['sent']/d['seconds'],1)")
    acc=$(python3 -c "print(round(100*$sent/$planned,2))")
    echo "$acc" >> "$WORK/acc"; echo "$lag" >> "$WORK/lag"
    echo "open --rate 20000 -t1 round $r: sent $sent of $planned planned ($acc%, $rate req/s), lag p99 ${lag}us, late $(json "$WORK/o.json" "d['schedule']['late']"), unsent $(json "$WORK/o.json" "d['schedule']['unsent']"), latency p99 $(json "$WORK/o.json" "d['latency']['p99']")us"
  done
  echo "open median: $(median < "$WORK/acc")% of plan sent (target 99-101%), schedule lag p99 $(median < "$WORK/lag")us (target < 1000us)"
fi

if [ "$MEMORY" = 1 ]; then
  "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" load -q -t 1 -c 20 --rate 5000 -d "${MEMORY_SECONDS}s" --max-lag 1s "$URL" > "$WORK/mem.out" &
  LOAD=$!
  : > "$WORK/rss"
  start=$(date +%s)
  while kill -0 "$LOAD" 2>/dev/null; do
    rss=$(ps -o rss= -p "$LOAD" 2>/dev/null | tr -d ' ' || true)
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $rss" >> "$WORK/rss"
    sleep 5
  done
  wait "$LOAD" || true
  first=$(awk '$1 >= 60 {print $2; exit}' "$WORK/rss"); last=$(tail -1 "$WORK/rss" | cut -d' ' -f2)
  echo "memory: RSS samples (s kB): $(tr '\n' ' ' < "$WORK/rss")"
  echo "memory (java opts: ${PRESCAL_JAVA_OPTS:-none}): RSS at minute one ${first:-?} kB, at the end ${last:-?} kB over ${MEMORY_SECONDS}s at 5000 req/s: $(python3 -c "print(round(100*(${last:-0}-${first:-1})/${first:-1},1))")% (target within 10%)"
fi
