"""Sales: customer change notices and technical change notices, applied downstream as a
saga, with the order-line revisions they make (SAL-8, PLN-15); order follow-up and urge
notes (SAL-9)."""

from __future__ import annotations

from fastapi import APIRouter, status

from contracts.rpc.bounds import BoundedDate
from contracts.rpc.change_notices import (
    ChangeClassification,
    ChangeDateAgreement,
    ChangeDesignReview,
    ChangeNoticeCreate,
    ChangeNoticePublic,
    OrderRevisionPublic,
    SupplementaryContract,
)
from contracts.rpc.common import BusinessNo
from contracts.rpc.follow_ups import (
    DeliveryDateAgreement,
    FollowUpCheck,
    FollowUpOrderDate,
    FollowUpPublic,
    UrgeNoteCreate,
)
from contracts.rpc.sales import API
from gateway.api.deps import ActorDep, PageLimitQuery, ServicesDep, require_roles
from gateway.api.openapi import refusals
from gateway.api.routes.sales import SALES_ROLES
from gateway.core.telemetry import tag_order

router = APIRouter(prefix="/sales", tags=["sales"])
SALES = [require_roles(*SALES_ROLES)]
# design raises technical change notices (PLN-15) and re-reviews structural ones (SAL-8.3)
SALES_OR_DESIGN = [require_roles(*SALES_ROLES, "design")]


@router.post("/orders/{order_no}/changes", status_code=status.HTTP_201_CREATED,
             response_model=ChangeNoticePublic, dependencies=SALES_OR_DESIGN,
             responses=refusals(API["record_change"]))
async def record_change(order_no: BusinessNo, change: ChangeNoticeCreate, actor: ActorDep,
                        services: ServicesDep) -> ChangeNoticePublic:
    """Record a customer's (or design's technical) change notice; answer within 30 minutes
    (SAL-8, PLN-15)."""
    tag_order(order_no)
    return await services.sales.record_change(actor, order_no, change)


@router.get("/orders/{order_no}/changes", response_model=list[ChangeNoticePublic],
            dependencies=SALES_OR_DESIGN, responses=refusals(API["list_changes"]))
async def list_changes(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                       limit: PageLimitQuery = 100) -> list[ChangeNoticePublic]:
    """An order's change notices with each department's outcome, oldest first (SAL-8)."""
    return await services.sales.list_changes(actor, order_no, limit)


@router.get("/orders/{order_no}/revisions", response_model=list[OrderRevisionPublic],
            dependencies=SALES, responses=refusals(API["list_order_revisions"]))
async def list_order_revisions(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                               limit: PageLimitQuery = 100) -> list[OrderRevisionPublic]:
    """Every revision of the order's lines, the previous ones kept (SAL-8)."""
    return await services.sales.list_order_revisions(actor, order_no, limit)


@router.get("/changes/{change_no}", response_model=ChangeNoticePublic,
            dependencies=SALES_OR_DESIGN, responses=refusals(API["get_change"]))
async def read_change(change_no: BusinessNo, actor: ActorDep,
                      services: ServicesDep) -> ChangeNoticePublic:
    """One change notice: severity, reason, and which department refused and why (SAL-8)."""
    return await services.sales.get_change(actor, change_no)


@router.post("/changes/{change_no}/classification", response_model=ChangeNoticePublic,
             dependencies=SALES, responses=refusals(API["classify_change"]))
async def classify_change(change_no: BusinessNo, classification: ChangeClassification,
                          actor: ActorDep, services: ServicesDep) -> ChangeNoticePublic:
    """Answer a change with its severity and reason; severity 1 is applied at once (SAL-8)."""
    return await services.sales.classify_change(actor, change_no, classification)


@router.post("/changes/{change_no}/re-review", response_model=ChangeNoticePublic,
             dependencies=SALES, responses=refusals(API["rereview_change"]))
