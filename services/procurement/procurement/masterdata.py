"""Procurement's master data use cases (issue 17): materials and the supplier list with the
approved supplier list (合格供方名录, PRC-2). Every change is audited and told to the
services that keep a copy (procurement.supplier_changed: planning's lead times, PLN-2)
through the outbox, in the transaction of the change.

Suppliers are the group's (one approved list for every company, as today's seed).
A retired supplier leaves the approved list; its purchase orders stay as placed.
"""

from __future__ import annotations

from contracts.events.procurement import SupplierChanged, SupplierLead
from contracts.rpc.common import Actor
from contracts.rpc.masterdata import ImportReport
from contracts.rpc.procurement_masterdata import (
    MaterialRecord,
    SupplierChange,
    SupplierMaster,
    SupplierPage,
    SupplierRecord,
)
from procurement.domain.errors import (
    MasterDataConflict,
    MasterDataRejected,
    MasterRecordNotFound,
)
from servicekit import masterdata

MATERIAL, SUPPLIER = "material", "supplier"
GROUP = "GROUP"  # the envelope's company of group-wide master data


def create_material(actor: Actor, material: MaterialRecord, uow) -> MaterialRecord:
    with uow:
        if uow.master_data.material(material.material_code):
            raise MasterDataConflict(f"material {material.material_code} exists")
        uow.master_data.add_material(material.model_dump())
        masterdata.audit(uow, MATERIAL, (material.material_code,), company_id=None,
                         action="created", actor=actor.username, before=None,
                         after=material.model_dump())
        uow.commit()
    return material


def search_suppliers(actor: Actor, search, approved_only, offset, limit, uow) -> SupplierPage:
    with uow:
        rows, total = uow.master_data.search_suppliers(search=search,
                                                       approved_only=approved_only,
                                                       offset=offset, limit=limit)
    return SupplierPage(items=[SupplierMaster(**row) for row in rows], total=total,
                        offset=offset, limit=limit)


def _check_offers(uow, offers: list[dict]) -> None:
    unknown = sorted({o["material_code"] for o in offers
                      if uow.master_data.material(o["material_code"]) is None})
    if unknown:
        raise MasterDataRejected(f"unknown materials {unknown}: create them first")
    codes = [o["material_code"] for o in offers]
    if len(codes) != len(set(codes)):
        raise MasterDataRejected("a material is offered twice")


def _saved(actor: Actor, uow, action: str, before: dict | None, after: dict) -> SupplierMaster:
    uow.master_data.put_supplier(after, new=before is None)
    masterdata.audit(uow, SUPPLIER, (after["supplier_code"],), company_id=None, action=action,
                     actor=actor.username, before=before, after=after)
    uow.emit("procurement.supplier_changed", SupplierChanged(
        supplier_code=after["supplier_code"], approved=after["approved"],
        retired=after["retired"],
        leads=[SupplierLead(material_code=o["material_code"], lead_days=o["lead_days"])
               for o in after["offers"]]), company_id=GROUP)
    return SupplierMaster(**after)


def create_supplier(actor: Actor, supplier: SupplierRecord, uow) -> SupplierMaster:
    """PRC-2: on the approved list when `approved` (from `approved_on`, for `scope`)."""
    after = {**supplier.model_dump(), "retired": False}
    with uow:
        if uow.master_data.supplier(supplier.supplier_code):
            raise MasterDataConflict(f"supplier {supplier.supplier_code} exists")
        _check_offers(uow, after["offers"])
        saved = _saved(actor, uow, "created", None, after)
        uow.commit()
    return saved


def change_supplier(actor: Actor, supplier_code: str, change: SupplierChange,
                    uow) -> SupplierMaster:
    with uow:
        before = uow.master_data.supplier(supplier_code)
        if before is None:
            raise MasterRecordNotFound(f"supplier {supplier_code} not found")
        if before["retired"]:
            raise MasterDataConflict(f"supplier {supplier_code} is retired")
        after = {**before, **change.model_dump(exclude_none=True)}
        _check_offers(uow, after["offers"])
        saved = _saved(actor, uow, "changed", before, after)
        uow.commit()
    return saved


def import_suppliers(actor: Actor, suppliers: list[SupplierRecord], uow) -> ImportReport:
    """Every supplier or none, in one transaction; each is told to planning like any
    other change. A bad supplier is named with its reason."""
    problems, created, changed = [], 0, 0
    with uow:
        for supplier in suppliers:
            try:
                _check_offers(uow, [o.model_dump() for o in supplier.offers])
            except MasterDataRejected as exc:
                problems.append(f"{supplier.supplier_code}: {exc}")
        codes = [s.supplier_code for s in suppliers]
        problems += [f"{code}: repeated" for code in sorted({c for c in codes
                                                             if codes.count(c) > 1})]
        if problems:
            raise MasterDataRejected("; ".join(problems), {"suppliers": problems})
        for supplier in suppliers:
            before = uow.master_data.supplier(supplier.supplier_code)
            after = {**supplier.model_dump(), "retired": False}
            _saved(actor, uow, "imported", before, after)
            created, changed = created + (before is None), changed + (before is not None)
        uow.commit()
    return ImportReport(kind=SUPPLIER, rows=len(suppliers), created=created, changed=changed)


def retire_supplier(actor: Actor, supplier_code: str, uow) -> SupplierMaster:
    with uow:
        before = uow.master_data.supplier(supplier_code)
        if before is None:
            raise MasterRecordNotFound(f"supplier {supplier_code} not found")
        saved = SupplierMaster(**before)
        if not before["retired"]:
            saved = _saved(actor, uow, "retired", before,
                           {**before, "approved": False, "retired": True})
        uow.commit()
    return saved
