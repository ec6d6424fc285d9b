"""Aftersales's tables (the runtime adds outbox, inbox and deadline)."""

from sqlalchemy import MetaData

metadata = MetaData()
