#!/usr/bin/env bash
# Gettext catalogs: one domain per area. `compile` (set-up), `extract`, `update`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
DOMAINS="messages staff referrals voice checkins"
LOCALES="en ar ckb ku"
[ -n "${2:-}" ] && DOMAINS="$2"   # e.g. `translations.sh extract staff`
case "${1:-compile}" in
  compile)
    for d in $DOMAINS; do
      for l in $LOCALES; do
        po=translations/$l/LC_MESSAGES/$d.po
        [ -f "$po" ] && $PYBABEL compile --use-fuzzy -D "$d" -d translations -l "$l"
      done
    done ;;
  extract|update)
    for d in $DOMAINS; do
      [ -f "babel/$d.cfg" ] || continue
      $PYBABEL extract -F "babel/$d.cfg" -k _l -k lazy_gettext -o "translations/$d.pot" .
      for l in $LOCALES; do
        po=translations/$l/LC_MESSAGES/$d.po
        if [ -f "$po" ]; then
          $PYBABEL update -D "$d" -i "translations/$d.pot" -d translations -l "$l" --no-fuzzy-matching
        else
          $PYBABEL init -D "$d" -i "translations/$d.pot" -d translations -l "$l"
        fi
      done
    done
    .venv/bin/python scripts/fix_ar_plural.py ;;
  *) echo "usage: $0 compile|extract [DOMAIN]" >&2; exit 2 ;;
esac
