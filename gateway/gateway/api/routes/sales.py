"""Sales: customer orders from receipt to production instruction (SAL-1..7, ORD-1..3)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from contracts.events.sales import OrderStatus
from contracts.rpc.common import BusinessNo
from contracts.rpc.sales import (
    API,
    ContractCreate,
    CustomerPublic,
    DateAgreement,
    DeclineCreate,
    OrderCreate,
    OrderPublic,
    PaymentCreate,
)
from gateway.api.deps import (
    ActorDep,
    CurrentUser,
    PageAfterQuery,
    PageLimitQuery,
    ServicesDep,
    ensure_company,
    require_roles,
)
from gateway.api.openapi import refusals
from gateway.api.reads import read_through
from gateway.core.telemetry import tag_order

SALES_ROLES = ("sales", "general_manager", "group_general_manager")
router = APIRouter(prefix="/sales", tags=["sales"], dependencies=[require_roles(*SALES_ROLES)])
GM_ONLY = [require_roles("general_manager", "group_general_manager")]


@router.post("/orders", status_code=status.HTTP_201_CREATED, response_model=OrderPublic,
             responses=refusals(API["receive_order"]))
async def create_order(order: OrderCreate, user: CurrentUser, actor: ActorDep,
                       services: ServicesDep) -> OrderPublic:
    """Record a customer order with its lines (SAL-1); the company must be one of yours."""
    ensure_company(user, order.company_id)
    created = await services.sales.receive_order(actor, order)
    tag_order(created.order_no)
    return created


@router.get("/orders", response_model=list[OrderPublic], responses=refusals(API["list_orders"]))
async def list_orders(actor: ActorDep, services: ServicesDep,
                      status: OrderStatus | None = None,
                      limit: PageLimitQuery = 100,
                      after: PageAfterQuery = None) -> list[OrderPublic]:
    """Orders of your companies, newest first, optionally by status; `after` an order no."""
    return await services.sales.list_orders(actor, status, limit, after)


@router.get("/orders/{order_no}", response_model=OrderPublic,
            responses=refusals(API["get_order"]))
async def read_order(order_no: BusinessNo, actor: ActorDep, services: ServicesDep,
                     request: Request) -> OrderPublic:
    """One order as sales recorded it."""
    tag_order(order_no)
    return await read_through(request, "order", order_no,
                              lambda _: services.sales.get_order(actor, order_no))


@router.post("/orders/{order_no}/review", response_model=OrderPublic,
             responses=refusals(API["review_order"]))
async def review_order(order_no: BusinessNo, actor: ActorDep,
                       services: ServicesDep) -> OrderPublic:
    """Review the order against planning's feasibility (SAL-2/3)."""
    tag_order(order_no)
    return await services.sales.review_order(actor, order_no)


@router.post("/orders/{order_no}/agree-date", response_model=OrderPublic,
             responses=refusals(API["agree_date"]))
async def agree_date(order_no: BusinessNo, agreement: DateAgreement, actor: ActorDep,
                     services: ServicesDep) -> OrderPublic:
    """Record that the customer accepted a later, feasible date (SAL-4)."""
    tag_order(order_no)
    return await services.sales.agree_date(actor, order_no, agreement)


@router.post("/orders/{order_no}/decline", response_model=OrderPublic, dependencies=GM_ONLY,
             responses=refusals(API["decline_order"]))
async def decline_order(order_no: BusinessNo, decline: DeclineCreate, actor: ActorDep,
                        services: ServicesDep) -> OrderPublic:
    """Decline the order with a reason; general manager only (SAL-4)."""
    tag_order(order_no)
    return await services.sales.decline_order(actor, order_no, decline)


@router.post("/orders/{order_no}/sign-off", response_model=OrderPublic, dependencies=GM_ONLY,
             responses=refusals(API["sign_off_repeat"]))
async def sign_off_repeat(order_no: BusinessNo, actor: ActorDep,
                          services: ServicesDep) -> OrderPublic:
    """Sign off a repeat order without a review; general manager only (ORD-3)."""
    tag_order(order_no)
    return await services.sales.sign_off_repeat(actor, order_no)


@router.post("/orders/{order_no}/quote", response_model=OrderPublic,
             responses=refusals(API["quote_order"]))
async def quote_order(order_no: BusinessNo, actor: ActorDep, services: ServicesDep) -> OrderPublic:
    """Price the order from the price list, with the non-regular surcharge (SAL-5)."""
    tag_order(order_no)
    return await services.sales.quote_order(actor, order_no)


@router.post("/orders/{order_no}/contract", response_model=OrderPublic,
             responses=refusals(API["sign_contract"]))
async def sign_contract(order_no: BusinessNo, contract: ContractCreate, actor: ActorDep,
                        services: ServicesDep) -> OrderPublic:
    """Record the contract the customer signed (SAL-6)."""
    tag_order(order_no)
    return await services.sales.sign_contract(actor, order_no, contract)


@router.post("/orders/{order_no}/payments", status_code=status.HTTP_201_CREATED,
             response_model=OrderPublic, responses=refusals(API["record_payment"]))
async def record_payment(order_no: BusinessNo, payment: PaymentCreate, actor: ActorDep,
                         services: ServicesDep) -> OrderPublic:
    """Record a customer payment; the deposit makes the order effective (SAL-6/10)."""
    tag_order(order_no)
    return await services.sales.record_payment(actor, order_no, payment)


@router.post("/orders/{order_no}/production-instruction", response_model=OrderPublic,
             responses=refusals(API["issue_production_instruction"]))
async def issue_production_instruction(order_no: BusinessNo, actor: ActorDep,
                                       services: ServicesDep) -> OrderPublic:
    """Issue the production instruction to planning (SAL-7)."""
    tag_order(order_no)
    return await services.sales.issue_production_instruction(actor, order_no)


@router.get("/customers", response_model=list[CustomerPublic],
            responses=refusals(API["list_customers"]))
async def list_customers(actor: ActorDep, services: ServicesDep) -> list[CustomerPublic]:
    """The customer master of your companies."""
    return await services.sales.list_customers(actor)
