"""Passwords and access tokens: pure functions, no I/O.

Passwords are kept only as salted scrypt hashes (standard library), encoded as
``scrypt$n$r$p$salt$hash`` so the cost can be raised later without breaking
stored hashes. Access tokens are signed JWTs carrying the username (``sub``)
and an expiry; roles and companies are read from the user store on every
request, so a changed role takes effect without waiting for tokens to expire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt

SCRYPT_N = 2**14  # the "interactive login" parameters: ~16 MiB, a few tens of ms
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                  salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when the password matches; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r),
                                p=int(p), maxmem=_MAXMEM, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, _unb64(expected))


class InvalidToken(Exception):
    """The token is missing, malformed, badly signed or expired (message says which)."""


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int  # seconds
    token_type: str = "bearer"


def create_access_token(username: str, *, secret: str, algorithm: str = "HS256",
                        minutes: int = 480, now: datetime | None = None) -> IssuedToken:
    issued = now or datetime.now(UTC)
    expires = issued + timedelta(minutes=minutes)
    # iat_ms: when, to the millisecond, so that a session ended (password reset, account
    # disabled) refuses a token issued the same second before it (gateway.core.directory)
    claims = {"sub": username, "iat": int(issued.timestamp()), "exp": int(expires.timestamp()),
              "iat_ms": int(issued.timestamp() * 1000), "jti": secrets.token_hex(8)}
    return IssuedToken(jwt.encode(claims, secret, algorithm=algorithm), minutes * 60)


def decode_access_token(token: str, *, secret: str, algorithm: str = "HS256",
                        now: datetime | None = None) -> str:
    """The username the token was issued to; InvalidToken otherwise."""
    return read_access_token(token, secret=secret, algorithm=algorithm, now=now)[0]


def read_access_token(token: str, *, secret: str, algorithm: str = "HS256",
                      now: datetime | None = None) -> tuple[str, int]:
    """The username the token was issued to and when (ms since the epoch); InvalidToken
    otherwise."""
    options = {"require": ["sub", "exp"]}
    try:
        if now is None:
            claims = jwt.decode(token, secret, algorithms=[algorithm], options=options)
        else:  # for tests: judge expiry at a given moment
            claims = jwt.decode(token, secret, algorithms=[algorithm],
                                options={**options, "verify_exp": False, "verify_iat": False})
            if claims["exp"] <= now.timestamp():
                raise jwt.ExpiredSignatureError("Signature has expired")
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("the access token has expired") from exc
    except jwt.InvalidTokenError as exc:
        raise InvalidToken("the access token is invalid") from exc
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidToken("the access token is invalid")
    return subject, _issued_ms(claims)


def _issued_ms(claims: dict) -> int:
    issued_ms = claims.get("iat_ms")
    return issued_ms if isinstance(issued_ms, int) else int(claims.get("iat", 0)) * 1000


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str, algorithm: str) -> tuple[str, int, int]:
    """(subject, issued ms, expiry) of a token whose signature checks out."""
    claims = jwt.decode(token, secret, algorithms=[algorithm],
                        options={"require": ["sub", "exp"], "verify_exp": False})
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise jwt.InvalidTokenError("no subject")
    return subject, _issued_ms(claims), int(claims["exp"])


def verified_access_token(token: str, *, secret: str, algorithm: str = "HS256"
                          ) -> tuple[str, int]:
    """As `read_access_token`, with the signature checked once per token (a cache of the
    recent tokens' claims, issue 16) and the expiry on every call."""
    try:
        subject, issued_ms, expires = _verified(token, secret, algorithm)
    except jwt.InvalidTokenError as exc:
        raise InvalidToken("the access token is invalid") from exc
    if expires <= time.time():
        raise InvalidToken("the access token has expired")
    return subject, issued_ms
