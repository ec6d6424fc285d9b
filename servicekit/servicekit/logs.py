"""Structured JSON logs carrying service, trace id and order number."""

from __future__ import annotations

import contextvars
import json
import logging
import os
from datetime import UTC, datetime

from opentelemetry import trace

SERVICE: contextvars.ContextVar[str | None] = contextvars.ContextVar("service", default=None)
ORDER_NO: contextvars.ContextVar[str | None] = contextvars.ContextVar("order_no", default=None)


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str | None = None):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        span_context = trace.get_current_span().get_span_context()
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": SERVICE.get() or self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if span_context.is_valid:
            entry["trace_id"] = format(span_context.trace_id, "032x")
            entry["span_id"] = format(span_context.span_id, "016x")
        if order_no := ORDER_NO.get():
            entry["order_no"] = order_no
        if correlation_id := getattr(record, "correlation_id", None):
            entry["correlation_id"] = correlation_id  # the id a 500 answered (servicekit.rpcs)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(service: str | None = None) -> None:
    """Route the root logger through the JSON formatter (LOG_FORMAT=text to opt out)."""
    handler = logging.StreamHandler()
    if os.environ.get("LOG_FORMAT", "json") == "json":
        handler.setFormatter(JsonFormatter(service))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO"))
