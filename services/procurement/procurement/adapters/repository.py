"""Procurement's rows in and out of the database, as domain objects."""

from __future__ import annotations

from sqlalchemy import insert, or_, select, update

from procurement.adapters.tables import (
    lots,
    material_requests,
    materials,
    purchase_orders,
    shortages,
    stock,
    supplier_follow_ups,
    supplier_offers,
    suppliers,
    transfers,
)
from procurement.domain.follow_up import SupplierFollowUp
from procurement.domain.purchasing import Lot, PurchaseOrder
from procurement.domain.requests import MaterialRequest
from procurement.domain.shortages import OPEN, Shortage
from procurement.domain.stock import StockLevel
from procurement.domain.suppliers import Offer
from procurement.domain.transfers import Transfer
from servicekit.repository import Repository, TableRepository, keyset_page, visible_to


class SqlMasterData(Repository):
    """Materials and the supplier list (with each supplier's offers)."""

    def has_material(self, code: str) -> bool:
        return self.session.execute(
            select(materials.c.material_code).where(materials.c.material_code == code)
        ).first() is not None

    def add_material(self, code: str, name: str, unit: str) -> None:
        self.session.execute(insert(materials).values(material_code=code, name=name, unit=unit))

    def has_supplier(self, code: str) -> bool:
        return self.session.execute(
            select(suppliers.c.supplier_code).where(suppliers.c.supplier_code == code)
        ).first() is not None

    def add_supplier(self, code: str, name: str, approved: bool, offers: list[dict]) -> None:
        self.session.execute(insert(suppliers).values(supplier_code=code, name=name,
                                                      approved=approved))
        if offers:
            self.session.execute(insert(supplier_offers), [
                {"supplier_code": code, **offer} for offer in offers
            ])

    def offers_for(self, material_code: str) -> list[Offer]:
        rows = self.session.execute(
            select(supplier_offers, suppliers.c.approved)
            .join(suppliers, suppliers.c.supplier_code == supplier_offers.c.supplier_code)
            .where(supplier_offers.c.material_code == material_code)
        ).all()
        return [Offer(r.supplier_code, r.material_code, r.lead_days, r.unit_price,
                      bool(r.approved)) for r in rows]


class SqlStock(Repository):
    def for_material(self, material_code: str) -> dict[str, StockLevel]:
        """Every company's holding of a material, locked for this transaction."""
        rows = self.session.execute(
            select(stock).where(stock.c.material_code == material_code)
            .order_by(stock.c.company_id).with_for_update()
        ).all()
        return {r.company_id: _level(r) for r in rows}

    def get(self, company_id: str, material_code: str) -> StockLevel:
        """One holding, locked; an empty one if the company holds none yet."""
        row = self.session.execute(
            select(stock).where(stock.c.company_id == company_id,
                                stock.c.material_code == material_code).with_for_update()
        ).first()
        return _level(row) if row else StockLevel(company_id, material_code)

    def exists(self, company_id: str, material_code: str) -> bool:
        return self.session.execute(
            select(stock.c.on_hand).where(stock.c.company_id == company_id,
                                          stock.c.material_code == material_code)
        ).first() is not None

    def save(self, level: StockLevel) -> None:
        key = (stock.c.company_id == level.company_id) & (
            stock.c.material_code == level.material_code)
        values = {"on_hand": level.on_hand, "reserved": level.reserved}
        if self.session.execute(update(stock).where(key).values(**values)).rowcount == 0:
            self.session.execute(insert(stock).values(company_id=level.company_id,
                                                      material_code=level.material_code,
                                                      **values))

    def list(self, material_code: str | None = None, limit: int = 1000) -> list[StockLevel]:
        query = select(stock).order_by(stock.c.material_code, stock.c.company_id).limit(limit)
        if material_code:
            query = query.where(stock.c.material_code == material_code)
        return [_level(r) for r in self.session.execute(query).all()]


def _level(row) -> StockLevel:
    return StockLevel(row.company_id, row.material_code, row.on_hand, row.reserved)


class SqlRequests(TableRepository):
    table, key, record = material_requests, "request_no", MaterialRequest

    def for_order(self, order_no: str) -> list[MaterialRequest]:
        return self._where("order_no", order_no, "requested_at", "request_no")


