#!/bin/sh
# The proxy image's entrypoint: runs the proxy as the unprivileged user prescal (uid 10001) in the
# group that owns the Docker socket, whatever that group's number is on this host (it differs from
# host to host: 999, 107, 998...). It starts as root only to read the socket's group and set it;
# then setpriv drops to uid 10001 with no capabilities and no way to regain any (no_new_privs)
# before the JVM starts. Started as a non-root user already (docker run --user ...), it just runs
# the command. Without a socket, the proxy runs without the extra group.
set -eu

user=10001
if [ "$(id -u)" != 0 ]; then
  exec "$@"
fi
socket=/var/run/docker.sock
case "${DOCKER_HOST:-}" in
  unix://*) socket=${DOCKER_HOST#unix://} ;;
esac
export HOME=/app
if [ -S "$socket" ]; then
  exec setpriv --reuid="$user" --regid="$user" --groups="$(stat -c %g "$socket")" \
    --inh-caps=-all --no-new-privs -- "$@"
fi
exec setpriv --reuid="$user" --regid="$user" --clear-groups --inh-caps=-all --no-new-privs -- "$@"
