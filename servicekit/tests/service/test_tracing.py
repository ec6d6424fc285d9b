"""One trace follows an order from the caller through an RPC, the outbox and an event handler."""

from nameko.standalone.rpc import ServiceRpcProxy
from nameko.testing.services import entrypoint_waiter
from opentelemetry.trace import SpanKind

from servicekit import tracing
from servicekit.testing import wait_until

from probe_service import Behaviour, ProbeProducer, ProbeService


def test_one_trace_spans_caller_rpc_publish_and_handler(
        container_factory, make_config, span_exporter):
    Behaviour.reset()
    sales = container_factory(ProbeProducer, make_config("sales"))
    planning = container_factory(ProbeService, make_config("planning"))
    sales.start()
    planning.start()

    with tracing.tracer().start_as_current_span("caller", kind=SpanKind.CLIENT) as root:
        context = {"traceparent": tracing.current_headers()["traceparent"]}
        with entrypoint_waiter(planning, "on_order_received", timeout=10), \
                ServiceRpcProxy("sales", sales.config, context_data=context) as proxy:
            order = proxy.place_order("SO-P1-000042")

    def spans_by_name():
        return {span.name: span for span in span_exporter.get_finished_spans()}

    names = ("sales.place_order", "publish sales.order_received", "planning.on_order_received")
    spans = wait_until(lambda: (found := spans_by_name()) and all(n in found for n in names)
                       and found)
    trace_id = root.get_span_context().trace_id
    rpc, publish, handler = (spans[name] for name in names)
    assert {s.context.trace_id for s in (rpc, publish, handler)} == {trace_id}
    assert rpc.parent.span_id == root.get_span_context().span_id
    assert publish.parent.span_id == rpc.context.span_id
    assert handler.parent.span_id == publish.context.span_id
    assert handler.kind == SpanKind.CONSUMER and publish.kind == SpanKind.PRODUCER
    for span in (publish, handler):
        assert span.attributes[tracing.ORDER_ATTRIBUTE] == order["order_no"]
