#!/usr/bin/env bash
# The local run behind `./prescal up` (and `./prescal demo`): builds what is missing, starts Redis
# (one already listening, else the local redis-server, else an embedded one fetched from Maven
# Central), prescal-event, the dashboard and the proxy with an autoscaled demo service (Docker
# containers when an engine answers, local processes otherwise), prints the URLs and the login,
# and stops everything on Ctrl-C: no process or container is left behind.
#
#   ./prescal up [--demo] [--provider docker|process] [--no-build]
#
#   --demo       also drive a traffic ramp up and down through the proxy, so the demo service
#                scales out and back in on the dashboard (about two minutes), then keep running
#   --provider   force the provider (default: docker when an engine answers, else process)
#   --no-build   use the jars as they are
#
# Ports (override with the variables): proxy PRESCAL_PROXY_PORT=8000, admin
# PRESCAL_ADMIN_PORT=9900, prescal-event PRESCAL_EVENT_PORT=8081, dashboard
# PRESCAL_DASHBOARD_PORT=8080, Redis PRESCAL_REDIS_PORT=6379; all on 127.0.0.1 only.
# Files: .prescal/run (config, logs; only its owner may read it), .prescal/run/secrets (the Redis
# users' passwords, 0600), .prescal/run/proxy.yml (0600: deploy/local-run/proxy.yml.in filled in
# for the run). The Redis it starts has ACL users (deploy/redis/users.acl.in) and its default user
# off. JAVA_HOME must point at a JDK 21+ (./prescal does that).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN=$ROOT/.prescal/run
LOGS=$RUN/logs
PROXY_PORT=${PRESCAL_PROXY_PORT:-8000}
ADMIN_PORT=${PRESCAL_ADMIN_PORT:-9900}
EVENT_PORT=${PRESCAL_EVENT_PORT:-8081}
DASHBOARD_PORT=${PRESCAL_DASHBOARD_PORT:-8080}
REDIS_PORT=${PRESCAL_REDIS_PORT:-6379}
EMBEDDED_REDIS=com.github.codemonstur:embedded-redis:1.4.3
DEMO_IMAGE=prescal/demo-backend:local
JAVA=${JAVA_HOME:?JAVA_HOME must point at a JDK 21+ (run ./prescal up)}/bin/java

DEMO=false
PROVIDER=auto
BUILD=true
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) DEMO=true ;;
    --provider) PROVIDER=${2:?--provider needs docker or process}; shift ;;
    --provider=*) PROVIDER=${1#*=} ;;
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prescal up: unknown option: $1 (expected: --demo, --provider docker|process, --no-build)" >&2; exit 64 ;;
  esac
  shift
done
case "$PROVIDER" in auto|docker|process) ;; *)
  echo "prescal up: --provider: $PROVIDER (expected: docker or process)" >&2; exit 64 ;;
esac

say() { printf 'prescal: %s\n' "$*" >&2; }
die() { printf 'prescal: %s\n' "$*" >&2; exit 1; }

