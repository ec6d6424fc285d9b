"""The outbox's added latency per event, against a baseline measured in the same run.

For each database (SQLite file, PostgreSQL) it times N use cases that each
commit one row:
  baseline  — commit the row, no event;
  outbox    — commit the row plus an outbox event, handed to the background
              publisher (what the caller of every use case that emits waits for);
then how long the background publisher took to publish and mark all N events
(confirmed, in batches) per event, beside a raw kombu publish with a confirm per
message in the same run (issue 16: <= 1.5x the raw publish, nothing on the reply).
Uses a throwaway vhost on the local broker (management API) and throwaway databases.

    .venv/bin/python bench/outbox_latency.py [--n 500]
"""

from __future__ import annotations

import argparse
import time

from kombu import Connection
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from contracts.events.sales import OrderReceived
from servicekit import topology
from servicekit.db import WriteGate, make_engine
from servicekit.outbox import Outbox
from servicekit.runtime import runtime_tables
from servicekit.testing import create_vhost, delete_vhost, order_received_envelope
from servicekit.uow import UnitOfWork

from latency import summary, throwaway_databases

metadata = MetaData()
orders = Table("bench_order", metadata, Column("id", Integer, primary_key=True),
               Column("no", String(40)))
tables = runtime_tables(metadata)
RABBIT_API = "http://guest:guest@127.0.0.1:15672"


def run_case(engine, outbox, n: int, emit: bool) -> list[float]:
    gate = WriteGate(engine)
    payload = OrderReceived.model_validate(order_received_envelope().payload)
    samples = []
    for i in range(n):
        started = time.perf_counter()
        uow = UnitOfWork(engine, gate, tables, "sales", after_commit=outbox.after_commit)
        with uow:
            uow.session.execute(insert(orders).values(no=f"SO-{i}"))
            if emit:
                uow.emit("sales.order_received", payload, company_id="P1", order_no=f"SO-{i}")
            uow.commit()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def raw_confirmed_publish_ms(amqp_uri: str, n: int) -> float:
    """The baseline: kombu publishing persistent messages, waiting for each confirm."""
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        producer = conn.Producer()
        started = time.perf_counter()
        for i in range(n):
            producer.publish({"n": i}, exchange=topology.EVENTS_EXCHANGE,
                             routing_key="sales.order_received", delivery_mode=2)
        return (time.perf_counter() - started) * 1000 / n


def drained_ms(outbox: Outbox, started: float) -> float:
    """ms from `started` until the outbox has nothing unpublished."""
    while outbox.backlog():
        time.sleep(0.005)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    vhost, amqp_uri = create_vhost(RABBIT_API)
    try:
        with Connection(amqp_uri) as conn:
            topology.declare_all(conn, (1000,))
        with throwaway_databases() as urls:
            print(f"{'database':11} {'case':9} {'n':>5} {'mean ms':>8} {'p50 ms':>7} "
                  f"{'p99 ms':>7} {'vs baseline':>11}")
            for name, url in urls.items():
                engine = make_engine(url)
                metadata.create_all(engine)
                outbox = Outbox(engine, WriteGate(engine), tables["outbox"], "sales", amqp_uri)
                outbox.start()
                run_case(engine, outbox, 20, True)  # warm-up: connections, pools, caches
                base = summary(run_case(engine, outbox, args.n, emit=False))
                drained_ms(outbox, time.perf_counter())
                started = time.perf_counter()
                with_outbox = summary(run_case(engine, outbox, args.n, emit=True))
                per_event = drained_ms(outbox, started) / args.n
                outbox.stop()
                raw = raw_confirmed_publish_ms(amqp_uri, args.n)
                for case, (mean, p50, p99) in (("baseline", base), ("outbox", with_outbox)):
                    print(f"{name:11} {case:9} {args.n:5d} {mean:8.2f} {p50:7.2f} {p99:7.2f} "
                          f"{mean / base[0]:10.2f}x")
                print(f"{name:11} added to the reply per event: {with_outbox[0] - base[0]:.2f} ms "
                      f"mean, {with_outbox[1] - base[1]:.2f} ms p50")
                print(f"{name:11} commit-to-published per event (use case + background "
                      f"publish): {per_event:.2f} ms; raw confirmed publish: {raw:.2f} ms "
                      f"({(per_event - base[0]) / raw:.2f}x the raw publish for the outbox's "
                      f"share)")
                engine.dispose()
    finally:
        delete_vhost(RABBIT_API, vhost)


if __name__ == "__main__":
    main()
