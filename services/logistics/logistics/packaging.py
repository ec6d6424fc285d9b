"""Logistics' use cases of the packaging notice (LOG-1): timed by planning's forecast
completion, moved when the forecast moves, met when production tells packaging what must be
complete (packing, accessories, documents)."""

from __future__ import annotations

from datetime import datetime

from contracts.rpc.common import Actor
from contracts.rpc.logistics import PackagingNoticeCreate, PackagingNoticePublic
from logistics import views
from logistics.domain.errors import NotOnRecord
from logistics.domain.model import OrderCopy
from logistics.domain.packaging import WAITING, PackagingNotice, subject
from servicekit import clock
from servicekit.timelimits import X1_TIME_LIMITS

LOG1_SET = X1_TIME_LIMITS["LOG-1.packaging_notice_set"]      # 3 working days (ORD-5)
LOG1_OTHER = X1_TIME_LIMITS["LOG-1.packaging_notice_other"]  # 1 working day


def forecast_arrived(uow, *, order_no: str, company_id: str, plan_no: str,
                     ready_at: datetime, at: datetime) -> None:
    """Rule LOG-1: planning's forecast completion (a plan, or a moved forecast) times the
    notice; an open limit moves with it."""
    notice = uow.packaging.get(order_no, for_update=True)
    order = uow.orders.get(order_no)
    if notice is None:
        notice = PackagingNotice(order_no=order_no, company_id=company_id, plan_no=plan_no,
                                 goods_ready_at=ready_at)
        uow.packaging.add(notice)
    elif notice.goods_ready_at == ready_at:
        return
    else:
        notice = notice.moved_to(ready_at)
        if notice.tracked and order is not None:
            uow.deadlines.move(_limit(order), subject(order_no), ready_at)
    if order is not None:
        notice = _track(uow, notice, order, at)
    uow.packaging.save(notice)


def order_copy_arrived(uow, order: OrderCopy, at: datetime) -> None:
    """The order copy says whether it is a complete set: a waiting notice is tracked now."""
    notice = uow.packaging.get(order.order_no, for_update=True)
    if notice is not None:
        uow.packaging.save(_track(uow, notice, order, at))


def _track(uow, notice: PackagingNotice, order: OrderCopy, at: datetime) -> PackagingNotice:
    if notice.tracked or notice.status != WAITING:
        return notice
    uow.deadlines.open(
        LOG1_SET if order.complete_set else LOG1_OTHER, subject=subject(notice.order_no),
        company_id=notice.company_id, order_no=notice.order_no, opened_at=at,
        anchor=notice.goods_ready_at,
        detail=f"goods of {notice.order_no} forecast ready {notice.goods_ready_at.isoformat()}")
    return PackagingNotice(**{**notice.__dict__, "tracked": True})


def notify_packaging(actor: Actor, order_no: str, notice: PackagingNoticeCreate, uow,
                     now: datetime | None = None) -> PackagingNoticePublic:
    """Rule LOG-1: packaging is told what must be complete; meets the limit."""
    at = clock.now(now)
    with uow:
        found = uow.packaging.get(order_no, for_update=True)
        if found is None or not actor.may_see(found.company_id):
            raise NotOnRecord(f"no packaging notice is due for order {order_no}: planning has "
                              "not reported its completion yet", {"order_no": order_no})
        told = found.notify(packing=notice.packing, accessories=notice.accessories,
                            documents=notice.documents, at=at, by=actor.username)
        uow.packaging.save(told)
        order = uow.orders.get(order_no)
        if order is not None:  # rule LOG-1: the limit of the order's kind (ORD-5)
            uow.deadlines.meet(_limit(order), subject(order_no), at=at)
        uow.commit()
    return views.packaging_public(told)


def _limit(order: OrderCopy):
    """LOG-1's limit for the order's kind: 3 working days for a complete set (ORD-5)."""
    return LOG1_SET if order.complete_set else LOG1_OTHER


def list_packaging_notices(actor: Actor, order_no: str | None, limit: int,
                           uow) -> list[PackagingNoticePublic]:
    with uow:
        return [views.packaging_public(each)
                for each in uow.packaging.list(actor.companies, order_no, limit)]
