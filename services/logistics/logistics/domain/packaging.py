"""The packaging notice (LOG-1): packaging is told 3 working days (complete sets, ORD-5) or
1 working day (other products) before the goods are ready, with what must be complete:
the packing, the accessories and the documents.

"Ready" is planning's forecast completion; when the forecast moves, so does the notice's
limit (until the notice is given; after that the moved date is recorded with it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from logistics.domain.errors import ShippingRefused

WAITING, NOTIFIED = "waiting", "notified"


@dataclass(frozen=True)
class PackagingNotice:
    order_no: str
    company_id: str
    plan_no: str
    goods_ready_at: datetime
    tracked: bool = False  # its LOG-1 limit is open (needs the order copy: set or not)
    status: str = WAITING
    packing: str | None = None
    accessories: str | None = None
    documents: str | None = None
    notified_at: datetime | None = None
    notified_by: str | None = None
    ready_moves: int = 0

    def moved_to(self, ready_at: datetime) -> PackagingNotice:
        return replace(self, goods_ready_at=ready_at, ready_moves=self.ready_moves + 1)

    def notify(self, *, packing: str, accessories: str, documents: str, at: datetime,
               by: str) -> PackagingNotice:
        if self.status == NOTIFIED:
            raise ShippingRefused(f"packaging was already told about order {self.order_no} "
                                  f"({self.notified_at.isoformat()})",
                                  {"order_no": self.order_no})
        return replace(self, status=NOTIFIED, packing=packing, accessories=accessories,
                       documents=documents, notified_at=at, notified_by=by)


def limit_key(complete_set: bool) -> str:
    """Rule LOG-1 (ORD-5): complete sets 3 days ahead, other products 1."""
    return "LOG-1.packaging_notice_set" if complete_set else "LOG-1.packaging_notice_other"


def subject(order_no: str) -> str:
    return f"packaging notice of {order_no}"
