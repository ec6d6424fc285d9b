"""Co-production instructions (协作指令, CO-1, PLN-12, CO-2): use cases.

- **Issue** (PLN-1, CO-1): when a planner publishes a plan, each material request for a part a
  sister makes (master data: `planning_co_produced_part`) becomes a co-production
  instruction `CI-<requester>-<seq>` to the maker, with the drawings and the inter-company
  price, instead of a request to procurement; the request waits for it (`ordered`, the
  instruction's number in place of a PO's). `planning.co_production_instructed` tells the
  maker (its planning and its shipping). The requester's CO-1 limit opens: delivered by the
  close of the day the part is first needed, held by the requester's planning leader, so a
  late delivery escalates to the requester's general manager (CO-2).
- **Plan at the maker**: the instruction is the maker's own order of work, numbered by
  the instruction: the maker's planning places it with the same engine on the maker's work
  centres and calendar (service_co_production calls inbound.production_instruction_issued
  with `as_instruction`), buys its materials through procurement, has them inspected by its
  quality, produces, passes final inspection and stocks the plated/coated part; the
  maker's shipping ships it to the requester's store (logistics keeps the instruction as
  its order copy).
- **Complete** (PLN-12): `logistics.shipment_delivered` of an instruction puts the part in
  the requester's store: the request is available (source `co_production`), the
  requester's work orders become ready once all their materials are in, CO-1 is met.
"""

from __future__ import annotations

import logging
from datetime import datetime

from contracts.envelope import EventEnvelope
from contracts.events.co_production import CoProductionInstructed
from contracts.events.logistics import ShipmentDelivered
from contracts.events.sales import ConfirmedLine
from contracts.events.sales import ProductionInstructionIssued as Instruction
from contracts.rpc.co_production import CoProductionPublic
from contracts.rpc.common import Actor, JourneyStage
from planning.domain import co_production as model
from planning.domain.co_production import CoProductionInstruction
from planning.domain.errors import NotInPlanning
from planning.domain.plan import MaterialRequest, Plan
from servicekit.journeys import stage
from servicekit.timelimits import X1_TIME_LIMITS
from servicekit.workcalendar import DEFAULT_CALENDAR

log = logging.getLogger(__name__)

CO1 = X1_TIME_LIMITS["CO-1.co_production_delivery"]
# The maker's sequencing grade of a sister's work (PLN-5): the requester's customer is not
# the maker's; a sister's instruction ranks as a B-grade customer's order.
MAKER_GRADE = "B"


# -- issue (PLN-1, CO-1) ------------------------------------------------------------------------
def instruct_sisters(uow, plan: Plan, now: datetime) -> list[MaterialRequest]:
    """At publishing (PLN-1), each request of the plan for a part a sister makes becomes a
    co-production instruction to it (CO-1); the requests left are procurement's (PLN-4)."""
    for_procurement, parts, instructed = [], uow.co_produced.all(), False
    for request in plan.material_requests:
        part = parts.get(request.material_code)
        if part is None or part.maker_company_id == plan.company_id:
            for_procurement.append(request)
            continue
        instruction = CoProductionInstruction(
            instruction_no=uow.numbers.next(model.PREFIX, plan.company_id),
            requester_company_id=plan.company_id, requester_order_no=plan.order_no,
            request_no=request.request_no, maker_company_id=part.maker_company_id,
            material_code=part.material_code, quantity=request.quantity,
            needed_by=request.needed_by, unit_price=part.unit_price, currency=part.currency,
            delivery_place=model.delivery_place(plan.company_id), issued_at=now,
            drawings=list(part.drawings))
        # the instruction stands where a PO would: the part is due the day it is first used
        request.ordered(instruction.instruction_no, request.needed_by, now)
        instructed = True
        uow.co_production.add(instruction)
        uow.deadlines.open(
            CO1, subject=model.deadline_subject(instruction.instruction_no),
            company_id=plan.company_id, order_no=plan.order_no, opened_at=now,
            anchor=DEFAULT_CALENDAR.start_of_business(instruction.needed_by),
            held_by="department_leader",  # CO-2: late, it goes to the requester's GM
            detail=f"{instruction.instruction_no}, {request.quantity.normalize():f} "
                   f"{part.material_code} from {part.maker_company_id}, needed "
                   f"{instruction.needed_by.isoformat()}")
        uow.emit("planning.co_production_instructed", CoProductionInstructed(
            instruction_no=instruction.instruction_no,
            requester_company_id=plan.company_id, requester_order_no=plan.order_no,
            request_no=request.request_no, maker_company_id=part.maker_company_id,
            product_code=part.material_code, quantity=request.quantity,
            needed_by=instruction.needed_by, drawings=list(part.drawings),
            unit_price=part.unit_price, currency=part.currency,
            delivery_place=instruction.delivery_place,
            issued_by=plan.published_by or "planning", issued_at=now,
        ), company_id=part.maker_company_id, order_no=instruction.instruction_no)
    if instructed:
        uow.plans.save(plan)
    return for_procurement


