#!/usr/bin/env bash
# prescal-proxy against HAProxy with TLS and HTTP/2 at the edge, both in front of one nginx serving
# a small static file over plain HTTP/1.1, on loopback, with the same certificate (ECDSA P-256, made
# for the run) and the same number of worker threads. Each measurement alternates the targets
# round by round (the order rotates); the script prints every round, the medians and the ratios.
#
#   tls-ka     TLS keep-alive throughput and p99: wrk https://, -c$CONNECTIONS
#   tls-new    new TLS connections per second: wrk https:// with "Connection: close", so every
#              request pays a TCP connect and a handshake (wrk resumes no session)
#   h2         HTTP/2 over TLS (ALPN h2): h2load -c$H2_CLIENTS -m$H2_STREAMS
#   h2c        HTTP/2 by prior knowledge on a plain listener: h2load, the same options
#   plain      HTTP/1.1 without TLS, as bench/proxy-vs-peers.sh measures it: the figure TLS and
#              HTTP/2 must leave unchanged (compare before and after with that script's BEFORE_JAR)
#
#   bench/proxy-tls-h2.sh                          # defaults below
#   ROUNDS=7 DURATION=10s WORKERS=2 bench/proxy-tls-h2.sh
#   JDK_ENGINE=1 bench/proxy-tls-h2.sh             # also prescal-proxy on the JDK's TLS engine
#                                                  # (target prescal-jdk), next to BoringSSL's
#   TESTS="tls-ka h2" bench/proxy-tls-h2.sh        # only some measurements
#
# Needs: nginx, haproxy (2.6), wrk, h2load (apt-get install -y nginx haproxy wrk nghttp2-client),
# openssl, a JDK 21+, and the proxy jar (built here with ./mvnw -pl prescal-proxy -am package
# -DskipTests when missing). On a shared machine read the ratios, not the absolute figures.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-50}
H2_CLIENTS=${H2_CLIENTS:-10}
H2_STREAMS=${H2_STREAMS:-10}
WORKERS=${WORKERS:-1}
WRK_THREADS=${WRK_THREADS:-1}
JDK_ENGINE=${JDK_ENGINE:-0}
TESTS=${TESTS:-tls-ka tls-new h2 h2c plain}
JAVA_OPTS=${JAVA_OPTS:-}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/prescal-proxy/target/prescal-proxy.jar}
WORK=$(mktemp -d /tmp/prescal-bench-tls.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as another user
BACKEND_PORT=19201
HAPROXY_PLAIN=19202 HAPROXY_TLS=19203
PRESCAL_PLAIN=19204 PRESCAL_TLS=19205 PRESCAL_ADMIN=19206
JDK_PLAIN=19207 JDK_TLS=19208 JDK_ADMIN=19209
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/backend.pid" ] && kill "$(cat "$WORK/backend.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in nginx haproxy wrk h2load openssl curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y nginx haproxy wrk nghttp2-client openssl curl" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  JAVA_HOME=$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)
fi
JAVA=$JAVA_HOME/bin/java
if [ -z "$JAVA_OPTS" ]; then
  JAVA_OPTS="-Xms64m -Xmx256m"
  if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    JAVA_OPTS="$JAVA_OPTS --sun-misc-unsafe-memory-access=allow"
  fi
fi
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -B -pl prescal-proxy -am package -DskipTests)
fi

# --- one certificate for both proxies: PEM chain and PKCS#8 key (prescal), one bundle (HAProxy)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat "$WORK/cert.pem" "$WORK/key.pem" > "$WORK/bundle.pem"

# --- the static backend: nginx, one worker, keep-alive without limit
mkdir -p "$WORK/www"
printf 'ok\n' > "$WORK/www/index.html"
cat > "$WORK/backend.conf" <<CONF
worker_processes 1;
pid $WORK/backend.pid;
error_log $WORK/backend-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  server { listen 127.0.0.1:$BACKEND_PORT backlog=4096; root $WORK/www; }
}
CONF
nginx -c "$WORK/backend.conf"

# --- HAProxy: a plain listener (HTTP/1.1, and h2c by prior knowledge) and a TLS one (ALPN h2)
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
frontend plain
  bind 127.0.0.1:$HAPROXY_PLAIN
  default_backend b
