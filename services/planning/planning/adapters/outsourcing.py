"""Outsourcing orders and partners in and out of planning's database (PLN-10)."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import insert, select

from planning.adapters.tables import outsourcing_orders, outsourcing_partners
from planning.domain.outsourcing import OutgoingItem, OutsourcingOrder, Partner
from servicekit.repository import TableRepository, visible_to


class SqlOutsourcingRepository(TableRepository):
    table, key, record = outsourcing_orders, "outsourcing_no", OutsourcingOrder

    @staticmethod
    def _row(record: OutsourcingOrder) -> dict:
        row = dict(record.__dict__)
        row["items"] = json.dumps([{"item_code": i.item_code, "quantity": str(i.quantity),
                                    "kind": i.kind} for i in record.items])
        row["history"] = json.dumps(record.history)
        return row

    def _record(self, row) -> OutsourcingOrder:
        values = dict(row._mapping)
        values["items"] = tuple(OutgoingItem(i["item_code"], Decimal(i["quantity"]), i["kind"])
                                for i in json.loads(values["items"]))
        values["history"] = json.loads(values["history"])
        return OutsourcingOrder(**values)

    def for_work_order(self, work_order_no: str) -> list[OutsourcingOrder]:
        return self._where("work_order_no", work_order_no, "proposed_at")

    def for_order(self, order_no: str) -> list[OutsourcingOrder]:
        return self._where("order_no", order_no, "proposed_at")

    def list(self, companies, order_no=None, status=None, limit: int | None = None
             ) -> list[OutsourcingOrder]:
        """Newest first; `limit` bounds a page."""
        query = visible_to(select(outsourcing_orders), outsourcing_orders, companies,
                           order_no=order_no, status=status)
        query = query.order_by(outsourcing_orders.c.proposed_at.desc(),
                               outsourcing_orders.c.outsourcing_no.desc())
        return [self._record(r) for r in self.session.execute(query.limit(limit)).all()]

    # -- partners (master data, seeded from demo/group.json) ---------------------------------
    def partner(self, partner_code: str) -> Partner | None:
        row = self.session.execute(select(outsourcing_partners).where(
            outsourcing_partners.c.partner_code == partner_code)).first()
        return None if row is None else _partner(row)

    def partners(self, limit: int | None = None) -> list[Partner]:
        query = select(outsourcing_partners).order_by(outsourcing_partners.c.partner_code)
        return [_partner(r) for r in self.session.execute(query.limit(limit)).all()]

    def add_partner(self, partner: Partner) -> None:
        self.session.execute(insert(outsourcing_partners).values(
            partner_code=partner.partner_code, name=partner.name, name_zh=partner.name_zh,
            lead_days=partner.lead_days, work_centres=",".join(partner.work_centres)))


def _partner(row) -> Partner:
    return Partner(row.partner_code, row.name, row.lead_days,
                   tuple(c for c in row.work_centres.split(",") if c), row.name_zh)
