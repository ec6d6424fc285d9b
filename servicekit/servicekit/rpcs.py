"""RPC edges: one decorator exposes a method of the contract table (contracts.rpc.api).

    expose = exposes(contracts.rpc.sales.API)

    class SalesService(ServiceBase):
        @expose
        def receive_order(self, actor, order):
            return handlers.receive_order(actor, order, self.uow)

For every call it
- verifies the signed actor (servicekit.actors) and validates each argument
  against the table's type: a bad payload is `InvalidRequest` with pydantic's
  error list, which the gateway returns as a 422 with the field paths;
- runs a command exactly once per command id (servicekit.commands);
- maps refusals once: a `servicekit.refusals` kind becomes its wire error and
  is logged at INFO without a traceback; anything undeclared is a bug, logged
  at ERROR with the traceback and a correlation id, and answered as
  `InternalError` carrying that id (a 500 at the gateway);
- replies plain JSON (models dumped in JSON mode: Decimal → str, dates → ISO).
"""

from __future__ import annotations

import functools
import inspect
import logging
import uuid
from contextlib import contextmanager

from pydantic import BaseModel, TypeAdapter, ValidationError

from contracts.errors import (
    EXPECTED_ERRORS,
    Conflict,
    Forbidden,
    InternalError,
    InvalidRequest,
    NotFound,
    OrdersuiteError,
)
from contracts.rpc.api import Method, ServiceApi
from servicekit import metrics, refusals

log = logging.getLogger(__name__)

# Every method may refuse a malformed payload or an unsigned actor, and may have a bug.
ALWAYS_POSSIBLE = (InvalidRequest, Forbidden, InternalError)
WIRE_ERROR = {
    refusals.Rejected: InvalidRequest,
    refusals.Refused: Conflict,
    refusals.NotAllowed: Forbidden,
    refusals.Missing: NotFound,
}


