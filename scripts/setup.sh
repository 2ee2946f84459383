#!/usr/bin/env bash
# Create the virtual environment, install pinned requirements and compile translations.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  rm -f .venv/.requirements-*
  touch "$stamp"
fi
bash scripts/translations.sh compile
# Placeholder voice prompts (espeak-ng, not committed); without them the voice line uses <Say>.
if command -v espeak-ng >/dev/null 2>&1; then
  .venv/bin/python scripts/make_placeholder_prompts.py --only-missing >/dev/null || true
fi