frontend tls
  bind 127.0.0.1:$HAPROXY_TLS ssl crt $WORK/bundle.pem alpn h2,http/1.1
  default_backend b
backend b
  http-reuse always
  server s1 127.0.0.1:$BACKEND_PORT
CONF
haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
PIDS+=($HAPROXY_PID)

# --- prescal-proxy: the same two listeners (h2c is on by default on the plain one)
prescal_config() { # prescal_config <plain> <tls> <admin>
  cat <<CONF
listen:
  - 127.0.0.1:$1
  - address: 127.0.0.1:$2
    tls:
      certificates: [{cert: $WORK/cert.pem, key: $WORK/key.pem}]
workers: $WORKERS
admin: { address: 127.0.0.1:$3 }
services:
  - name: bench
    balancer: round-robin
    backends: [{ address: 127.0.0.1:$BACKEND_PORT }]
CONF
}
prescal_config $PRESCAL_PLAIN $PRESCAL_TLS $PRESCAL_ADMIN > "$WORK/prescal.yml"
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -jar "$JAR" --config "$WORK/prescal.yml" >"$WORK/prescal.log" 2>&1 &
PRESCAL_PID=$!
PIDS+=($PRESCAL_PID)
if [ "$JDK_ENGINE" = 1 ]; then
  prescal_config $JDK_PLAIN $JDK_TLS $JDK_ADMIN > "$WORK/prescal-jdk.yml"
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -Dprescal.tls=jdk -jar "$JAR" --config "$WORK/prescal-jdk.yml" >"$WORK/prescal-jdk.log" 2>&1 &
  JDK_PID=$!
  PIDS+=($JDK_PID)
fi

declare -A PLAIN=([haproxy]=$HAPROXY_PLAIN [prescal]=$PRESCAL_PLAIN [prescal-jdk]=$JDK_PLAIN)
declare -A TLS=([haproxy]=$HAPROXY_TLS [prescal]=$PRESCAL_TLS [prescal-jdk]=$JDK_TLS)
declare -A CPU_PID=([haproxy]=$HAPROXY_PID [prescal]=$PRESCAL_PID)
TARGETS=(haproxy prescal)
if [ "$JDK_ENGINE" = 1 ]; then
  TARGETS+=(prescal-jdk)
  CPU_PID[prescal-jdk]=$JDK_PID
fi

for t in "${TARGETS[@]}"; do
  for url in "http://127.0.0.1:${PLAIN[$t]}/" "https://127.0.0.1:${TLS[$t]}/"; do
    for _ in $(seq 1 300); do
      curl -skf -o /dev/null "$url" && break
      sleep 0.1
    done
    curl -skf -o /dev/null "$url" || { echo "$t does not answer at $url; see $WORK" >&2; exit 1; }
  done
  curl -sk --http2 -o /dev/null -w '%{http_version}' "https://127.0.0.1:${TLS[$t]}/" | grep -q '^2' \
    || { echo "$t does not negotiate h2 at https://127.0.0.1:${TLS[$t]}/" >&2; exit 1; }
done

