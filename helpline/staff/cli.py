"""`flask users create` and `flask users token` (SPEC §10)."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from helpline.extensions import db
from helpline.staff.models import ROLES, User
from helpline.staff.services import UserError, create_user, issue_token

users_cli = AppGroup("users", help="Staff accounts and API tokens.")


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--role", "roles", required=True, multiple=True,
              help=f"One of {', '.join(ROLES)}; repeat or comma-separate for several.")
@click.option("--password", required=True)
@click.option("--partner", "partner_name", default=None, help="Partner organisation (partner role).")
def create(username, roles, password, partner_name):
    from helpline.referrals.models import Partner
    role_list = [r for value in roles for r in value.split(",")]
    partner_id = None
    if partner_name:
        partner = db.session.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise click.ClickException(f"no partner organisation named {partner_name!r}")
        partner_id = partner.id
    try:
        user = create_user(username, password, role_list, partner_id=partner_id)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"created user {user.username} with roles {', '.join(sorted(user.roles))}")


@users_cli.command("token")
@click.argument("username")
def token(username):
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no user named {username!r}")
    value = issue_token(user)
    db.session.commit()
    click.echo(value)
