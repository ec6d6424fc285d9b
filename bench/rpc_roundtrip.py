"""RPC round trip from the gateway to a nameko service, against a raw AMQP baseline.

    cd /work/main && .venv/bin/python bench/rpc_roundtrip.py [--requests 2000]

One run measures, on this machine and against 127.0.0.1 only:
  raw      aio-pika request/reply to a minimal aio-pika responder (no nameko, no HTTP)
  async    gateway.rpc.RpcClient -> nameko echo service
  pool     gateway.rpc.pool.ProxyPool (8 ClusterRpcProxy) -> nameko echo service
  http-*   httpx -> FastAPI/uvicorn route -> async client or pool -> nameko echo service
each sequentially and with 8 concurrent callers, and prints req/s, p50, p99 and
the ratio to the raw baseline of the same concurrency. The responder, the nameko
service and the HTTP server each run in their own subprocess, as in production.
Every reply is checked against its request; mismatches are counted as errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

AMQP_URI = os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
CONCURRENCY = 8

# The nameko service needs eventlet's monkey patch before anything else is
# imported, so it runs from source in its own interpreter.
NAMEKO_SERVICE = """
import eventlet
eventlet.monkey_patch()
import signal, sys
from nameko.rpc import rpc
from nameko.runners import ServiceRunner

class Echo:
    name = sys.argv[1]

    @rpc
    def echo(self, value):
        return value

