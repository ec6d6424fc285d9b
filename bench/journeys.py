"""The whole suite's pace against raw baselines measured in the same run (issue 16).

    .venv/bin/python bench/journeys.py [--orders 8] [--requests 1500]

Starts the suite (six services and the gateway, as `make run` does) on a fresh vhost
and fresh SQLite files, then prints, each with its baseline and the ratio:
  journeys      simulated journeys (tools/simulate.py) at concurrency 1, 4 and 8:
                journeys/min and the messages the broker carried per journey and per
                second (counted by the broker: the vhost's publish count), beside a raw
                kombu persistent publish+consume with a confirm per message;
  reads         GET /sales/orders/{no} and GET /orders/{no}/journey at 8 connections,
                beside a raw aio-pika request/reply and a bare FastAPI app answering
                the same body; each as the gateway answers it (its read cache, made old
                by commands and events) and past the cache (Cache-Control: no-cache),
                every request asking the services.
The load average is printed with the figures: the machine is shared, so only the
ratios of one run compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import requests
from kombu import Connection, Exchange, Queue

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "tests"), str(ROOT / "bench")]

from rpc_roundtrip import (  # noqa: E402
    CONCURRENCY,
    RawClient,
    Result,
    free_port,
    load_async,
    load_threads,
    spawn,
    stop,
    wait_http,
)

import simulate  # noqa: E402
from suite_harness import running_suite  # noqa: E402

PAST_THE_CACHE = {"Cache-Control": "no-cache"}  # gateway.api.reads.refreshing
RABBIT_API = os.environ.get("RABBIT_API_URI", "http://guest:guest@127.0.0.1:15672")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# ---------------------------------------------------------------- broker counts


def published_in(vhost: str) -> int:
    """Messages published in the vhost so far, as the broker counts them (its statistics
    lag by up to 5 s: callers wait for them to settle)."""
    stats = requests.get(f"{RABBIT_API}/api/vhosts/{vhost}", timeout=10).json()
    return int(stats.get("message_stats", {}).get("publish", 0))


def settled_publish_count(vhost: str) -> int:
    last = -1
    while True:
        time.sleep(5.5)
        now = published_in(vhost)
        if now == last:
            return now
        last = now


# ---------------------------------------------------------------- baselines


def raw_publish_consume_per_s(amqp_uri: str, n: int = 3000) -> float:
    """Messages/s of a raw kombu persistent publish (a confirm per message) and consume
    (acked), running together on one vhost."""
    exchange = Exchange(f"bench-{uuid.uuid4().hex[:6]}", type="topic", durable=False,
                        auto_delete=True)
    queue = Queue(f"bench-raw-{uuid.uuid4().hex[:6]}", exchange, routing_key="#",
                  durable=True, auto_delete=True)
    received = threading.Event()
    with Connection(amqp_uri) as consuming:
        bound = queue(consuming.default_channel)
        bound.declare()
        count = 0

        def on_message(body, message):
            nonlocal count
            message.ack()
            count += 1
            if count >= n:
                received.set()

        started = time.perf_counter()

        def publish():
            with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
                producer = conn.Producer()
                for i in range(n):
                    producer.publish({"n": i}, exchange=exchange, routing_key="x",
                                     delivery_mode=2)

        publisher = threading.Thread(target=publish)
        publisher.start()
        with consuming.Consumer(bound, callbacks=[on_message], prefetch_count=100):
            while not received.is_set():
                consuming.drain_events(timeout=10)
        publisher.join()
        return n / (time.perf_counter() - started)


# ---------------------------------------------------------------- journeys


def journey_rows(url: str, vhost: str, orders: int, concurrencies) -> list[dict]:
    rows = []
    for concurrency in concurrencies:
        before = settled_publish_count(vhost)
        summary = simulate.run(url, orders * concurrency, 0.2, concurrency, seed=concurrency)
        messages = settled_publish_count(vhost) - before
        done = max(summary["completed"], 1)
        rows.append({"concurrency": concurrency, "journeys": summary["completed"],
                     "failed": len(summary["failed"]), "seconds": summary["seconds"],
                     "journeys_per_min": 60 * summary["completed"] / summary["seconds"],
                     "messages_per_journey": messages / done,
                     "messages_per_s": messages / summary["seconds"]})
    return rows


# ---------------------------------------------------------------- reads


def serve_bare(port: int, body_file: str) -> None:
    """A FastAPI app answering one fixed body: what the HTTP stack alone costs."""
    import uvicorn
    from fastapi import FastAPI

    body = json.loads(Path(body_file).read_text())
    app = FastAPI()

    @app.get("/healthz")
    async def healthz() -> dict:
        return {}

    @app.get("/order")
    async def order() -> dict:
        return body

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def http_load(mode: str, base_url: str, path: str, headers: dict, n: int, cap: float) -> Result:
    local, clients = threading.local(), []

    def call(value: str) -> str:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base_url, headers=headers, timeout=30)
            clients.append(local.client)
        local.client.get(path).raise_for_status()
        return value

    load_threads(mode, call, min(100, n), CONCURRENCY, cap)  # warm-up
    result = load_threads(mode, call, n, CONCURRENCY, cap)
    for client in clients:
        client.close()
    return result


def raw_request_reply(amqp_uri: str, n: int, cap: float) -> Result:
    queue = f"bench-raw-{uuid.uuid4().hex[:8]}"
    responder = spawn([sys.executable, str(ROOT / "bench" / "rpc_roundtrip.py"),
                       "--serve-raw", queue, amqp_uri])

    async def measure() -> Result:
        client = await RawClient().start(amqp_uri, queue)
        await load_async("raw aio-pika", client.call, 200, CONCURRENCY, cap)
        result = await load_async("raw aio-pika", client.call, n, CONCURRENCY, cap)
        await client.close()
        return result

    try:
        return asyncio.run(measure())
    finally:
        stop(responder)


def read_rows(url: str, amqp_uri: str, order_no: str, user: str, n: int,
              cap: float) -> list[Result]:
    gateway = simulate.Gateway(url, simulate.Stats())
    headers = {"Authorization": f"Bearer {gateway.token(user)}"}
    body = httpx.get(f"{url}/sales/orders/{order_no}", headers=headers).json()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(body, file)
    port = free_port()
    bare = spawn_http([sys.executable, __file__, "--serve-bare", str(port), file.name], port)
    try:
        return [raw_request_reply(amqp_uri, n, cap),
                http_load("bare FastAPI", f"http://127.0.0.1:{port}", "/order", {}, n, cap),
                http_load("GET order", url, f"/sales/orders/{order_no}", headers, n, cap),
                http_load("GET journey", url, f"/orders/{order_no}/journey", headers, n, cap),
                # past the gateway's read cache, every request asks the services
                http_load("order no-cache", url, f"/sales/orders/{order_no}",
                          {**headers, **PAST_THE_CACHE}, n, cap),
                http_load("journey no-cache", url, f"/orders/{order_no}/journey",
                          {**headers, **PAST_THE_CACHE}, n // 4, cap)]
    finally:
        stop(bare)
        os.unlink(file.name)


def spawn_http(argv: list[str], port: int):
    import subprocess

    proc = subprocess.Popen(argv, stderr=subprocess.DEVNULL)
    wait_http(port)
    return proc


# ---------------------------------------------------------------- report


def print_journeys(rows: list[dict], raw_rate: float) -> None:
    print(f"\nraw kombu confirmed publish+consume: {raw_rate:,.0f} msg/s")
    print(f"{'conc':>4} {'journeys':>8} {'failed':>6} {'s':>6} {'journeys/min':>12} "
          f"{'msg/journey':>11} {'msg/s':>7} {'vs raw':>7}")
    for row in rows:
        print(f"{row['concurrency']:>4} {row['journeys']:>8} {row['failed']:>6} "
              f"{row['seconds']:>6.1f} {row['journeys_per_min']:>12.1f} "
              f"{row['messages_per_journey']:>11.1f} {row['messages_per_s']:>7.0f} "
              f"{row['messages_per_s'] / raw_rate:>6.2f}x")


def print_reads(results: list[Result]) -> None:
    by_mode = {result.mode: result for result in results}
    raw, bare = by_mode["raw aio-pika"], by_mode["bare FastAPI"]
    # the journey against the order read the same way: both cached, or both past the cache
    order_of = {"GET journey": by_mode["GET order"], "journey no-cache": by_mode["order no-cache"]}
    print(f"\nreads at {CONCURRENCY} connections")
    print(f"{'mode':<14}{'n':>6}{'err':>5}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'p99/p50':>8}"
          f"{'vs raw':>8}{'vs bare':>8}{'vs order':>9}")
    for r in results:
        print(f"{r.mode:<14}{r.count:>6}{r.errors:>5}{r.rps:>8.0f}{r.pct(0.5):>8.2f}"
              f"{r.pct(0.99):>8.2f}{r.pct(0.99) / r.pct(0.5):>8.1f}{r.rps / raw.rps:>7.2f}x"
              f"{r.rps / bare.rps:>7.2f}x" + (f"{r.rps / order_of[r.mode].rps:>8.2f}x"
                                              if r.mode in order_of else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=6, help="journeys per unit of concurrency")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--requests", type=int, default=1500, help="per read measurement")
    parser.add_argument("--cap", type=float, default=15.0, help="max seconds per read row")
    parser.add_argument("--serve-bare", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--skip-journeys", action="store_true")
    parser.add_argument("--skip-reads", action="store_true")
    parser.add_argument("--read-cache-ttl", help="READ_CACHE_TTL_S of the gateway (0: off)")
    parser.add_argument("--gateway-workers", type=int, default=2,
                        help="the gateway's worker processes (make run: one per core)")
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1])
        return
    print(f"journeys: load average before {load_average()}, {os.cpu_count()} CPUs, "
          f"{args.gateway_workers} gateway workers")
    with tempfile.TemporaryDirectory() as var, \
            running_suite(RABBIT_API, Path(var), timeout=180,
                          GATEWAY_WORKERS=str(args.gateway_workers),
                          **({} if args.read_cache_ttl is None
                             else {"READ_CACHE_TTL_S": args.read_cache_ttl})) as suite:
        suite.note = lambda *a, **k: None
        amqp_uri = suite.env["AMQP_URI"]
        warm = simulate.run(suite.url, 2, 0.0, 2, seed=99)  # warm-up, and an order to read
        order_no, user = _some_order(suite.url)
        raw_rate = raw_publish_consume_per_s(amqp_uri)
        if not args.skip_journeys:
            rows = journey_rows(suite.url, suite.vhost, args.orders, args.concurrency)
            print_journeys(rows, raw_rate)
        if not args.skip_reads:
            print_reads(read_rows(suite.url, amqp_uri, order_no, user, args.requests, args.cap))
        print(f"\nwarm-up journeys: {warm['completed']}/{warm['orders']}; "
              f"load average after {load_average()}")


def _some_order(url: str) -> tuple[str, str]:
    """(an order's number, a user who may read it)."""
    gateway = simulate.Gateway(url, simulate.Stats())
    for user in ("sales.p1", "sales.p2"):
        headers = {"Authorization": f"Bearer {gateway.token(user)}"}
        orders = httpx.get(f"{url}/sales/orders", params={"limit": 1}, headers=headers).json()
        if orders:
            return orders[0]["order_no"], user
    raise SystemExit("the warm-up journeys left no order to read")


if __name__ == "__main__":
    main()
