"""staff workspace: notes, triage corrections, satisfaction follow-up, queue indexes

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN_PREDICATE = "status IN ('new', 'open', 'assigned', 'referred', 'reopened')"


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("satisfaction_asked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("satisfaction_score", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("satisfaction_answered_at", sa.DateTime(timezone=True), nullable=True))
    # Queue order moved untriaged cases (rank 9) up to just after critical ones (rank 1).
    op.execute("UPDATE cases SET urgency_rank = CASE urgency WHEN 'critical' THEN 0 "
               "WHEN 'high' THEN 2 WHEN 'normal' THEN 3 WHEN 'low' THEN 4 ELSE 1 END")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_open_queue", ["urgency_rank", "due_at", "id"], unique=False,
                              postgresql_where=sa.text(OPEN_PREDICATE),
                              sqlite_where=sa.text(OPEN_PREDICATE))
        batch_op.create_index("ix_cases_assignee_queue", ["assignee_id", "urgency_rank", "due_at"],
                              unique=False, postgresql_where=sa.text(OPEN_PREDICATE),
                              sqlite_where=sa.text(OPEN_PREDICATE))
        batch_op.create_index("ix_cases_open_category", ["category", "urgency_rank", "due_at", "id"],
                              unique=False, postgresql_where=sa.text(OPEN_PREDICATE),
                              sqlite_where=sa.text(OPEN_PREDICATE))

    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_case_notes_author_id_users")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_notes_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    with op.batch_alter_table("case_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_notes_case_id"), ["case_id"], unique=False)

    op.create_table(
        "triage_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("engine_category", sa.String(length=32), nullable=True),
        sa.Column("engine_categories", sa.JSON(), nullable=True),
        sa.Column("engine_urgency", sa.String(length=10), nullable=True),
        sa.Column("engine_evidence", sa.JSON(), nullable=True),
        sa.Column("before_category", sa.String(length=32), nullable=True),
        sa.Column("before_urgency", sa.String(length=10), nullable=True),
        sa.Column("corrected_category", sa.String(length=32), nullable=True),
        sa.Column("corrected_categories", sa.JSON(), nullable=True),
        sa.Column("corrected_urgency", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_triage_corrections_actor_id_users")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_triage_corrections_case_id_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"],
                                name=op.f("fk_triage_corrections_message_id_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_triage_corrections")),
    )
    with op.batch_alter_table("triage_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_triage_corrections_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_triage_corrections_created_at"), ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("triage_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_triage_corrections_created_at"))
        batch_op.drop_index(batch_op.f("ix_triage_corrections_case_id"))
    op.drop_table("triage_corrections")
    with op.batch_alter_table("case_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_notes_case_id"))
    op.drop_table("case_notes")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_open_category")
        batch_op.drop_index("ix_cases_assignee_queue")
        batch_op.drop_index("ix_cases_open_queue")
    op.execute("UPDATE cases SET urgency_rank = CASE urgency WHEN 'critical' THEN 0 "
               "WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 9 END")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("satisfaction_answered_at")
        batch_op.drop_column("satisfaction_score")
        batch_op.drop_column("satisfaction_asked_at")
