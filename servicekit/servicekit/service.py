"""The base every department service class inherits.

    class SalesService(ServiceBase):
        name = "sales"
        uow = UnitOfWorkProvider(SalesUnitOfWork, metadata, MIGRATIONS)

gives it tracing, metrics, the event topology, the outbox relay, the deadline
sweep and a `health` RPC. The subclass adds only its department's entrypoints.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nameko.dependency_providers import Config

from contracts.errors import NotFound
from contracts.rpc.api import ServiceApi
from servicekit import business_metrics, commands, deadlines, refusals, tracing
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
    config = Config()
    measures = ()  # the department's business figures (its adapters/measures.py MEASURES)

    @configured_timer("OUTBOX_RELAY_INTERVAL_S", default=5.0)
    def relay_outbox(self):
        """Publish outbox rows a crash or broker outage left behind."""
        self.uow.runtime.outbox.relay()

    @configured_timer("DEADLINE_SWEEP_INTERVAL_S", default=30.0)
    def sweep_deadlines(self):
        """Escalate time limits that have passed (X-1, X-2)."""
        ahead = float(self.config.get("DEADLINE_SWEEP_AHEAD_S") or 0)  # test only
        step = float(self.config.get("DEADLINE_ESCALATION_STEP_S") or 0)  # test only
        deadlines.sweep(self.uow, datetime.now(UTC) + timedelta(seconds=ahead) if ahead else None,
                        timedelta(seconds=step) if step else None)

    @configured_timer("BUSINESS_METRICS_INTERVAL_S", default=15.0, eager=True)
    def refresh_business_metrics(self):
        """Set the business gauges from this service's tables (right after a restart too)."""
        runtime = self.uow.runtime
        business_metrics.refresh(self.name, runtime.engine, runtime.tables["deadline"],
                                 self.measures)

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

    @expose_common
    def acknowledge_deadline(self, actor, deadline_id: str):
        """X-2: the person a breach reached acknowledges it; it climbs no further."""
        with self.uow:
            found = self.uow.deadlines.acknowledge(deadline_id, actor.username)
            if found is None:
                raise refusals.Missing(f"no time limit {deadline_id} in {self.name}")
            if actor.companies is not None and found.company_id not in actor.companies:
                raise refusals.NotAllowed(f"you do not act for company {found.company_id}")
            self.uow.commit()
        return found.as_dict()

    @expose_common
    def waiting_deadlines(self, actor, limit: int = 100):
        """X-1: unmet time limits in the actor's companies, newest first (inbox tasks)."""
        with self.uow:
            return [d.as_dict() for d in self.uow.deadlines.waiting(actor.companies, limit)]

    @expose_common
    def order_view(self, actor, order_no: str):
        """The service's own `journey` and its deadlines on the order, in one call (X-3):
        the journey view asks each service once (issue 16)."""
        own_journey = type(self).journey.__wrapped__  # the method, without its RPC edge
        with self.uow:  # one transaction: the journey's own `with uow:` blocks continue it
            try:
                stages = own_journey(self, actor, order_no)
            except (refusals.Missing, NotFound):  # holds nothing of the order
                stages = []
            return self.view_of(order_no, stages)

    def view_of(self, order_no: str, stages: list) -> dict:
        """An order view of these stages: with this service's deadlines and trace marks on
        the order, read in the open unit of work."""
        return {"stages": stages,
                "deadlines": [d.as_dict() for d in self.uow.deadlines.for_order(order_no)],
                "traces": tracing.marks_for_order(self.uow.session, self.uow.tables["outbox"],
                                                  order_no)}
