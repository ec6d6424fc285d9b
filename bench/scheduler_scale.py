"""Scale benchmark of the planning scheduler on a generated plant.

2,000 work orders x 5 operations (10,000 operations) on 40 work centres with Shanghai shift
calendars (Chinese holidays; 2027+ uses the documented fallback), materials, due dates,
grades and priorities, and the first planned day frozen. Measures:

- heuristic full schedule (the baseline), and the engine with a 10 s budget: time, validity;
- capable-to-promise queries against the published schedule: p50 / p99 ms, and the ratio of
  the p99 to the heuristic full-schedule time measured in the same run;
- a rush-insertion assessment (two heuristic schedules and the diff).

    uv run python bench/scheduler_scale.py [--orders 2000] [--budget 10] [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime
from datetime import time as clock

from planning.scheduling import (
    SHANGHAI,
    CapacityIndex,
    MaterialNeed,
    Operation,
    Problem,
    WorkCentre,
    WorkOrder,
    assess_rush,
    shift_calendar,
    solve,
    violations,
)

ORIGIN = datetime(2026, 11, 30, tzinfo=SHANGHAI)
DAY = 24 * 60
SHIFTS = {
    1: [(clock(8), clock(12)), (clock(13), clock(17))],
    2: [(clock(8), clock(12)), (clock(13), clock(17)), (clock(17, 30), clock(23, 30))],
    3: [(clock(6), clock(14)), (clock(14), clock(22)), (clock(22), clock(6))],
}


def make_plant(n_orders: int, rng: random.Random) -> Problem:
    # Five process stages (cutting, CNC, welding, assembly, test) of eight centres each.
    centres = []
    for m in range(40):
        shifts = rng.choice([1, 2, 2, 3])
        cal = shift_calendar(ORIGIN, 400, SHIFTS[shifts])
        centres.append(WorkCentre(f"wc{m:02d}", f"stage {m // 8} centre {m % 8}", cal))
    orders = [make_order(f"wo{j:04d}", rng, n_orders) for j in range(n_orders)]
    return Problem(tuple(centres), tuple(orders), ORIGIN)


def make_order(order_id: str, rng: random.Random, n_orders: int) -> WorkOrder:
    spread = max(5, n_orders // 30)  # releases spread over the planning horizon (days)
    release = rng.randrange(0, spread) * DAY
    ops = []
    for stage in range(5):
        needs = ()
        if stage in (0, 3) and rng.random() < 0.5:
            arrives = release + rng.randrange(0, 10) * DAY
            needs = (MaterialNeed(f"mat-{rng.randrange(300)}", arrives),)
        centre = f"wc{stage * 8 + rng.randrange(8):02d}"
        ops.append(Operation(f"{order_id}/{stage}", centre, rng.randrange(30, 240), needs))
    return WorkOrder(order_id, tuple(ops), due=release + rng.randrange(10, 40) * DAY,
                     priority=rng.choice([0, 0, 0, 1, 2]), grade=rng.choice("AABBBC"),
                     release=release)


def freeze_first_day(problem: Problem, schedule) -> Problem:
    """Operations starting in the first day are frozen (routing prefixes only)."""
    orders = []
    for order in problem.orders:
        ops, open_seen = [], False
        for op in order.operations:
            start = schedule.operations[op.id].start
            if not open_seen and start < DAY:
                ops.append(replace(op, fixed_start=start))
            else:
                open_seen = True
                ops.append(op)
        orders.append(replace(order, operations=tuple(ops)))
    return replace(problem, orders=tuple(orders))


def timed(fn):
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    plant, build_s = timed(lambda: make_plant(args.orders, rng))
    first = solve(plant, use_cp_sat=False, heuristic_time=0.0)
    plant = freeze_first_day(plant, first)
    n_ops = sum(len(o.operations) for o in plant.orders)
    n_frozen = sum(op.fixed_start is not None for o in plant.orders for op in o.operations)
    print(f"plant: {len(plant.orders)} orders, {n_ops} operations ({n_frozen} frozen), "
          f"{len(plant.work_centres)} work centres; generated in {build_s:.1f} s")

    heuristic, h_s = timed(lambda: solve(plant, use_cp_sat=False, heuristic_time=0.0))
    h_bad = violations(plant, heuristic)
    print(f"heuristic full schedule ({heuristic.method}): {h_s:.2f} s, "
          f"objective {heuristic.objective}, valid={not h_bad}")
    engine, e_s = timed(lambda: solve(plant, time_limit=args.budget))
    e_bad = violations(plant, engine)
    print(f"engine, {args.budget:g} s budget ({engine.method}): returned in {e_s:.2f} s, "
          f"objective {engine.objective} ({100 * engine.objective / heuristic.objective:.1f}% "
          f"of heuristic), valid={not e_bad}")

    index, idx_s = timed(lambda: CapacityIndex(plant, engine))
    latencies, kinds = [], {}
    for q in range(args.queries):
        proposed = make_order(f"new{q}", rng, args.orders)
        promise, seconds = timed(lambda proposed=proposed: index.promise(proposed))
        latencies.append(seconds * 1000)
        kinds[promise.binding.kind] = kinds.get(promise.binding.kind, 0) + 1
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(f"capable-to-promise: index built in {idx_s * 1000:.0f} ms; {args.queries} queries "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.2f} ms")
    print(f"  binding constraints: {kinds}; example: {promise.binding.sentence}")
    print(f"  ratio: CTP p99 / heuristic full schedule = {p99 / (h_s * 1000):.4f} "
          f"({h_s * 1000 / p99:.0f}x faster than re-scheduling)")

    rush = replace(make_order("rush", rng, args.orders), priority=2, grade="A", release=0,
                   due=3 * DAY)
    assessment, r_s = timed(lambda: assess_rush(plant, rush))
    print(f"rush insertion (heuristic with/without): {r_s:.2f} s; {assessment.summary}")
    return 0 if not (h_bad or e_bad) else 1


if __name__ == "__main__":
    sys.exit(main())
