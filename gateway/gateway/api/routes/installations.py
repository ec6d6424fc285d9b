"""Installation and commissioning on the customer's site (AFS-3): sales records the
contract's installation terms and the customer's project readiness; after-sales does the
installation and records the customer's sign-off."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc import aftersales, sales
from contracts.rpc.common import BusinessNo
from contracts.rpc.installations import (
    InstallationDone,
    InstallationProjectPublic,
    InstallationPublic,
    InstallationSignOff,
    InstallationStatus,
    InstallationTerms,
    SiteReadiness,
)
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.aftersales import SERVICE_STAFF
from gateway.api.routes.sales import SALES_ROLES

SALES = [require_roles(*SALES_ROLES)]
router = APIRouter(tags=["installation"])


@router.post("/sales/orders/{order_no}/installation", status_code=status.HTTP_201_CREATED,
             response_model=InstallationProjectPublic, dependencies=SALES,
             responses=refusals(sales.API["record_installation_terms"]))
async def record_installation_terms(order_no: BusinessNo, terms: InstallationTerms,
                                    actor: ActorDep,
                                    services: ServicesDep) -> InstallationProjectPublic:
    """Record that the contract includes installation on the customer's site (AFS-3)."""
    return await services.sales.record_installation_terms(actor, order_no, terms)


@router.post("/sales/orders/{order_no}/installation/site-ready",
             response_model=InstallationProjectPublic, dependencies=SALES,
             responses=refusals(sales.API["confirm_site_readiness"]))
async def confirm_site_readiness(order_no: BusinessNo, readiness: SiteReadiness,
                                 actor: ActorDep,
                                 services: ServicesDep) -> InstallationProjectPublic:
    """Confirm the date the customer's project is ready for installation (AFS-3)."""
    return await services.sales.confirm_site_readiness(actor, order_no, readiness)


@router.get("/aftersales/installations", response_model=list[InstallationPublic],
            dependencies=SERVICE_STAFF,
            responses=refusals(aftersales.API["list_installations"]))
async def list_installations(actor: ActorDep, services: ServicesDep,
                             order_no: BusinessNo | None = None,
                             status: InstallationStatus | None = None,
                             limit: PageLimitQuery = 100) -> list[InstallationPublic]:
    """Installations of your companies, the soonest scheduled first (AFS-3)."""
    return await services.aftersales.list_installations(actor, order_no, status, limit)


@router.post("/aftersales/installations/{installation_no}/done",
             response_model=InstallationPublic, dependencies=SERVICE_STAFF,
             responses=refusals(aftersales.API["complete_installation"]))
async def complete_installation(installation_no: BusinessNo, done: InstallationDone,
                                actor: ActorDep, services: ServicesDep) -> InstallationPublic:
    """Record the installation and commissioning done on site (AFS-3)."""
    return await services.aftersales.complete_installation(actor, installation_no, done)


@router.post("/aftersales/installations/{installation_no}/sign-off",
             response_model=InstallationPublic, dependencies=SERVICE_STAFF,
             responses=refusals(aftersales.API["sign_off_installation"]))
async def sign_off_installation(installation_no: BusinessNo, sign_off: InstallationSignOff,
                                actor: ActorDep, services: ServicesDep) -> InstallationPublic:
    """Record the customer's sign-off of the installation: who signed, and when (AFS-3)."""
    return await services.aftersales.sign_off_installation(actor, installation_no, sign_off)