async def rereview_change(change_no: BusinessNo, actor: ActorDep,
                          services: ServicesDep) -> ChangeNoticePublic:
    """Re-review a severity-2 change's date against the live plan (SAL-8.2, PLN-2)."""
    return await services.sales.rereview_change(actor, change_no)


@router.post("/changes/{change_no}/customer-agreement", response_model=ChangeNoticePublic,
             dependencies=SALES, responses=refusals(API["agree_change_date"]))
async def agree_change_date(change_no: BusinessNo, agreement: ChangeDateAgreement,
                            actor: ActorDep, services: ServicesDep) -> ChangeNoticePublic:
    """Record the customer's agreement to the new date; the change is issued (SAL-8.2)."""
    return await services.sales.agree_change_date(actor, change_no, agreement)


@router.post("/changes/{change_no}/design-review", response_model=ChangeNoticePublic,
             dependencies=[require_roles("design", "group_general_manager")],
             responses=refusals(API["review_change_design"]))
async def review_change_design(change_no: BusinessNo, review: ChangeDesignReview,
                               actor: ActorDep, services: ServicesDep) -> ChangeNoticePublic:
    """Design re-reviews a structural change as a non-regular order (SAL-8.3, SAL-3)."""
    return await services.sales.review_change_design(actor, change_no, review)


@router.post("/changes/{change_no}/supplementary-contract", response_model=ChangeNoticePublic,
             dependencies=SALES, responses=refusals(API["sign_supplementary_contract"]))
async def sign_supplementary_contract(change_no: BusinessNo, contract: SupplementaryContract,
                                      actor: ActorDep,
                                      services: ServicesDep) -> ChangeNoticePublic:
    """Record the signed supplementary contract with the price increase; the change is
    issued (SAL-8.3, SAL-5)."""
    return await services.sales.sign_supplementary_contract(actor, change_no, contract)


# -- order follow-up (SAL-9) ----------------------------------------------------------------
@router.get("/follow-ups", response_model=list[FollowUpPublic], dependencies=SALES,
            responses=refusals(API["list_follow_ups"]))
async def list_follow_ups(on: BoundedDate, actor: ActorDep, services: ServicesDep,
                          limit: PageLimitQuery = 100) -> list[FollowUpPublic]:
    """Follow-up tasks open on a day: 2-3 working days before each confirmed date (SAL-9)."""
    return await services.sales.list_follow_ups(actor, on, limit)


@router.post("/orders/{order_no}/follow-up", response_model=FollowUpPublic, dependencies=SALES,
             responses=refusals(API["record_follow_up"]))
async def record_follow_up(order_no: BusinessNo, check: FollowUpCheck, actor: ActorDep,
                           services: ServicesDep) -> FollowUpPublic:
    """Record the check of the order's real progress against its confirmed date (SAL-9)."""
    return await services.sales.record_follow_up(actor, order_no, check)


@router.post("/orders/{order_no}/urge-note", response_model=FollowUpPublic, dependencies=SALES,
             responses=refusals(API["issue_urge_note"]))
async def issue_urge_note(order_no: BusinessNo, urge: UrgeNoteCreate, actor: ActorDep,
                          services: ServicesDep) -> FollowUpPublic:
    """Tell the customer the new date and send the urge note with its final deadline
    (SAL-9)."""
    return await services.sales.issue_urge_note(actor, order_no, urge)


@router.post("/orders/{order_no}/delivery-date", response_model=FollowUpOrderDate,
             dependencies=SALES, responses=refusals(API["agree_delivery_date"]))
async def agree_delivery_date(order_no: BusinessNo, agreement: DeliveryDateAgreement,
                              actor: ActorDep, services: ServicesDep) -> FollowUpOrderDate:
    """Record the later delivery date the customer agreed after the plan moved (PRC-7)."""
    tag_order(order_no)
    return await services.sales.agree_delivery_date(actor, order_no, agreement)
