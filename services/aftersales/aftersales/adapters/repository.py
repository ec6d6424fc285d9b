"""Deliveries and service requests in and out of aftersales' database."""

from __future__ import annotations

from sqlalchemy import select

from aftersales.adapters.tables import deliveries, requests
from aftersales.domain.requests import Delivery, ServiceRequest
from servicekit.repository import TableRepository, visible_to


class SqlDeliveryRepository(TableRepository):
    table, key, record = deliveries, "shipment_no", Delivery

    def for_order(self, order_no: str) -> list[Delivery]:
        return self._where("order_no", order_no, "delivered_at")


class SqlRequestRepository(TableRepository):
    table, key, record = requests, "request_no", ServiceRequest

    def list(self, companies, order_no=None, status=None, limit=None) -> list[ServiceRequest]:
        query = visible_to(select(requests), requests, companies, order_no=order_no,
                           status=status)
        query = query.order_by(requests.c.recorded_at, requests.c.request_no)
        if limit:
            query = query.limit(limit)
        return [ServiceRequest(**row._mapping) for row in self.session.execute(query).all()]
