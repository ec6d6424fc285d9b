"""Sales' customer change notices (SAL-8, PLN-15): record, classify (the answer within 30
working minutes), re-review (severity 2) or design review and supplementary contract
(severity 3), then the saga downstream: `sales.change_issued` to planning and quality
(procurement follows planning's re-sized material requests), each department's answer,
and on a refusal `sales.change_rolled_back` so that every applied part is compensated.
The order takes the change's revision only when all three applied it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeAnswered, ChangeIssued, ChangeRolledBack, LineRevision
from contracts.rpc.change_notices import (
    ChangeClassification,
    ChangeDateAgreement,
    ChangeDesignReview,
    ChangeLinePublic,
    ChangeNoticeCreate,
    ChangeNoticePublic,
    DepartmentOutcome,
    OrderRevisionPublic,
    SupplementaryContract,
)
from contracts.rpc.common import Actor
from contracts.rpc.planning import FeasibilityLine, FeasibilityQuery
from sales import follow_up, handlers_shipping
from sales.domain import change_notices
from sales.domain.change_notices import ChangeNotice
from sales.domain.errors import ChangeNotFound
from sales.domain.model import Order
from sales.handlers import _load, ask_planning
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

SAL8 = X1_TIME_LIMITS["SAL-8.answer_change"]
PLN15 = X1_TIME_LIMITS["PLN-15.answer_technical_change"]


def answer_subject(change_no: str) -> str:
    return f"change {change_no}"


def _line(line) -> dict:
    return {"line_no": line.line_no, "product_code": line.product_code,
            "quantity": str(line.quantity), "spec": line.spec,
            "requested_date": line.requested_date.isoformat(),
            "confirmed_date": line.confirmed_date.isoformat() if line.confirmed_date else None}


def record_change(actor: Actor, order_no: str, change: ChangeNoticeCreate,
                  uow) -> ChangeNoticePublic:
    """SAL-8/PLN-15: the change as received; its 30-minute answer limit runs from receipt."""
    now = clock.now()
    with uow:
        order = _load(uow, actor, order_no)
        notice = change_notices.new_notice(
            change_no=uow.numbers.next("CN", order.company_id), order_no=order.order_no,
            company_id=order.company_id, order_status=str(order.status),
            order_lines=[_line(line) for line in order.lines],
            revision=uow.revisions.current(order.order_no) + 1,
            line_changes=[{"line_no": c.line_no,
                           "quantity": None if c.quantity is None else str(c.quantity),
                           "spec": c.spec,
                           "requested_date": c.requested_date and c.requested_date.isoformat()}
                          for c in change.lines],
            received_at=change.received_at, received_from=change.received_from,
            recorded_by=actor.username, open_changes=uow.changes.open_for_order(order_no),
            description=change.description, technical_requirement=change.technical_requirement,
            quality_requirement=change.quality_requirement,
            delivery_place=change.delivery_place, technical_change=change.technical_change)
        uow.changes.add(notice)
        limit = PLN15 if notice.technical_change else SAL8  # rule SAL-8 / PLN-15
        uow.deadlines.open(limit, subject=answer_subject(notice.change_no),
                           company_id=order.company_id, order_no=order.order_no,
                           opened_at=now, anchor=change.received_at,
                           detail=f"{notice.change_no} from {notice.received_from}")
        order.note("change notice received", now, (
            f"{notice.change_no} from {notice.received_from}"
            + (" (technical change, PLN-15)" if notice.technical_change else "")
            + (f": {notice.description}" if notice.description else "")),
            refs={"change_no": notice.change_no})
        uow.orders.save(order)
        uow.commit()
    return change_public(notice)


def classify_change(actor: Actor, change_no: str, classification: ChangeClassification,
                    uow) -> ChangeNoticePublic:
    """The answer: severity with its reason (meets SAL-8); severity 1 goes downstream now."""
    def step(notice: ChangeNotice, order: Order, now) -> None:
        notice.classify(classification.severity, classification.reason, actor.username, now)
        limit = PLN15 if notice.technical_change else SAL8
        uow.deadlines.meet(limit, answer_subject(change_no), at=now)  # rule SAL-8 / PLN-15
        order.note("change classified", now, f"{change_no}: severity {notice.severity}, "
                   f"{notice.reason} (SAL-8)", refs={"change_no": change_no})

    return _step(actor, change_no, uow, step)


def rereview_change(actor: Actor, change_no: str, uow,
                    check_feasibility: Callable[[dict], dict]) -> ChangeNoticePublic:
    """Severity 2: the changed lines against the live plan (PLN-2), outside a transaction."""
    with uow:
        notice = _notice(actor, change_no, uow)
        notice._require((change_notices.AWAITING_REREVIEW,), "re-review it")
        query = FeasibilityQuery(
            company_id=notice.company_id, order_no=notice.order_no, design_days=0,
            lines=[FeasibilityLine(product_code=line["product_code"],
                                   quantity=Decimal(line["quantity"]),
                                   requested_date=date.fromisoformat(line["requested_date"]))
                   for line in notice.lines_after])
    answer = ask_planning(f"change {change_no}", query, check_feasibility)

    def step(notice: ChangeNotice, order: Order, now) -> None:
        notice.rereviewed(answer.feasible, answer.earliest_date, answer.binding_constraint)
        order.note("change re-reviewed", now, (
            f"{change_no}: earliest {notice.earliest_date}, bound by "
            f"{answer.binding_constraint} (PLN-2); the customer is asked to agree"),
            refs={"change_no": change_no})

    return _step(actor, change_no, uow, step)


def agree_change_date(actor: Actor, change_no: str, agreement: ChangeDateAgreement,
                      uow) -> ChangeNoticePublic:
    """Severity 2: the customer agreed the new date; the change is issued."""
    def step(notice: ChangeNotice, order: Order, now) -> None:
        notice.customer_agreed(agreement.confirmed_date, now)
        order.note("customer agreed the changed date", now, (
            f"{change_no}: {agreement.confirmed_date}"
            + (f", {agreement.note}" if agreement.note else "") + " (SAL-8.2, SAL-11)"),
            refs={"change_no": change_no})

    return _step(actor, change_no, uow, step)


def review_change_design(actor: Actor, change_no: str, review: ChangeDesignReview,
                         uow) -> ChangeNoticePublic:
    """Severity 3: design re-reviews the structural change as a non-regular order (SAL-3)."""
    def step(notice: ChangeNotice, order: Order, now) -> None:
        notice.design_reviewed(review.feasible, review.notes, actor.roles)
        verdict = "feasible" if review.feasible else "NOT feasible: the change is rejected"
        order.note("change design-reviewed", now, f"{change_no}: {verdict}"
                   + (f" ({review.notes})" if review.notes else "") + " (SAL-8.3, SAL-3)",
                   refs={"change_no": change_no})

    return _step(actor, change_no, uow, step)


def sign_supplementary_contract(actor: Actor, change_no: str,
                                contract: SupplementaryContract, uow) -> ChangeNoticePublic:
    """Severity 3: the supplementary contract with the price increase (SAL-5); issues it."""
    def step(notice: ChangeNotice, order: Order, now) -> None:
        if notice.status != change_notices.AWAITING_CONTRACT:  # before spending a number
            notice._require((change_notices.AWAITING_CONTRACT,), "sign a supplementary "
                            "contract")
        number = uow.numbers.next("SC", notice.company_id)
        notice.contract_signed(number, contract.price_increase, now)
        order.note("supplementary contract", now, (
            f"{number} for {change_no}: price +{contract.price_increase} (SAL-8.3, SAL-5)"),
            refs={"change_no": change_no, "contract_no": number})

    return _step(actor, change_no, uow, step)


def _step(actor: Actor, change_no: str, uow,
          step: Callable[[ChangeNotice, Order, object], None]) -> ChangeNoticePublic:
    """Load the notice and its order, apply a step, issue it downstream if it became
    issued, save both, commit."""
    now = clock.now()
    with uow:
        notice = _notice(actor, change_no, uow)
        order = uow.orders.get(notice.order_no)
        before = notice.status
        step(notice, order, now)
        if notice.status == change_notices.ISSUED and before != change_notices.ISSUED:
            _issue(notice, order, uow, now)
        uow.changes.save(notice)
        uow.orders.save(order)
        uow.commit()
    return change_public(notice)


def _issue(notice: ChangeNotice, order: Order, uow, now) -> None:
    """The saga starts: the change goes to production and the departments downstream."""
    uow.emit("sales.change_issued", ChangeIssued(
        change_no=notice.change_no, order_no=notice.order_no, revision=notice.revision,
        severity=notice.severity,
        lines=[LineRevision(line_no=after["line_no"], product_code=after["product_code"],
                            quantity=Decimal(after["quantity"]),
                            quantity_before=Decimal(before["quantity"]), spec=after["spec"],
                            requested_date=date.fromisoformat(after["requested_date"]),
                            confirmed_date=after.get("confirmed_date"))
               for before, after in zip(notice.lines_before, notice.lines_after, strict=True)],
        technical_requirement=notice.technical_requirement,
        quality_requirement=notice.quality_requirement, delivery_place=notice.delivery_place,
    ), company_id=notice.company_id, order_no=notice.order_no)
    order.note("change issued", now, f"{notice.change_no} to planning, procurement and "
               f"quality (revision {notice.revision})", refs={"change_no": notice.change_no})


# -- the departments' answers (the saga) --------------------------------------------------------

def change_answered(event: EventEnvelope, payload: ChangeAnswered, uow) -> None:
    now = clock.now()
    with uow:
        notice = uow.changes.get(payload.change_no, for_update=True)
        if notice is None:
            uow.commit()
            return
        order = uow.orders.get(notice.order_no)
        settled = notice.answered(payload.department, payload.applied, payload.reason,
                                  event.occurred_at)
        verdict = "applied" if payload.applied else f"refused: {payload.reason}"
        order.note(f"change {verdict.split(':')[0]} by {payload.department}", now,
                   f"{notice.change_no} {verdict} (SAL-8)", refs={"change_no": notice.change_no})
        if settled == change_notices.APPLIED:
            _take_revision(notice, order, uow, now)
        elif settled == change_notices.ROLLED_BACK:
            uow.emit("sales.change_rolled_back", ChangeRolledBack(
                change_no=notice.change_no, order_no=notice.order_no,
                refused_by=payload.department, reason=payload.reason),
                company_id=notice.company_id, order_no=notice.order_no)
            order.note("change rolled back", now, (
                f"{notice.change_no}: {payload.department} refused ({payload.reason}); every "
                f"applied part is compensated, the order stays on revision "
                f"{notice.revision - 1} (SAL-8)"), refs={"change_no": notice.change_no})
        uow.changes.save(notice)
        uow.orders.save(order)
        uow.commit()


def _take_revision(notice: ChangeNotice, order: Order, uow, now) -> None:
    """Every department applied it: the order's lines become the new revision; the
    previous one is kept."""
    if notice.revision == 2:
        uow.revisions.write(order.order_no, 1, notice.lines_before, None, order.received_at)
    uow.revisions.write(order.order_no, notice.revision, notice.lines_after, notice.change_no,
                        now)
    by_no = {line["line_no"]: line for line in notice.lines_after}
    previous = {line.confirmed_date for line in order.lines if line.confirmed_date}
    for line in order.lines:
        after = by_no[line.line_no]
        line.quantity, line.spec = Decimal(after["quantity"]), after["spec"]
        line.requested_date = date.fromisoformat(after["requested_date"])
        if after.get("confirmed_date"):
            line.confirmed_date = date.fromisoformat(after["confirmed_date"])
    if notice.delivery_place:
        order.delivery_address = notice.delivery_place
    if notice.price_increase and order.contract is not None:  # SAL-8.3, SAL-5
        order.contract.total += notice.price_increase
    order.note("change applied", now, f"{notice.change_no}: the order is on revision "
               f"{notice.revision} (SAL-8)", refs={"change_no": notice.change_no})
    # SAL-9, LOG-2: the follow-ups and the shipping instruction count from the new dates
    follow_up.redate_follow_ups(order, previous, uow, now)
    handlers_shipping.redate_instruction_limit(uow, order)


# -- reads ---------------------------------------------------------------------------------------

def _notice(actor: Actor, change_no: str, uow) -> ChangeNotice:
    notice = uow.changes.get(change_no, for_update=True)
    if notice is None or not actor.may_see(notice.company_id):
        raise ChangeNotFound(f"change notice {change_no} not found")
    return notice


def get_change(actor: Actor, change_no: str, uow) -> ChangeNoticePublic:
    with uow:
        return change_public(_notice(actor, change_no, uow))


def list_changes(actor: Actor, order_no: str, limit: int, uow) -> list[ChangeNoticePublic]:
    with uow:
        _load(uow, actor, order_no)
        return [change_public(n) for n in uow.changes.for_order(order_no, limit)]


def list_order_revisions(actor: Actor, order_no: str, limit: int,
                         uow) -> list[OrderRevisionPublic]:
    """Every revision of the lines; an order never changed has only its first."""
    with uow:
        order = _load(uow, actor, order_no)
        rows = uow.revisions.for_order(order_no, limit) or [{
            "order_no": order_no, "revision": 1, "lines": [_line(x) for x in order.lines],
            "change_no": None, "recorded_at": order.received_at}]
    latest = max(row["revision"] for row in rows)
    return [OrderRevisionPublic(order_no=order_no, revision=row["revision"],
                                current=row["revision"] == latest, change_no=row["change_no"],
                                recorded_at=row["recorded_at"],
                                lines=[ChangeLinePublic(**line) for line in row["lines"]])
            for row in rows]


def change_public(n: ChangeNotice) -> ChangeNoticePublic:
    return ChangeNoticePublic(
        change_no=n.change_no, order_no=n.order_no, status=n.status,
        technical_change=n.technical_change, severity=n.severity, reason=n.reason,
        received_at=n.received_at, received_from=n.received_from, description=n.description,
        revision=n.revision, lines_before=[ChangeLinePublic(**x) for x in n.lines_before],
        lines_after=[ChangeLinePublic(**x) for x in n.lines_after],
        earliest_date=n.earliest_date, binding_constraint=n.binding_constraint,
        agreed_date=n.agreed_date, design_feasible=n.design_feasible,
        supplementary_contract_no=n.contract_no, price_increase=n.price_increase,
        outcomes=[DepartmentOutcome(department=d, **o) for d, o in sorted(n.outcomes.items())],
        refused_by=n.refused_by, refusal_reason=n.refusal_reason)
