"""The ClusterRpcProxy pool against a real nameko service over RabbitMQ."""

from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from gateway.rpc import RemoteError, RpcTimeout, ServiceUnavailable
from gateway.rpc.pool import ProxyPool


@pytest.fixture(scope="module")
def pool(amqp_uri):
    with ProxyPool(amqp_uri, size=8, timeout=10) as pool:
        yield pool


def test_result_round_trips(pool, echo_service):
    value = {"qty": 3, "price": Decimal("12.50"), "lines": [1, 2]}
    assert pool.call(echo_service, "echo", [value]) == value


def test_remote_exception_is_remote_error(pool, echo_service):
    with pytest.raises(RemoteError) as info:
        pool.call(echo_service, "fail", ["out of stock"])
    # Same fields as the asyncio client: the raw reply is decoded by shared code.
    assert info.value.exc_type == "ValueError"
    assert info.value.value == "out of stock"
    assert info.value.exc_path == "builtins.ValueError"
    assert info.value.exc_args == ["out of stock"]


def test_missing_service_fails_fast(pool):
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable):
        pool.call(f"absent_{uuid.uuid4().hex[:8]}", "anything")
    assert time.monotonic() - started < 1.0


def test_slow_call_times_out_and_pool_recovers(pool, echo_service):
    started = time.monotonic()
    with pytest.raises(RpcTimeout):
        pool.call(echo_service, "sleep", [1.0, "late"], timeout=0.3)
    assert time.monotonic() - started < 0.9
    time.sleep(1.0)  # the late reply lands on a proxy that has been discarded
    assert [pool.call(echo_service, "echo", [i]) for i in range(16)] == list(range(16))


def test_context_travels_as_nameko_headers(pool, echo_service):
    seen = pool.call(echo_service, "context", context={"traceparent": "00-abc-def-01"})
    assert seen["traceparent"] == "00-abc-def-01"
    assert seen["call_id_stack"][0].startswith("gateway.context.")


def test_eight_threads_get_correct_answers(pool, echo_service):
    def worker(thread_no):
        return [
            pool.call(echo_service, "echo", [{"t": thread_no, "n": n}]) == {"t": thread_no, "n": n}
            for n in range(40)
        ]

    with ThreadPoolExecutor(8) as threads:
        outcomes = list(threads.map(worker, range(8)))
    assert all(all(ok) for ok in outcomes)
    assert sum(len(ok) for ok in outcomes) == 320


def test_acall_from_coroutines(pool, echo_service):
    async def scenario():
        return await asyncio.gather(*(pool.acall(echo_service, "echo", [i]) for i in range(30)))

    assert asyncio.run(scenario()) == list(range(30))
