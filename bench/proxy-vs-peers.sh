#!/usr/bin/env bash
# prescal-proxy against HAProxy and nginx as reverse proxies, all in front of one nginx serving a
# small static file, on loopback. Each proxy gets the same number of worker threads. wrk drives
# each target in alternating rounds; the script prints per-round figures, medians and ratios,
# then checks 1,000 concurrent keep-alive connections (errors, RSS) and 10,000 idle connections.
#
#   bench/proxy-vs-peers.sh                 # defaults below
#   ROUNDS=7 DURATION=10s WORKERS=2 bench/proxy-vs-peers.sh
#   PROFILE=1 bench/proxy-vs-peers.sh       # also record a JFR profile of prescal-proxy
#   SCG=1 bench/proxy-vs-peers.sh           # also Spring Cloud Gateway (bench/scg, built on first use)
#   EPOLL=1 bench/proxy-vs-peers.sh         # also prescal-proxy on epoll (target prescal-ep), to
#                                           # compare with its default io_uring in the same run
#   BEFORE_JAR=/path/to/old/prescal-proxy.jar bench/proxy-vs-peers.sh
#                                           # also an older build (target prescal-old), same config and
#                                           # options, in the same alternating rounds: before/after a change
#
# Needs: nginx, haproxy, wrk (apt-get install -y nginx haproxy wrk), a JDK 21+, and the proxy jar
# (built here with ./mvnw -pl prescal-proxy -am package -DskipTests when missing).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-50}
WORKERS=${WORKERS:-1}
WRK_THREADS=${WRK_THREADS:-1}
# Below the proxy's default limits.maxConnections (10,000) so the one request sent while they are
# held is admitted rather than waiting for a free slot.
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-9000}
JAVA_OPTS=${JAVA_OPTS:-}  # default below, once the JVM is known
PROFILE=${PROFILE:-0}
SCG=${SCG:-0}
EPOLL=${EPOLL:-0}
BEFORE_JAR=${BEFORE_JAR:-}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/prescal-proxy/target/prescal-proxy.jar}
WORK=$(mktemp -d /tmp/prescal-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as another user
BACKEND_PORT=19101 HAPROXY_PORT=19102 NGINX_PORT=19103 PRESCAL_PORT=19104 ADMIN_PORT=19105
SCG_PORT=19108 EPOLL_PORT=19106 EPOLL_ADMIN_PORT=19107 OLD_PORT=19109 OLD_ADMIN_PORT=19110
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/backend.pid" ] && kill "$(cat "$WORK/backend.pid")" 2>/dev/null || true
  [ -f "$WORK/nginx-proxy.pid" ] && kill "$(cat "$WORK/nginx-proxy.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in nginx haproxy wrk python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y nginx haproxy wrk python3" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  JAVA_HOME=$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)
fi
JAVA=$JAVA_HOME/bin/java
if [ -z "$JAVA_OPTS" ]; then
  JAVA_OPTS="-Xms64m -Xmx256m"
  # How the image and launcher run the proxy on Java 24+ (docs/proxy.md): Netty's direct buffer access.
  if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    JAVA_OPTS="$JAVA_OPTS --sun-misc-unsafe-memory-access=allow"
  fi
fi
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -B -pl prescal-proxy -am package -DskipTests)
fi
# Each side of the idle-connection check holds one descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE_CONNECTIONS + 1000)) ]; then
  echo "open files limit $(ulimit -n) is below $((IDLE_CONNECTIONS + 1000)): raise it (ulimit -Hn) or lower IDLE_CONNECTIONS" >&2
  exit 1
fi

# --- the static backend: nginx, one worker, keep-alive without limit
mkdir -p "$WORK/www"
printf 'ok\n' > "$WORK/www/index.html"
cat > "$WORK/backend.conf" <<CONF
worker_processes 1;
pid $WORK/backend.pid;
error_log $WORK/backend-error.log;
events { worker_connections 9000; }
http {
  access_log off;
  keepalive_requests 100000000;
  server { listen 127.0.0.1:$BACKEND_PORT backlog=4096; root $WORK/www; }
}
CONF
nginx -c "$WORK/backend.conf"

