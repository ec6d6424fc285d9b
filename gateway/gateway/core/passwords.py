"""Password hashes of the user directory: Argon2id through argon2-cffi (a maintained
library), so the algorithm, its parameters and their upgrades are not ours to keep.

Hashes made before the directory (scrypt, gateway.core.security) still verify, and are
re-hashed with Argon2id at the next successful sign-in (`needs_rehash`).
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from gateway.core.security import verify_password as verify_scrypt

# RFC 9106's second recommendation (64 MiB, 3 passes): measured ~0.1 s here. Tests pass a
# cheaper hasher (FAST); the cost is in each hash, so both verify anywhere.
DEFAULT = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
FAST = PasswordHasher.from_parameters(profiles.CHEAPEST)


def hasher_of(profile: str) -> PasswordHasher:
    """The hasher of an argon2-cffi profile name (argon2.profiles)."""
    parameters = getattr(profiles, profile, None)
    if parameters is None:
        raise ValueError(f"no argon2 profile {profile!r}")
    return PasswordHasher.from_parameters(parameters)


class Passwords:
    """Hash and verify with one Argon2id hasher; a wrong or malformed hash never matches."""

    def __init__(self, hasher: PasswordHasher = DEFAULT):
        self._hasher = hasher
        # verified against when the username is unknown, so both paths cost the same
        self._dummy = hasher.hash("not a password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password: str, encoded: str | None) -> bool:
        if encoded is None:
            encoded = self._dummy
        if encoded.startswith("scrypt$"):
            return verify_scrypt(password, encoded)
        try:
            return self._hasher.verify(encoded, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, encoded: str) -> bool:
        return encoded.startswith("scrypt$") or self._hasher.check_needs_rehash(encoded)
