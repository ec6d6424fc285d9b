"""Small hand-made and random plants for the scheduling tests."""

from __future__ import annotations

from datetime import datetime, time

from hypothesis import strategies as st

from planning.scheduling import (
    SHANGHAI,
    MaterialNeed,
    Operation,
    Problem,
    WorkCalendar,
    WorkCentre,
    WorkOrder,
    shift_calendar,
)

ORIGIN = datetime(2026, 11, 30, 0, 0, tzinfo=SHANGHAI)  # a Monday
DAY_SHIFT = [(time(8, 0), time(12, 0)), (time(13, 0), time(17, 0))]


def day_shift_centre(centre_id: str, name: str, days: int = 120) -> WorkCentre:
    return WorkCentre(centre_id, name, shift_calendar(ORIGIN, days, DAY_SHIFT))


def order(order_id: str, steps: list[tuple[str, int]], due: int, **kwargs) -> WorkOrder:
    materials = kwargs.pop("materials", ())
    ops = tuple(
        Operation(f"{order_id}/{k}", centre, minutes, materials if k == 0 else ())
        for k, (centre, minutes) in enumerate(steps)
    )
    return WorkOrder(order_id, ops, due, **kwargs)


def material(name: str, ready_at: int) -> tuple[MaterialNeed, ...]:
    return (MaterialNeed(name, ready_at),)


@st.composite
def calendars(draw) -> WorkCalendar:
    if draw(st.booleans()):
        return WorkCalendar.always_open()
    work = draw(st.integers(20, 120))
    pause = draw(st.integers(5, 90))
    offset = draw(st.integers(0, 30))
    return WorkCalendar(tuple(
        (offset + k * (work + pause), offset + k * (work + pause) + work) for k in range(400)
    ))


@st.composite
def small_plants(draw) -> Problem:
    n_centres = draw(st.integers(1, 4))
    centres = tuple(WorkCentre(f"wc{m}", f"centre {m}", draw(calendars()))
                    for m in range(n_centres))
    orders = []
    for j in range(draw(st.integers(1, 5))):
        steps = draw(st.lists(st.tuples(st.integers(0, n_centres - 1), st.integers(1, 60)),
                              min_size=1, max_size=4))
        ops = []
        for k, (m, minutes) in enumerate(steps):
            ready = draw(st.integers(0, 200))
            needs = (MaterialNeed(f"mat{j}{k}", ready),) if draw(st.booleans()) else ()
            ops.append(Operation(f"o{j}.{k}", f"wc{m}", minutes, needs))
        orders.append(WorkOrder(f"o{j}", tuple(ops), due=draw(st.integers(0, 600)),
                                priority=draw(st.integers(0, 2)),
                                grade=draw(st.sampled_from("ABC")),
                                release=draw(st.integers(0, 50))))
    return Problem(centres, tuple(orders))
