"""Sales' master data use cases (issue 17): the customer master and the dated price list,
kept through the gateway by sales, each change audited in its own transaction.

A customer is retired, never deleted: the orders that reference it stay as they were. A
price applies from its effective date on (SAL-5): today's quotations use the version in
force today; a version already in force is history and is not rewritten.
"""

from __future__ import annotations

from contracts.rpc.common import Actor
from contracts.rpc.masterdata import ImportReport, MasterDataChange
from contracts.rpc.sales_masterdata import (
    CustomerChange,
    CustomerMaster,
    CustomerPage,
    CustomerRecord,
    PricePublic,
    PriceRecord,
)
from sales.domain.errors import (
    MasterDataConflict,
    MasterDataNotAllowed,
    MasterDataRejected,
    MasterRecordNotFound,
)
from servicekit import clock, masterdata

CUSTOMER = "customer"
PRICE = "price"
KINDS = (CUSTOMER, PRICE)


def _may_keep(actor: Actor, company_id: str) -> None:
    if not actor.may_see(company_id):
        raise MasterDataNotAllowed(f"{actor.username} keeps no master data of company "
                                   f"{company_id}")


def _existing_customer(actor: Actor, uow, company_id: str, customer_code: str) -> dict:
    found = uow.master_data.customer(company_id, customer_code)
    if found is None or not actor.may_see(company_id):
        raise MasterRecordNotFound(f"customer {customer_code} not found in {company_id}")
    return found


def search_customers(actor: Actor, search, company_id, include_retired, offset, limit,
                     uow) -> CustomerPage:
    with uow:
        rows, total = uow.master_data.search_customers(
            actor.companies, search=search, company_id=company_id,
            include_retired=include_retired, offset=offset, limit=limit)
    return CustomerPage(items=[CustomerMaster(**row) for row in rows], total=total,
                        offset=offset, limit=limit)


def create_customer(actor: Actor, customer: CustomerRecord, uow) -> CustomerMaster:
    _may_keep(actor, customer.company_id)
    record = {**customer.model_dump(), "retired": False}
    with uow:
        if uow.master_data.customer(customer.company_id, customer.customer_code):
            raise MasterDataConflict(f"customer {customer.customer_code} exists in "
                                     f"{customer.company_id}")
        uow.master_data.add_customer(record)
        masterdata.audit(uow, CUSTOMER, (customer.company_id, customer.customer_code),
                         company_id=customer.company_id, action="created",
                         actor=actor.username, before=None, after=record)
        uow.commit()
    return CustomerMaster(**record)


def change_customer(actor: Actor, company_id: str, customer_code: str, change: CustomerChange,
                    uow) -> CustomerMaster:
    """Orders already taken keep the grade and name they were taken with (sales_order)."""
    with uow:
        before = _existing_customer(actor, uow, company_id, customer_code)
        if before["retired"]:
            raise MasterDataConflict(f"customer {customer_code} is retired")
        after = {**before, **change.model_dump(exclude_none=True)}
        uow.master_data.save_customer(after)
        masterdata.audit(uow, CUSTOMER, (company_id, customer_code), company_id=company_id,
                         action="changed", actor=actor.username, before=before, after=after)
        uow.commit()
    return CustomerMaster(**after)


def retire_customer(actor: Actor, company_id: str, customer_code: str, uow) -> CustomerMaster:
    with uow:
        before = _existing_customer(actor, uow, company_id, customer_code)
        after = {**before, "retired": True}
        if not before["retired"]:
            uow.master_data.save_customer(after)
            masterdata.audit(uow, CUSTOMER, (company_id, customer_code),
                             company_id=company_id, action="retired", actor=actor.username,
                             before=before, after=after)
        uow.commit()
    return CustomerMaster(**after)


def import_customers(actor: Actor, customers: list[CustomerRecord], uow) -> ImportReport:
    """Every row or none, in one transaction; a bad row is named with its reason (rows
    are numbered from 1 as sent; a workbook's header row comes before row 1)."""
    problems, seen = [], {}
    for number, customer in enumerate(customers, start=1):
        key = (customer.company_id, customer.customer_code)
        if not actor.may_see(customer.company_id):
            problems.append(f"row {number}: you keep no customers of {customer.company_id}")
        if key in seen:
            problems.append(f"row {number}: {customer.customer_code} repeats row {seen[key]}")
        seen.setdefault(key, number)
    if problems:
        raise MasterDataRejected("; ".join(problems), {"rows": problems})
    created = changed = 0
    with uow:
        for customer in customers:
            key = (customer.company_id, customer.customer_code)
            before = uow.master_data.customer(*key)
            after = {**customer.model_dump(), "retired": False}
            if before is None:
                uow.master_data.add_customer(after)
                created += 1
            elif before == after:
                continue
            else:
                uow.master_data.save_customer(after)
                changed += 1
            masterdata.audit(uow, CUSTOMER, key, company_id=customer.company_id,
                             action="imported", actor=actor.username, before=before,
                             after=after)
        uow.commit()
    return ImportReport(kind=CUSTOMER, rows=len(customers), created=created, changed=changed)


def set_price(actor: Actor, price: PriceRecord, uow) -> PricePublic:
    """SAL-5: a version from today or later; one already in force is not rewritten."""
    _may_keep(actor, price.company_id)
    if price.effective_from < clock.today():
        raise MasterDataRejected(f"a price effective from {price.effective_from} is history: "
                                 "enter a new version from today or later")
    record = price.model_dump()
    key = (price.company_id, price.product_code, price.effective_from)
    with uow:
        before = uow.master_data.price_version(*key)
        uow.master_data.put_price(record)
        masterdata.audit(uow, PRICE, key, company_id=price.company_id,
                         action="changed" if before else "created", actor=actor.username,
                         before=before, after=record)
        uow.commit()
    return PricePublic(**record)


def list_prices(actor: Actor, company_id: str, product_code, offset, limit,
                uow) -> list[PricePublic]:
    if not actor.may_see(company_id):
        return []
    with uow:
        return [PricePublic(**row) for row in uow.master_data.price_versions(
            company_id, product_code, offset=offset, limit=limit)]


def master_data_changes(actor: Actor, kind: str, key: str, offset, limit,
                        uow) -> list[MasterDataChange]:
    if kind not in KINDS:
        raise MasterDataRejected(f"sales keeps no master data of kind {kind!r}; "
                                 f"kinds: {', '.join(KINDS)}")
    if not actor.may_see(key.split(masterdata.KEY_SEPARATOR, 1)[0]):
        return []  # the key starts with the company
    with uow:
        return [MasterDataChange(**change) for change in
                masterdata.changes(uow, kind, key.split(masterdata.KEY_SEPARATOR),
                                   offset=offset, limit=limit)]
