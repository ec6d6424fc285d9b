"""Sales' part of installation and commissioning (AFS-3): `f(actor, order_no, payload,
uow)`. Sales records that the contract includes installation on site, then tracks the
customer's project: its confirmed readiness date goes to after-sales as
`sales.site_ready`, which schedules the installation against it."""

from __future__ import annotations

from contracts.events.installations import SiteReady
from contracts.rpc.common import Actor, JourneyStage
from contracts.rpc.installations import (
    InstallationProjectPublic,
    InstallationTerms,
    SiteReadiness,
)
from sales.domain.errors import InstallationRefused
from sales.domain.installations import InstallationProject
from sales.handlers import _load
from sales.views import DEPARTMENT
from servicekit import clock
from servicekit.journeys import stage


def record_installation_terms(actor: Actor, order_no: str, terms: InstallationTerms,
                              uow) -> InstallationProjectPublic:
    """The contract says the equipment is installed on the customer's site (AFS-3)."""
    now = clock.now()
    with uow:
        order = _load(uow, actor, order_no)
        if uow.installations.get(order_no, for_update=True) is not None:
            raise InstallationRefused(f"{order_no}: installation terms already recorded",
                                      {"order_no": order_no})
        project = InstallationProject(
            order_no=order_no, company_id=order.company_id,
            customer_code=order.customer_code, site=terms.site, terms_by=actor.username,
            terms_at=now)
        uow.installations.add(project)
        uow.commit()
    return project_public(project)


def confirm_site_readiness(actor: Actor, order_no: str, readiness: SiteReadiness,
                           uow) -> InstallationProjectPublic:
    """The customer's project is ready on a date: after-sales schedules against it (AFS-3)."""
    now = clock.now()
    with uow:
        _load(uow, actor, order_no)
        project = uow.installations.get(order_no, for_update=True)
        if project is None:
            raise InstallationRefused(f"{order_no}: the contract has no installation on site",
                                      {"order_no": order_no})
        project.confirm_ready(readiness.ready_on, readiness.note, at=now, by=actor.username)
        uow.installations.save(project)
        uow.emit("sales.site_ready", SiteReady(
            order_no=order_no, customer_code=project.customer_code, site=project.site,
            ready_on=readiness.ready_on, confirmed_by=actor.username, confirmed_at=now,
        ), company_id=project.company_id, order_no=order_no)
        uow.commit()
    return project_public(project)


def project_public(p: InstallationProject) -> InstallationProjectPublic:
    return InstallationProjectPublic(
        **{name: getattr(p, name) for name in InstallationProjectPublic.model_fields})


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """X-3: the project's readiness as sales tracked it."""
    with uow:
        project = uow.installations.get(order_no)
    if project is None or not actor.may_see(project.company_id):
        return []
    if project.ready_on is None:
        return [stage(DEPARTMENT, "customer project readiness", "waiting", project.terms_at,
                      actor=project.terms_by, summary=f"installation at {project.site} "
                                                      f"(AFS-3)")]
    return [stage(DEPARTMENT, "customer project readiness", "done", project.terms_at,
                  ended_at=project.readiness_at, actor=project.readiness_by,
                  summary=f"site {project.site} ready on {project.ready_on} (AFS-3)")]
