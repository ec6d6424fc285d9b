"""The base every department service class inherits.

    class SalesService(ServiceBase):
        name = "sales"
        uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS)

gives it tracing, metrics, the event topology, the outbox relay, the deadline
sweep and a `health` RPC. The subclass adds only its department's entrypoints.
"""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.rpc.api import ServiceApi
from servicekit import commands, deadlines
from servicekit.rpcs import exposes
from servicekit.runtime import ActorKey, EventTopology, Metrics, configured_timer
from servicekit.tracing import Tracing

# The methods every service has (contracts.rpc.api.COMMON); `journey` each writes itself.
expose_common = exposes(ServiceApi("service", []))


class ServiceBase:
    name = "base"
    tracing = Tracing()
    metrics = Metrics()
    topology = EventTopology()
    actor_key = ActorKey()
    uow = None  # each service sets a UnitOfWorkProvider

    @configured_timer("OUTBOX_RELAY_INTERVAL_S", default=5.0)
    def relay_outbox(self):
        """Publish outbox rows a crash or broker outage left behind."""
        self.uow.runtime.outbox.relay()

    @configured_timer("DEADLINE_SWEEP_INTERVAL_S", default=30.0)
    def sweep_deadlines(self):
        """Escalate time limits that have passed (X-1, X-2)."""
        deadlines.sweep(self.uow)

    @configured_timer("COMMAND_PRUNE_INTERVAL_S", default=3600.0)
    def prune_commands(self):
        """Forget command replies kept longer than their repeats can come (servicekit.commands)."""
        commands.prune(self.uow)

    @expose_common
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

    @expose_common
    def deadlines_for_order(self, order_no: str):
        """This service's time limits on one order, for the journey view."""
        with self.uow:
            return [d.as_dict() for d in self.uow.deadlines.for_order(order_no)]
