"""Tracing and metrics at the edge: a SERVER span and a latency sample per request.

The span's context travels on to the services as `nameko.traceparent`, so a
gateway call and everything it causes share one trace.
"""

from __future__ import annotations

import os
import time

from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_SECONDS = Histogram(
    "ordersuite_gateway_request_seconds", "Gateway request latency",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
RPC_RETRIES = Counter("ordersuite_gateway_rpc_retries_total",
                      "RPC calls sent again after a lost connection or an absent service",
                      ["service", "method"])
RPC_ERRORS = Counter("ordersuite_gateway_rpc_errors_total", "RPC failures seen by the gateway",
                     ["service", "error"])
_propagator = TraceContextTextMapPropagator()
ORDER_ATTRIBUTE = "ordersuite.order_no"


def configure_tracing(service_name: str) -> None:
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)


def trace_context() -> dict:
    """RPC context data carrying the current span as parent."""
    carrier: dict = {}
    _propagator.inject(carrier)
    return {"traceparent": carrier["traceparent"]} if "traceparent" in carrier else {}


def tag_order(order_no: str) -> None:
    trace.get_current_span().set_attribute(ORDER_ATTRIBUTE, order_no)


class ObserveRequests:
    """A SERVER span and a latency sample per request, as plain ASGI middleware (not
    `@app.middleware("http")`, whose request/response wrapping costs every request a
    task and a copy of the body, issue 16)."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.tracer = trace.get_tracer("ordersuite.gateway")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        method, path = scope["method"], scope["path"]
        parent = _propagator.extract({name.decode("latin-1"): value.decode("latin-1")
                                      for name, value in scope["headers"]})
        status = 500
        with self.tracer.start_as_current_span(
            f"{method} {path}", context=parent, kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "url.path": path},
        ) as span:
            traceparent = trace_context().get("traceparent", "").encode()

            async def observed(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    message["headers"] = [*message.get("headers", []),
                                          (b"traceparent", traceparent)]
                await send(message)

            try:
                await self.app(scope, receive, observed)
            finally:
                span.set_attribute("http.response.status_code", status)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                route = scope.get("route")
                REQUEST_SECONDS.labels(method, getattr(route, "path", "unmatched"),
                                       str(status)).observe(time.perf_counter() - started)


def install(app: FastAPI) -> None:
    app.add_middleware(ObserveRequests)
