"""Password hashing with argon2id.

The cost profile is the setting PASSWORD_HASH_PROFILE (a name in
argon2.profiles). Production keeps the library's recommended one; the test
suite uses CHEAPEST so that logging in is not what the suite spends its time
on (one test checks the real profile). A hash carries its own parameters, so
changing the profile never locks anybody out.
"""
import functools

from flask import current_app, has_app_context

# argon2 is imported at the first hash or check, not at every start of the app (~10 ms).

DEFAULT_PROFILE = "RFC_9106_LOW_MEMORY"  # what PasswordHasher() uses
MIN_LENGTH = 10


@functools.cache
def _hasher(profile):
    from argon2 import PasswordHasher, profiles
    return PasswordHasher.from_parameters(getattr(profiles, profile))


@functools.cache
def _dummy_hash(profile):
    # Verified against when the email is unknown, so both cases take the same time.
    return _hasher(profile).hash("not a real password")


def _profile(profile=None):
    if profile:
        return profile
    if has_app_context():
        return current_app.config["PASSWORD_HASH_PROFILE"]
    return DEFAULT_PROFILE


def hash_password(password, profile=None):
    return _hasher(_profile(profile)).hash(password)


def verify_password(password_hash, password):
    """True when `password` matches; never raises for a bad hash."""
    from argon2.exceptions import InvalidHashError, VerificationError
    profile = _profile()
    try:
        return _hasher(profile).verify(password_hash or _dummy_hash(profile), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False
