"""The gateway's one Settings object, from environment variables."""

from __future__ import annotations

import logging
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts.services import SERVICES as SERVICES  # the one list of the six, re-exported

REPO_ROOT = Path(__file__).resolve().parents[3]
DEMO_USERS_FILE = REPO_ROOT / "demo" / "group.json"

log = logging.getLogger(__name__)


class MissingSecret(RuntimeError):
    """A production configuration without its secrets: the gateway refuses to start."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    AMQP_URI: str = "amqp://guest:guest@127.0.0.1:5672/"
    REDIS_URL: str = "redis://127.0.0.1:6379/0"
    RPC_TIMEOUT_S: float = 30.0
    HEALTH_TIMEOUT_S: float = 3.0
    JOURNEY_TIMEOUT_S: float = Field(
        default=5.0, description="per service in the journey view: a slower one is 'unavailable'")
    PROJECT_NAME: str = "ordersuite"
    OTEL_SERVICE_NAME: str = "gateway"

    # Authentication
    ORDERSUITE_ENV: str = Field(default="development", description="'production' refuses to "
                                "start without the secrets below")
    JWT_SECRET: str = Field(default="", description="HMAC key of access tokens; empty = random "
                            "per process (tokens do not survive a restart), refused in "
                            "production; `make run` keeps one in var/secrets/jwt_secret")
    JWT_ALGORITHM: str = "HS256"
    ACCESS_TOKEN_MINUTES: int = Field(default=480, ge=1)
    USERS_FILE: Path = Field(default=DEMO_USERS_FILE, description="accounts created at start "
                             "when missing (its 'users' section), through the directory's "
                             "create: the demo users, or a first admin")
    GATEWAY_DATABASE_URL: str = Field(default="", description="the user directory's database; "
                                      "empty = sqlite <ORDERSUITE_VAR>/gateway.db")
    ORDERSUITE_VAR: Path = Path("var")
    PASSWORD_HASH_PROFILE: str = Field(default="RFC_9106_LOW_MEMORY", description="argon2-cffi "
                                       "profile of new password hashes (CHEAPEST: tests only)")
    ACTOR_SIGNING_KEY: str = Field(default="", description="key shared with the services to sign "
                                   "the acting user (servicekit.actors); refused empty in "
                                   "production; `make run` keeps one in "
                                   "var/secrets/actor_signing_key")

    # Brute-force protection of POST /auth/token (Redis, gateway.core.ratelimit): after this
    # many failed sign-ins within LOGIN_FAILURE_WINDOW_S, the username (or the client address)
    # is refused with 429 for LOGIN_LOCKOUT_S, even with the right password. The per-client
    # limit is higher: a factory's office signs in from behind one address.
    LOGIN_RATE_LIMIT_ENABLED: bool = True
    LOGIN_MAX_FAILURES_PER_USER: int = Field(default=10, ge=1)
    LOGIN_MAX_FAILURES_PER_CLIENT: int = Field(default=100, ge=1)
    LOGIN_FAILURE_WINDOW_S: int = Field(default=15 * 60, ge=1)
    LOGIN_LOCKOUT_S: int = Field(default=15 * 60, ge=1)

    # The busiest reads (an order, its journey) kept in Redis for the gateway's processes,
    # made old by every command and by every event on the order (core/readcache.py); what
    # no event announces is seen after at most this long. 0: no cache.
    READ_CACHE_TTL_S: float = Field(default=2.0, ge=0, le=60)

    # Idempotent creation (Idempotency-Key header on POST)
    IDEMPOTENCY_ENABLED: bool = True
    IDEMPOTENCY_TTL_S: int = 24 * 3600

    @property
    def directory_url(self) -> str:
        if self.GATEWAY_DATABASE_URL:
            return self.GATEWAY_DATABASE_URL
        return f"sqlite:///{(self.ORDERSUITE_VAR / 'gateway.db').resolve()}"

    @property
    def production(self) -> bool:
        return self.ORDERSUITE_ENV.strip().lower() == "production"

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        if self.production:
            missing = [name for name in ("JWT_SECRET", "ACTOR_SIGNING_KEY")
                       if not getattr(self, name)]
            if missing:
                raise MissingSecret(
                    f"{' and '.join(missing)} not set: a production gateway "
                    f"(ORDERSUITE_ENV=production) does not start with a random or built-in "
                    f"key. Set each to a long random value (at least 32 bytes, e.g. "
                    f"`python -c 'import secrets; print(secrets.token_urlsafe(48))'`); "
                    f"ACTOR_SIGNING_KEY must be the same in the gateway and every service.")
            if len(self.JWT_SECRET.encode()) < 32:
                raise MissingSecret("JWT_SECRET is shorter than 32 bytes: too weak for "
                                    "HMAC-SHA256; a production gateway will not start with it")
        if not self.JWT_SECRET:
            self.JWT_SECRET = secrets.token_urlsafe(48)
            log.warning("JWT_SECRET is not set: using a random secret for this process only; "
                        "tokens will not survive a restart nor work across workers. "
                        "Set JWT_SECRET in production (`make run` keeps one in var/secrets).")
        elif len(self.JWT_SECRET.encode()) < 32:
            log.warning("JWT_SECRET is shorter than 32 bytes: too weak for HMAC-SHA256; "
                        "set a longer random secret")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
