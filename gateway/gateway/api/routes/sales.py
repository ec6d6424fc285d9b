"""Sales: customer orders from receipt to production instruction (SAL-1..7, ORD-1..3)."""

from __future__ import annotations

from fastapi import APIRouter, Query, status

from contracts.rpc.sales import (
    ContractCreate,
    DateAgreement,
    DeclineCreate,
    OrderCreate,
    OrderPublic,
    PaymentCreate,
)
from gateway.api.deps import ActorDep, CurrentUser, ServicesDep, ensure_company, require_roles
from gateway.core.telemetry import tag_order

SALES_ROLES = ("sales", "general_manager", "group_general_manager")
router = APIRouter(prefix="/sales", tags=["sales"], dependencies=[require_roles(*SALES_ROLES)])
GM_ONLY = [require_roles("general_manager", "group_general_manager")]


@router.post("/orders", status_code=status.HTTP_201_CREATED, response_model=OrderPublic)
async def create_order(order: OrderCreate, user: CurrentUser, actor: ActorDep,
                       services: ServicesDep) -> dict:
    """Record a customer order with its lines (SAL-1); the company must be one of yours."""
    ensure_company(user, order.company_id)
    created = await services.call("sales", "receive_order", actor, order.model_dump(mode="json"))
    tag_order(created["order_no"])
    return created


@router.get("/orders", response_model=list[OrderPublic])
async def list_orders(actor: ActorDep, services: ServicesDep,
                      status: str | None = Query(default=None, max_length=32),
                      limit: int = Query(default=100, ge=1, le=1000)) -> list:
    """Orders of your companies, newest first, optionally by status."""
    return await services.call("sales", "list_orders", actor, status, limit)


@router.get("/orders/{order_no}", response_model=OrderPublic)
async def read_order(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """One order as sales recorded it."""
    tag_order(order_no)
    return await services.call("sales", "get_order", actor, order_no)


@router.post("/orders/{order_no}/review", response_model=OrderPublic)
async def review_order(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Review the order against planning's feasibility (SAL-2/3)."""
    tag_order(order_no)
    return await services.call("sales", "review_order", actor, order_no)


@router.post("/orders/{order_no}/agree-date", response_model=OrderPublic)
async def agree_date(order_no: str, agreement: DateAgreement, actor: ActorDep,
                     services: ServicesDep) -> dict:
    """Record that the customer accepted a later, feasible date (SAL-4)."""
    tag_order(order_no)
    return await services.call("sales", "agree_date", actor, order_no,
                               agreement.model_dump(mode="json"))


@router.post("/orders/{order_no}/decline", response_model=OrderPublic, dependencies=GM_ONLY)
async def decline_order(order_no: str, decline: DeclineCreate, actor: ActorDep,
                        services: ServicesDep) -> dict:
    """Decline the order with a reason; general manager only (SAL-4)."""
    tag_order(order_no)
    return await services.call("sales", "decline_order", actor, order_no,
                               decline.model_dump(mode="json"))


@router.post("/orders/{order_no}/sign-off", response_model=OrderPublic, dependencies=GM_ONLY)
async def sign_off_repeat(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Sign off a repeat order without a review; general manager only (ORD-3)."""
    tag_order(order_no)
    return await services.call("sales", "sign_off_repeat", actor, order_no)


@router.post("/orders/{order_no}/quote", response_model=OrderPublic)
async def quote_order(order_no: str, actor: ActorDep, services: ServicesDep) -> dict:
    """Price the order from the price list, with the non-regular surcharge (SAL-5)."""
    tag_order(order_no)
    return await services.call("sales", "quote_order", actor, order_no)


@router.post("/orders/{order_no}/contract", response_model=OrderPublic)
async def sign_contract(order_no: str, contract: ContractCreate, actor: ActorDep,
                        services: ServicesDep) -> dict:
    """Record the contract the customer signed (SAL-6)."""
    tag_order(order_no)
    return await services.call("sales", "sign_contract", actor, order_no,
                               contract.model_dump(mode="json"))


@router.post("/orders/{order_no}/payments", status_code=status.HTTP_201_CREATED,
             response_model=OrderPublic)
async def record_payment(order_no: str, payment: PaymentCreate, actor: ActorDep,
                         services: ServicesDep) -> dict:
    """Record a customer payment; the deposit makes the order effective (SAL-6/10)."""
    tag_order(order_no)
    return await services.call("sales", "record_payment", actor, order_no,
                               payment.model_dump(mode="json"))


@router.post("/orders/{order_no}/production-instruction", response_model=OrderPublic)
async def issue_production_instruction(order_no: str, actor: ActorDep,
                                       services: ServicesDep) -> dict:
    """Issue the production instruction to planning (SAL-7)."""
    tag_order(order_no)
    return await services.call("sales", "issue_production_instruction", actor, order_no)


@router.get("/customers", response_model=list[dict])
async def list_customers(actor: ActorDep, services: ServicesDep) -> list:
    """The customer master of your companies."""
    return await services.call("sales", "list_customers", actor)
