"""asyncio RPC client that speaks nameko 2.x's wire protocol over aio-pika.

One robust connection, one confirming channel and one reply queue serve every
coroutine of the event loop; replies are matched to callers by correlation id.
A client belongs to the loop that started it (uvicorn runs one loop per worker).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import aio_pika
import aiormq
from aio_pika.abc import AbstractIncomingMessage

from . import wire
from .errors import ConnectionLost, RpcError, RpcTimeout, ServiceUnavailable

# Errors that mean "the broker link is down or the channel broke", as opposed to
# an answer from the broker about this particular message.
_BROKER_ERRORS = (
    aiormq.exceptions.AMQPConnectionError,
    aiormq.exceptions.AMQPChannelError,
    aiormq.exceptions.ChannelInvalidStateError,
    ConnectionError,
)


class RpcClient:
    def __init__(
        self,
        amqp_uri: str,
        *,
        timeout: float = 30.0,
        caller: str = "gateway",
        connect_timeout: float = 10.0,
        reconnect_interval: float = 1.0,
    ) -> None:
        self._uri = amqp_uri
        self._timeout = timeout
        self._caller = caller
        self._connect_timeout = connect_timeout
        self._reconnect_interval = reconnect_interval
        self._pending: dict[str, asyncio.Future[bytes]] = {}
        # The reply routing key, not the queue name, is what services publish to.
        self._reply_key = str(uuid.uuid4())
        self._connection: aio_pika.abc.AbstractRobustConnection | None = None
        self._channel: aio_pika.abc.AbstractRobustChannel | None = None
        self._exchange: aio_pika.abc.AbstractExchange | None = None

    @property
    def timeout(self) -> float:
        """The default time a call may take."""
        return self._timeout

    @property
    def connection(self) -> aio_pika.abc.AbstractRobustConnection | None:
        return self._connection

    async def start(self) -> RpcClient:
        try:
            self._connection = await aio_pika.connect_robust(
                self._uri,
                timeout=self._connect_timeout,
                reconnect_interval=self._reconnect_interval,
                client_properties={"connection_name": f"{self._caller}-rpc-{self._reply_key}"},
            )
        except (*_BROKER_ERRORS, TimeoutError) as exc:
            raise ServiceUnavailable(None, f"cannot connect to broker: {exc!r}") from exc
        try:
            await self._setup()
        except BaseException:
            await self.close()
            raise
        return self

    async def _setup(self) -> None:
        assert self._connection is not None
        # Fires on every loss of the underlying connection, not only on close():
        # the exclusive reply queue dies with the connection, so no in-flight
        # call can ever get its reply and waiting out the timeout would be a lie.
        self._connection.close_callbacks.add(self._fail_pending)
        # Confirms + on_return_raises turn an unroutable (mandatory) publish into
        # PublishError instead of a silent drop: that is how "service not running"
        # is detected at once, as nameko's own proxies do.
        self._channel = await self._connection.channel(
            publisher_confirms=True, on_return_raises=True
        )
        self._exchange = await self._channel.declare_exchange(
            wire.EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
        )
        # Robust channels re-declare, re-bind and re-consume this queue after a
        # reconnect, under the same name and routing key.
        queue = await self._channel.declare_queue(
            f"rpc.reply-{self._caller}-{self._reply_key}", exclusive=True, auto_delete=True
        )
        await queue.bind(self._exchange, routing_key=self._reply_key)
        # no_ack: the queue is exclusive to us, so acking would only add traffic.
        await queue.consume(self._on_reply, no_ack=True)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
        self._fail_pending(None, None)

    async def __aenter__(self) -> RpcClient:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def call(
        self,
        service: str,
        method: str,
        args: Sequence[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        context: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Call ``service.method(*args, **kwargs)`` and return its result.

        ``context`` travels as ``nameko.<key>`` headers (traceparent, auth, ...).
        Raises RemoteError, ServiceUnavailable, ConnectionLost or RpcTimeout.
        """
        if self._exchange is None or self._channel is None:
            raise RpcError("RpcClient.start() was not awaited")
        timeout = self._timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        correlation_id = uuid.uuid4().hex
        message = aio_pika.Message(
            wire.encode_request(args, kwargs or {}),
            content_type=wire.CONTENT_TYPE,
            content_encoding="utf-8",
            correlation_id=correlation_id,
            reply_to=self._reply_key,
            headers=wire.request_headers(wire.new_call_id(self._caller, method), context),
            # Transient on purpose: after a broker restart our reply queue is gone,
            # so a request that survived on disk would run with nobody to answer.
            delivery_mode=aio_pika.DeliveryMode.NOT_PERSISTENT,
            # A request nobody took before the caller gave up must not run later
            # (a command would take effect with no one told): the broker drops it.
            expiration=timeout,
        )
        # Register before publishing: a fast reply may beat the publish confirm.
        future: asyncio.Future[bytes] = loop.create_future()
        self._pending[correlation_id] = future
        try:
            await self._publish(service, method, message, timeout, deadline - loop.time())
            try:
                body = await asyncio.wait_for(future, max(deadline - loop.time(), 0))
            except TimeoutError:
                raise RpcTimeout(service, method, timeout) from None
            except ConnectionLost as exc:  # raised by _fail_pending, which knows no names
                raise ConnectionLost(service, f"{method}: {exc.reason}") from None
        finally:
            self._pending.pop(correlation_id, None)
            if future.done() and not future.cancelled():
                future.exception()  # mark retrieved: publish may have failed first
        return wire.unpack_reply(wire.decode_reply_body(body))

    async def _publish(
        self,
        service: str,
        method: str,
        message: aio_pika.Message,
        timeout: float,
        remaining: float,
    ) -> None:
        assert self._channel is not None and self._exchange is not None
        routing_key = f"{service}.{method}"
        try:
            async with asyncio.timeout(max(remaining, 0)):
                # While reconnecting, wait until the reply queue is restored;
                # a request sent before that would have its reply dropped.
                await self._channel.ready()
                await self._exchange.publish(message, routing_key, mandatory=True)
        except aiormq.exceptions.PublishError:
            raise ServiceUnavailable(
                service, f"no queue bound for {routing_key!r} (service not running?)"
            ) from None
        except TimeoutError:
            raise ServiceUnavailable(
                service, f"broker did not accept the request within {timeout:g}s"
            ) from None
        except _BROKER_ERRORS as exc:
            raise ServiceUnavailable(service, f"broker error: {exc!r}") from exc

    async def _on_reply(self, message: AbstractIncomingMessage) -> None:
        # Only hands the body over (aio-pika runs each callback as a task, and
        # deprecates plain-function callbacks); decoding is the caller's job.
        future = self._pending.get(message.correlation_id or "")
        if future is not None and not future.done():
            future.set_result(message.body)
        # else: a late reply to a call that already timed out; drop it.

    def _fail_pending(self, _sender: object, exc: BaseException | None) -> None:
        reason = f"broker connection lost ({exc!r})" if exc else "client closed"
        for future in list(self._pending.values()):
            if not future.done():
                future.set_exception(ConnectionLost(None, reason))