def as_instruction(payload: CoProductionInstructed) -> Instruction:
    """The maker's production instruction for a co-production instruction: its own order of
    work, numbered by the instruction, needed by the requester's date (CO-1)."""
    return Instruction(
        order_no=payload.instruction_no, instruction_no=payload.instruction_no,
        customer_grade=MAKER_GRADE, complete_set=False, non_regular=False,
        lines=[ConfirmedLine(line_no=1, product_code=payload.product_code,
                             quantity=payload.quantity, confirmed_date=payload.needed_by)],
        issued_at=payload.issued_at)


# -- complete: delivered into the requester's store (PLN-12) ------------------------------------
def shipment_delivered(event: EventEnvelope, payload: ShipmentDelivered, uow) -> None:
    """PLN-12: the maker's delivery of an instruction is the part in the requester's store.
    A customer's delivery is no concern of planning's: acknowledged, nothing else."""
    with uow:
        instruction = uow.co_production.get(payload.order_no, for_update=True)
        if instruction is not None and instruction.delivered(
                payload.shipment_no, payload.received_by, payload.delivered_at):
            uow.co_production.save(instruction)
            plan = uow.plans.for_order(instruction.requester_order_no, for_update=True)
            request = plan.request(instruction.request_no) if plan else None
            if request is None:
                log.warning("co-production %s delivered, but order %s has no request %s",
                            instruction.instruction_no, instruction.requester_order_no,
                            instruction.request_no)
            else:
                request.arrived(model.SOURCE, payload.delivered_at)
                plan.refresh_readiness(payload.delivered_at)
                uow.plans.save(plan)
            uow.deadlines.meet(CO1, model.deadline_subject(instruction.instruction_no),
                               at=payload.delivered_at)
        uow.commit()


# -- reads ----------------------------------------------------------------------------------------
def _public(instruction: CoProductionInstruction, uow) -> CoProductionPublic:
    maker_plan = uow.plans.for_order(instruction.instruction_no)
    status = instruction.status
    if status == model.ISSUED and maker_plan is not None:
        status = model.PLANNED
    return CoProductionPublic(**{**instruction.__dict__, "status": status,
                                 "maker_plan_no": maker_plan.plan_no if maker_plan else None})


def _visible(actor: Actor, instruction: CoProductionInstruction | None) -> bool:
    return instruction is not None and (actor.may_see(instruction.requester_company_id)
                                        or actor.may_see(instruction.maker_company_id))


def list_co_production(actor: Actor, order_no: str | None, limit: int, uow
                       ) -> list[CoProductionPublic]:
    with uow:
        return [_public(i, uow) for i in uow.co_production.list(actor.companies, order_no,
                                                                 limit)]


def get_co_production(actor: Actor, instruction_no: str, uow) -> CoProductionPublic:
    with uow:
        instruction = uow.co_production.get(instruction_no)
        if not _visible(actor, instruction):
            raise NotInPlanning(f"no co-production instruction {instruction_no}")
        return _public(instruction, uow)


def journey(actor: Actor, order_no: str, uow) -> list[JourneyStage]:
    """The requester's order: a stage per instruction it raised (the maker's own stages are
    its sub-journey, assembled by the gateway). The instruction itself, to its maker: where
    it came from and where it goes."""
    with uow:
        stages = [_stage(i, f"co-production at {i.maker_company_id}")
                  for i in uow.co_production.for_order(order_no)
                  if actor.may_see(i.requester_company_id)]
        own = uow.co_production.get(order_no)
        if own is not None and actor.may_see(own.maker_company_id):
            stages.append(_stage(own, f"co-production instruction from "
                                      f"{own.requester_company_id}"))
    return stages


def _stage(instruction: CoProductionInstruction, name: str) -> JourneyStage:
    delivered = instruction.status == model.DELIVERED
    return stage(
        "planning", name, "done" if delivered else "in_progress", instruction.issued_at,
        ended_at=instruction.delivered_at,
        refs={"instruction_no": instruction.instruction_no,
              "maker_company_id": instruction.maker_company_id,
              "material_code": instruction.material_code,
              "shipment_no": instruction.shipment_no},
        summary=(f"{instruction.quantity.normalize():f} {instruction.material_code} "
                 f"(drawings {', '.join(instruction.drawings) or 'none'}), needed "
                 f"{instruction.needed_by.isoformat()} in {instruction.delivery_place}"
                 + (f"; delivered, received by {instruction.received_by} (PLN-12)"
                    if delivered else "")))
