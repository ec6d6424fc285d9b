"""After-sales' part of installation and commissioning (AFS-3): `sales.site_ready`
schedules the installation for the date sales confirmed the customer's project ready;
after-sales does it and records the customer's sign-off (who signed, when)."""

from __future__ import annotations

import logging

from aftersales.domain.errors import InstallationNotFound
from aftersales.domain.installations import SIGNED_OFF, Installation
from aftersales.views import DEPARTMENT
from contracts.envelope import EventEnvelope
from contracts.events.installations import SiteReady
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.installations import (
    InstallationDone,
    InstallationPublic,
    InstallationSignOff,
    InstallationStatus,
)
from servicekit import clock
from servicekit.journeys import stage

log = logging.getLogger(__name__)


def site_ready(event: EventEnvelope, payload: SiteReady, uow) -> None:
    """AFS-3: schedule the installation against the customer's project; once per order."""
    with uow:
        if uow.installations.for_order(payload.order_no):
            log.info("installation of %s already scheduled; ignored", payload.order_no)
        else:
            uow.installations.add(Installation(
                installation_no=uow.numbers.next("INST", event.company_id),
                order_no=payload.order_no, company_id=event.company_id,
                customer_code=payload.customer_code, site=payload.site,
                scheduled_on=payload.ready_on, scheduled_at=clock.now()))
        uow.commit()


def list_installations(actor: Actor, order_no: str | None, status: InstallationStatus | None,
                       limit: int, uow) -> list[InstallationPublic]:
    with uow:
        found = uow.installations.list(actor.companies, order_no=order_no,
                                       status=None if status is None else str(status),
                                       limit=limit)
    return [installation_public(i) for i in found]


def complete_installation(actor: Actor, installation_no: str, done: InstallationDone,
                          uow) -> InstallationPublic:
    """Installed and commissioned on site (AFS-3)."""
    return _change(actor, installation_no, uow, lambda i, now: i.complete(
        done.report, at=now, by=actor.username))


def sign_off_installation(actor: Actor, installation_no: str, sign_off: InstallationSignOff,
                          uow) -> InstallationPublic:
    """The customer's sign-off: who signed for the customer, and when (AFS-3)."""
    return _change(actor, installation_no, uow, lambda i, now: i.sign_off(
        sign_off.signed_by, at=now, by=actor.username))


def _change(actor: Actor, installation_no: str, uow, act) -> InstallationPublic:
    now = clock.now()
    with uow:
        installation = uow.installations.get(installation_no, for_update=True)
        if installation is None or not actor.may_see(installation.company_id):
            raise InstallationNotFound(f"installation {installation_no} not found")
        act(installation, now)
        uow.installations.save(installation)
        uow.commit()
    return installation_public(installation)


def installation_public(i: Installation) -> InstallationPublic:
    return InstallationPublic(**{name: getattr(i, name)
                                 for name in InstallationPublic.model_fields})


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """X-3: the installation from its scheduling to the customer's sign-off."""
    with uow:
        found = [i for i in uow.installations.for_order(order_no)
                 if actor.may_see(i.company_id)]
    stages = []
    for i in found:
        refs = {"installation_no": i.installation_no}
        stages.append(stage(DEPARTMENT, "installation and commissioning",
                            "waiting" if i.done_at is None else "done", i.scheduled_at,
                            ended_at=i.done_at, actor=i.done_by, refs=refs,
                            summary=f"at {i.site} on {i.scheduled_on} (AFS-3)"))
        if i.status == SIGNED_OFF:
            stages.append(stage(DEPARTMENT, "customer sign-off", "done", i.signed_off_at,
                                ended_at=i.signed_off_at, actor=i.recorded_by, refs=refs,
                                summary=f"signed by {i.signed_off_by} (AFS-3)"))
    return stages
