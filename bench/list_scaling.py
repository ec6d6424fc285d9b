"""What a list page and a journey cost as the history grows (issue 16): 100, 1k, 10k orders.

    .venv/bin/python bench/list_scaling.py [--sizes 100 1000 10000] [--repeat 30]

Orders are generated directly in a throwaway database of sales (one order received,
reviewed, quoted and contracted through the use cases, then copied row by row with
new numbers), not through journeys. At each size it times, through sales' use cases:
  first page      list_orders, 100 newest (keyset page, children one query per page)
  deep page       list_orders, the 100 after an order half-way down the history
  per-row page    the first page loading each order's children with their own
                  queries (what list_orders did before issue 16), the baseline
  get_order / journey   of an old order
and prints p50 ms per size with the ratio to the smallest size (target: <= 1.5x). Each
size has a database of its own, and the sizes are timed in turn, round after round, so
that a change in the machine's load does not land on one size only. PostgreSQL is
ANALYZEd after the load, as autovacuum would have long before a table held 10k orders.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import ExitStack
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from contracts.rpc.sales import ContractCreate, OrderCreate
from sales import demo, handlers
from sales.adapters.tables import metadata, order_lines, order_steps, orders, payments
from sales.unit_of_work import SalesUnitOfWork
from servicekit import demo_data
from servicekit.db import WriteGate, make_engine
from servicekit.inmemory import actor
from servicekit.tables import runtime_tables

from latency import summary, throwaway_databases

CLERK = actor("alice", roles=["sales_admin"], companies=["P1"])
FEASIBLE = {"feasible": True, "earliest_date": (date.today() + timedelta(days=60)).isoformat(),
            "binding_kind": "none", "binding_constraint": "", "per_line": []}


def first_order(uow) -> str:
    order = handlers.receive_order(CLERK, OrderCreate.model_validate({
        "company_id": "P1", "customer_code": "CUST-001",
        "lines": [{"product_code": "KYN28-12", "quantity": "2",
                   "requested_date": FEASIBLE["earliest_date"]},
                  {"product_code": "GGD-400", "quantity": "1",
                   "requested_date": FEASIBLE["earliest_date"]}]}), uow)
    handlers.review_order(CLERK, order.order_no, uow, lambda query: FEASIBLE)
    handlers.quote_order(CLERK, order.order_no, uow)
    handlers.sign_contract(CLERK, order.order_no, ContractCreate(deposit_percent="30"), uow)
    return order.order_no


def grow_to(engine, template: str, size: int) -> None:
    """Copies of the template order (its lines, payments and steps) until `size` orders."""
    with engine.begin() as conn:
        have = conn.execute(select(func.count()).select_from(orders)).scalar_one()
        rows = {table: [dict(r._mapping) for r in conn.execute(
            select(table).where(table.c.order_no == template))]
            for table in (orders, order_lines, payments, order_steps)}
        base = rows[orders][0]["received_at"]
        for start in range(have, size, 1000):
            numbers = range(start, min(size, start + 1000))
            for table, template_rows in rows.items():
                copies = [{**row, "order_no": f"SO-P1-{n + 100000:06d}",
                           **({"received_at": base - timedelta(minutes=n),
                               "contract_no": f"CT-P1-{n + 100000:06d}"}
                              if table is orders else {})}
                          for n in numbers for row in template_rows]
                if copies:
                    conn.execute(insert(table), copies)


def per_row_page(uow) -> None:
    """The baseline: the same page, each order's children loaded by queries of its own."""
    with uow:
        rows = uow.session.execute(select(orders).order_by(
            orders.c.received_at.desc(), orders.c.order_no.desc()).limit(100)).all()
        [uow.orders._load([row]) for row in rows]


def order_at(engine, position: int) -> str:
    """The number of the order at `position` of the newest-first list."""
    with engine.connect() as conn:
        return conn.execute(select(orders.c.order_no).order_by(
            orders.c.received_at.desc(), orders.c.order_no.desc())
            .offset(position).limit(1)).scalar_one()


def history_of(url: str, size: int) -> tuple[dict, object]:
    """A sales database of `size` orders and the cases to time on it, each a full page:
    the deep page starts half-way down (at 100 orders, after the first: a page of 100
    must follow it)."""
    engine = make_engine(url)
    tables = runtime_tables(metadata)
    metadata.create_all(engine)
    uow = SalesUnitOfWork(engine, WriteGate(engine), tables, "sales")
    demo.seed(uow, demo_data.load(None))
    grow_to(engine, first_order(uow), size)
    if engine.dialect.name == "postgresql":  # as autovacuum would have, long before
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    middle = order_at(engine, max(0, min(size // 2, size - 101)))
    old = order_at(engine, size - 2)
    return {
        "first page": lambda: handlers.list_orders(CLERK, None, 100, uow),
        "deep page": lambda: handlers.list_orders(CLERK, None, 100, uow, middle),
        "per-row page": lambda: per_row_page(uow),
        "get_order": lambda: handlers.get_order(CLERK, old, uow),
        "journey": lambda: handlers.journey(CLERK, old, uow),
    }, engine


def measure(urls: dict[int, str], repeat: int) -> dict[int, dict[str, float]]:
    """p50 ms per size and case. The sizes are timed in turn, round after round, so a
    change in the machine's load falls on every size alike."""
    histories = {size: history_of(url, size) for size, url in urls.items()}
    samples: dict[int, dict[str, list[float]]] = {
        size: {case: [] for case in cases} for size, (cases, _) in histories.items()}
    for round_no in range(repeat + 1):
        for size, (cases, _) in histories.items():
            for case, fn in cases.items():
                started = time.perf_counter()
                fn()
                if round_no:  # the first round warms the caches
                    samples[size][case].append((time.perf_counter() - started) * 1000)
    for _, engine in histories.values():
        engine.dispose()
    return {size: {case: summary(times)[1] for case, times in cases.items()}
            for size, cases in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"list_scaling: load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with ExitStack() as stack:
        databases = {size: stack.enter_context(throwaway_databases()) for size in args.sizes}
        for name in ("sqlite", "postgresql"):
            figures = measure({size: urls[name] for size, urls in databases.items()},
                              args.repeat)
            smallest = figures[args.sizes[0]]
            print(f"\n{name}: p50 ms by number of orders (ratio to {args.sizes[0]})")
            print(f"{'':14}" + "".join(f"{size:>16}" for size in args.sizes))
            for case in smallest:
                cells = "".join(f"{figures[size][case]:>8.2f} "
                                f"({figures[size][case] / smallest[case]:4.2f}x)"
                                for size in args.sizes)
                print(f"{case:14}{cells}")


if __name__ == "__main__":
    main()
