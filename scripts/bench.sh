#!/usr/bin/env bash
# All benchmarks, each printing its figures. Needs PostgreSQL and Redis (as the tests do).
# Loading a million cases and a million households takes a few minutes the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
bash scripts/setup.sh
for db in helpline_bench helpline_checkins_bench; do
  psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname='$db'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "create database $db" >/dev/null
done
echo "== triage: evaluate() on one core =="
.venv/bin/python bench/triage_bench.py
echo "== SMS webhook under gunicorn vs a bare INSERT endpoint =="
.venv/bin/python bench/webhook_bench.py
echo "== queue and case list with 1,000,000 cases =="
.venv/bin/python bench/cases_bench.py ${BENCH_REUSE:+--skip-load}
echo "== check-in sweeps with 1,000,000 households =="
.venv/bin/python bench/checkins_bench.py ${BENCH_REUSE:+--reuse}
