"""CLI contracts: users create / users token."""
from sqlalchemy import select

from helpline.extensions import db
from helpline.staff.models import User


def test_create_user_and_token_then_use_it(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--username", "amal", "--role", "operator",
                                 "--password", "s3cret-pass"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "amal"))
        assert user.password_hash.startswith("$argon2id$")
        assert "s3cret-pass" not in user.password_hash
    token = runner.invoke(args=["users", "token", "amal"]).output.strip()
    assert client.get("/api/v1/cases/HL-22222", headers={"Authorization": f"Bearer {token}"}).status_code == 404


def test_create_user_rejects_bad_role_and_short_password(app):
    runner = app.test_cli_runner()
    bad_role = runner.invoke(args=["users", "create", "--username", "x", "--role", "king", "--password", "longenough"])
    assert bad_role.exit_code != 0 and "unknown role" in bad_role.output
    short = runner.invoke(args=["users", "create", "--username", "x", "--role", "admin", "--password", "short"])
    assert short.exit_code != 0 and "at least" in short.output
    assert runner.invoke(args=["users", "token", "ghost"]).exit_code != 0