# --- HAProxy as a peer
cat > "$WORK/haproxy.cfg" <<CONF
global
  nbthread $WORKERS
  maxconn 9000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
frontend f
  bind 127.0.0.1:$HAPROXY_PORT
  default_backend b
backend b
  http-reuse always
  server s1 127.0.0.1:$BACKEND_PORT
CONF
haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
PIDS+=($HAPROXY_PID)

# --- nginx as a peer proxy
cat > "$WORK/nginx-proxy.conf" <<CONF
worker_processes $WORKERS;
pid $WORK/nginx-proxy.pid;
error_log $WORK/nginx-proxy-error.log;
events { worker_connections 9000; }
http {
  access_log off;
  keepalive_requests 100000000;
  upstream b { server 127.0.0.1:$BACKEND_PORT; keepalive 512; }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    location / { proxy_pass http://b; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$WORK/nginx-proxy.conf"

# --- prescal-proxy
cat > "$WORK/prescal.yml" <<CONF
listen: [127.0.0.1:$PRESCAL_PORT]
workers: $WORKERS
admin: { address: 127.0.0.1:$ADMIN_PORT }
services:
  - name: bench
    balancer: round-robin
    backends: [{ address: 127.0.0.1:$BACKEND_PORT }]
CONF
PROFILE_OPTS=""
if [ "$PROFILE" = 1 ]; then
  PROFILE_OPTS="-XX:StartFlightRecording=filename=$WORK/prescal.jfr,settings=profile"
fi
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS $PROFILE_OPTS -jar "$JAR" --config "$WORK/prescal.yml" >"$WORK/prescal.log" 2>&1 &
PRESCAL_PID=$!
PIDS+=($PRESCAL_PID)

# --- prescal-proxy on epoll (optional): the same build and options, the transport forced
if [ "$EPOLL" = 1 ]; then
  sed -e "s/$PRESCAL_PORT/$EPOLL_PORT/" -e "s/$ADMIN_PORT/$EPOLL_ADMIN_PORT/" "$WORK/prescal.yml" >"$WORK/prescal-ep.yml"
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -Dprescal.transport=epoll -jar "$JAR" --config "$WORK/prescal-ep.yml" >"$WORK/prescal-ep.log" 2>&1 &
  EPOLL_PID=$!
  PIDS+=($EPOLL_PID)
fi

# --- an older build of prescal-proxy (optional): the same config and options, another jar
if [ -n "$BEFORE_JAR" ]; then
  [ -f "$BEFORE_JAR" ] || { echo "BEFORE_JAR $BEFORE_JAR is not a file" >&2; exit 1; }
  sed -e "s/$PRESCAL_PORT/$OLD_PORT/" -e "s/$ADMIN_PORT/$OLD_ADMIN_PORT/" "$WORK/prescal.yml" >"$WORK/prescal-old.yml"
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -jar "$BEFORE_JAR" --config "$WORK/prescal-old.yml" >"$WORK/prescal-old.log" 2>&1 &
  OLD_PID=$!
  PIDS+=($OLD_PID)
fi

# --- Spring Cloud Gateway as a peer (optional): Reactor Netty with as many I/O threads
if [ "$SCG" = 1 ]; then
  SCG_JAR=$ROOT/bench/scg/target/scg-peer.jar
  if [ ! -f "$SCG_JAR" ]; then
    (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -B -f bench/scg/pom.xml package -DskipTests)
  fi
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -Dreactor.netty.ioWorkerCount="$WORKERS" -jar "$SCG_JAR" \
    --server.port="$SCG_PORT" --bench.backend="http://127.0.0.1:$BACKEND_PORT" >"$WORK/scg.log" 2>&1 &
  SCG_PID=$!
  PIDS+=($SCG_PID)
fi

PORTS=($BACKEND_PORT $HAPROXY_PORT $NGINX_PORT $PRESCAL_PORT)
[ "$SCG" = 1 ] && PORTS+=($SCG_PORT)
[ "$EPOLL" = 1 ] && PORTS+=($EPOLL_PORT)
[ -n "$BEFORE_JAR" ] && PORTS+=($OLD_PORT)
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$port/" || { echo "port $port does not answer; see $WORK" >&2; exit 1; }
done

declare -A PORT=([direct]=$BACKEND_PORT [haproxy]=$HAPROXY_PORT [nginx]=$NGINX_PORT [prescal]=$PRESCAL_PORT [scg]=$SCG_PORT [prescal-ep]=$EPOLL_PORT [prescal-old]=$OLD_PORT)
TARGETS=(direct haproxy nginx prescal)
[ "$SCG" = 1 ] && TARGETS+=(scg)
[ "$EPOLL" = 1 ] && TARGETS+=(prescal-ep)
[ -n "$BEFORE_JAR" ] && TARGETS+=(prescal-old)

# wrk prints "Requests/sec: N" and, with --latency, "99% X(us|ms|s)".
run_wrk() {
  local port=$1 conns=$2 duration=$3
  wrk -t"$WRK_THREADS" -c"$conns" -d"$duration" --latency "http://127.0.0.1:$port/" 2>&1
}
rps_of() { awk '/Requests\/sec/ {print $2}'; }
p99_ms_of() {
  awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
         if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; print v }'
}
errors_of() { awk '/Socket errors|Non-2xx/ {print}' ; }
# CPU time (user + system, all threads) a process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A CPU_PID=([haproxy]=$HAPROXY_PID [prescal]=$PRESCAL_PID)
[ "$SCG" = 1 ] && CPU_PID[scg]=$SCG_PID
[ "$EPOLL" = 1 ] && CPU_PID[prescal-ep]=$EPOLL_PID
[ -n "$BEFORE_JAR" ] && CPU_PID[prescal-old]=$OLD_PID
TICK_US=$((1000000 / $(getconf CLK_TCK)))

echo "== prescal-proxy transport: $(grep -o 'listening on .*' "$WORK/prescal.log" | head -1)"
echo "== warm-up (JIT), 5s each"
for t in "${TARGETS[@]}"; do run_wrk "${PORT[$t]}" "$CONNECTIONS" 5s >/dev/null; done

declare -A RPS P99
echo "== $ROUNDS alternating rounds: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, $WORKERS worker thread(s) per proxy"
# cpu_us/req: the proxy process's CPU time (all its threads, user + system) per request served,
# for HAProxy and prescal-proxy: what each proxy costs, whatever the scheduler did to throughput.
declare -A CPU
printf '%-6s %-10s %12s %10s %12s\n' round target req/s p99_ms cpu_us/req
for r in $(seq 1 "$ROUNDS"); do
  # Rotate the order each round so no target always runs first or last.
  for i in $(seq 0 $((${#TARGETS[@]} - 1))); do
    t=${TARGETS[$(((i + r) % ${#TARGETS[@]}))]}
    pid=${CPU_PID[$t]:-}
    before=$([ -n "$pid" ] && cpu_ticks "$pid" || echo 0)
    out=$(run_wrk "${PORT[$t]}" "$CONNECTIONS" "$DURATION")
    after=$([ -n "$pid" ] && cpu_ticks "$pid" || echo 0)
    rps=$(echo "$out" | rps_of)
    p99=$(echo "$out" | p99_ms_of)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    cpu=-
    if [ -n "$pid" ]; then
      cpu=$(awk -v t=$((after - before)) -v u="$TICK_US" -v n="$requests" 'BEGIN { printf "%.2f", t * u / n }')
      CPU[$t]="${CPU[$t]:-} $cpu"
    fi
    RPS[$t]="${RPS[$t]:-} $rps"
    P99[$t]="${P99[$t]:-} $p99"
    printf '%-6s %-10s %12s %10s %12s %s\n' "$r" "$t" "$rps" "$p99" "$cpu" "$(echo "$out" | errors_of | tr '\n' ' ')"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
echo "== medians"
printf '%-10s %12s %10s %12s\n' target req/s p99_ms cpu_us/req
declare -A MRPS MP99 MCPU
for t in "${TARGETS[@]}"; do
  MRPS[$t]=$(echo "${RPS[$t]}" | median)
  MP99[$t]=$(echo "${P99[$t]}" | median)
  MCPU[$t]=$([ -n "${CPU[$t]:-}" ] && echo "${CPU[$t]}" | median || echo -)
  printf '%-10s %12.0f %10.3f %12s\n' "$t" "${MRPS[$t]}" "${MP99[$t]}" "${MCPU[$t]}"
done
echo
echo "== ratios (prescal / peer)"
PEERS=(haproxy nginx)
[ "$SCG" = 1 ] && PEERS+=(scg)
[ "$EPOLL" = 1 ] && PEERS+=(prescal-ep)
[ -n "$BEFORE_JAR" ] && PEERS+=(prescal-old)
for peer in "${PEERS[@]}"; do
  awk -v a="${MRPS[prescal]}" -v b="${MRPS[$peer]}" -v c="${MP99[prescal]}" -v d="${MP99[$peer]}" -v p="$peer" \
    'BEGIN { printf "vs %-10s throughput %.2fx   p99 %.2fx\n", p, a / b, c / d }'
done
awk -v a="${MCPU[prescal]}" -v b="${MCPU[haproxy]}" \
  'BEGIN { printf "vs haproxy  CPU per request %.2fx (process CPU time, all threads)\n", a / b }'
awk -v a="${MRPS[prescal]}" -v b="${MRPS[haproxy]}" -v c="${MP99[prescal]}" -v d="${MP99[haproxy]}" \
  'BEGIN { printf "targets: throughput >= 1.05x HAProxy: %s; p99 <= 1.10x HAProxy: %s\n",
           (a / b >= 1.05 ? "met" : "NOT met"), (c / d <= 1.10 ? "met" : "NOT met") }'

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PRESCAL_PID/status"; }

echo
echo "== 1,000 concurrent keep-alive connections through prescal-proxy (10s)"
peak=0
( while kill -0 "$PRESCAL_PID" 2>/dev/null; do rss_mb > "$WORK/rss.now"; sleep 0.2; done ) &
SAMPLER=$!
out=""
( run_wrk "$PRESCAL_PORT" 1000 10s > "$WORK/wrk1000.txt" ) &
WRK=$!
while kill -0 "$WRK" 2>/dev/null; do
  now=$(cat "$WORK/rss.now" 2>/dev/null || echo 0); [ "${now:-0}" -gt "$peak" ] && peak=$now; sleep 0.2
done
kill "$SAMPLER" 2>/dev/null || true
out=$(cat "$WORK/wrk1000.txt")
echo "$out" | grep -E "Requests/sec|requests in|Socket errors|Non-2xx|99%" || true
errs=$(echo "$out" | errors_of)
echo "errors: ${errs:-none}; peak RSS ${peak} MB (target <= 300 MB: $([ "$peak" -le 300 ] && echo met || echo NOT met))"

echo
echo "== $IDLE_CONNECTIONS idle connections held by prescal-proxy"
python3 - "$PRESCAL_PORT" "$IDLE_CONNECTIONS" <<'PY'
import socket, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
socks = []
for i in range(count):
    s = socket.socket()
    s.connect(("127.0.0.1", port))
    socks.append(s)
time.sleep(5)
alive = 0
for s in socks:
    s.setblocking(False)
    try:
        data = s.recv(1)
        alive += 0 if data == b"" else 1
    except BlockingIOError:
        alive += 1  # nothing to read and not closed: still held
    except OSError:
        pass
# One real request on a fresh connection while they are all open.
c = socket.create_connection(("127.0.0.1", port), timeout=10)
c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
answer = c.recv(100).split(b"\r\n")[0].decode()
print(f"opened {count}, still open after 5s: {alive}; a request meanwhile: {answer}")
PY
echo "prescal-proxy RSS with them open: $(rss_mb) MB"

if [ "$PROFILE" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$PRESCAL_PID" JFR.dump filename="$WORK/prescal.jfr" >/dev/null
  echo; echo "== JFR: top frames of prescal-proxy execution samples ($WORK/prescal.jfr)"
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$WORK/prescal.jfr" \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/ +line:.*/, ""); print}' \
    | sort | uniq -c | sort -rn | head -15
fi
echo
echo "work files (configs, logs): $WORK"
