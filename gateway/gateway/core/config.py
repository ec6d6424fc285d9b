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
    JWT_SECRET: str = Field(default="", description="HMAC key of access tokens; empty = random "
                            "per process (tokens do not survive a restart)")
    JWT_ALGORITHM: str = "HS256"
    ACCESS_TOKEN_MINUTES: int = Field(default=480, ge=1)
    USERS_FILE: Path = DEMO_USERS_FILE

    # Idempotent creation (Idempotency-Key header on POST)
    IDEMPOTENCY_ENABLED: bool = True
    IDEMPOTENCY_TTL_S: int = 24 * 3600

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        if not self.JWT_SECRET:
            self.JWT_SECRET = secrets.token_urlsafe(48)
            log.warning("JWT_SECRET is not set: using a random secret for this process only; "
                        "tokens will not survive a restart nor work across workers. "
                        "Set JWT_SECRET in production.")
        elif len(self.JWT_SECRET.encode()) < 32:
            log.warning("JWT_SECRET is shorter than 32 bytes: too weak for HMAC-SHA256; "
                        "set a longer random secret")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
