"""Thread-safe pool of nameko ``ClusterRpcProxy`` instances.

A standalone proxy is single-threaded (its reply consumer polls one socket),
and sharing one between threads corrupts AMQP frames. So each call borrows a
whole proxy from a queue and gives it back; no proxy is ever used by two
threads at once. Errors are mapped to the same types as the asyncio client.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import threading
import types
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import amqp.exceptions
import kombu.exceptions
import kombu.pools
from nameko.containers import WorkerContext
from nameko.exceptions import RpcTimeout as NamekoRpcTimeout
from nameko.exceptions import UnknownService
from nameko.rpc import MethodProxy
from nameko.standalone.rpc import ClusterRpcProxy

from . import wire
from .errors import ConnectionLost, RpcError, RpcTimeout, ServiceUnavailable

# What a dead or broken broker link looks like through kombu/py-amqp/nameko.
# ConsumeEvent.wait() raises RuntimeError once its consumer is disconnected.
_LINK_ERRORS = (
    OSError,  # includes socket.error and ConnectionError
    amqp.exceptions.ConnectionError,
    amqp.exceptions.ChannelError,
    kombu.exceptions.OperationalError,
    RuntimeError,
)


class ProxyPool:
    def __init__(
        self,
        amqp_uri: str,
        *,
        size: int = 8,
        timeout: float = 30.0,
        caller: str = "gateway",
    ) -> None:
        self._config = {"AMQP_URI": amqp_uri}
        self._size = size
        self._timeout = timeout
        self._caller = caller
        # Slots hold a started proxy, or None when it must be (re)built by the
        # next borrower: a broken proxy is dropped rather than repaired.
        self._idle: queue.Queue[ClusterRpcProxy | None] = queue.Queue()
        self._closed = threading.Event()
        # Own executor sized to the pool: asyncio's default one has only
        # min(32, cpus + 4) threads and would cap concurrency below the pool.
        self._executor = ThreadPoolExecutor(size, thread_name_prefix="rpc-pool")

    def start(self) -> ProxyPool:
        # Publishes go through kombu's process-wide producer pool (10 per broker
        # by default); below the pool size, extra threads would queue there.
        if kombu.pools.get_limit() < self._size:
            kombu.pools.set_limit(self._size)
        try:
            for _ in range(self._size):
                self._idle.put(self._new_proxy())
        except ServiceUnavailable:
            self.close()  # don't leak the proxies that did start
            raise
        return self

    def close(self) -> None:
        self._closed.set()
        self._executor.shutdown(wait=True)
        while True:
            try:
                proxy = self._idle.get_nowait()
            except queue.Empty:
                return
            _stop_quietly(proxy)

    def __enter__(self) -> ProxyPool:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def acall(self, service: str, method: str, *a: Any, **kw: Any) -> Any:
        """``call`` from a coroutine, on one of the pool's own threads."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, functools.partial(self.call, service, method, *a, **kw)
        )

    def call(
        self,
        service: str,
        method: str,
        args: Sequence[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        context: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Blocking call; same contract and errors as ``RpcClient.call``."""
        if self._closed.is_set():
            raise RpcError("ProxyPool is closed")
        timeout = self._timeout if timeout is None else timeout
        try:
            proxy = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise ServiceUnavailable(
                None, f"all {self._size} proxies busy for {timeout:g}s"
            ) from None
        keep = False  # a proxy that failed in an unknown state is dropped, not reused
        try:
            if proxy is None:
                proxy = self._new_proxy()
            try:
                body = self._call_with(proxy, service, method, args, kwargs, context, timeout)
            except UnknownService:
                keep = True  # the broker said "no route"; the proxy itself is fine
                raise ServiceUnavailable(
                    service, f"no queue bound for '{service}.{method}' (service not running?)"
                ) from None
            keep = True
        finally:
            if not keep:
                _stop_quietly(proxy)
                proxy = None
            if self._closed.is_set():
                _stop_quietly(proxy)
            else:
                self._idle.put(proxy)
        return wire.unpack_reply(body)

    def _new_proxy(self) -> ClusterRpcProxy:
        proxy = ClusterRpcProxy(self._config, timeout=self._timeout)
        # Names the reply queue and call ids after the caller, like the asyncio client.
        proxy._worker_ctx.container.service_name = self._caller
        try:
            proxy.start()
        except _LINK_ERRORS as exc:
            raise ServiceUnavailable(None, f"cannot connect to broker: {exc!r}") from exc
        return proxy

    @staticmethod
    def _call_with(
        proxy: ClusterRpcProxy,
        service: str,
        method: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any] | None,
        context: Mapping[str, Any] | None,
        timeout: float,
    ) -> dict[str, Any]:
        listener = proxy._reply_listener
        # The proxy is ours alone until returned, so per-call settings are safe.
        listener.queue_consumer.timeout = timeout
        # A fresh WorkerContext per call carries this call's context data and
        # call id; the proxy's own context is fixed at construction.
        worker_ctx = WorkerContext(
            listener.container,
            service=None,
            entrypoint=types.SimpleNamespace(method_name=method),
            data={k: v for k, v in (context or {}).items() if v is not None},
        )
        try:
            try:
                reply = MethodProxy(worker_ctx, service, method, listener).call_async(
                    *args, **(kwargs or {})
                )
            except _LINK_ERRORS as exc:
                raise ServiceUnavailable(service, f"broker error: {exc!r}") from exc
            try:
                # The raw reply body, so errors are decoded by wire.unpack_reply
                # exactly as the asyncio client does (nameko's own deserialize
                # drops exc_path and exc_args).
                return reply.reply_event.wait()
            except NamekoRpcTimeout:
                raise RpcTimeout(service, method, timeout) from None
            except _LINK_ERRORS as exc:
                raise ConnectionLost(service, f"broker connection lost: {exc!r}") from exc
        finally:
            # nameko registers a reply event per call and leaves it behind when
            # the publish fails or the wait times out; nothing else is in flight.
            listener._reply_events.clear()


def _stop_quietly(proxy: ClusterRpcProxy | None) -> None:
    if proxy is None:
        return
    # A broken proxy may fail to close; it is being discarded either way.
    with contextlib.suppress(Exception):
        proxy.stop()
