#!/bin/sh
# Makes Prescal's Redis users: a password per user (kept when its file exists, else 32 random
# characters written 0600) and Redis' ACL file from users.acl.in next to this script, with each
# password's SHA-256 in it, never a password in clear. The ACL file is readable by all (0644), so
# that Redis reads it whatever user it runs as: a SHA-256 of 190 random bits gives nothing away. POSIX sh with coreutils or busybox: it runs on
# the host (./prescal up), in the Redis image (docker-compose.yml) and in tests.
#
#   redis-users.sh ACL_FILE USER=PASSWORD_FILE...
#   redis-users.sh .prescal/run/redis/users.acl proxy=.prescal/run/secrets/proxy.redis-password ...
#
# Every user of the template needs a PASSWORD_FILE, and every USER named must be in the template.
set -eu

die() { printf 'redis-users: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: redis-users.sh ACL_FILE USER=PASSWORD_FILE..."
acl=$1; shift
template=${PRESCAL_REDIS_USERS_TEMPLATE:-$(dirname "$0")/users.acl.in}
[ -r "$template" ] || die "cannot read the template $template"
umask 077

wanted=$(sed -n 's/^user \([a-z]*\) on .*/\1/p' "$template")
script=""
for pair in "$@"; do
  user=${pair%%=*}; file=${pair#*=}
  [ -n "$user" ] && [ -n "$file" ] && [ "$user" != "$pair" ] || die "$pair: expected USER=PASSWORD_FILE"
  printf '%s\n' "$wanted" | grep -qx "$user" || die "$user: no such user in $template (expected one of: $(echo $wanted))"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    password=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
    [ ${#password} -eq 32 ] || die "could not read 32 random characters from /dev/urandom"
    printf '%s\n' "$password" >"$file"
  fi
  password=$(head -n 1 "$file" | tr -d '\r\n')
  [ -n "$password" ] || die "$file: the first line is empty (expected a password)"
  hash=$(printf '%s' "$password" | sha256sum | cut -d ' ' -f 1)
  script="$script s/{{$user}}/$hash/;"
done
for user in $wanted; do
  case "$script" in *"{{$user}}"*) ;; *) die "no password file given for the user $user (expected $user=FILE)" ;; esac
done

mkdir -p "$(dirname "$acl")"
grep -v -e '^#' -e '^[[:space:]]*$' "$template" | sed "$script" >"$acl.tmp"
chmod 644 "$acl.tmp"
mv "$acl.tmp" "$acl"
