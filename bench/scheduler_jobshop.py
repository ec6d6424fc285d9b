"""Job-shop benchmark of the planning scheduler (``make bench-scheduler``).

Solves each instance in ``shared/data/jobshop`` (makespan objective) with the heuristic alone
and with the full engine (heuristic, then tabu search and CP-SAT on two workers in turn),
checks every schedule with the independent checker, and prints the makespan, the optimum or
best known bound, the gap and the time, then the mean gaps. The machine's load average is
printed at the start and the end: on a shared host the figures depend on it.

    uv run python bench/scheduler_jobshop.py --time-limit 10
    uv run python bench/scheduler_jobshop.py --time-limit 2 --only ft06,la01,ta01
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from planning.scheduling import assert_valid, solve
from planning.scheduling.jobshop import load_instance

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "jobshop"


def best_known(entry: dict) -> int:
    if "optimum" in entry:
        return entry["optimum"]
    return entry.get("upper_bound") or entry["bounds"]["upper"]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(problem, time_limit: float, heuristic_only: bool, heuristic_time: float):
    began = time.perf_counter()
    schedule = solve(problem, kind="makespan", time_limit=time_limit,
                     use_cp_sat=not heuristic_only, heuristic_time=heuristic_time)
    seconds = time.perf_counter() - began
    assert_valid(problem, schedule)
    return schedule.makespan, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    parser.add_argument("--heuristic-time", type=float, default=0.5,
                        help="seconds of heuristic restarts (alone, and inside the engine)")
    parser.add_argument("--only", default="", help="comma-separated instance names or prefixes")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    entries = json.loads((args.data / "instances.json").read_text())
    wanted = [w for w in args.only.split(",") if w]
    if wanted:
        entries = [e for e in entries if any(e["name"].startswith(w) for w in wanted)]
    print(f"{len(entries)} instances, {args.time_limit:g} s each, CP-SAT on 2 workers; "
          f"{os.cpu_count()} CPUs, load average {_load()}\n")
    header = (f"{'instance':9}{'size':>7}{'optimum':>9} | {'heuristic':>9}{'gap%':>7}{'s':>6}"
              f" | {'engine':>7}{'gap%':>7}{'s':>6}")
    print(header)
    print("-" * len(header))
    rows = []
    for entry in entries:
        problem = load_instance(args.data / entry["path"])
        best = best_known(entry)
        h_mk, h_s = run(problem, args.heuristic_time, True, args.heuristic_time)
        e_mk, e_s = run(problem, args.time_limit, False, args.heuristic_time)
        h_gap, e_gap = 100 * (h_mk - best) / best, 100 * (e_mk - best) / best
        rows.append((entry["name"], h_gap, e_gap))
        size = f"{entry['jobs']}x{entry['machines']}"
        print(f"{entry['name']:9}{size:>7}{best:>9} | {h_mk:>9}{h_gap:>7.2f}{h_s:>6.1f}"
              f" | {e_mk:>7}{e_gap:>7.2f}{e_s:>6.1f}", flush=True)
    print("-" * len(header))
    print(f"mean gap over {len(rows)}: heuristic {statistics.mean(r[1] for r in rows):.2f}%, "
          f"engine {statistics.mean(r[2] for r in rows):.2f}%")
    ta = [r for r in rows if r[0].startswith("ta")]
    if ta:
        print(f"ta01-ta10 (15x15) mean gap: heuristic {statistics.mean(r[1] for r in ta):.2f}%, "
              f"engine {statistics.mean(r[2] for r in ta):.2f}%")
    short = [f"{name} {gap:.2f}%" for name, _, gap in rows if gap > 0.5]
    print("engine above 0.5% gap: " + (", ".join(short) if short else "none"))
    print("every schedule passed the checker")
    print(f"load average at the end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
