"""Check-in sweep at scale on PostgreSQL.

    .venv/bin/python bench/checkins_bench.py [--households 1000000] [--due 100000]

1. Builds the schema with the migrations in database helpline_checkins_bench, then loads
   N contacts, N households and 3N check-in rows with COPY (psycopg). `--due` of the wave-1
   rows are due at the bench moment; every other row is due later.
2. (a) Runs the real sweep (`run_sweep`) at a moment when nothing is due, 20 times: the
   median must stay under 50 ms.
3. (b) Runs the real sweep when the due rows are due, and measures claiming and dispatching:
   every due row is claimed (FOR UPDATE SKIP LOCKED), its SMS text rendered in the
   household's language, one outbound `messages` row inserted per check-in (status
   'pending' — the durable outbound queue the stalled-message sweep drains), the check-in row
   moved to 'awaiting' with its reminder time, the batch committed, and then one
   fan-out task (`send_checkin_messages`, 500 message ids each) published to Redis (db 14; no
   worker consumes them here, the queues are emptied afterwards). The time until the last
   fan-out task is published is the figure. Each fan-out task then publishes one
   `send_message` per message in a worker; that worker-side rate is measured separately on a
   sample. The SMS provider calls happen in the workers and are not part of the figure.

    --reuse  skips loading: resets the due rows of an earlier run and measures again.
"""
import argparse
import io
import os
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB = "helpline_checkins_bench"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB}"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
NOW = datetime(2026, 6, 1, 7, 0, tzinfo=timezone.utc)          # 10:00 in Baghdad
LANGS = ("ar", "ckb", "ku", "en")
AREAS = (("Ninewa", "Sinjar"), ("Ninewa", "Mosul"), ("Anbar", "Falluja"),
         ("Salah al-Din", "Baiji"), ("Kirkuk", "Daquq"), ("Diyala", "Khanaqin"))


def ts(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def prepare_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {DB}")
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _copy(cur, table, columns, lines, chunk=200_000):
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buf = io.StringIO()
        for n, line in enumerate(lines, 1):
            buf.write(line)
            if n % chunk == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())


TABLES = ("contacts", "households", "checkins")


