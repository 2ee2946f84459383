"""households, check-in plans and scheduled rows

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PENDING = "status IN ('scheduled', 'awaiting', 'in_progress')"


def upgrade():
    op.create_table(
        "checkin_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("waves", sa.JSON(), nullable=False),
        sa.Column("send_from_hour", sa.Integer(), nullable=False),
        sa.Column("send_until_hour", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("max_reminders", sa.Integer(), nullable=False),
        sa.Column("reminder_interval_hours", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_plans")),
        sa.UniqueConstraint("name", name=op.f("uq_checkin_plans_name")),
    )
    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("alternate_phone", sa.String(length=20), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("preferred_channel", sa.String(length=8), nullable=False),
        sa.Column("movement_type", sa.String(length=20), nullable=False),
        sa.Column("origin_governorate", sa.String(length=64), nullable=True),
        sa.Column("origin_district", sa.String(length=64), nullable=True),
        sa.Column("origin_subdistrict", sa.String(length=64), nullable=True),
        sa.Column("origin_village", sa.String(length=120), nullable=True),
        sa.Column("governorate", sa.String(length=64), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("subdistrict", sa.String(length=64), nullable=True),
        sa.Column("village", sa.String(length=120), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=True),
        sa.Column("vulnerability_flags", sa.JSON(), nullable=False),
        sa.Column("consent_followup", sa.Boolean(), nullable=False),
        sa.Column("consent_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registration_source", sa.String(length=40), nullable=True),
        sa.Column("durability_flag", sa.String(length=16), nullable=True),
        sa.Column("durability_flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_households_contact_id_contacts")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_households_created_by_id_users")),
        sa.ForeignKeyConstraint(["plan_id"], ["checkin_plans.id"],
                                name=op.f("fk_households_plan_id_checkin_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
        sa.UniqueConstraint("phone", "arrival_date", name=op.f("uq_households_phone")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index("ix_households_area", ["governorate", "district"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_durability_flag"), ["durability_flag"],
                              unique=False)

    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("unanswered_attempts", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.String(length=32), nullable=True),
        sa.Column("current_question", sa.String(length=20), nullable=True),
        sa.Column("last_message_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_checkins_case_id_cases")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_checkins_contact_id_contacts")),
        sa.ForeignKeyConstraint(["household_id"], ["households.id"],
                                name=op.f("fk_checkins_household_id_households"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["checkin_plans.id"],
                                name=op.f("fk_checkins_plan_id_checkin_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("household_id", "wave", name=op.f("uq_checkins_household_id")),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkins_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_checkins_pending", ["next_attempt_at"], unique=False,
                              postgresql_where=sa.text(PENDING), sqlite_where=sa.text(PENDING))

    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_checkin_answers_case_id_cases")),
        sa.ForeignKeyConstraint(["checkin_id"], ["checkins.id"],
                                name=op.f("fk_checkin_answers_checkin_id_checkins"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        sa.UniqueConstraint("checkin_id", "question", name=op.f("uq_checkin_answers_checkin_id")),
    )


def downgrade():
    op.drop_table("checkin_answers")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index("ix_checkins_pending")
        batch_op.drop_index(batch_op.f("ix_checkins_contact_id"))
    op.drop_table("checkins")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_households_durability_flag"))
        batch_op.drop_index(batch_op.f("ix_households_contact_id"))
        batch_op.drop_index("ix_households_area")
    op.drop_table("households")
    op.drop_table("checkin_plans")