class SqlPurchaseOrders(Repository):
    def add(self, po: PurchaseOrder) -> None:
        values = {k: v for k, v in po.__dict__.items() if k != "lots"}
        self.session.execute(insert(purchase_orders).values(**values))
        for lot in po.lots:
            self._insert_lot(po.po_no, lot)

    def save(self, po: PurchaseOrder) -> None:
        self.session.execute(update(purchase_orders)
                             .where(purchase_orders.c.po_no == po.po_no)
                             .values(status=po.status, quantity=po.quantity))
        known = set(self.session.execute(
            select(lots.c.lot_no).where(lots.c.po_no == po.po_no)).scalars())
        for lot in po.lots:
            if lot.lot_no in known:
                values = {k: v for k, v in lot.__dict__.items() if k != "lot_no"}
                self.session.execute(update(lots).where(lots.c.lot_no == lot.lot_no)
                                     .values(**values))
            else:
                self._insert_lot(po.po_no, lot)

    def _insert_lot(self, po_no: str, lot: Lot) -> None:
        self.session.execute(insert(lots).values(po_no=po_no, **lot.__dict__))

    def get(self, po_no: str, *, lock: bool = False) -> PurchaseOrder | None:
        query = select(purchase_orders).where(purchase_orders.c.po_no == po_no)
        if lock:
            query = query.with_for_update()
        row = self.session.execute(query).first()
        return self._hydrate([row])[0] if row else None

    def by_lot(self, lot_no: str) -> PurchaseOrder | None:
        po_no = self.session.execute(
            select(lots.c.po_no).where(lots.c.lot_no == lot_no)).scalar_one_or_none()
        return self.get(po_no, lock=True) if po_no else None

    def list(self, *, companies: list[str] | None, order_no: str | None = None,
             status: str | None = None, limit: int = 100) -> list[PurchaseOrder]:
        query = visible_to(select(purchase_orders), purchase_orders, companies,
                           order_no=order_no, status=status).order_by(
            purchase_orders.c.placed_at.desc(), purchase_orders.c.po_no.desc()).limit(limit)
        return self._hydrate(self.session.execute(query).all())

    def _hydrate(self, rows) -> list[PurchaseOrder]:
        if not rows:
            return []
        by_po: dict[str, list[Lot]] = {r.po_no: [] for r in rows}
        lot_rows = self.session.execute(
            select(lots).where(lots.c.po_no.in_(list(by_po)))
            .order_by(lots.c.received_at, lots.c.lot_no)
        ).all()
        for r in lot_rows:
            by_po[r.po_no].append(Lot(**{name: getattr(r, name)
                                         for name in Lot.__dataclass_fields__}))
        return [PurchaseOrder(**{name: getattr(r, name)
                                 for name in PurchaseOrder.__dataclass_fields__
                                 if name != "lots"}, lots=by_po[r.po_no]) for r in rows]


class SqlSupplierFollowUps(TableRepository):
    """The supplier follow-up of each PO whose ship date was confirmed (PRC-4, PRC-5)."""

    table, key, record = supplier_follow_ups, "po_no", SupplierFollowUp

    def for_order(self, order_no: str) -> list[SupplierFollowUp]:
        return self._where("order_no", order_no, "confirmed_at", "po_no")


class SqlShortages(TableRepository):
    """Shortages of purchase orders, chased until delivered or cancelled (PRC-6)."""

    table, key, record = shortages, "shortage_no", Shortage

    def open_for_po(self, po_no: str) -> Shortage | None:
        row = self.session.execute(
            select(shortages).where(shortages.c.po_no == po_no, shortages.c.status == OPEN)
            .with_for_update()).first()
        return None if row is None else self._record(row)

    def for_order(self, order_no: str) -> list[Shortage]:
        return self._where("order_no", order_no, "opened_at", "shortage_no")

    def list(self, *, companies: list[str] | None, status: str | None, owner: str | None,
             order_no: str | None, limit: int) -> list[Shortage]:
        """Oldest follow-up first: the shortage to chase next leads the buyer's list."""
        query = visible_to(select(shortages), shortages, companies, status=status,
                           owner=owner, order_no=order_no).order_by(
            shortages.c.follow_up_on, shortages.c.shortage_no).limit(limit)
        return [self._record(row) for row in self.session.execute(query).all()]


class SqlTransfers(TableRepository):
    """Transfers between the group's companies (PRC-3): each visible to both its holder
    and its receiver."""

    table, key, record = transfers, "transfer_no", Transfer

    def for_request(self, request_no: str) -> list[Transfer]:
        return self._where("request_no", request_no, "transfer_no")

    def for_order(self, order_no: str) -> list[Transfer]:
        return self._where("order_no", order_no, "requested_at", "transfer_no")

    def list(self, *, companies: list[str] | None, status: str | None,
             order_no: str | None, after: str | None, limit: int) -> list[Transfer]:
        """Newest first; the page after the transfer `after` (keyset)."""
        query = visible_to(select(transfers), transfers, None, status=status,
                           order_no=order_no)
        if companies is not None:
            query = query.where(or_(transfers.c.from_company.in_(companies),
                                    transfers.c.to_company.in_(companies)))
        query = keyset_page(query, transfers, "transfer_no", after, limit,
                            ("requested_at", "desc"), ("transfer_no", "desc"))
        return [self._record(row) for row in self.session.execute(query).all()]
