"""Time limits of the order-to-delivery process (rule X-1), as pure descriptions.

A :class:`TimeLimit` says how long after an event (``anchor="after"``) or how long
before a date (``anchor="before"``) something must be done; :func:`due_at` turns it
into a deadline on a :class:`~servicekit.workcalendar.WorkCalendar`.

Units:

* ``"minutes"``, ``"hours"``: clock time (every minute counts, nights and holidays too).
* ``"working_minutes"``, ``"working_hours"``: shift time only (see
  ``WorkCalendar.add_working_hours``): an event outside working hours starts the clock
  at the next shift, and lunch breaks, nights and days off do not count.
* ``"working_days"``: whole working days, same local time of day.
* ``"calendar_days"``: whole calendar days, same local time of day.
* ``"end_of_working_day"``: close of business of the working day the event falls in
  (the next one if it happens outside working time), plus ``amount`` further working
  days; ``amount=0`` means "the same day" (当天).

The catalogue :data:`X1_TIME_LIMITS` records, for each limit in the company's
documents (``/work/shared/seed/order-and-production-process.zh.txt``), the Chinese
phrase it is based on and whether it is read as clock or working time.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Literal

from servicekit.workcalendar import DEFAULT_CALENDAR, WorkCalendar

__all__ = [
    "ANCHORS",
    "UNITS",
    "X1_TIME_LIMITS",
    "TimeLimit",
    "due_at",
    "due_is_estimated",
    "window_opens_at",
]

Unit = Literal[
    "minutes",
    "hours",
    "working_minutes",
    "working_hours",
    "working_days",
    "calendar_days",
    "end_of_working_day",
]
Anchor = Literal["after", "before"]

UNITS: frozenset[str] = frozenset(Unit.__args__)  # type: ignore[attr-defined]
ANCHORS: frozenset[str] = frozenset(Anchor.__args__)  # type: ignore[attr-defined]

_DAY_UNITS = frozenset({"working_days", "calendar_days", "end_of_working_day"})


@dataclass(frozen=True)
class TimeLimit:
    """A time limit of a business rule.

    ``amount`` is in ``unit``; day units need a whole number.  ``anchor="after"``
    measures from an event (a request received, an order effective); ``"before"``
    counts back from a date (a due date, a delivery date).  For a range such as
    "提前2-3天" ``amount`` is the binding (latest) bound and ``window_opens`` the
    other one: the moment the window opens.  ``source_zh`` quotes the document.
    ``tracked`` says that a service opens it as a deadline (and a test shows it breaches);
    ``False`` means "not tracked yet" (``tests/contract/test_time_limit_catalog.py`` keeps
    both readings true). ``key`` is the catalogue key (``"LOG-1.packaging_notice_set"``),
    set by the catalogue: deadlines are found by it, since two limits may share a rule id
    (LOG-1's complete sets and other products); a limit outside the catalogue uses its
    rule id. ``holder`` names the department whose act meets the limit when it is not the
    service that tracks it (AFS-1: sales forwards a request, after-sales tracks it): its
    breach climbs that department's ladder (X-2).
    """

    rule_id: str
    description: str
    amount: int | float
    unit: Unit
    anchor: Anchor = "after"
    window_opens: int | float | None = None
    source_zh: str = ""
    tracked: bool = False
    key: str = ""
    holder: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, got {self.unit!r}")
        if self.anchor not in ANCHORS:
            raise ValueError(f"anchor must be one of {sorted(ANCHORS)}, got {self.anchor!r}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int | float):
            raise TypeError(f"amount must be a number, got {self.amount!r}")
        if self.unit in _DAY_UNITS and not float(self.amount).is_integer():
            raise ValueError(f"{self.unit} need a whole number, got {self.amount!r}")
        if self.amount < 0 or (self.amount == 0 and self.unit != "end_of_working_day"):
            raise ValueError(f"amount must be positive, got {self.amount!r}")
        if self.unit == "end_of_working_day" and self.anchor != "after":
            raise ValueError("end_of_working_day only makes sense after an event")
        if self.window_opens is not None:
            if self.anchor != "before":
                raise ValueError("window_opens is only for limits before a date")
            if not self.window_opens > self.amount:
                raise ValueError("window_opens must be further from the date than amount")
            if self.unit in _DAY_UNITS and not float(self.window_opens).is_integer():
                raise ValueError(f"{self.unit} need a whole number for window_opens")


def due_at(
    limit: TimeLimit, anchor_time: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> datetime:
    """The deadline of ``limit`` for an event at (or a date of) ``anchor_time``.

    ``anchor_time`` must be timezone-aware; the result is in the calendar's time zone.
    """
    local = calendar.local(anchor_time)
    sign = 1 if limit.anchor == "after" else -1
    unit = limit.unit
    if unit in ("minutes", "hours"):
        delta = timedelta(**{unit: limit.amount})
        return (local.astimezone(UTC) + sign * delta).astimezone(calendar.tz)
    if unit in ("working_minutes", "working_hours"):
        delta = timedelta(**{unit.removeprefix("working_"): limit.amount})
        return calendar.add_working_hours(local, sign * delta)
    days = int(limit.amount)
    if unit == "working_days":
        if sign > 0:
            return calendar.add_working_days(local, days)
        return calendar.working_days_before(local, days)
    if unit == "calendar_days":
        d = local.date() + timedelta(days=sign * days)
        return datetime.combine(d, local.time(), tzinfo=calendar.tz)
    if unit == "end_of_working_day":
        d = calendar.next_working_time(local).date()
        for _ in range(days):
            d = calendar.next_workday(d)
        return calendar.close_of_business(d)
    raise AssertionError(f"unhandled unit {unit!r}")  # pragma: no cover


def due_is_estimated(limit: TimeLimit, anchor_time: datetime, due: datetime,
                     calendar: WorkCalendar = DEFAULT_CALENDAR) -> bool:
    """Whether ``due`` (``due_at(limit, anchor_time)``) was counted over days for which the
    calendar has no official schedule (X-1): a year ``chinese_calendar`` does not know yet.
    Clock-time limits (minutes, hours) do not use the calendar: never estimated."""
    if limit.unit in ("minutes", "hours"):
        return False
    first, last = sorted((calendar.local(anchor_time).date(), calendar.local(due).date()))
    return not all(calendar.is_exact(date(year, 1, 1))
                   for year in range(first.year, last.year + 1))


def window_opens_at(
    limit: TimeLimit, anchor_time: datetime, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> datetime | None:
    """When the window of a ranged limit ("提前2-3天") opens; ``None`` if it has no range."""
    if limit.window_opens is None:
        return None
    earliest = dataclasses.replace(limit, amount=limit.window_opens, window_opens=None)
    return due_at(earliest, anchor_time, calendar)


# Decisions, reading the company documents (order-and-production-process.zh.txt):
#
# * Minute and hour limits are WORKING time.  Every one of them is a reaction of office or
#   shop-floor staff ("及时一般为...内", "第一时间"), who are only there during working
#   hours; the documents' own "一般为" marks them as a norm for a normal working day.
#   Counted in clock time, anything arriving at 16:50 or on a Saturday would be breached
#   before anyone could act, and X-1 says breaches are escalated, so clock time would
#   escalate noise.  Within a shift the two readings agree.
# * "24小时" (PLN-1, complete sets) is read as 1 working day: on a weekday 24 clock hours
#   and 1 working day end at the same moment (the same time next day); they differ only
#   across nights off and holidays, where nobody decomposes plans.  (24 *working* hours
#   would be three 8-hour days, far beyond the intent of "within a day".)
# * Day limits written "个工作日" are working days (PLN-6, PRC-4).  Those written "天"
#   (SAL-9, PLN-8, LOG-1, LOG-2) are read as working days too: each gives a department
#   days to *prepare* (remedies, workshop readiness, packing, picking), which only working
#   days provide; calendar days would put "1 day before a Monday start" on a Sunday and
#   "2-3 days before delivery" inside the Spring Festival.
# * A range "提前2-3天" / "提前1-2天" is a window: the deadline is the near bound
#   (amount), the window opens at the far bound (window_opens).
# * "当天" (LOG-4) is the close of business of the day the delay becomes known.
_CATALOGUE: dict[str, TimeLimit] = {
    # 五生产指令 1: "订单购销单经双方签订后,销售部销售内勤应及时4小时内,准确下达生产指令单
    # 通知单到ERP系统内" -- clock starts when the order becomes effective (付款后订单正式生效).
    "SAL-7.production_instruction": TimeLimit(
        rule_id="SAL-7",
        description="Issue the production instruction after the order becomes effective",
        amount=4,
        unit="working_hours",
        source_zh="销售内勤应及时4小时内,准确下达生产指令单通知单到ERP系统内",
        tracked=True,
    ),
    # 五生产指令 2: "应在接到用户更改通知的第一时间内一般为30分钟内,根据更改情况作出反映"
    "SAL-8.answer_change": TimeLimit(
        rule_id="SAL-8",
        description="Answer a customer change notice after receiving it",
        amount=30,
        unit="working_minutes",
        source_zh="应在接到用户更改通知的第一时间内一般为30分钟内,根据更改情况作出反映",
        tracked=True,
    ),
    # 二过程管控 1: "根据合同和经评审确认的交货期,提前2-3天进行跟单管理" -- "天", read as
    # working days (production needs working days to remedy a deviation).
    "SAL-9.follow_up": TimeLimit(
        rule_id="SAL-9",
        description="Check the order's real progress before the confirmed delivery date",
        amount=2,
        unit="working_days",
        anchor="before",
        window_opens=3,
        source_zh="根据合同和经评审确认的交货期,提前2-3天进行跟单管理",
        tracked=True,
    ),
    # 二过程管控 1: "若确实无法按时交货则尽快与客户沟通,取得客户理解,并将最后交货期限以
    # “催促单”的形式通报生产部经理及该公司总经理或生产副总" -- the urge note's final deadline
    # is met when production completes; by close of business of that day.
    "SAL-9.urge_final_deadline": TimeLimit(
        rule_id="SAL-9",
        description="Production completes by the urge note's final deadline",
        amount=0,
        unit="end_of_working_day",
        source_zh="并将最后交货期限以“催促单”的形式通报生产部经理及该公司总经理或生产副总",
        tracked=True,
    ),
    # 一计划管理 1: "应及时进行订单完成所需工作任务的分解成套产品在24小时内" -- 24 h read as
    # one working day (same moment on a weekday, skips nights off and holidays).
    "PLN-1.decompose_complete_set": TimeLimit(
        rule_id="PLN-1",
        description="Decompose the plan of a complete set after the production instruction",
        amount=1,
        unit="working_days",
        source_zh="应及时进行订单完成所需工作任务的分解成套产品在24小时内",
        tracked=True,
    ),
    # 一计划管理 1: "其它产品在4小时内"
    "PLN-1.decompose_other": TimeLimit(
        rule_id="PLN-1",
        description="Decompose the plan of another product after the production instruction",
        amount=4,
        unit="working_hours",
        source_zh="其它产品在4小时内",
        tracked=True,
    ),
    # 一计划管理 5: "相关部门对任务计划完成时间有异议的应当时或接计划后1个工作日内向计划
    # 下达部门提出" -- explicitly working days.
    "PLN-6.objection": TimeLimit(
        rule_id="PLN-6",
        # the window to object is a refusal (planning.objections); the limit is the answer:
        # what planning cannot settle within a working day goes to the GM (CO-2: the
        # objecting company's)
        description="Settle an objection to a plan time, else the GM decides",
        amount=1,
        unit="working_days",
        source_zh="应当时或接计划后1个工作日内向计划下达部门提出",
        tracked=True,
    ),
    # 一计划管理 7: "公司之间工作完成的界定...以电镀、喷塑后送达下达协作任务的公司仓库为准" --
    # the part is done when it is in the requester's store; the plan needs it on the day of
    # its first use, so the limit is the close of that working day (CO-1, PLN-12). Held by
    # the requester's planning leader: a late delivery goes to the requester's GM (CO-2).
    "CO-1.co_production_delivery": TimeLimit(
        rule_id="CO-1",
        description="Co-produced part delivered, plated/coated, into the requester's store",
        amount=0,
        unit="end_of_working_day",
        source_zh="公司之间工作完成的界定,除不需及时表面处理的铜材加工件外,其它以电镀、喷塑后送达下达"
                  "协作任务的公司仓库为准",
        tracked=True,
    ),
    # 二过程管控 2: "应根据生产计划,提前1-2天提醒和督促工段车间领导进行生产前准备工作" --
    # "天", read as working days (preparation happens on working days).
    "PLN-8.preparation_reminder": TimeLimit(
        rule_id="PLN-8",
        description="Remind the workshop to prepare before a task starts",
        amount=1,
        unit="working_days",
        anchor="before",
        window_opens=2,
        source_zh="应根据生产计划,提前1-2天提醒和督促工段车间领导进行生产前准备工作",
        tracked=True,
    ),
    # 二过程管控 2(2): "生产部门领导每天应巡检本部门工段、车间计划实施的进度、质量、数量情况" --
    # progress is reported every working day a work order is on the floor: by the close of
    # the next working day after its release or its last report.
    "PLN-8.daily_progress": TimeLimit(
        rule_id="PLN-8",
        description="Report a released work order's progress every working day",
        amount=1,
        unit="end_of_working_day",
        source_zh="生产部门领导每天应巡检本部门工段、车间计划实施的进度、质量、数量情况",
        tracked=True,
    ),
    # 三技术部 5 (technical change from the customer during design; PLN-15/SAL-8.3):
    # "应及时一般为30分钟内,根据更改情况作出反映".  Not listed in X-1 of PROCESS.md but it
    # is a time limit of the source document, so it is catalogued too.
    "PLN-15.answer_technical_change": TimeLimit(
        rule_id="PLN-15",
        description="Design answers a customer's technical change after receiving it",
        amount=30,
        unit="working_minutes",
        source_zh="客户进行调整、变更技术方案时,应及时一般为30分钟内,根据更改情况作出反映",
        tracked=True,
    ),
    # 四采购部 1: "按制定的采购进度计划,提前5个工作日,与供应商进行联系,确定它们的实际可
    # 送发货时间" -- explicitly working days, before the planned arrival date.
    "PRC-4.supplier_confirmation": TimeLimit(
        rule_id="PRC-4",
        description="Have the supplier confirm the real ship date before the due date",
        amount=5,
        unit="working_days",
        anchor="before",
        source_zh="按制定的采购进度计划,提前5个工作日,与供应商进行联系,确定它们的实际可送发货时间",
        tracked=True,
    ),
    # 四采购部 1 (2): "根据采购合同或事先经联系确定的送发货时间的当天,应与供应商电话联系确定
    # 货物是否发出,以及承运方和联系方式" -- "当天": by close of business of the confirmed ship
    # day (the next working day's if the supplier ships on a day off).
    "PRC-5.ship_day_check": TimeLimit(
        rule_id="PRC-5",
        description="Confirm with the supplier on the ship day that the goods left, and the "
        "carrier",
        amount=0,
        unit="end_of_working_day",
        source_zh="根据采购合同或事先经联系确定的送发货时间的当天,应与供应商电话联系确定货物是否发出,"
        "以及承运方和联系方式",
        tracked=True,
    ),
    # 四采购部 1: "若不能按计划进度时间到货,则应及时一般为30分钟内向部门领导报告"
    "PRC-4.slip_report": TimeLimit(
        rule_id="PRC-4",
        description="Report a supplier's slip to the department leader after learning of it",
        amount=30,
        unit="working_minutes",
        source_zh="若不能按计划进度时间到货,则应及时一般为30分钟内向部门领导报告",
        tracked=True,
    ),
    # 五质管部 2: "检验人员在检验过程中发现的问题,除做好相关记录外,应及时一般为20分钟内
    # 作出反映"
    "QLT-3.react": TimeLimit(
        rule_id="QLT-3",
        description="React to an inspection finding after finding it",
        amount=20,
        unit="working_minutes",
        source_zh="检验人员在检验过程中发现的问题,除做好相关记录外,应及时一般为20分钟内作出反映",
        tracked=True,
    ),
    # 五质管部 2 (2) and (4): "领导自接到报告后应及时一般为30分钟内进行协调处理"
    "QLT-3.coordinate": TimeLimit(
        rule_id="QLT-3",
        description="Quality leader coordinates a cross-company or design finding after "
        "receiving the report",
        amount=30,
        unit="working_minutes",
        source_zh="领导自接到报告后应及时一般为30分钟内进行协调处理",
        tracked=True,
    ),
    # 二过程管控 2 (5): "各产品公司应在可包装发货前成套产品3天,其它产品1天通知包装部门做好
    # 准备工作" -- "天", read as working days (the packers prepare on working days).
    "LOG-1.packaging_notice_set": TimeLimit(
        rule_id="LOG-1",
        description="Notify packaging before a complete set is ready for packing/shipping",
        amount=3,
        unit="working_days",
        anchor="before",
        source_zh="各产品公司应在可包装发货前成套产品3天...通知包装部门做好准备工作",
        tracked=True,
    ),
    "LOG-1.packaging_notice_other": TimeLimit(
        rule_id="LOG-1",
        description="Notify packaging before another product is ready for packing/shipping",
        amount=1,
        unit="working_days",
        anchor="before",
        source_zh="其它产品1天通知包装部门做好准备工作",
        tracked=True,
    ),
    # 三、交付 1: "按管理要求开具发货通知单,一般提前1天向成品库和储运部门下达发货指令" --
    # "天", read as a working day (the store and shipping pick and book on working days).
    "LOG-2.shipping_instruction": TimeLimit(
        rule_id="LOG-2",
        description="Issue the shipping instruction before the planned shipping date",
        amount=1,
        unit="working_days",
        anchor="before",
        source_zh="按管理要求开具发货通知单,一般提前1天向成品库和储运部门下达发货指令",
        tracked=True,
    ),
    # 三、交付 2 (2): "因特殊原因不能按时发出的,应当天报告合同订单管理部原因、可发运时间和
    # 估算到达时间" -- by close of business of the day it becomes known.
    "LOG-4.delay_report": TimeLimit(
        rule_id="LOG-4",
        description="Report that goods cannot leave on time, with reason, new time and ETA",
        amount=0,
        unit="end_of_working_day",
        source_zh="因特殊原因不能按时发出的,应当天报告合同订单管理部原因、可发运时间和估算到达时间",
        tracked=True,
    ),
    # 四、订单交付后续管理 2 收回货款: "销售员应按...合同协议约定货款支付条款...催促客户按期支付
    # 货款" -- an invoice is collected by the close of business of its due date (the date
    # comes from the contract's payment terms, SAL-10); opened when it is issued.
    "SAL-10.collect_invoice": TimeLimit(
        rule_id="SAL-10",
        description="Collect an invoice by its due date under the contract's payment terms",
        amount=0,
        unit="end_of_working_day",
        source_zh="按...合同协议约定货款支付条款,检查货款回笼和发票开具情况,催促客户按期支付货款",
        tracked=True,
    ),
    # 催款: "财务部将按订单合同回款时间催促销售员及时回款,直至货款回收" -- dunning until
    # collected. The documents give no interval; 5 working days (a working week) between a
    # due date or a dunning notice and the next step is our reading, so no overdue invoice
    # goes a week without its next step.
    "SAL-10.dunning_step": TimeLimit(
        rule_id="SAL-10",
        description="Take the next dunning step on an overdue invoice",
        amount=5,
        unit="working_days",
        source_zh="财务部将按订单合同回款时间催促销售员及时回款,直至货款回收",
        tracked=True,
    ),
    # 四、售后服务 1: "附客户电传资料,及时一般为接到要求后的60分钟内传递到售后服务部门"
    "AFS-1.forward": TimeLimit(
        rule_id="AFS-1",
        description="Forward a customer's service request to after-sales after receiving it",
        amount=60,
        unit="working_minutes",
        source_zh="附客户电传资料,及时一般为接到要求后的60分钟内传递到售后服务部门",
        tracked=True,
        holder="sales",  # sales records and forwards; after-sales tracks the request
    ),
    # 四、售后服务 2: "售后服务部门领导...及时一般为接到要求后的2小时内与客户联系进行处理"
    "AFS-2.contact": TimeLimit(
        rule_id="AFS-2",
        description="After-sales contacts the customer after receiving the request",
        amount=2,
        unit="working_hours",
        source_zh="及时一般为接到要求后的2小时内与客户联系进行处理",
        tracked=True,
    ),
    # 3.5 采购、外协管理流程 3.5.2.4: "根据外购(或加工)技术协议(合同)书要求,由采购部实施外购
    # (或加工)程序" -- the partner returns the outsourced work by the date its contract
    # agrees (PLN-10); by close of business of that day (the next working day's if it is a
    # day off). Not in X-1's list of PROCESS.md: the document gives the date, not a span.
    # A late return climbs X-2 to the general manager and the group GM (outsourcing).
    "PLN-10.return": TimeLimit(
        rule_id="PLN-10",
        description="The partner returns the outsourced operation by the agreed date",
        amount=0,
        unit="end_of_working_day",
        source_zh="根据外购(或加工)技术协议(合同)书要求,由采购部实施外购(或加工)程序",
        tracked=True,
    ),
}

#: Every X-1 time limit by key ``"<rule>.<what>"`` (read-only).
X1_TIME_LIMITS: MappingProxyType[str, TimeLimit] = MappingProxyType(
    {key: dataclasses.replace(limit, key=key) for key, limit in _CATALOGUE.items()})
