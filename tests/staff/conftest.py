import pytest

from tests.staff.helpers import login


@pytest.fixture
def logged_in(app, make_user):
    """A client logged in as a new user with the given roles: logged_in('operator')."""
    def factory(*roles, username=None):
        username = username or "u-" + "-".join(roles)
        make_user(username, list(roles))
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return factory
