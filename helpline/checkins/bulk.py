"""Set-based writes for the sweep: one statement per batch on PostgreSQL.

A sweep may move tens of thousands of rows; row-by-row statements (or very long multi-VALUES
INSERTs) would spend their time in the driver. On PostgreSQL the values travel as arrays and
`unnest` turns them back into rows; elsewhere (SQLite) an executemany does the same job.
"""
from sqlalchemy import insert, text, update

from helpline.channels.models import Message
from helpline.checkins.models import CheckIn
from helpline.extensions import db

MESSAGE_COLUMNS = {"direction": "text", "channel": "text", "body": "text", "language": "text",
                   "to_phone": "text", "purpose": "text", "delivery_status": "text",
                   "contact_id": "int", "send_attempts": "int", "created_at": "timestamptz"}
CHECKIN_COLUMNS = {"status": "text", "next_attempt_at": "timestamptz", "attempts": "int",
                   "current_question": "text", "last_sent_at": "timestamptz",
                   "first_sent_at": "timestamptz", "completed_at": "timestamptz",
                   "last_message_id": "int"}


def _postgres():
    return db.session.get_bind().dialect.name == "postgresql"


def insert_messages(rows):
    """Insert outbound message rows; returns their ids in the order given."""
    if not rows:
        return []
    if not _postgres():
        return list(db.session.scalars(
            insert(Message).returning(Message.id, sort_by_parameter_order=True), rows))
    # Ids drawn from the sequence first, so that each id is known to belong to its row.
    ids = list(db.session.scalars(
        text("SELECT nextval(pg_get_serial_sequence('messages', 'id')) "
             "FROM generate_series(1, :n)"), {"n": len(rows)}))
    columns = list(MESSAGE_COLUMNS)
    params = {"id": ids}
    params.update({c: [r[c] for r in rows] for c in columns})
    arrays = ", ".join([":id ::bigint[]"] + [f":{c} ::{MESSAGE_COLUMNS[c]}[]" for c in columns])
    db.session.execute(text(
        f"INSERT INTO messages (id, {', '.join(columns)}) "
        f"SELECT * FROM unnest({arrays})"), params)
    return ids


def update_checkins(updates):
    """Apply per-row changes [{"id": …, column: value}], grouped by the columns changed."""
    groups = {}
    for change in updates:
        groups.setdefault(tuple(sorted(k for k in change if k != "id")), []).append(change)
    for columns, group in groups.items():
        if not _postgres():
            db.session.execute(update(CheckIn), group)
            continue
        # A value shared by the whole group (the sweep's time, a status) is sent once.
        shared = [c for c in columns if len({repr(row[c]) for row in group}) == 1]
        varying = [c for c in columns if c not in shared]
        params = {"id": [c["id"] for c in group]}
        params.update({col: [c[col] for c in group] for col in varying})
        params.update({col: group[0][col] for col in shared})
        arrays = ", ".join([":id ::int[]"] + [f":{c} ::{CHECKIN_COLUMNS[c]}[]" for c in varying])
        sets = ", ".join([f"{c} = v.{c}" for c in varying]
                         + [f"{c} = CAST(:{c} AS {CHECKIN_COLUMNS[c]})" for c in shared])
        db.session.execute(text(
            f"UPDATE checkins AS c SET {sets} FROM unnest({arrays}) "
            f"AS v(id{''.join(', ' + c for c in varying)}) WHERE c.id = v.id"), params)
