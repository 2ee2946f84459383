"""voice calls, recordings, on-duty roster

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "voice_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("checkin_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("branch", sa.String(length=16), nullable=True),
        sa.Column("question_key", sa.String(length=32), nullable=True),
        sa.Column("answers_given", sa.Integer(), nullable=False),
        sa.Column("call_status", sa.String(length=16), nullable=True),
        sa.Column("answered_by", sa.String(length=24), nullable=True),
        sa.Column("officer_connected", sa.Boolean(), nullable=False),
        sa.Column("recording_received", sa.Boolean(), nullable=False),
        sa.Column("callback_requested", sa.Boolean(), nullable=False),
        sa.Column("unanswered_marked", sa.Boolean(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_voice_calls_case_id_cases")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_voice_calls_contact_id_contacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_calls")),
        sa.UniqueConstraint("call_sid", name=op.f("uq_voice_calls_call_sid")),
    )
    with op.batch_alter_table("voice_calls") as batch:
        batch.create_index(batch.f("ix_voice_calls_case_id"), ["case_id"], unique=False)
        batch.create_index(batch.f("ix_voice_calls_checkin_id"), ["checkin_id"], unique=False)
        batch.create_index(batch.f("ix_voice_calls_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "voice_recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_sid", sa.String(length=64), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("provider_url", sa.String(length=255), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("content_type", sa.String(length=40), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("provider_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"],
                                name=op.f("fk_voice_recordings_message_id_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voice_recordings")),
        sa.UniqueConstraint("message_id", name=op.f("uq_voice_recordings_message_id")),
        sa.UniqueConstraint("recording_sid", name=op.f("uq_voice_recordings_recording_sid")),
    )
    with op.batch_alter_table("voice_recordings") as batch:
        batch.create_index(batch.f("ix_voice_recordings_call_sid"), ["call_sid"], unique=False)
        batch.create_index("ix_voice_recordings_pending", ["status", "next_attempt_at"],
                           unique=False)

    op.create_table(
        "onduty_officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onduty_officers")),
    )
    with op.batch_alter_table("onduty_officers") as batch:
        batch.create_index(batch.f("ix_onduty_officers_is_active"), ["is_active"], unique=False)


def downgrade():
    op.drop_table("onduty_officers")
    op.drop_table("voice_recordings")
    op.drop_table("voice_calls")