def set_aside_constraints(cur):
    """Unique/foreign keys and secondary indexes are rebuilt once after COPY (much faster
    than maintaining them row by row); returns the statements that recreate them."""
    cur.execute("""SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype
                   FROM pg_constraint WHERE contype IN ('u', 'f')
                   AND conrelid::regclass::text = ANY(%s)""", (list(TABLES),))
    constraints = cur.fetchall()
    cur.execute("""SELECT i.indexname, i.indexdef FROM pg_indexes i
                   WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
                (list(TABLES),))
    indexes = cur.fetchall()
    for table, name, _, kind in sorted(constraints, key=lambda c: c[3] != "f"):
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    restore = [definition for _, definition in indexes]
    restore += [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}'
                for t, n, d, kind in sorted(constraints, key=lambda c: c[3] == "f")]
    return restore


def load(households, due):
    created = ts(NOW - timedelta(days=30))
    with psycopg.connect(DB_URL) as conn, conn.cursor() as cur:
        restore = set_aside_constraints(cur)
        cur.execute("INSERT INTO checkin_plans (id, name, waves, send_from_hour, send_until_hour,"
                    " timezone, max_reminders, reminder_interval_hours, is_default, created_at)"
                    " VALUES (1, 'Default', %s, 9, 20, 'Asia/Baghdad', 2, 48, true, now())",
                    ('[{"wave": 1, "offset_days": 10, "window_days": 21}, '
                     '{"wave": 2, "offset_months": 3, "window_days": 45}, '
                     '{"wave": 3, "offset_months": 9, "window_days": 60}]',))
        _copy(cur, "contacts", ("id", "phone", "language", "preferred_channel", "opted_out",
                                "created_at"),
              (f"{i}\t+96477{i:08d}\t{LANGS[i % 4]}\tsms\tf\t{created}\n"
               for i in range(1, households + 1)))
        _copy(cur, "households",
              ("id", "contact_id", "plan_id", "phone", "language", "preferred_channel",
               "movement_type", "governorate", "district", "arrival_date",
               "vulnerability_flags", "consent_followup", "created_at"),
              (f"{i}\t{i}\t1\t+96477{i:08d}\t{LANGS[i % 4]}\tsms\treturn\t"
               f"{AREAS[i % 6][0]}\t{AREAS[i % 6][1]}\t"
               f"{(NOW - timedelta(days=10 if i <= due else -(i % 300))).date()}\t[]\tt\t{created}\n"
               for i in range(1, households + 1)))

        def checkin_lines():
            n = 0
            for i in range(1, households + 1):
                # The first `due` households' wave 1 is due an hour before the bench moment;
                # everything else falls on later days.
                first = NOW - timedelta(hours=1) if i <= due else NOW + timedelta(days=1 + i % 300)
                for wave, offset in ((1, 0), (2, 80), (3, 260)):
                    n += 1
                    at = first + timedelta(days=offset)
                    yield (f"{n}\t{i}\t{i}\t1\t{wave}\t{ts(at)}\t{ts(at + timedelta(days=21))}\t"
                           f"{ts(at)}\tscheduled\tsms\t0\t0\n")

        _copy(cur, "checkins", ("id", "household_id", "contact_id", "plan_id", "wave", "due_at",
                                "window_closes_at", "next_attempt_at", "status", "channel",
                                "attempts", "unanswered_attempts"), checkin_lines())
        for table in TABLES:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))")
        cur.execute("SET maintenance_work_mem = '256MB'")
        for statement in restore:
            cur.execute(statement)
        conn.commit()
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE contacts, households, checkins")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = DB_URL
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ.setdefault("HELPLINE_ENV", "development")

    import logging
    from flask_migrate import upgrade
    from helpline import create_app
    from helpline.extensions import db

    if args.reuse:
        app = create_app()
        reset_due_rows(args.due)
    else:
        prepare_database()
        app = create_app()
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
        started = time.perf_counter()
        load(args.households, args.due)
        load_s = time.perf_counter() - started
        print(f"loaded {args.households:,} households, {3 * args.households:,} check-in rows "
              f"with COPY in {load_s:.1f} s")
    logging.getLogger("helpline").setLevel(logging.WARNING)
    logging.getLogger("celery").setLevel(logging.WARNING)

    import redis
    broker = redis.Redis.from_url(REDIS_URL)
    broker.delete("messages", "checkins")
    from helpline.checkins.sweep import FAN_OUT_CHUNK, dispatch_sends, run_sweep
    from helpline.checkins.tasks import send_checkin_messages
    with app.app_context():
        with db.engine.connect() as conn:
            plan = conn.exec_driver_sql(
                "EXPLAIN SELECT id, status FROM checkins WHERE status IN "
                "('scheduled','awaiting','in_progress') AND next_attempt_at <= %(now)s "
                "ORDER BY next_attempt_at LIMIT 1000 FOR UPDATE SKIP LOCKED",
                {"now": NOW}).all()
        print("claim query plan: " + " / ".join(r[0].strip() for r in plan[:3]))
        quiet = NOW - timedelta(hours=2)
        run_sweep(now=quiet)   # warm the connection pool and caches
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            result = run_sweep(now=quiet)
            times.append((time.perf_counter() - t0) * 1000)
            assert result.sent == 0
        print(f"(a) sweep with nothing due: median {statistics.median(times):.1f} ms, "
              f"max {max(times):.1f} ms over 20 runs (target < 50 ms)")

        phases = {"enqueue": 0.0, "published": 0, "chunks": []}

        def timed_dispatch(batch):
            t0 = time.perf_counter()
            dispatch_sends(batch)
            phases["enqueue"] += time.perf_counter() - t0
            phases["published"] += len(batch.message_ids)
            phases["chunks"].append(batch.message_ids[:FAN_OUT_CHUNK])

        t0 = time.perf_counter()
        result = run_sweep(now=NOW, batch_size=args.batch, dispatch=timed_dispatch)
        total = time.perf_counter() - t0
        queued = broker.llen("checkins")
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT count(*) FROM messages WHERE purpose='checkin'"
                                        ).scalar()
            awaiting = conn.exec_driver_sql(
                "SELECT count(*) FROM checkins WHERE status='awaiting'").scalar()
        print(f"(b) claimed and dispatched {result.sent:,} due check-ins in {total:.1f} s "
              f"(target < 60 s): database part (claim, render, insert {rows:,} message rows, "
              f"update {awaiting:,} check-ins, commit) {total - phases['enqueue']:.1f} s, "
              f"publishing fan-out tasks for {phases['published']:,} messages to Redis "
              f"{phases['enqueue']:.1f} s; {queued:,} fan-out tasks waiting in the broker")
        # Worker side: one fan-out task publishes its send_message tasks.
        sample = phases["chunks"][:4]
        t0 = time.perf_counter()
        for ids in sample:
            send_checkin_messages.run(ids)
        spent = time.perf_counter() - t0
        count = sum(len(ids) for ids in sample)
        print(f"worker-side fan-out: {count:,} send_message tasks published in {spent:.1f} s "
              f"({count / spent:,.0f}/s per worker process)")
        broker.delete("messages", "checkins")


def reset_due_rows(due):
    with psycopg.connect(DB_URL) as conn:
        conn.execute("DELETE FROM messages WHERE purpose = 'checkin'")
        conn.execute("UPDATE checkins SET status = 'scheduled', attempts = 0, "
                     "current_question = NULL, last_message_id = NULL, claimed_at = NULL, "
                     "first_sent_at = NULL, last_sent_at = NULL, next_attempt_at = due_at "
                     "WHERE status <> 'scheduled'")
        conn.commit()
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE checkins, messages")


if __name__ == "__main__":
    main()