PIDS=()
STARTED_REDIS=""
cleanup() {
  trap - INT TERM EXIT
  say "stopping..."
  # The proxy first: it drains and stops the demo backends it started (containers or processes).
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$STARTED_REDIS" ]; then kill -TERM "$STARTED_REDIS" 2>/dev/null || true; fi
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    left=$(docker ps -aq --filter label=io.prescal.owner=prescal-local 2>/dev/null || true)
    if [ -n "$left" ]; then docker rm -f $left >/dev/null 2>&1 || true; fi
  fi
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_http() { # name url seconds pid
  for _ in $(seq 1 $(( $3 * 4 ))); do
    if curl -fsS -o /dev/null --max-time 1 "$2" 2>/dev/null; then return 0; fi
    kill -0 "$4" 2>/dev/null || { tail -20 "$LOGS/$1.log" >&2; die "$1 exited during start; log: $LOGS/$1.log"; }
    sleep 0.25
  done
  tail -20 "$LOGS/$1.log" >&2
  die "$1 did not answer $2 within $3 s; log: $LOGS/$1.log"
}

mkdir -p "$LOGS" "$RUN/secrets"
# The run's files hold secrets (proxy.yml has the command secret; secrets/ the Redis passwords).
chmod 700 "$ROOT/.prescal/run" "$RUN/secrets"
command -v curl >/dev/null || die "curl is missing: apt-get install -y curl"

for p in "$PROXY_PORT" "$ADMIN_PORT" "$EVENT_PORT" "$DASHBOARD_PORT"; do
  if port_busy "$p"; then die "port $p is in use: stop what runs there, or set the PRESCAL_*_PORT variables (./prescal up --help)"; fi
done

# --- build ------------------------------------------------------------------------------------
JARS=(prescal-proxy/target/prescal-proxy.jar prescal-event/target/prescal-event.jar
      prescal-dashboard/target/prescal-dashboard.jar prescal-traffic/target/prescal-traffic.jar)
stale=false
for j in "${JARS[@]}"; do
  if [ ! -f "$ROOT/$j" ]; then stale=true; break; fi
  module=${j%%/*}
  if [ -n "$(find "$ROOT/$module/src/main" "$ROOT/prescal-common/src/main" -newer "$ROOT/$j" -type f -print -quit 2>/dev/null)" ]; then
    stale=true; break
  fi
done
if [ "$BUILD" = true ] && [ "$stale" = true ]; then
  say "building the jars (a few minutes the first time; log: $LOGS/build.log)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true) >"$LOGS/build.log" 2>&1 \
    || { tail -30 "$LOGS/build.log" >&2; die "the build failed; log: $LOGS/build.log"; }
fi
for j in "${JARS[@]}"; do [ -f "$ROOT/$j" ] || die "$j is missing: run ./prescal build"; done

# --- Redis ------------------------------------------------------------------------------------
# A Redis this script starts is locked down: ACL users (proxy, event, dashboard, observer), each
# allowed only its channels, keys and commands, the default user off, passwords generated into
# $RUN/secrets (kept from run to run). One already answering on the port is used as it is.
REDIS_SECRETS=$RUN/secrets
REDIS_USERS=true
if command -v redis-cli >/dev/null && redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  say "using the Redis already answering on 127.0.0.1:$REDIS_PORT as it is (no users, no password: Prescal did not start it)"
  REDIS_USERS=false
elif port_busy "$REDIS_PORT"; then
  die "port $REDIS_PORT is in use by something that is not Redis (or one that wants a password): set PRESCAL_REDIS_PORT"
else
  REDIS_BIN=$(command -v redis-server || true)
  if [ -z "$REDIS_BIN" ]; then
    REDIS_BIN=$ROOT/.prescal/redis/redis-server
    if [ ! -x "$REDIS_BIN" ]; then
      say "no redis-server on this machine: fetching an embedded one ($EMBEDDED_REDIS) from Maven Central"
      mkdir -p "$ROOT/.prescal/redis"
      (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact=$EMBEDDED_REDIS \
        -DoutputDirectory=.prescal/redis -Dmdep.stripVersion=true) >"$LOGS/redis-fetch.log" 2>&1 \
        || die "could not fetch $EMBEDDED_REDIS; install redis-server instead (apt-get install redis-server)"
      (cd "$ROOT/.prescal/redis" && "$JAVA_HOME/bin/jar" xf embedded-redis.jar redis-server-6.2.6-v5-linux-amd64 \
        && mv redis-server-6.2.6-v5-linux-amd64 redis-server && chmod +x redis-server)
    fi
  fi
  "$ROOT/deploy/redis/redis-users.sh" "$RUN/redis/users.acl" \
    proxy="$REDIS_SECRETS/proxy.redis-password" event="$REDIS_SECRETS/event.redis-password" \
    dashboard="$REDIS_SECRETS/dashboard.redis-password" observer="$REDIS_SECRETS/observer.redis-password" \
    || die "could not make the Redis users (deploy/redis/redis-users.sh)"
  "$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --save "" --appendonly no \
    --aclfile "$RUN/redis/users.acl" >"$LOGS/redis.log" 2>&1 &
  STARTED_REDIS=$!
  for _ in $(seq 1 40); do port_busy "$REDIS_PORT" && break; sleep 0.25; done
  port_busy "$REDIS_PORT" || die "Redis did not start; log: $LOGS/redis.log"
  say "started Redis ($REDIS_BIN) on 127.0.0.1:$REDIS_PORT with ACL users"
fi
# redis_url USER: the URL a service connects with (its password comes from its file).
redis_url() { if [ "$REDIS_USERS" = true ]; then echo "redis://$1@127.0.0.1:$REDIS_PORT"; else echo "redis://127.0.0.1:$REDIS_PORT"; fi; }
redis_password_file() { if [ "$REDIS_USERS" = true ]; then echo "$REDIS_SECRETS/$1.redis-password"; fi; }
# For people and tools: the read-only observer (prescal-traffic --events, redis-cli).
if [ "$REDIS_USERS" = true ]; then
  OBSERVER_URL="redis://observer:$(head -n 1 "$REDIS_SECRETS/observer.redis-password")@127.0.0.1:$REDIS_PORT"
  OBSERVER_SHOWN="redis://observer:\$(cat .prescal/run/secrets/observer.redis-password)@127.0.0.1:$REDIS_PORT"
else
  OBSERVER_URL="redis://127.0.0.1:$REDIS_PORT"
  OBSERVER_SHOWN=$OBSERVER_URL
fi

# --- secrets and users (new for every run, never built in) -----------------------------------
random() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$1"; }
COMMAND_SECRET=$(random 32)
OPERATOR_PASSWORD=$(random 16)
VIEWER_PASSWORD=$(random 16)

# --- the demo service's provider --------------------------------------------------------------
docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }
if [ "$PROVIDER" = auto ]; then
  if docker_ok; then PROVIDER=docker; else PROVIDER=process; fi
fi
if [ "$PROVIDER" = docker ]; then
  docker_ok || die "--provider docker: no Docker engine answers"
  if ! docker image inspect "$DEMO_IMAGE" >/dev/null 2>&1 \
     || [ "$ROOT/prescal-traffic/target/prescal-traffic.jar" -nt "$RUN/demo-image.built" ]; then
    jre=${PRESCAL_JRE_IMAGE:-}
    if [ -z "$jre" ] && docker image inspect prescal/jre:25 >/dev/null 2>&1; then jre=prescal/jre:25; fi
    say "building the demo backend image $DEMO_IMAGE${jre:+ on $jre}"
    if DOCKER_BUILDKIT=0 docker build -q ${jre:+--build-arg JRE_IMAGE=$jre} -t "$DEMO_IMAGE" \
         "$ROOT/prescal-traffic" >"$LOGS/demo-image.log" 2>&1; then
      touch "$RUN/demo-image.built"
    else
      say "could not build the demo image (log: $LOGS/demo-image.log): using local processes instead"
      PROVIDER=process
    fi
  fi
fi
# fill TEMPLATE NAME=VALUE...: the template without its ## lines, each @NAME@ replaced by VALUE.
fill() {
  local template=$1 text pair; shift
  text=$(grep -v '^##' "$template") || die "cannot read $template"
  for pair in "$@"; do text=${text//"@${pair%%=*}@"/"${pair#*=}"}; done
  if [[ $text =~ @[A-Z_]+@ ]]; then die "$template: ${BASH_REMATCH[0]} is not filled in"; fi
  printf '%s\n' "$text"
}
TEMPLATES=$ROOT/deploy/local-run
if [ "$PROVIDER" = docker ]; then
  PROVIDER_YAML=$(fill "$TEMPLATES/provider-docker.yml.in" DEMO_IMAGE="$DEMO_IMAGE")
else
  # The demo backend's AOT cache (JDK 25+, docs/traffic.md): trained once per jar build with the
  # command's JVM options; without one (an older JDK, a failed training) serve starts as before.
  aot_cache=$ROOT/prescal-traffic/target/prescal-traffic.aot
  if [ ! -f "$aot_cache" ] || [ "$ROOT/prescal-traffic/target/prescal-traffic.jar" -nt "$aot_cache" ]; then
    say "training the demo backend's AOT cache, once per build (about 10 s)"
    JAVA=$JAVA "$ROOT/prescal-traffic/aot-cache.sh" "$ROOT/prescal-traffic/target/prescal-traffic.jar" \
      "$aot_cache" -Xmx64m -XX:TieredStopAtLevel=1 >/dev/null \
      || say "the demo backend starts without an AOT cache"
  fi
  aot_opt=""; [ -f "$aot_cache" ] && aot_opt="\"-XX:AOTCache=$aot_cache\", "
  PROVIDER_YAML=$(fill "$TEMPLATES/provider-process.yml.in" JAVA="$JAVA" AOT_OPTION="$aot_opt" \
    TRAFFIC_JAR="$ROOT/prescal-traffic/target/prescal-traffic.jar")
fi
PROXY_YAML=$(fill "$TEMPLATES/proxy.yml.in" PROXY_PORT="$PROXY_PORT" ADMIN_PORT="$ADMIN_PORT" \
  REDIS_URL="$(redis_url proxy)" COMMAND_SECRET="$COMMAND_SECRET" \
  REDIS_PASSWORD_FILE="$(redis_password_file proxy)" PROVIDER="$PROVIDER_YAML")
# Only its owner may read it: it holds the command secret.
(umask 077 && printf '%s\n' "$PROXY_YAML" >"$RUN/proxy.yml")
chmod 600 "$RUN/proxy.yml"

# --- services ---------------------------------------------------------------------------------
start() { # name command...
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
}

say "starting prescal-event on 127.0.0.1:$EVENT_PORT, the dashboard on 127.0.0.1:$DASHBOARD_PORT, the proxy on 127.0.0.1:$PROXY_PORT ($PROVIDER provider)"
PRESCAL_REDIS_URL=$(redis_url event) PRESCAL_REDIS_PASSWORD_FILE=$(redis_password_file event) \
  start event "$JAVA" -Xmx256m -jar "$ROOT/prescal-event/target/prescal-event.jar" \
  --server.address=127.0.0.1 --server.port="$EVENT_PORT"
EVENT_PID=${PIDS[-1]}
PRESCAL_REDIS_URL=$(redis_url dashboard) PRESCAL_REDIS_PASSWORD_FILE=$(redis_password_file dashboard) \
  PRESCAL_COMMAND_SECRET=$COMMAND_SECRET \
  PRESCAL_DASHBOARD_USERS_OPERATOR_PASSWORD=$OPERATOR_PASSWORD PRESCAL_DASHBOARD_USERS_OPERATOR_ROLE=operator \
  PRESCAL_DASHBOARD_USERS_VIEWER_PASSWORD=$VIEWER_PASSWORD PRESCAL_DASHBOARD_USERS_VIEWER_ROLE=viewer \
  start dashboard "$JAVA" -Xmx384m -jar "$ROOT/prescal-dashboard/target/prescal-dashboard.jar" \
  --server.address=127.0.0.1 --server.port="$DASHBOARD_PORT"
DASHBOARD_PID=${PIDS[-1]}
# Netty's direct buffer access on Java 24+ (docs/proxy.md); older JVMs do not know the flag.
PROXY_OPTS=(-Xmx256m)
if "$JAVA" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  PROXY_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
start proxy "$JAVA" "${PROXY_OPTS[@]}" -jar "$ROOT/prescal-proxy/target/prescal-proxy.jar" --config "$RUN/proxy.yml"
PROXY_PID=${PIDS[-1]}

wait_http proxy "http://127.0.0.1:$ADMIN_PORT/status" 60 "$PROXY_PID"
wait_http event "http://127.0.0.1:$EVENT_PORT/actuator/health" 120 "$EVENT_PID"
wait_http dashboard "http://127.0.0.1:$DASHBOARD_PORT/login" 120 "$DASHBOARD_PID"

cat >&2 <<EOF

  Prescal is running ($PROVIDER provider), on 127.0.0.1 only. Ctrl-C stops everything.

  dashboard   http://127.0.0.1:$DASHBOARD_PORT   operator / $OPERATOR_PASSWORD   (viewer / $VIEWER_PASSWORD)
  proxy       http://127.0.0.1:$PROXY_PORT        (service "demo", autoscaled 1 to 6 replicas)
  admin       http://127.0.0.1:$ADMIN_PORT/status  and /metrics
  events API  http://127.0.0.1:$EVENT_PORT/api/services
  Redis       redis://127.0.0.1:$REDIS_PORT   $([ "$REDIS_USERS" = true ] && echo "(ACL users; passwords in .prescal/run/secrets)" || echo "(not started by Prescal: as it is)")
  logs        $LOGS

  Try: java -jar prescal-traffic/target/prescal-traffic.jar load --rate 200 -d 60s \\
         --events "$OBSERVER_SHOWN" http://127.0.0.1:$PROXY_PORT/

EOF

if [ "$DEMO" = true ]; then
  say "demo: a ramp to 150 req/s and back (about 2 minutes); watch the dashboard"
  "$JAVA" -jar "$ROOT/prescal-traffic/target/prescal-traffic.jar" load \
    --profile "hold 5/s 10s, ramp 5-150/s 30s, hold 150/s 40s, ramp 150-5/s 20s, hold 5/s 40s" \
    --events "$OBSERVER_URL" --timeout 30s "http://127.0.0.1:$PROXY_PORT/" && code=0 || code=$?
  case "$code" in
    0) ;;
    3) say "the machine was busy: the load generator fell behind its schedule, so its latency figures are approximate" ;;
    *) say "the demo load ended with exit code $code (see above)" ;;
  esac
  say "demo done: the system keeps running until Ctrl-C"
fi

# Keep running until Ctrl-C or until a service dies.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then die "a service exited (pid $pid); logs: $LOGS"; fi
  done
  sleep 1
done
