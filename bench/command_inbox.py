"""What the command inbox adds to a command, against a baseline measured in the same run.

For each database (SQLite file, PostgreSQL) it times N commands that each commit one row
and answer a reply:
  baseline — the use case alone (what a command cost before issue 8.1);
  inbox    — the same use case through servicekit.commands.run_once with a fresh command
             id: the look-up, the held transaction and the reply row it commits;
  repeat   — a repeated command id: answered from the inbox without running the use case;
and prints mean / p50 / p99 per command and the ratios to the baseline. Throwaway databases.

    .venv/bin/python bench/command_inbox.py [--n 500]
"""

from __future__ import annotations

import argparse
import time
import uuid

from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from servicekit.commands import run_once
from servicekit.db import WriteGate, make_engine
from servicekit.tables import runtime_tables
from servicekit.uow import UnitOfWork

from latency import summary, throwaway_databases

metadata = MetaData()
rows = Table("bench_payment", metadata, Column("id", Integer, primary_key=True),
             Column("reference", String(40)))
tables = runtime_tables(metadata)


def use_case(uow: UnitOfWork, reference: str) -> dict:
    with uow:
        uow.session.execute(insert(rows).values(reference=reference))
        uow.commit()
    return {"reference": reference, "status": "recorded"}


def timed(engine, n: int, mode: str) -> list[float]:
    gate = WriteGate(engine)
    samples = []
    for i in range(n):
        uow = UnitOfWork(engine, gate, tables, "sales")
        reference = "repeat" if mode == "repeat" else f"{mode}-{i}"
        command_id = "repeated" if mode == "repeat" else uuid.uuid4().hex
        started = time.perf_counter()
        if mode == "baseline":
            use_case(uow, reference)
        else:
            run_once(uow, command_id, "record_payment", [reference],
                     lambda uow=uow, ref=reference: use_case(uow, ref))
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def bench(name: str, url: str, n: int) -> None:
    engine = make_engine(url)
    metadata.create_all(engine)
    results = {}
    for mode in ("baseline", "inbox", "repeat"):
        timed(engine, 20, mode)  # warm up (the repeat's first run records it)
        results[mode] = summary(timed(engine, n, mode))
    base = results["baseline"][0]
    for mode, (mean, p50, p99) in results.items():
        print(f"{name:10} {mode:8} mean {mean:6.2f} ms  p50 {p50:6.2f}  p99 {p99:6.2f}  "
              f"x baseline {mean / base:5.2f}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    with throwaway_databases() as urls:
        for name, url in urls.items():
            bench(name, url, args.n)


if __name__ == "__main__":
    main()
