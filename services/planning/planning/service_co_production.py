"""Planning's co-production entrypoints (CO-1, PLN-12), mixed into PlanningService."""

from __future__ import annotations

from contracts.envelope import EventEnvelope
from contracts.events.co_production import CoProductionInstructed
from contracts.events.logistics import ShipmentDelivered
from contracts.rpc.planning import API
from planning import co_production, inbound
from servicekit.events import event_handler
from servicekit.rpcs import exposes

expose = exposes(API)


class PlanningCoProductionEntrypoints:
    @expose
    def list_co_production(self, actor, order_no, limit):
        return co_production.list_co_production(actor, order_no, limit, self.uow)

    @expose
    def get_co_production(self, actor, instruction_no):
        return co_production.get_co_production(actor, instruction_no, self.uow)

    @event_handler("planning.co_production_instructed")
    def on_co_production_instructed(self, event: EventEnvelope,
                                    payload: CoProductionInstructed):
        """CO-1: the maker plans its own operations and purchases, with the same engine."""
        inbound.production_instruction_issued(event, co_production.as_instruction(payload),
                                              self.uow, self.compute)

    @event_handler("logistics.shipment_delivered")
    def on_shipment_delivered(self, event: EventEnvelope, payload: ShipmentDelivered):
        co_production.shipment_delivered(event, payload, self.uow)  # PLN-12
