"""The procurement service: thin nameko entrypoints over procurement's use cases (its table
is contracts.rpc.procurement.API)."""

from __future__ import annotations

from pathlib import Path

from contracts.envelope import EventEnvelope
from contracts.events.changes import ChangeAnswered, ChangeRolledBack
from contracts.events.planning import MaterialRequested
from contracts.events.quality import ConcessionGranted, LotAccepted, LotRejected
from contracts.rpc.procurement import API
from procurement import (
    changes,
    demo,
    handlers,
    inbound,
    shortages,
    supplier_follow_up,
    transfers,
)
from procurement.adapters.measures import MEASURES
from procurement.adapters.tables import metadata
from procurement.service_masterdata import ProcurementMasterDataEntrypoints
from procurement.unit_of_work import ProcurementUnitOfWork
from servicekit import change_parts
from servicekit.events import event_handler
from servicekit.rpcs import exposes
from servicekit.runtime import UnitOfWorkProvider
from servicekit.service import ServiceBase

MIGRATIONS = Path(__file__).parent / "migrations"

expose = exposes(API)


class ProcurementService(ProcurementMasterDataEntrypoints, ServiceBase):
    name = "procurement"
    uow = UnitOfWorkProvider(ProcurementUnitOfWork, metadata, MIGRATIONS, seed=demo.seed)
    measures = MEASURES

    # -- reads -----------------------------------------------------------------------
    @expose
    def list_purchase_orders(self, actor, order_no, status, limit):
        return handlers.list_purchase_orders(actor, order_no, status, limit, self.uow)

    @expose
    def get_purchase_order(self, actor, po_no):
        return handlers.get_purchase_order(actor, po_no, self.uow)

    @expose
    def list_stock(self, actor, material_code, limit):
        return handlers.list_stock(actor, material_code, limit, self.uow)

    @expose
    def journey(self, actor, order_no):
        return (handlers.journey(actor, order_no, self.uow)
                + change_parts.journey(actor, order_no, self.uow))  # SAL-8

    # -- receiving (PRC-6) -----------------------------------------------------------------
    @expose
    def receive_goods(self, actor, po_no, receipt):
        return handlers.receive_goods(actor, po_no, receipt, self.uow)

    # -- supplier follow-up (PRC-4, PRC-5, PRC-7) ---------------------------------------------
    @expose
    def confirm_ship_date(self, actor, po_no, confirmation):
        return supplier_follow_up.confirm_ship_date(actor, po_no, confirmation, self.uow)

    @expose
    def report_slip(self, actor, po_no, report):
        return supplier_follow_up.report_slip(actor, po_no, report, self.uow)

    @expose
    def check_shipment(self, actor, po_no, check):
        return supplier_follow_up.check_shipment(actor, po_no, check, self.uow)

    # -- shortages (PRC-6) ----------------------------------------------------------------
    @expose
    def list_shortages(self, actor, status, owner, order_no, limit):
        return shortages.list_shortages(actor, status, owner, order_no, limit, self.uow)

    @expose
    def chase_shortage(self, actor, shortage_no, chase):
        return shortages.chase_shortage(actor, shortage_no, chase, self.uow)

    @expose
    def cancel_shortage(self, actor, shortage_no, cancel):
        return shortages.cancel_shortage(actor, shortage_no, cancel, self.uow)

    # -- transfers between the group's companies (PRC-3) ----------------------------------
    @expose
    def list_transfers(self, actor, status, order_no, limit, after):
        return transfers.list_transfers(actor, status, order_no, limit, after, self.uow)

    @expose
    def get_transfer(self, actor, transfer_no):
        return transfers.get_transfer(actor, transfer_no, self.uow)

    @expose
    def ship_transfer(self, actor, transfer_no, shipment):
        return transfers.ship_transfer(actor, transfer_no, shipment, self.uow)

    @expose
    def receive_transfer(self, actor, transfer_no, receipt):
        return transfers.receive_transfer(actor, transfer_no, receipt, self.uow)

    # -- what other departments report -------------------------------------------------------
    @event_handler("planning.material_requested")
    def on_material_requested(self, event: EventEnvelope, payload: MaterialRequested):
        inbound.material_requested(event, payload, self.uow)

    @event_handler("quality.lot_accepted")
    def on_lot_accepted(self, event: EventEnvelope, payload: LotAccepted):
        inbound.lot_accepted(event, payload, self.uow)

    @event_handler("quality.lot_rejected")
    def on_lot_rejected(self, event: EventEnvelope, payload: LotRejected):
        inbound.lot_rejected(event, payload, self.uow)

    # -- a customer change notice's saga (SAL-8) ----------------------------------------------
    @event_handler("planning.change_answered")
    def on_planning_change_answered(self, event: EventEnvelope, payload: ChangeAnswered):
        changes.planning_answered(event, payload, self.uow)

    @event_handler("sales.change_rolled_back")
    def on_change_rolled_back(self, event: EventEnvelope, payload: ChangeRolledBack):
        changes.change_rolled_back(event, payload, self.uow)

    # -- concessions (PRC-6, QLT-4) ------------------------------------------------------------
    @event_handler("quality.concession_granted")
    def on_concession_granted(self, event: EventEnvelope, payload: ConcessionGranted):
        inbound.concession_granted(event, payload, self.uow)
