"""A minimal OTLP/HTTP trace collector for tests: the suite exports to it as to any backend."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)


class Span:
    def __init__(self, service: str, raw):
        self.service = service
        self.name = raw.name
        self.trace_id = raw.trace_id.hex()
        self.span_id = raw.span_id.hex()
        self.parent_id = raw.parent_span_id.hex() or None
        self.kind = raw.kind
        self.attributes = {a.key: a.value.string_value for a in raw.attributes}

    def __repr__(self):
        return f"<{self.service}:{self.name} {self.trace_id[:8]}/{self.span_id[:8]}>"


class Collector:
    def __init__(self):
        self.spans: list[Span] = []
        self._lock = threading.Lock()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                request = ExportTraceServiceRequest.FromString(body)
                found = []
                for resource_spans in request.resource_spans:
                    service = next((a.value.string_value
                                    for a in resource_spans.resource.attributes
                                    if a.key == "service.name"), "?")
                    for scope in resource_spans.scope_spans:
                        found += [Span(service, raw) for raw in scope.spans]
                with collector._lock:
                    collector.spans += found
                payload = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()

    def trace(self, trace_id: str) -> list[Span]:
        with self._lock:
            return [span for span in self.spans if span.trace_id == trace_id]