# --- the tools: each prints "<req/s> <p99 ms or -> <requests> <errors or empty>"
wrk_run() { # wrk_run <url> <duration> [extra wrk args]
  local url=$1 duration=$2; shift 2
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$@" "$url" 2>&1 | awk '
    /Requests\/sec/ { rps = $2 }
    /requests in/ { n = $1 }
    $1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                  p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
    /Socket errors|Non-2xx/ { e = e $0 " " }
    END { printf "%s %s %s %s\n", rps, p99, n, e }'
}
h2load_run() { # h2load_run <url> <duration>
  h2load -t1 -c"$H2_CLIENTS" -m"$H2_STREAMS" -D "${2%s}" "$1" 2>&1 | awk '
    /^finished in/ { gsub(",", "", $4); rps = $4 }
    /^requests:/ { n = $8; failed = $10 + $12 }
    END { printf "%s - %s %s\n", rps, n, (failed > 0 ? "failed/errored: " failed : "") }'
}
measure() { # measure <test> <target> <duration>
  local test=$1 t=$2 d=$3
  case "$test" in
    tls-ka) wrk_run "https://127.0.0.1:${TLS[$t]}/" "$d" ;;
    tls-new) wrk_run "https://127.0.0.1:${TLS[$t]}/" "$d" -H "Connection: close" ;;
    h2) h2load_run "https://127.0.0.1:${TLS[$t]}/" "$d" ;;
    h2c) h2load_run "http://127.0.0.1:${PLAIN[$t]}/" "$d" ;;
    plain) wrk_run "http://127.0.0.1:${PLAIN[$t]}/" "$d" ;;
    *) echo "unknown test $test (expected: tls-ka tls-new h2 h2c plain)" >&2; exit 64 ;;
  esac
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
# The median of the numbers among the words read ("-", a figure a tool did not give, is skipped).
median() { tr ' ' '\n' | awk '/^[0-9.]+$/' | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(haproxy -v | head -1 | cut -d' ' -f1-3); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); h2load $(h2load --version | awk '{print $2}')"
echo "== prescal-proxy: $(grep -o 'listening on .*' "$WORK/prescal.log" | head -1)"
[ "$JDK_ENGINE" = 1 ] && echo "== prescal-jdk:   $(grep -o 'listening on .*' "$WORK/prescal-jdk.log" | head -1)"

declare -A SUMMARY
for test in $TESTS; do
  echo
  echo "== $test: warm-up $WARMUP each, then $ROUNDS alternating rounds of $DURATION, $WORKERS worker thread(s) per proxy"
  for t in "${TARGETS[@]}"; do measure "$test" "$t" "$WARMUP" >/dev/null; done
  declare -A RPS=() P99=() CPU=()
  printf '%-6s %-12s %12s %10s %12s\n' round target req/s p99_ms cpu_us/req
  for r in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((${#TARGETS[@]} - 1))); do
      t=${TARGETS[$(((i + r) % ${#TARGETS[@]}))]}
      pid=${CPU_PID[$t]}
      before=$(cpu_ticks "$pid")
      read -r rps p99 n errors <<<"$(measure "$test" "$t" "$DURATION")"
      after=$(cpu_ticks "$pid")
      cpu=$(awk -v t=$((after - before)) -v u="$TICK_US" -v n="${n:-0}" 'BEGIN { if (n > 0) printf "%.2f", t * u / n; else print "-" }')
      RPS[$t]="${RPS[$t]:-} ${rps:--}"
      P99[$t]="${P99[$t]:-} ${p99:--}"
      CPU[$t]="${CPU[$t]:-} $cpu"
      printf '%-6s %-12s %12s %10s %12s %s\n' "$r" "$t" "${rps:--}" "${p99:--}" "$cpu" "${errors:-}"
    done
  done
  echo "-- medians"
  declare -A MRPS=() MP99=()
  for t in "${TARGETS[@]}"; do
    MRPS[$t]=$(echo "${RPS[$t]}" | median)
    MP99[$t]=$(echo "${P99[$t]}" | median)
    printf '%-12s %12s %10s %12s\n' "$t" "${MRPS[$t]}" "${MP99[$t]}" "$(echo "${CPU[$t]}" | median)"
  done
  for t in "${TARGETS[@]}"; do
    [ "$t" = haproxy ] && continue
    line=$(awk -v a="${MRPS[$t]}" -v b="${MRPS[haproxy]}" -v c="${MP99[$t]}" -v d="${MP99[haproxy]}" \
      'BEGIN { printf "throughput %.2fx", (b > 0 ? a / b : 0); if (c != "-" && d != "-" && d > 0) printf "   p99 %.2fx", c / d }')
    echo "$t vs haproxy: $line"
    SUMMARY[$test/$t]=$line
  done
done

echo
echo "== summary (prescal-proxy / HAProxy; goals: tls-ka >= 1.0x, tls-new >= 0.8x, h2 >= 1.0x)"
for test in $TESTS; do
  for t in "${TARGETS[@]}"; do
    [ "$t" = haproxy ] && continue
    printf '%-8s %-12s %s\n' "$test" "$t" "${SUMMARY[$test/$t]}"
  done
done
echo
echo "work files (configs, certificate, logs): $WORK"
