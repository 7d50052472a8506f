#!/usr/bin/env bash
# Builds the AOT cache of `prescal-traffic serve` (JDK 25+: JEP 483 classes loaded and linked ahead
# of time, JEP 515 method profiles), so the demo backend starts with its classes already in memory.
# A short training run serves real requests on loopback, sent by the jar's own `load`; when serve
# exits on SIGTERM the JVM writes the cache (JEP 514, -XX:AOTCacheOutput).
#
#   prescal-traffic/aot-cache.sh JAR CACHE [JVM option...] > java.args
#
# Prints the JVM option that uses the cache (-XX:AOTCache=CACHE) on standard output, or nothing when
# this JVM cannot make one (older than 25), so the output works as a `java @java.args` file or on a
# command line either way. Exits 1, naming the step, when the training run fails.
#
# A cache is valid only for the JVM build, the jar (path, size, modification time) and the JVM
# options it was made with: run `serve` with the same JVM options given here (JAVA_TOOL_OPTIONS
# included). With another jar or JVM the JVM prints why on standard output and starts without it.
# JAVA names the java to use (default: java on the PATH). Takes 5-10 s on 2 cores.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: aot-cache.sh JAR CACHE [JVM option...]" >&2; exit 64; }
JAR=$1
CACHE=$2
shift 2
JAVA=${JAVA:-java}
REQUESTS=2000

say() { printf 'aot-cache: %s\n' "$*" >&2; }
[ -f "$JAR" ] || { say "$JAR is missing: build it first (./prescal build)"; exit 1; }

if ! "$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCacheOutput; then
  say "$("$JAVA" -version 2>&1 | head -1) cannot write an AOT cache (JDK 25+ can): serve starts without one"
  exit 0
fi

WORK=$(mktemp -d)
SERVE_PID=""
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill -KILL "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  say "$1; training log:"
  tail -20 "$WORK/serve.log" >&2 || true
  exit 1
}

started=$(date +%s)
rm -f "$CACHE"
: >"$WORK/serve.log" # before serve starts: the wait below reads it at once
"$JAVA" "$@" -XX:AOTCacheOutput="$CACHE" -jar "$JAR" serve --bind 127.0.0.1 --port 0 \
  >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!

port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's/^serve: listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$WORK/serve.log")
  [ -n "$port" ] && break
  kill -0 "$SERVE_PID" 2>/dev/null || fail "serve exited during its training run"
  sleep 0.1
done
[ -n "$port" ] || fail "serve did not listen within 60 s"

# What the proxy sends: readiness probes and health checks on fresh connections, then requests on
# keep-alive connections.
get() { # path
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
  cat <&3 >/dev/null
  exec 3>&-
}
for _ in 1 2 3 4 5; do get /ready; get /healthz; done
"$JAVA" -jar "$JAR" load -q -n "$REQUESTS" -c 4 "http://127.0.0.1:$port/" >"$WORK/load.log" 2>&1 \
  || { cat "$WORK/load.log" >>"$WORK/serve.log"; fail "the training requests failed"; }

kill -TERM "$SERVE_PID"
wait "$SERVE_PID" || true
SERVE_PID=""
[ -s "$CACHE" ] || fail "the JVM wrote no AOT cache at $CACHE"
say "wrote $CACHE ($(( $(stat -c %s "$CACHE") / 1048576 )) MB) in $(( $(date +%s) - started )) s"
echo "-XX:AOTCache=$CACHE"
