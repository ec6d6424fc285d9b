"""The gateway's one Settings object, from environment variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICES = ("sales", "planning", "procurement", "quality", "logistics", "aftersales")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    AMQP_URI: str = "amqp://guest:guest@127.0.0.1:5672/"
    REDIS_URL: str = "redis://127.0.0.1:6379/0"
    RPC_TIMEOUT_S: float = 30.0
    HEALTH_TIMEOUT_S: float = 3.0
    PROJECT_NAME: str = "ordersuite"
    OTEL_SERVICE_NAME: str = "gateway"


@lru_cache
def get_settings() -> Settings:
    return Settings()
