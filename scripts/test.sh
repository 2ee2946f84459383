#!/usr/bin/env bash
# Command 2: set up and run the whole test suite, twice: on the embedded default
# (SQLite, tasks in-process) and on PostgreSQL + Redis with a real Celery worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
bash scripts/setup.sh
mkdir -p test-artifacts
export PYTHONDONTWRITEBYTECODE=1
status=0

echo "== pass 1: SQLite, tasks in-process =="
env -u TEST_DATABASE_URL -u TEST_REDIS_URL .venv/bin/pytest -q -p no:cacheprovider "$@" tests || status=$?

echo "== pass 2: PostgreSQL + Redis =="
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} \
TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
REQUIRE_POSTGRES=1 .venv/bin/pytest -q -p no:cacheprovider "$@" tests || status=$?

exit $status
