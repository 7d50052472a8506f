#!/usr/bin/env bash
# prescal-traffic's HTTPS and HTTP/2 throughput against the peers users compare it with, on the
# same nginx (loopback only, one self-signed certificate made for the run).
#
#   bench/traffic-tls-h2.sh [--rounds N] [--duration SECONDS] [--connections C] [--streams M]
#                           [--skip-h2c] [--skip-h2] [--skip-https]
#
# 1. h2c (HTTP/2 with prior knowledge): h2load -t1 -cC -mM against prescal-traffic --http2 -t 1
#    -c C --streams M, on an nginx `listen ... http2` listener (static 200).
# 2. h2 over TLS (ALPN): the same two against nginx `listen ... ssl http2`.
# 3. HTTPS with HTTP/1.1: wrk -t1 -c50 against prescal-traffic -k -t 1 -c 50, on nginx
#    `listen ... ssl`.
# Each pair alternates (which one goes first flips every round), DURATION seconds a round, both
# after 5 s of warm-up outside the measured time (h2load --warm-up-time, prescal-traffic --warmup;
# wrk has none and needs none); medians of requests per second and their ratio (target: >= 0.9x).
# The TLS engine prescal-traffic used is printed (BoringSSL unless -Dprescal.tls=jdk is in
# PRESCAL_JAVA_OPTS).
#
# PRESCAL_JAVA_OPTS (e.g. "-Xmx256m") is passed to every prescal-traffic JVM.
# Prints every round and a summary; figures go to bench/RESULTS-traffic.md by hand. On a shared
# 2-core machine generator, nginx and everything else compete for CPU: read ratios, not absolutes.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=5
DURATION=10
CONNECTIONS=10
STREAMS=10
H2C=1 H2=1 HTTPS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --streams) STREAMS=$2; shift 2 ;;
    --skip-h2c) H2C=0; shift ;;
    --skip-h2) H2=0; shift ;;
    --skip-https) HTTPS=0; shift ;;
    *) echo "traffic-tls-h2.sh: unknown option $1 (see the header of this script)" >&2; exit 64 ;;
  esac
done

for tool in h2load wrk nginx openssl python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client wrk nginx openssl python3 >/dev/null
    else
      echo "traffic-tls-h2.sh: $tool is missing (apt-get install nghttp2-client wrk nginx openssl python3)" >&2; exit 1
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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
H2C_PORT=$(free_port); H2_PORT=$(free_port); HTTPS_PORT=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  # The generators keep their connections for the whole run.
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  ssl_certificate $WORK/cert.pem;
  ssl_certificate_key $WORK/key.pem;
  ssl_protocols TLSv1.2 TLSv1.3;
  server { listen 127.0.0.1:$H2C_PORT http2; location / { return 200 "ok\n"; } }
  server { listen 127.0.0.1:$H2_PORT ssl http2; location / { return 200 "ok\n"; } }
  server { listen 127.0.0.1:$HTTPS_PORT ssl; location / { return 200 "ok\n"; } }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
cleanup() { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $HTTPS_PORT), 1)" 2>/dev/null && break; sleep 0.1
done

json() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { python3 -c "print(round($1/$2,2) if $2 else 'n/a')"; }

prescal() { # prescal <out-file> <args...>: prints req/s, keeps the JSON for the engine line
  local out=$1; shift
  "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" load -q -t 1 -d "${DURATION}s" --warmup 5s --json "$WORK/p.json" "$@" >/dev/null || true
  cp "$WORK/p.json" "$WORK/last.json"
  json "$WORK/p.json" "round(d['rate'],1)" | tee -a "$out"
}
h2load_rps() { # h2load_rps <out-file> <url>
  h2load -t1 -c"$CONNECTIONS" -m"$STREAMS" -D "$DURATION" --warm-up-time=5 "$2" 2>&1 \
    | awk '/^finished in/ {gsub(",", "", $4); print $4}' | tee -a "$1"
}
wrk_rps() { # wrk_rps <out-file> <url>
  wrk -t1 -c50 -d"${DURATION}s" "$2" | awk '/Requests\/sec/ {print $2}' | tee -a "$1"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); h2load $(h2load --version | awk '{print $2}'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); nginx $(nginx -v 2>&1 | cut -d/ -f2); $(openssl version | cut -d' ' -f1-2)"

pair() { # pair <name> <peer-function> <url> <prescal args...>
  local name=$1 peer=$2 url=$3; shift 3
  : > "$WORK/peer"; : > "$WORK/prescal"
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
      p1=$($peer "$WORK/peer" "$url"); p2=$(prescal "$WORK/prescal" "$@" "$url")
    else
      p2=$(prescal "$WORK/prescal" "$@" "$url"); p1=$($peer "$WORK/peer" "$url")
    fi
    echo "$name round $r: $peer ${p1:-?} req/s, prescal-traffic ${p2:-?} req/s"
  done
  local P1 P2
  P1=$(median < "$WORK/peer"); P2=$(median < "$WORK/prescal")
  echo "$name median: ${peer%_rps} $P1 req/s, prescal-traffic $P2 req/s, ratio $(ratio "${P2:-0}" "${P1:-0}")x (target >= 0.9x)$(
    [ -f "$WORK/last.json" ] && json "$WORK/last.json" "'; prescal-traffic: ' + d['protocol'] + (', ' + d['connect']['tls'] if d['connect']['tls'] else '') + ', errors ' + str(round(100*d['errorRate'],2)) + '%'")"
}

if [ "$H2C" = 1 ]; then
  pair "h2c -c$CONNECTIONS -m$STREAMS" h2load_rps "http://127.0.0.1:$H2C_PORT/" --http2 -c "$CONNECTIONS" --streams "$STREAMS"
fi
if [ "$H2" = 1 ]; then
  pair "h2 (TLS) -c$CONNECTIONS -m$STREAMS" h2load_rps "https://127.0.0.1:$H2_PORT/" --http2 -k -c "$CONNECTIONS" --streams "$STREAMS"
fi
if [ "$HTTPS" = 1 ]; then
  pair "https http/1.1 -c50" wrk_rps "https://127.0.0.1:$HTTPS_PORT/" -k -c 50
fi
