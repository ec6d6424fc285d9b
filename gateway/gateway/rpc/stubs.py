"""Typed stubs over the RPC contract table (contracts.rpc.api).

    order = await services.sales.receive_order(actor, OrderCreate(...))   # -> OrderPublic

A stub knows its method's arguments, reply and kind from the table: an unknown
method is an AttributeError, an argument of the wrong model a TypeError (both
caught by the contract tests before anything runs), and the reply comes back
validated as the table's reply type. Commands carry a command id so that a
retried call runs once (servicekit.commands).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from contracts.rpc.api import Method, ServiceApi

from .errors import MalformedReply

Invoke = Callable[[Method, list, float | None], Awaitable[Any]]


@functools.cache
def _adapter(kind) -> TypeAdapter:
    return TypeAdapter(kind)


def wire_argument(method: Method, name: str, kind, value) -> Any:
    """An argument as JSON, checked against the table's type."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        if not isinstance(value, kind):
            raise TypeError(f"{method.routing_key}: {name} must be {kind.__name__}, "
                            f"not {type(value).__name__}")
        return value.model_dump(mode="json")
    adapter = _adapter(kind)
    return adapter.dump_python(adapter.validate_python(value), mode="json")


class MethodStub:
    def __init__(self, method: Method, invoke: Invoke):
        self.method = method
        self._invoke = invoke

    def wire_args(self, args: tuple) -> list:
        method = self.method
        names = method.arg_names()
        required = (1 if method.actor else 0) + sum(p.required for p in method.params)
        if not required <= len(args) <= len(names):
            raise TypeError(f"{method.routing_key} takes ({', '.join(names)}); "
                            f"{len(args)} arguments given")
        wire = []
        values = iter(args)
        if method.actor:
            actor = next(values)
            if not isinstance(actor, dict) or "signature" not in actor:
                raise TypeError(f"{method.routing_key}: the actor must be the signed ActorDep")
            wire.append(actor)
        for param, value in zip(method.params, values, strict=False):
            wire.append(wire_argument(method, param.name, param.type, value))
        return wire

    async def __call__(self, *args: Any, timeout: float | None = None) -> Any:
        result = await self._invoke(self.method, self.wire_args(args), timeout)
        try:
            return _adapter(self.method.reply).validate_python(result)
        except ValidationError as exc:
            raise MalformedReply(self.method.service, self.method.name,
                                 exc.error_count()) from None


class ServiceStub:
    def __init__(self, api: ServiceApi, invoke: Invoke):
        self._api = api
        self._invoke = invoke

    def __getattr__(self, name: str) -> MethodStub:
        if name.startswith("_"):
            raise AttributeError(name)
        return MethodStub(self._api[name], self._invoke)