def validation_details(exc: ValidationError) -> dict:
    return {"errors": [
        {"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]}
        for err in exc.errors(include_url=False, include_context=False, include_input=False)
    ]}


def parse(model: type[BaseModel], payload) -> BaseModel:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise InvalidRequest(f"invalid {model.__name__}", validation_details(exc)) from None


@functools.cache
def _adapter(kind) -> TypeAdapter:
    return TypeAdapter(kind)


def parse_argument(name: str, kind, value):
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return parse(kind, value)
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError as exc:
        raise InvalidRequest(f"invalid argument {name}", validation_details(exc)) from None


def reply(value):
    """Make a result JSON-safe: models dumped in JSON mode (Decimal → str, dates → ISO)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [reply(item) for item in value]
    if isinstance(value, dict):
        return {key: reply(item) for key, item in value.items()}
    return value


def wire_error(exc: refusals.Refusal) -> OrdersuiteError:
    for kind, error in WIRE_ERROR.items():
        if isinstance(exc, kind):
            return error(exc.message, exc.details)
    return Conflict(exc.message, exc.details)


@contextmanager
def refusals_mapped(method: Method):
    """Declared refusals become wire errors (INFO); anything else is a bug (ERROR)."""
    try:
        yield
    except refusals.Refusal as exc:
        error = wire_error(exc)
        _refused(method, error)
        raise error from None
    except OrdersuiteError as exc:
        _refused(method, exc)
        raise
    except Exception as exc:
        correlation_id = uuid.uuid4().hex[:16]
        log.error("bug in %s: %s: %s (correlation id %s)", method.routing_key,
                  type(exc).__name__, exc, correlation_id, exc_info=True,
                  extra={"correlation_id": correlation_id})
        raise InternalError(f"{method.routing_key} failed unexpectedly; the failure is logged "
                            f"with correlation id {correlation_id}",
                            {"correlation_id": correlation_id}) from None


def _refused(method: Method, error: OrdersuiteError) -> None:
    kind = type(error).__name__
    metrics.REFUSALS.labels(method.service, method.name, kind).inc()
    if not isinstance(error, ALWAYS_POSSIBLE + method.refuses):
        log.warning("%s refused with %s, which the contract does not declare",
                    method.routing_key, kind)
    log.info("%s refused (%s): %s", method.routing_key, kind, error)


def bind_arguments(method: Method, args: tuple, kwargs: dict, key: bytes) -> list:
    """The call's arguments in table order, each validated; the actor verified."""
    from servicekit.actors import verify  # actors imports parse from here

    names = method.arg_names()
    if len(args) > len(names) or set(kwargs) - set(names):
        raise InvalidRequest(f"{method.routing_key} takes {', '.join(names) or 'nothing'}")
    given = dict(zip(names, args, strict=False)) | kwargs
    values = []
    if method.actor:
        if "actor" not in given:
            raise InvalidRequest(f"{method.routing_key} needs the actor")
        values.append(verify(given["actor"], key))
    for param in method.params:
        if param.name in given:
            values.append(parse_argument(param.name, param.type, given[param.name]))
        elif param.required:
            raise InvalidRequest(f"{method.routing_key} needs the argument {param.name}")
        else:
            values.append(param.default)
    return values


def _declare_command_queues_with_the_topology():
    """Every service's command queue (`rpc-<service>`, which nameko's RpcConsumer declares)
    gets the topology's queue arguments: a quorum queue on a cluster
    (servicekit.topology.queue_arguments). nameko's own consumer, amended once per
    process, so that every `rpc` of a service (servicekit's and any plain one) shares
    one consumer of that queue."""
    from nameko.rpc import RpcConsumer

    from servicekit.topology import queue_arguments

    if getattr(RpcConsumer.setup, "declares_topology_arguments", False):
        return
    nameko_setup = RpcConsumer.setup

    def setup(self):
        nameko_setup(self)
        self.queue.queue_arguments = {**(self.queue.queue_arguments or {}),
                                      **queue_arguments()}

    setup.declares_topology_arguments = True
    RpcConsumer.setup = setup


def _reply_without_confirms():
    """RPC replies go out without waiting for a publisher confirm (issue 16: the confirm
    round trip was a quarter of a read's cost in the service). A reply is transient and
    goes to the caller's exclusive queue, so a confirm promises nothing a caller can use:
    a reply lost with the connection is a caller's timeout, and its retry under the same
    command id is answered from the command inbox (servicekit.commands), not run again."""
    from nameko.amqp.publish import Publisher
    from nameko.rpc import Responder

    if getattr(Responder.publisher_cls, "replies_unconfirmed", False):
        return

    class ReplyPublisher(Publisher):
        use_confirms = False
        delivery_mode = 1  # transient: the reply queue does not outlive its caller
        replies_unconfirmed = True

    Responder.publisher_cls = ReplyPublisher


def exposes(api: ServiceApi):
    """The decorator that exposes methods of `api` as nameko RPC entrypoints."""
    from nameko.rpc import rpc

    def expose(fn):
        method = api[fn.__name__]  # AttributeError at import: not in the table
        _check_signature(fn, method)

        @functools.wraps(fn)
        def entrypoint(self, *args, **kwargs):
            from servicekit.commands import run_once

            with refusals_mapped(method):
                values = bind_arguments(method, args, kwargs, self.actor_key.key)
                if method.name in self.actor_key.fault_bug_methods:
                    raise RuntimeError(f"injected fault in {method.routing_key} (test only)")
                if not method.command:
                    uow = getattr(self, "uow", None)
                    if uow is not None:  # a query only reads (servicekit.uow: read_only)
                        uow.read_only = True
                    return reply(fn(self, *values))
                return run_once(self.uow, self.uow.command_id, method.name,
                                [*args, *kwargs.values()],
                                lambda: reply(fn(self, *values)))

        entrypoint.contract = method
        return rpc(expected_exceptions=EXPECTED_ERRORS)(entrypoint)

    return expose


def _check_signature(fn, method: Method) -> None:
    names = [p for p in inspect.signature(fn).parameters][1:]  # less self
    if names != method.arg_names():
        raise TypeError(f"{method.routing_key}: the service method takes ({', '.join(names)}) "
                        f"but the contract says ({', '.join(method.arg_names())})")


_declare_command_queues_with_the_topology()
_reply_without_confirms()
