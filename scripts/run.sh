#!/usr/bin/env bash
# Command 1: set up and run the embedded default (SQLite, tasks in-process, local outbox,
# phone simulator at /simulator, demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HELPLINE_ENV=development
unset REDIS_URL DATABASE_URL TWILIO_ACCOUNT_SID TWILIO_FROM TWILIO_MESSAGING_SERVICE_SID || true
PORT=${PORT:-5000}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}
.venv/bin/flask --app wsgi db upgrade
.venv/bin/flask --app wsgi seed demo
echo "Helpline on http://127.0.0.1:$PORT/  (simulator: /simulator, log in as admin / helpline-demo)"
exec .venv/bin/flask --app wsgi run --host 127.0.0.1 --port "$PORT"
