"""The deadline repository's X-1 readings on a real (in-memory SQLite) unit of work.

A limit is found by its catalogue key, not its rule id; a limit due already at opening is
breached, never silently met; a superseded limit is closed unmet; a reopened one breaches
again; a due time counted over a year without the official calendar is an estimate.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import MetaData

from servicekit import deadlines, inmemory
from servicekit.timelimits import X1_TIME_LIMITS, TimeLimit
from servicekit.uow import UnitOfWork
from servicekit.workcalendar import DEFAULT_CALENDAR

LOG1_SET = X1_TIME_LIMITS["LOG-1.packaging_notice_set"]
LOG1_OTHER = X1_TIME_LIMITS["LOG-1.packaging_notice_other"]
HOURS = TimeLimit(rule_id="SAL-7", description="within 4 clock hours", amount=4, unit="hours")
SUBJECT = "order SO-P1-000001"


@pytest.fixture
def uow():
    return inmemory.unit_of_work(UnitOfWork, MetaData(), service="sales")


def _open(uow, limit, *, opened_at, anchor=None, subject=SUBJECT):
    with uow:
        deadline = uow.deadlines.open(limit, subject=subject, company_id="P1",
                                      order_no="SO-P1-000001", opened_at=opened_at,
                                      anchor=anchor)
        uow.commit()
    return deadline


def _only(uow):
    with uow:
        [deadline] = uow.deadlines.for_order("SO-P1-000001")
    return deadline


def test_limits_sharing_a_rule_id_are_told_apart_by_their_catalogue_key(uow):
    """X-1: LOG-1's two kinds share the rule id; meeting one does not meet the other."""
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    _open(uow, LOG1_SET, opened_at=now, anchor=now + timedelta(days=20))
    with uow:
        assert not uow.deadlines.meet(LOG1_OTHER, SUBJECT, at=now), "another limit: unmet"
        uow.commit()
    assert _only(uow).status == "open"
    with uow:
        assert uow.deadlines.meet(LOG1_SET, SUBJECT, at=now)
        uow.commit()
    assert (_only(uow).status, _only(uow).limit_key) == ("met", "LOG-1.packaging_notice_set")


def test_a_limit_already_due_at_opening_is_breached_not_met(uow):
    """X-1: a window too short to act in is no met limit: it breaches at the next sweep."""
    now = datetime.now(UTC)
    before = TimeLimit(rule_id="PRC-4", description="confirm", amount=5, unit="hours",
                       anchor="before")
    opened = _open(uow, before, opened_at=now, anchor=now + timedelta(hours=1))
    assert (opened.status, opened.met_at) == ("open", None)
    assert deadlines.sweep(uow, now) == 1
    assert _only(uow).status == "breached"


def test_a_superseded_limit_is_closed_unmet_and_climbs_no_further(uow):
    now = datetime.now(UTC)
    _open(uow, HOURS, opened_at=now - timedelta(hours=5))
    assert deadlines.sweep(uow, now) == 1
    with uow:
        assert uow.deadlines.supersede(HOURS, SUBJECT)
        assert not uow.deadlines.meet(HOURS, SUBJECT, at=now), "a closed limit is not met"
        uow.commit()
    closed = _only(uow)
    assert (closed.status, closed.met_at) == ("superseded", None)
    assert closed.breached_at is not None, "its breach stays on record"
    assert deadlines.sweep(uow, now + timedelta(days=1)) == 0
    with uow:
        assert uow.deadlines.waiting(None, 10) == []


def test_a_reopened_limit_is_unmet_again_and_breaches(uow):
    now = datetime.now(UTC)
    _open(uow, HOURS, opened_at=now - timedelta(hours=5))
    with uow:
        uow.deadlines.meet(HOURS, SUBJECT, at=now - timedelta(hours=4, minutes=30))
        uow.commit()
    assert deadlines.sweep(uow, now) == 0
    with uow:
        assert uow.deadlines.reopen(HOURS, SUBJECT)
        uow.commit()
    assert (_only(uow).status, _only(uow).met_at) == ("open", None)
    assert deadlines.sweep(uow, now) == 1
    assert _only(uow).status == "breached"


def test_a_due_time_counted_over_a_year_without_official_data_is_an_estimate(uow):
    """X-1: chinese_calendar has no 2027 schedule: a deadline counted into it is estimated;
    one counted inside 2026 is official."""
    sal9 = X1_TIME_LIMITS["SAL-9.follow_up"]
    official = _open(uow, sal9, opened_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
                     anchor=DEFAULT_CALENDAR.start_of_business(date(2026, 6, 15)),
                     subject="2026")
    estimated = _open(uow, sal9, opened_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
                      anchor=DEFAULT_CALENDAR.start_of_business(date(2027, 2, 15)),
                      subject="2027")
    assert (official.calendar, estimated.calendar) == ("official", "estimated")
    # and the fallback knows 2027's Spring Festival (Feb 6): 2 working days before Mon Feb
    # 15 is Thu Feb 4, not Thu Feb 11 (inside the holiday)
    assert DEFAULT_CALENDAR.local(estimated.due_at).date() == date(2027, 2, 4)
    with uow:
        assert {d.subject: d.as_dict()["calendar"] for d in uow.deadlines.for_order(
            "SO-P1-000001")} == {"2026": "official", "2027": "estimated"}
    with uow:  # moved back into an official year: official again
        moved = uow.deadlines.move(sal9, "2027", DEFAULT_CALENDAR.start_of_business(
            date(2026, 12, 15)))
        uow.commit()
    assert moved.calendar == "official"


def test_an_act_after_the_due_time_is_breached_then_met_even_before_the_sweep(uow):
    """X-1: the sweep runs every 30 s; an act it has not yet seen late is still late."""
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    _open(uow, HOURS, opened_at=now)
    with uow:
        assert uow.deadlines.meet(HOURS, SUBJECT, at=now + timedelta(hours=5))
        uow.commit()
    late = _only(uow)
    assert (late.status, late.breached_at, late.met_at) == (
        "breached", now + timedelta(hours=4), now + timedelta(hours=5))
    _open(uow, HOURS, opened_at=now, subject="order SO-P1-000001 again")
    with uow:
        assert uow.deadlines.meet(HOURS, "order SO-P1-000001 again",
                                  at=now + timedelta(hours=3))
        [on_time] = [d for d in uow.deadlines.for_order("SO-P1-000001")
                     if d.subject.endswith("again")]
    assert (on_time.status, on_time.breached_at) == ("met", None)


def test_a_breach_names_the_department_holding_the_limit_when_another_service_tracks_it():
    """X-2: AFS-1 is sales' act (forward within 60 working minutes) tracked by after-sales:
    its breach climbs sales' ladder; after-sales' own AFS-2 names no other holder."""
    tracker = inmemory.unit_of_work(UnitOfWork, MetaData(), service="aftersales")
    opened_at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    _open(tracker, X1_TIME_LIMITS["AFS-1.forward"], opened_at=opened_at, subject="request 1")
    _open(tracker, X1_TIME_LIMITS["AFS-2.contact"], opened_at=opened_at, subject="request 2")
    assert deadlines.sweep(tracker, opened_at + timedelta(days=1)) == 2
    breaches = {e.payload["subject"]: e.payload for e in tracker.published}
    assert breaches["request 1"]["department"] == "sales"
    assert breaches["request 2"]["department"] is None
    with tracker:
        shown = {d.subject: d.as_dict() for d in tracker.deadlines.for_order("SO-P1-000001")}
    assert (shown["request 1"]["holder"], shown["request 2"]["holder"]) == ("sales", None)
