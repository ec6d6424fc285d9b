"""Logistics's tables (the runtime adds outbox, inbox and deadline)."""

from servicekit.tables import service_metadata

metadata = service_metadata()
