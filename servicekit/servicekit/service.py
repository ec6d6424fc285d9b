"""The base every department service class inherits.

    class SalesService(ServiceBase):
        name = "sales"
        uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS)

gives it tracing, metrics, the event topology, the outbox relay, the deadline
sweep and a `health` RPC. The subclass adds only its department's entrypoints.
"""

from __future__ import annotations

from datetime import UTC, datetime

from nameko.rpc import rpc

from contracts.errors import EXPECTED_ERRORS
from servicekit import deadlines
from servicekit.runtime import EventTopology, Metrics, configured_timer
from servicekit.tracing import Tracing


class ServiceBase:
    name = "base"
    tracing = Tracing()
    metrics = Metrics()
    topology = EventTopology()
    uow = None  # each service sets a UnitOfWorkProvider

    @configured_timer("OUTBOX_RELAY_INTERVAL_S", default=5.0)
    def relay_outbox(self):
        """Publish outbox rows a crash or broker outage left behind."""
        self.uow.runtime.outbox.relay()

    @configured_timer("DEADLINE_SWEEP_INTERVAL_S", default=30.0)
    def sweep_deadlines(self):
        """Escalate time limits that have passed (X-1, X-2)."""
        deadlines.sweep(self.uow)

    @rpc
    def health(self):
        """Readiness: the database answers; the broker did, since this call arrived."""
        runtime = self.uow.runtime
        runtime.ping()
        return {
            "service": self.name,
            "status": "ready",
            "database": "ok",
            "broker": "ok",
            "outbox_backlog": runtime.outbox.backlog(),
            "checked_at": datetime.now(UTC).isoformat(),
        }

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def deadlines_for_order(self, order_no: str):
        """This service's time limits on one order, for the journey view."""
        with self.uow:
            return [d.as_dict() for d in self.uow.deadlines.for_order(order_no)]