runner = ServiceRunner({"AMQP_URI": sys.argv[2]})
runner.add_service(Echo)
signal.signal(signal.SIGTERM, lambda *_: eventlet.spawn_n(runner.stop))
runner.start()
print("READY", flush=True)
runner.wait()
"""


# ---------------------------------------------------------------- subprocesses


async def serve_raw(queue_name: str, amqp_uri: str) -> None:
    """Minimal responder: reply to each request at once with the same body."""
    import aio_pika

    connection = await aio_pika.connect(amqp_uri)
    channel = await connection.channel(publisher_confirms=False)
    await channel.set_qos(prefetch_count=10)  # nameko's default max_workers
    queue = await channel.declare_queue(queue_name, auto_delete=True)

    async def on_request(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        await channel.default_exchange.publish(
            aio_pika.Message(message.body, correlation_id=message.correlation_id),
            routing_key=message.reply_to or "",
        )
        await message.ack()

    await queue.consume(on_request)
    print("READY", flush=True)
    await asyncio.Future()


def serve_http(port: int, amqp_uri: str, service: str) -> None:
    """FastAPI app whose routes call the echo service via either client."""
    from contextlib import asynccontextmanager

    import uvicorn
    from fastapi import FastAPI, HTTPException

    from gateway.rpc import RpcClient, RpcError
    from gateway.rpc.pool import ProxyPool

    clients: dict[str, object] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        clients["async"] = await RpcClient(amqp_uri, timeout=10).start()
        clients["pool"] = ProxyPool(amqp_uri, size=CONCURRENCY, timeout=10).start()
        yield
        await clients["async"].close()
        clients["pool"].close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/healthz")
    async def healthz(x: str = "") -> dict:
        return {"x": x}  # the HTTP stack alone: what any route costs

    @app.get("/async/echo")
    async def async_echo(x: str) -> dict:
        try:
            return {"x": await clients["async"].call(service, "echo", [x])}
        except RpcError as exc:
            raise HTTPException(503, str(exc)) from exc

    @app.get("/pool/echo")
    async def pool_echo(x: str) -> dict:
        try:
            return {"x": await clients["pool"].acall(service, "echo", [x])}
        except RpcError as exc:
            raise HTTPException(503, str(exc)) from exc

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def spawn(argv: list[str], ready_timeout: float = 30.0) -> subprocess.Popen:
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = threading.Event()

    def watch() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.strip() == "READY":
                ready.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(ready_timeout):
        proc.kill()
        raise SystemExit(f"subprocess not ready in {ready_timeout}s: {argv[:3]}")
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- raw client


class RawClient:
    """The baseline caller: what any AMQP request/reply costs, nothing more.

    Same broker settings as RpcClient (publisher confirms, exclusive reply
    queue, correlation ids) so the ratios isolate nameko's and the client's cost.
    """

    async def start(self, amqp_uri: str, queue_name: str) -> RawClient:
        import aio_pika

        self._aio_pika = aio_pika
        self._queue_name = queue_name
        self._pending: dict[str, asyncio.Future] = {}
        self._connection = await aio_pika.connect(amqp_uri)
        self._channel = await self._connection.channel(publisher_confirms=True)
        self._replies = await self._channel.declare_queue(exclusive=True, auto_delete=True)
        await self._replies.consume(self._on_reply, no_ack=True)
        return self

    async def _on_reply(self, message) -> None:
        future = self._pending.pop(message.correlation_id, None)
        if future is not None and not future.done():
            future.set_result(message.body)

    async def call(self, value: str) -> str:
        correlation_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self._pending[correlation_id] = future
        message = self._aio_pika.Message(
            value.encode(), correlation_id=correlation_id, reply_to=self._replies.name
        )
        await self._channel.default_exchange.publish(message, self._queue_name)
        return (await asyncio.wait_for(future, 10)).decode()

    async def close(self) -> None:
        await self._connection.close()


# ---------------------------------------------------------------- load generation


@dataclass
class Result:
    mode: str
    concurrency: int
    count: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.count / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def load_async(
    mode: str, call: Callable[[str], Awaitable[str]], n: int, conc: int, cap: float
) -> Result:
    latencies: list[float] = []
    errors = 0
    issued = 0
    started = time.perf_counter()

    async def worker(worker_no: int) -> None:
        nonlocal issued, errors
        while issued < n and time.perf_counter() - started < cap:
            issued += 1
            value = f"{worker_no}-{issued}"
            t0 = time.perf_counter()
            try:
                ok = await call(value) == value
            except Exception:  # noqa: BLE001 - counted, the run goes on
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    await asyncio.gather(*(worker(i) for i in range(conc)))
    return Result(mode, conc, len(latencies), errors, time.perf_counter() - started, latencies)


def load_threads(mode: str, call: Callable[[str], str], n: int, conc: int, cap: float) -> Result:
    latencies: list[float] = []
    counts = {"issued": 0, "errors": 0}
    lock = threading.Lock()
    started = time.perf_counter()

    def worker(worker_no: int) -> None:
        while time.perf_counter() - started < cap:
            with lock:
                if counts["issued"] >= n:
                    return
                counts["issued"] += 1
                value = f"{worker_no}-{counts['issued']}"
            t0 = time.perf_counter()
            try:
                ok = call(value) == value
            except Exception:  # noqa: BLE001 - counted, the run goes on
                ok = False
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                counts["errors"] += not ok

    with ThreadPoolExecutor(conc) as threads:
        list(threads.map(worker, range(conc)))
    seconds = time.perf_counter() - started
    return Result(mode, conc, len(latencies), counts["errors"], seconds, latencies)


async def measure_async(mode, call, args) -> list[Result]:
    await load_async(mode, call, args.warmup, CONCURRENCY, args.cap)
    return [
        await load_async(mode, call, args.requests, conc, args.cap) for conc in (1, CONCURRENCY)
    ]


def measure_threads(mode, call, args) -> list[Result]:
    load_threads(mode, call, args.warmup, CONCURRENCY, args.cap)
    return [load_threads(mode, call, args.requests, conc, args.cap) for conc in (1, CONCURRENCY)]


# ---------------------------------------------------------------- main


async def bench_async_modes(args, raw_queue: str, service: str) -> list[Result]:
    from gateway.rpc import RpcClient

    results = []
    raw = await RawClient().start(args.amqp_uri, raw_queue)
    results += await measure_async("raw aio-pika", raw.call, args)
    await raw.close()

    async with RpcClient(args.amqp_uri, timeout=10) as client:

        async def via_client(value: str) -> str:
            return await client.call(service, "echo", [value])

        results += await measure_async("async client", via_client, args)

    return results


def bench_http_modes(args, port: int) -> list[Result]:
    """HTTP load from 8 threads, each with its own keep-alive httpx.Client.

    Not httpx.AsyncClient: on this machine it managed only ~150 req/s even
    against a route that does nothing, so it would have measured itself.
    """
    import httpx

    results = []
    for route in ("healthz", "async/echo", "pool/echo"):
        local, clients = threading.local(), []

        def via_http(value: str, route: str = route, local=local, clients=clients) -> str:
            if not hasattr(local, "client"):
                local.client = httpx.Client(base_url=f"http://127.0.0.1:{port}")
                clients.append(local.client)
            response = local.client.get(f"/{route}", params={"x": value})
            response.raise_for_status()
            return response.json()["x"]

        mode = "http, no RPC" if route == "healthz" else f"http -> {route.split('/')[0]}"
        results += measure_threads(mode, via_http, args)
        for client in clients:
            client.close()
    return results


def wait_http(port: int, timeout: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("HTTP server did not come up")


async def delete_queue(amqp_uri: str, name: str) -> None:
    import aio_pika

    connection = await aio_pika.connect(amqp_uri)
    async with connection:
        await (await connection.channel()).queue_delete(name)


def print_table(results: list[Result]) -> None:
    raw = {r.concurrency: r for r in results if r.mode.startswith("raw")}
    print(
        f"{'mode':<16}{'conc':>5}{'n':>7}{'err':>5}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'req/s vs raw':>14}{'p50 vs raw':>12}"
    )
    for r in results:
        base = raw[r.concurrency]
        print(
            f"{r.mode:<16}{r.concurrency:>5}{r.count:>7}{r.errors:>5}{r.rps:>9.0f}"
            f"{r.pct(0.5):>9.2f}{r.pct(0.99):>9.2f}"
            f"{r.rps / base.rps:>14.2f}{r.pct(0.5) / base.pct(0.5):>12.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="per mode and concurrency")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--cap", type=float, default=6.0, help="max seconds per measurement")
    parser.add_argument("--amqp-uri", default=AMQP_URI)
    parser.add_argument("--serve-raw", nargs=2, metavar=("QUEUE", "URI"), help=argparse.SUPPRESS)
    parser.add_argument("--serve-http", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve_raw:
        asyncio.run(serve_raw(*args.serve_raw))
        return
    if args.serve_http:
        port, uri, service = args.serve_http
        serve_http(int(port), uri, service)
        return

    from gateway.rpc.pool import ProxyPool

    suffix = uuid.uuid4().hex[:8]
    service, raw_queue, port = f"bench_echo_{suffix}", f"bench-raw-{suffix}", free_port()
    me = [sys.executable, os.path.abspath(__file__)]
    procs = [
        spawn([sys.executable, "-c", NAMEKO_SERVICE, service, args.amqp_uri]),
        spawn([*me, "--serve-raw", raw_queue, args.amqp_uri]),
    ]
    procs.append(
        subprocess.Popen(
            [*me, "--serve-http", str(port), args.amqp_uri, service], stderr=subprocess.DEVNULL
        )
    )
    started = time.perf_counter()
    try:
        wait_http(port)
        results = asyncio.run(bench_async_modes(args, raw_queue, service))
        with ProxyPool(args.amqp_uri, size=CONCURRENCY, timeout=10) as pool:
            results += measure_threads(
                "proxy pool", lambda v: pool.call(service, "echo", [v]), args
            )
        results += bench_http_modes(args, port)
    finally:
        for proc in procs:
            stop(proc)
        asyncio.run(delete_queue(args.amqp_uri, f"rpc-{service}"))
    print(
        f"\nrpc_roundtrip: {args.requests} requests per row (cap {args.cap:g}s), "
        f"{CONCURRENCY} concurrent callers in the 'conc 8' rows; {os.cpu_count()} CPUs, "
        f"python {sys.version.split()[0]}; total {time.perf_counter() - started:.0f}s\n"
    )
    print_table(results)
    print("\nerr = failed calls or replies that did not match their request")


if __name__ == "__main__":
    main()
