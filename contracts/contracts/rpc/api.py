"""The RPC contract as code: per service, each method with its arguments, reply and refusals.

    API = ServiceApi("sales", [
        command("receive_order", order=OrderCreate, reply=OrderPublic,
                refuses=(InvalidRequest, Forbidden), doc="SAL-1: record a customer order"),
        query("get_order", order_no=BusinessNo, reply=OrderPublic, refuses=(NotFound,)),
    ])

A *command* changes state: it runs exactly once per command id (the service keeps
its reply in a command inbox). A *query* only reads. Methods take the acting
person (`Actor`) first unless declared `actor=False` (service-to-service
questions such as planning's feasibility check). The gateway calls services
through stubs built from these tables; servicekit exposes a service's methods
from the same table; docs/rpc.md is generated from them.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.errors import OrdersuiteError

REQUIRED = inspect.Parameter.empty
COMMON: list[Method] = []  # filled below: the methods every service has


@dataclass(frozen=True)
class Param:
    name: str
    type: Any
    default: Any = REQUIRED

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Method:
    service: str
    name: str
    params: tuple[Param, ...]
    reply: Any
    refuses: tuple[type[OrdersuiteError], ...]
    command: bool
    actor: bool = True
    doc: str = ""

    @property
    def kind(self) -> str:
        return "command" if self.command else "query"

    @property
    def routing_key(self) -> str:
        return f"{self.service}.{self.name}"

    def arg_names(self) -> list[str]:
        return (["actor"] if self.actor else []) + [p.name for p in self.params]


def _param(name: str, spec: Any) -> Param:
    """`order_no=BusinessNo`, or `status=(str | None, None)` for an optional argument."""
    if isinstance(spec, tuple) and len(spec) == 2:
        return Param(name, spec[0], spec[1])
    return Param(name, spec)


def _method(command: bool, name: str, *, reply: Any, refuses: Iterable = (), doc: str = "",
            actor: bool = True, **params: Any) -> Method:
    # `service` is filled in by ServiceApi; params keep their declared order.
    return Method("", name, tuple(_param(k, v) for k, v in params.items()), reply,
                  tuple(refuses), command, actor, doc)


def command(name: str, *, reply: Any, refuses: Iterable = (), doc: str = "",
            actor: bool = True, **params: Any) -> Method:
    """A method that changes state (exactly once per command id)."""
    return _method(True, name, reply=reply, refuses=refuses, doc=doc, actor=actor, **params)


def query(name: str, *, reply: Any, refuses: Iterable = (), doc: str = "",
          actor: bool = True, **params: Any) -> Method:
    """A method that only reads."""
    return _method(False, name, reply=reply, refuses=refuses, doc=doc, actor=actor, **params)


def _common() -> list[Method]:
    from contracts.errors import Forbidden, NotFound
    from contracts.rpc.common import (
        BusinessNo,
        DeadlineId,
        DeadlinePublic,
        HealthPublic,
        JourneyStage,
        OrderView,
        PageLimit,
    )

    return [
        query("health", actor=False, reply=HealthPublic,
              doc="readiness: the database answers; the broker did, since this call arrived"),
        query("journey", order_no=BusinessNo, reply=list[JourneyStage],
              doc="this service's stages of one order (X-3); empty when it holds nothing"),
        query("deadlines_for_order", actor=False, order_no=BusinessNo, reply=list[DeadlinePublic],
              doc="this service's time limits on one order (X-1), for the journey view"),
        query("order_view", order_no=BusinessNo, reply=OrderView, refuses=(NotFound,),
              doc="journey and deadlines_for_order in one call: the journey view's (X-3); "
                  "sales adds the order, and refuses an order the actor may not see; "
                  "planning adds the co-production instructions the order raised (CO-1)"),
        command("acknowledge_deadline", deadline_id=DeadlineId, reply=DeadlinePublic,
                refuses=(NotFound, Forbidden),
                doc="X-2: the person a breach reached acknowledges it: it climbs no further"),
        query("waiting_deadlines", limit=PageLimit, reply=list[DeadlinePublic],
              doc="X-1: this service's unmet time limits in the actor's companies, newest "
                  "first: the tasks waiting for its people (the inbox, X-2)"),
    ]


@dataclass(frozen=True)
class ServiceApi:
    """One service's methods: its own, then those every service has (`COMMON`)."""

    service: str
    methods: Mapping[str, Method] = field(default_factory=dict)

    def __init__(self, service: str, methods: Iterable[Method]):
        object.__setattr__(self, "service", service)
        table: dict[str, Method] = {}
        for method in [*methods, *COMMON]:
            if method.name in table:
                raise ValueError(f"{service}.{method.name} is declared twice")
            table[method.name] = Method(service, method.name, method.params, method.reply,
                                        method.refuses, method.command, method.actor,
                                        method.doc)
        object.__setattr__(self, "methods", table)

    def __getitem__(self, name: str) -> Method:
        try:
            return self.methods[name]
        except KeyError:
            raise AttributeError(f"{self.service} has no RPC method {name!r} "
                                 "(contracts/rpc/api tables)") from None

    def __iter__(self):
        return iter(self.methods.values())

    def __contains__(self, name: str) -> bool:
        return name in self.methods


COMMON.extend(_common())


@functools.cache
def service_apis() -> dict[str, ServiceApi]:
    """Every service's table, by service name (each in contracts/rpc/<service>.py as API);
    read once: the gateway asks on every call."""
    from importlib import import_module

    from contracts.catalog import SERVICES

    tables = {}
    for service in SERVICES:
        api = getattr(import_module(f"contracts.rpc.{service}"), "API", None)
        if api is not None:
            tables[service] = api
    return tables
