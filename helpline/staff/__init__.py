"""Staff: login, roles, pages."""
from helpline.extensions import db, login_manager


@login_manager.user_loader
def _load_user(user_id):
    from helpline.staff.models import User
    try:
        return db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None


def init_app(app):
    from helpline.staff.cli import users_cli
    app.cli.add_command(users_cli)
