"""referral directory, referrals, consent

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("focal_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("focal_phone", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("focal_email", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("is_active", sa.Boolean(), nullable=False,
                                      server_default=sa.text("true")))

    op.create_table(
        "partner_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("service_type", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"],
                                name=op.f("fk_partner_services_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_services")),
        sa.UniqueConstraint("partner_id", "service_type",
                            name=op.f("uq_partner_services_partner_id")),
    )
    with op.batch_alter_table("partner_services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_services_partner_id"), ["partner_id"])
        batch_op.create_index(batch_op.f("ix_partner_services_service_type"), ["service_type"])

    op.create_table(
        "partner_coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("governorate", sa.String(length=64), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"],
                                name=op.f("fk_partner_coverage_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_coverage")),
        sa.UniqueConstraint("partner_id", "governorate", "district",
                            name=op.f("uq_partner_coverage_partner_id")),
    )
    with op.batch_alter_table("partner_coverage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_coverage_governorate"), ["governorate"])
        batch_op.create_index(batch_op.f("ix_partner_coverage_partner_id"), ["partner_id"])

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("service_type", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("share_phone", sa.Boolean(), nullable=False),
        sa.Column("consent_given_by", sa.String(length=120), nullable=True),
        sa.Column("consent_method", sa.String(length=16), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("emergency_override", sa.Boolean(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("respond_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("responded_by_id", sa.Integer(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_referrals_case_id_cases"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consent_recorded_by_id"], ["users.id"],
                                name=op.f("fk_referrals_consent_recorded_by_id_users")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_referrals_created_by_id_users")),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"],
                                name=op.f("fk_referrals_partner_id_partners")),
        sa.ForeignKeyConstraint(["responded_by_id"], ["users.id"],
                                name=op.f("fk_referrals_responded_by_id_users")),
        sa.ForeignKeyConstraint(["revoked_by_id"], ["users.id"],
                                name=op.f("fk_referrals_revoked_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_case_id"), ["case_id"])
        batch_op.create_index(batch_op.f("ix_referrals_partner_id"), ["partner_id"])
        batch_op.create_index("ix_referrals_status_respond_by", ["status", "respond_by"])

    # Indexes on cases for the overdue sweep and urgency-filtered queue pages (see
    # referrals/models.py); measured with bench/cases_bench.py on 1,000,000 cases.
    open_predicate = "status IN ('new', 'open', 'assigned', 'referred', 'reopened')"
    unanswered = sa.text(f"{open_predicate} AND first_response_at IS NULL "
                         "AND breached_at IS NULL")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_overdue_sweep", ["due_at"],
                              postgresql_where=unanswered, sqlite_where=unanswered)
        batch_op.create_index(
            "ix_cases_open_urgency", ["urgency", "urgency_rank", "due_at", "id"],
            postgresql_where=sa.text(open_predicate), sqlite_where=sa.text(open_predicate))


    if op.get_bind().dialect.name == "postgresql":
        # Append-only in the database too, not only through the ORM: an UPDATE or DELETE on an
        # audit row fails whoever sends it. (TRUNCATE, used only by the test suite, is not a
        # row operation.)
        op.execute("""
            CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only';
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_open_urgency")
        batch_op.drop_index("ix_cases_overdue_sweep")
    op.drop_table("referrals")
    op.drop_table("partner_coverage")
    op.drop_table("partner_services")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("is_active")
        batch_op.drop_column("focal_email")
        batch_op.drop_column("focal_phone")
        batch_op.drop_column("focal_name")
