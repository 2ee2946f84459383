#!/usr/bin/env bash
# Make sure PostgreSQL, Redis, Chromium and espeak-ng are there for the tests: start what is installed
# but stopped; install what is missing (Debian packages) when running as root.
set -uo pipefail
PGHOST=${PGHOST:-127.0.0.1}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  as_root apt-get update -qq >/dev/null 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}
wait_for() { for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }

pg_ready() { pg_isready -q -h "$PGHOST" -p 5432; }
if ! command -v pg_isready >/dev/null || ! pg_ready; then
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "services: installing PostgreSQL"; apt_install postgresql
  fi
  if command -v pg_ctlcluster >/dev/null && ! pg_ready; then
    echo "services: starting PostgreSQL"
    for v in $(ls /etc/postgresql 2>/dev/null); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
    done
    wait_for pg_ready
  fi
fi
if pg_ready; then
  # Trust auth for local tests, and the `test` database (created when missing).
  if ! psql -h "$PGHOST" -U postgres -d test -c "select 1" >/dev/null 2>&1; then
    as_root su postgres -c "createdb test" 2>/dev/null || psql -h "$PGHOST" -U postgres -c "create database test" >/dev/null 2>&1 || true
  fi
  echo "services: PostgreSQL ready"
else
  echo "services: PostgreSQL is NOT available" >&2
fi

redis_ready() { redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG; }
if ! command -v redis-cli >/dev/null || ! redis_ready; then
  command -v redis-server >/dev/null || { echo "services: installing Redis"; apt_install redis-server; }
  if command -v redis-server >/dev/null && ! redis_ready; then
    echo "services: starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /tmp --logfile /tmp/helpline-redis.log >/dev/null
    wait_for redis_ready
  fi
fi
redis_ready && echo "services: Redis ready" || echo "services: Redis is NOT available" >&2

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  echo "services: installing Chromium"; apt_install chromium
fi
command -v chromium >/dev/null && echo "services: Chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
# espeak-ng: setup.sh makes the placeholder voice prompts with it (the voice tests check them)
if ! command -v espeak-ng >/dev/null; then
  echo "services: installing espeak-ng"; apt_install espeak-ng
fi
exit 0
