"""Passwords: argon2id at the real cost in production, cheap only in tests."""
from argon2 import PasswordHasher, profiles

from accounts.passwords import DEFAULT_PROFILE, hash_password, verify_password
from app import create_app


def test_the_default_profile_is_argon2id_at_the_recommended_cost(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "SECRET_KEY": "k"})
    assert app.config["PASSWORD_HASH_PROFILE"] == DEFAULT_PROFILE
    recommended = getattr(profiles, DEFAULT_PROFILE)
    with app.app_context():
        hashed = hash_password("a long passphrase")
        assert verify_password(hashed, "a long passphrase")
        assert not verify_password(hashed, "a long passphrasE")
    assert hashed.startswith("$argon2id$")
    assert f"m={recommended.memory_cost},t={recommended.time_cost},p={recommended.parallelism}" in hashed
    assert not PasswordHasher.from_parameters(recommended).check_needs_rehash(hashed)


def test_a_cheap_test_hash_still_verifies_under_the_real_profile(tmp_path):
    """Hashes carry their parameters: changing the profile locks nobody out."""
    cheap = hash_password("a long passphrase", profile="CHEAPEST")
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "SECRET_KEY": "k"})
    with app.app_context():
        assert verify_password(cheap, "a long passphrase")
        assert not verify_password(None, "a long passphrase")
        assert not verify_password("not a hash", "a long passphrase")
