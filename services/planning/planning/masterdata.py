"""Planning's master data use cases (issue 17): products with multi-level BOMs and
routings, work centres with their shift calendars (PLN-4, PLN-5), kept by planning and
design; and planning's copy of procurement's supplier lead times (PLN-2), kept from
procurement.supplier_changed.

A plan, once published, keeps the work orders and material requests it was made with:
a BOM or routing change reaches only the plans made after it. A product is retired,
never deleted.
"""

from __future__ import annotations

from contracts.envelope import EventEnvelope
from contracts.events.procurement import SupplierChanged
from contracts.rpc.common import Actor
from contracts.rpc.planning_masterdata import (
    ProductChange,
    ProductMaster,
    ProductPage,
    ProductRecord,
    WorkCentreChange,
    WorkCentreMaster,
    WorkCentreRecord,
)
from planning.domain.errors import (
    MasterDataConflict,
    MasterDataNotAllowed,
    MasterDataRejected,
    MasterRecordNotFound,
)
from planning.domain.master_data import BomLine, Product, bom_cycle
from servicekit import masterdata

PRODUCT, WORK_CENTRE = "product", "work_centre"


def _may_keep(actor: Actor, company_id: str) -> None:
    if not actor.may_see(company_id):
        raise MasterDataNotAllowed(f"{actor.username} keeps no master data of company "
                                   f"{company_id}")


def _as_product(record: dict) -> Product:
    return Product(record["product_code"], record["company_id"], record["name"],
                   record["complete_set"],
                   tuple(BomLine(b["material_code"], b["quantity"]) for b in record["bom"]), ())


def _check_product(uow, record: dict) -> None:
    """Routing on the company's own work centres; a BOM that never contains itself."""
    for step in record["routing"]:
        centre = uow.master_records.work_centre(step["work_centre"])
        if centre is None or centre["company_id"] != record["company_id"]:
            raise MasterDataRejected(f"routing step {step['step']}: no work centre "
                                     f"{step['work_centre']} in {record['company_id']}")
    catalogue = {code: _as_product(found) for code, found in
                 uow.master_records.bom_catalogue(record["company_id"]).items()}
    cycle = bom_cycle(catalogue, _as_product(record))
    if cycle:
        raise MasterDataRejected(f"the BOM contains the product itself: {' > '.join(cycle)}")


def search_products(actor: Actor, search, company_id, include_retired, offset, limit,
                    uow) -> ProductPage:
    with uow:
        rows, total = uow.master_records.search_products(
            actor.companies, search=search, company_id=company_id,
            include_retired=include_retired, offset=offset, limit=limit)
    return ProductPage(items=[ProductMaster(**row) for row in rows], total=total,
                       offset=offset, limit=limit)


def create_product(actor: Actor, product: ProductRecord, uow) -> ProductMaster:
    _may_keep(actor, product.company_id)
    record = {**product.model_dump(), "retired": False}
    with uow:
        if uow.master_records.product(product.product_code):
            raise MasterDataConflict(f"product {product.product_code} exists")
        _check_product(uow, record)
        uow.master_records.put_product(record, new=True)
        masterdata.audit(uow, PRODUCT, (product.product_code,), company_id=product.company_id,
                         action="created", actor=actor.username, before=None, after=record)
        uow.commit()
    return ProductMaster(**record)


def _existing_product(actor: Actor, uow, product_code: str) -> dict:
    found = uow.master_records.product(product_code)
    if found is None or not actor.may_see(found["company_id"]):
        raise MasterRecordNotFound(f"product {product_code} not found")
    return found


def change_product(actor: Actor, product_code: str, change: ProductChange,
                   uow) -> ProductMaster:
    """New plans explode the new BOM; published plans keep theirs (their requests)."""
    with uow:
        before = _existing_product(actor, uow, product_code)
        if before["retired"]:
            raise MasterDataConflict(f"product {product_code} is retired")
        after = {**before, **change.model_dump(exclude_none=True)}
        _check_product(uow, after)
        uow.master_records.put_product(after, new=False)
        masterdata.audit(uow, PRODUCT, (product_code,), company_id=after["company_id"],
                         action="changed", actor=actor.username, before=before, after=after)
        uow.commit()
    return ProductMaster(**after)


def retire_product(actor: Actor, product_code: str, uow) -> ProductMaster:
    with uow:
        before = _existing_product(actor, uow, product_code)
        after = {**before, "retired": True}
        if not before["retired"]:
            uow.master_records.put_product(after, new=False)
            masterdata.audit(uow, PRODUCT, (product_code,), company_id=after["company_id"],
                             action="retired", actor=actor.username, before=before,
                             after=after)
        uow.commit()
    return ProductMaster(**after)


def list_work_centres(actor: Actor, company_id, offset, limit, uow) -> list[WorkCentreMaster]:
    with uow:
        return [WorkCentreMaster(**row) for row in uow.master_records.work_centres(
            actor.companies, company_id, offset, limit)]


def _check_shifts(shifts: list[dict]) -> None:
    previous = None
    for shift in shifts:
        if not shift["start"] < shift["end"]:
            raise MasterDataRejected(f"a shift starts before it ends: {shift}")
        if previous is not None and shift["start"] < previous:
            raise MasterDataRejected("shifts in order, never overlapping")
        previous = shift["end"]


def create_work_centre(actor: Actor, work_centre: WorkCentreRecord, uow) -> WorkCentreMaster:
    """PLN-5: a line's shifts on the working days of the company's calendar."""
    _may_keep(actor, work_centre.company_id)
    record = work_centre.model_dump()
    _check_shifts(record["shifts"])
    with uow:
        if uow.master_records.work_centre(work_centre.code):
            raise MasterDataConflict(f"work centre {work_centre.code} exists")
        uow.master_records.put_work_centre(record, new=True)
        masterdata.audit(uow, WORK_CENTRE, (work_centre.code,),
                         company_id=work_centre.company_id, action="created",
                         actor=actor.username, before=None, after=record)
        uow.commit()
    return WorkCentreMaster(**record)


def change_work_centre(actor: Actor, code: str, change: WorkCentreChange,
                       uow) -> WorkCentreMaster:
    with uow:
        before = uow.master_records.work_centre(code)
        if before is None or not actor.may_see(before["company_id"]):
            raise MasterRecordNotFound(f"work centre {code} not found")
        after = {**before, **change.model_dump(exclude_none=True)}
        _check_shifts(after["shifts"])
        uow.master_records.put_work_centre(after, new=False)
        masterdata.audit(uow, WORK_CENTRE, (code,), company_id=after["company_id"],
                         action="changed", actor=actor.username, before=before, after=after)
        uow.commit()
    return WorkCentreMaster(**after)


def supplier_changed(event: EventEnvelope, payload: SupplierChanged, uow) -> None:
    """Planning's copy of an approved supplier's lead times (PLN-2): a material's lead time
    is the shortest of its approved suppliers'."""
    leads = {} if payload.retired or not payload.approved else \
        {lead.material_code: lead.lead_days for lead in payload.leads}
    with uow:
        touched = uow.master_records.replace_supplier_leads(payload.supplier_code, leads)
        uow.master_records.refresh_lead_days(touched)
        uow.commit()
