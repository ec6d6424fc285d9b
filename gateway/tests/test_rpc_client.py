"""The asyncio RPC client against a real nameko service over RabbitMQ."""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from gateway.rpc import ConnectionLost, RemoteError, RpcClient, RpcTimeout, ServiceUnavailable


def run(coro_fn, amqp_uri, **client_kwargs):
    """Run ``coro_fn(client)`` on a fresh loop with a started client."""

    async def main():
        async with RpcClient(amqp_uri, timeout=10, **client_kwargs) as client:
            return await coro_fn(client)

    return asyncio.run(main())


def test_result_round_trips_with_kombu_json_types(echo_service, amqp_uri):
    # Decimal and datetime travel in kombu's tagged JSON, as nameko services expect.
    value = {"qty": 3, "price": Decimal("12.50"), "at": datetime(2024, 5, 1, 8, 0, tzinfo=UTC)}
    result = run(lambda c: c.call(echo_service, "echo", [value]), amqp_uri)
    assert result == value


def test_kwargs_are_passed(echo_service, amqp_uri):
    result = run(
        lambda c: c.call(echo_service, "sleep", kwargs={"seconds": 0, "value": "k"}), amqp_uri
    )
    assert result == "k"


def test_remote_exception_is_remote_error(echo_service, amqp_uri):
    with pytest.raises(RemoteError) as info:
        run(lambda c: c.call(echo_service, "fail", ["out of stock"]), amqp_uri)
    assert info.value.exc_type == "ValueError"
    assert info.value.value == "out of stock"
    assert info.value.exc_path == "builtins.ValueError"
    assert info.value.exc_args == ["out of stock"]


def test_unknown_method_is_remote_method_not_found(echo_service, amqp_uri):
    with pytest.raises(RemoteError) as info:
        run(lambda c: c.call(echo_service, "no_such_method"), amqp_uri)
    assert info.value.exc_type == "MethodNotFound"


def test_missing_service_fails_fast(amqp_uri):
    async def scenario(client):
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable) as info:
            await client.call(f"absent_{uuid.uuid4().hex[:8]}", "anything")
        return time.monotonic() - started, info.value

    elapsed, error = run(scenario, amqp_uri)
    assert elapsed < 1.0  # the broker's basic.return, not the 10 s call timeout
    assert "no queue bound" in str(error)


def test_slow_call_times_out_and_late_reply_is_ignored(echo_service, amqp_uri):
    async def scenario(client):
        started = time.monotonic()
        with pytest.raises(RpcTimeout):
            await client.call(echo_service, "sleep", [1.0, "late"], timeout=0.3)
        elapsed = time.monotonic() - started
        await asyncio.sleep(1.0)  # let the late reply arrive; it must not confuse the next call
        return elapsed, await client.call(echo_service, "echo", ["fresh"])

    elapsed, after = run(scenario, amqp_uri)
    assert 0.3 <= elapsed < 0.9
    assert after == "fresh"


def test_50_concurrent_calls_each_get_their_own_answer(echo_service, amqp_uri):
    async def scenario(client):
        # Mixed latencies so replies come back out of order.
        calls = [
            client.call(echo_service, "sleep", [(i % 5) * 0.02, {"i": i, "tag": f"req-{i}"}])
            for i in range(50)
        ]
        return await asyncio.gather(*calls)

    results = run(scenario, amqp_uri)
    assert results == [{"i": i, "tag": f"req-{i}"} for i in range(50)]


def test_context_travels_as_nameko_headers(echo_service, amqp_uri):
    traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    context = {"traceparent": traceparent, "authorization": "user:42", "dropped": None}
    seen = run(lambda c: c.call(echo_service, "context", context=context), amqp_uri)
    assert seen["traceparent"] == traceparent
    assert seen["authorization"] == "user:42"
    assert "dropped" not in seen
    # The service's own call id follows ours on the stack.
    assert seen["call_id_stack"][0].startswith("gateway.context.")
    assert seen["call_id_stack"][1].startswith(f"{echo_service}.context.")


@pytest.mark.skipif(shutil.which("rabbitmqctl") is None, reason="needs rabbitmqctl on this host")
def test_connection_loss_fails_in_flight_call_then_reconnects(echo_service, amqp_uri):
    # Close only this client's connection from the broker side (CONNECTION_FORCED):
    # restarting the shared broker would disturb other users of it.
    caller = f"gwtest{uuid.uuid4().hex[:8]}"

    async def close_from_broker(client):
        proc = await asyncio.create_subprocess_exec(
            "rabbitmqctl", "-q", "--no-table-headers", "list_connections", "pid",
            "client_properties", stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await proc.communicate()
        pids = [line.split("\t")[0] for line in out.decode().splitlines() if caller in line]
        assert len(pids) == 1, "could not find the client's connection"
        proc = await asyncio.create_subprocess_exec(
            "rabbitmqctl", "-q", "close_connection", pids[0], "test: forced close"
        )
        await proc.wait()

    async def scenario(client):
        # rabbitmqctl boots an Erlang VM per call (seconds on a loaded machine): the call
        # sleeps far longer than that, and the clock starts once the close is done.
        in_flight = asyncio.ensure_future(
            client.call(echo_service, "sleep", [30, "never"], timeout=60))
        await asyncio.sleep(0.2)
        await close_from_broker(client)
        started = time.monotonic()
        with pytest.raises(ConnectionLost):
            await in_flight
        failed_after = time.monotonic() - started
        # The robust connection restores the reply queue; new calls wait for it.
        return failed_after, await client.call(echo_service, "echo", ["again"], timeout=15)

    failed_after, again = run(scenario, amqp_uri, caller=caller)
    assert failed_after < 4  # at the close, not at the 30 s sleep's end nor the timeout
    assert again == "again"


def test_a_request_nobody_takes_before_the_timeout_expires_instead_of_running_later(amqp_uri):
    # A service whose queue exists but whose workers are all gone (crashed, busy, stopped):
    # the caller times out, and the request must not wait to run when they come back.
    service = f"stalled_{uuid.uuid4().hex[:8]}"

    async def scenario(client):
        channel = await client.connection.channel()
        exchange = await channel.get_exchange("nameko-rpc")
        queue = await channel.declare_queue(f"rpc-{service}", auto_delete=False)
        await queue.bind(exchange, routing_key=f"{service}.*")
        with pytest.raises(RpcTimeout):
            await client.call(service, "confirm_order", timeout=0.5)
        await asyncio.sleep(0.5)
        # ask the broker itself: aio-pika's robust channel caches declarations
        declared = await (await channel.get_underlay_channel()).queue_declare(
            f"rpc-{service}", passive=True)
        await queue.delete(if_unused=False, if_empty=False)
        return declared.message_count

    assert run(scenario, amqp_uri) == 0
