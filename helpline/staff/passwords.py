"""Password hashing with Argon2id."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

_hasher = PasswordHasher()
# Test runs only: the same algorithm at minimal cost, so that suites creating many
# accounts stay fast. Verification reads the cost from the stored hash itself.
_test_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MIN_PASSWORD_LENGTH = 8


def _current_hasher():
    if has_app_context() and current_app.config.get("TESTING"):
        return _test_hasher
    return _hasher


def hash_password(password):
    return _current_hasher().hash(password)


def verify_password(password_hash, password):
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
