"""W3C trace context across RPCs and events, one span per RPC, handler and dispatch.

nameko forwards a worker's `context_data` as `nameko.<key>` headers on every
outgoing RPC and event, and hands incoming `nameko.<key>` headers back as
context data. We keep the W3C `traceparent` there, so a gateway call, the
RPCs it makes, the events they cause and the handlers of those events form
one trace. Events wait in the outbox between cause and publish: the cause's
trace context is stored with the row and the publish span continues it.
"""

from __future__ import annotations

import inspect
import os
from contextlib import contextmanager
from functools import lru_cache

from nameko.extensions import DependencyProvider
from nameko.rpc import Rpc
from nameko.timer import Timer
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from servicekit import logs

_propagator = TraceContextTextMapPropagator()
ORDER_ATTRIBUTE = "ordersuite.order_no"
_configured = False


def configure(service_name: str = "ordersuite") -> TracerProvider:
    """Install the process's tracer provider once; export over OTLP when configured."""
    global _configured
    provider = trace.get_tracer_provider()
    if _configured and isinstance(provider, TracerProvider):
        return provider
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _configured = True
    return trace.get_tracer_provider()


def tracer():
    return trace.get_tracer("ordersuite")


def current_headers() -> dict:
    """The current trace context as a carrier ({"traceparent": ...}), for storage."""
    carrier: dict = {}
    _propagator.inject(carrier)
    return carrier


def trace_id_of(headers: dict | None) -> str | None:
    """The trace id of a stored carrier's traceparent (version-traceid-spanid-flags)."""
    parts = str((headers or {}).get("traceparent", "")).split("-")
    return parts[1] if len(parts) == 4 and len(parts[1]) == 32 else None


def marks_for_order(session, outbox, order_no: str) -> list[dict]:
    """The events this service published about an order (its `outbox` table, read in the
    caller's `session`), oldest first, each with the trace id of the act that caused it:
    the journey's link to the traces."""
    rows = session.execute(_marks_of(outbox), {"order_no": order_no}).all()
    return [{"event_type": row.event_type, "at": row.created_at.isoformat(),
             "trace_id": trace_id}
            for row in rows if (trace_id := trace_id_of(row.headers))]


@lru_cache(maxsize=16)
def _marks_of(outbox):
    """The first 200 marks of an order; built once per table (issue 16: a statement
    reused is compiled once)."""
    from sqlalchemy import bindparam, select

    return (select(outbox.c.event_type, outbox.c.created_at, outbox.c.headers)
            .where(outbox.c.order_no == bindparam("order_no"))
            .order_by(outbox.c.id).limit(200))


def tag_order(order_no: str | None) -> None:
    """Mark the current span and log lines with the order's number."""
    if order_no:
        trace.get_current_span().set_attribute(ORDER_ATTRIBUTE, order_no)
        logs.ORDER_NO.set(order_no)


@contextmanager
def publish_span(event_type: str, order_no: str | None, stored: dict | None):
    """A PRODUCER span continuing the cause's stored context; yields the headers to send."""
    parent = _propagator.extract(stored or {})
    attributes = {"messaging.destination.name": event_type}
    if order_no:
        attributes[ORDER_ATTRIBUTE] = order_no
    with tracer().start_as_current_span(
        f"publish {event_type}", context=parent, kind=SpanKind.PRODUCER, attributes=attributes
    ):
        yield {f"nameko.{key}": value for key, value in current_headers().items()}


def entrypoint_kind(entrypoint) -> tuple[SpanKind, str]:
    if isinstance(entrypoint, Rpc):
        return SpanKind.SERVER, "rpc"
    if isinstance(entrypoint, Timer):
        return SpanKind.INTERNAL, "timer"
    return SpanKind.CONSUMER, "event"


class Tracing(DependencyProvider):
    """Opens a span around every worker, parented on the caller's trace context."""

    def setup(self):
        configure(os.environ.get("OTEL_SERVICE_NAME", "ordersuite"))

    def worker_setup(self, worker_ctx):
        parent = _propagator.extract({"traceparent": worker_ctx.data.get("traceparent", "")})
        kind, label = entrypoint_kind(worker_ctx.entrypoint)
        service = worker_ctx.service_name
        span = tracer().start_span(
            f"{service}.{worker_ctx.entrypoint.method_name}", context=parent, kind=kind,
            attributes={"ordersuite.service": service, "ordersuite.entrypoint": label},
        )
        token = otel_context.attach(trace.set_span_in_context(span))
        logs.SERVICE.set(service)
        order_no = _order_no_of(worker_ctx)
        tag_order(order_no)
        # Outgoing RPCs and events of this worker carry *this* span as their parent.
        worker_ctx.data["traceparent"] = current_headers().get("traceparent", "")
        worker_ctx._ordersuite_span = (span, token)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        span, token = getattr(worker_ctx, "_ordersuite_span", (None, None))
        if span is None:
            return
        if ORDER_ATTRIBUTE not in (getattr(span, "attributes", None) or {}) and isinstance(
                result, dict) and isinstance(result.get("order_no"), str):
            # a command that creates the order learns its number only now
            span.set_attribute(ORDER_ATTRIBUTE, result["order_no"])
        if exc_info is not None:
            span.record_exception(exc_info[1])
            span.set_status(Status(StatusCode.ERROR, type(exc_info[1]).__name__))
        span.end()
        otel_context.detach(token)
        logs.ORDER_NO.set(None)
        del worker_ctx._ordersuite_span


def _order_no_of(worker_ctx) -> str | None:
    """The order a worker is about: an `order_no` parameter, or one inside an argument
    (an event envelope, a payload dict or model)."""
    bound = _bind(worker_ctx)
    if isinstance(bound.get("order_no"), str):
        return bound["order_no"]
    for value in bound.values():
        order_no = value.get("order_no") if isinstance(value, dict) else getattr(
            value, "order_no", None)
        if isinstance(order_no, str):
            return order_no
    return None


def _bind(worker_ctx) -> dict:
    try:
        method = getattr(worker_ctx.container.service_cls, worker_ctx.entrypoint.method_name)
        signature = _signature(method)
        return dict(signature.bind(None, *worker_ctx.args, **worker_ctx.kwargs).arguments)
    except (TypeError, ValueError, AttributeError):
        return dict(enumerate(worker_ctx.args)) | dict(worker_ctx.kwargs)


@lru_cache(maxsize=512)
def _signature(method) -> inspect.Signature:
    return inspect.signature(method)
