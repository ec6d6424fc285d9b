"""Planning's outsourcing entrypoints (PLN-10), mixed into PlanningService."""

from __future__ import annotations

from contracts.rpc.planning import API
from planning import handlers, outsourcing
from servicekit.rpcs import exposes

expose = exposes(API)


class PlanningOutsourcingEntrypoints:
    @expose
    def list_outsourcing_partners(self, actor, limit):
        return outsourcing.list_outsourcing_partners(actor, limit, self.uow)

    @expose
    def propose_outsourcing(self, actor, work_order_no, proposal):
        return outsourcing.propose_outsourcing(actor, work_order_no, proposal, self.uow)

    @expose
    def decide_outsourcing(self, actor, outsourcing_no, decision):
        return outsourcing.decide_outsourcing(actor, outsourcing_no, decision, self.uow)

    @expose
    def send_outsourcing(self, actor, outsourcing_no):
        return outsourcing.send_outsourcing(actor, outsourcing_no, self.uow)

    @expose
    def receive_outsourcing(self, actor, outsourcing_no, receipt):
        return outsourcing.receive_outsourcing(actor, outsourcing_no, receipt, self.uow)

    @expose
    def inspect_outsourcing(self, actor, outsourcing_no, inspection):
        return outsourcing.inspect_outsourcing(actor, outsourcing_no, inspection, self.uow,
                                               handlers.finish_work_order)

    @expose
    def get_outsourcing(self, actor, outsourcing_no):
        return outsourcing.get_outsourcing(actor, outsourcing_no, self.uow)

    @expose
    def list_outsourcing(self, actor, order_no, status, limit):
        return outsourcing.list_outsourcing(actor, order_no, status, limit, self.uow)
