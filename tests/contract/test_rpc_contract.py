"""The gateway calls only what the RPC tables declare, with the declared payload types.

Every `services.<service>.<method>(...)` in the gateway's routes is read from the
source: the method must be in the service's table (contracts/rpc/<service>.py),
take that many arguments, and each argument that is a route parameter must be
annotated with the type the table declares: a model by its name, a path or query
parameter with the table's JSON schema (else the OpenAPI promises what the call then
refuses, a 500: issue 8.8). No route calls a service by a string name. (The services'
side, that each exposes exactly its table, is checked in
servicekit/tests/unit/test_services_expose_their_tables.py.)
"""

from __future__ import annotations

import ast
import importlib
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, TypeAdapter

from contracts.rpc.api import service_apis

ROUTES = Path(__file__).parents[2] / "gateway" / "gateway" / "api" / "routes"
APIS = service_apis()


def _service_calls(tree: ast.AST):
    """(function, call, service, method) for every `services.<svc>.<method>(...)`."""
    for function in ast.walk(tree):
        if not isinstance(function, ast.AsyncFunctionDef | ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Attribute)
                    and isinstance(node.func.value.value, ast.Name)
                    and node.func.value.value.id == "services"):
                yield function, node, node.func.value.attr, node.func.attr


def _annotations(function) -> dict[str, str]:
    args = function.args.args + function.args.kwonlyargs
    return {a.arg: ast.unparse(a.annotation) for a in args if a.annotation is not None}


def _schema(kind) -> dict:
    """A parameter's JSON schema, without what does not constrain it."""
    def bare(node):
        if isinstance(node, dict):
            return {key: bare(value) for key, value in node.items()
                    if key not in ("title", "description", "default", "examples")}
        return [bare(item) for item in node] if isinstance(node, list) else node
    return bare(TypeAdapter(kind).json_schema())


def _route_types(file: str, function) -> dict:
    module = importlib.import_module(f"gateway.api.routes.{Path(file).stem}")
    return typing.get_type_hints(getattr(module, function.name), include_extras=True)


def _calls():
    for path in sorted(ROUTES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function, call, service, method in _service_calls(tree):
            yield pytest.param(path.name, function, call, service, method,
                               id=f"{path.stem}.{function.name}->{service}.{method}")


CALLS = list(_calls())


def test_the_routes_call_services_through_the_tables():
    assert len(CALLS) >= 20  # the scan finds the routes' calls (it failed to fail otherwise)


@pytest.mark.parametrize(("file", "function", "call", "service", "method"), CALLS)
def test_each_call_names_a_declared_method_with_its_declared_arguments(
        file, function, call, service, method):
    assert service in APIS, f"{file}: {function.name} calls unknown service {service!r}"
    assert method in APIS[service], (f"{file}: {function.name} calls {service}.{method}, "
                                     "which its table does not declare")
    spec = APIS[service][method]
    positional = [arg for arg in call.args if not isinstance(arg, ast.Starred)]
    required = (1 if spec.actor else 0) + sum(p.required for p in spec.params)
    assert required <= len(positional) <= len(spec.arg_names()), (
        f"{file}: {function.name} passes {len(positional)} argument(s) to {spec.routing_key}"
        f"({', '.join(spec.arg_names())})")
    annotations = _annotations(function)
    params = ([None] if spec.actor else []) + list(spec.params)
    for arg, param in zip(positional, params, strict=False):
        if param is None:
            assert isinstance(arg, ast.Name) and annotations.get(arg.id) == "ActorDep", (
                f"{file}: {function.name} must pass the signed ActorDep first")
            continue
        if not isinstance(arg, ast.Name) or arg.id not in annotations:
            continue
        if isinstance(param.type, type) and issubclass(param.type, BaseModel):
            assert annotations[arg.id] == param.type.__name__, (
                f"{file}: {function.name} passes {arg.id}: {annotations[arg.id]} as "
                f"{param.name}, but {spec.routing_key} takes {param.type.__name__}")
            continue
        route_schema = _schema(_route_types(file, function)[arg.id])
        assert route_schema == _schema(param.type), (
            f"{file}: {function.name} takes {arg.id} as {route_schema}, but "
            f"{spec.routing_key} takes {param.name} as {_schema(param.type)}: use its type")


def test_no_route_calls_a_service_by_a_string_name():
    offenders = []
    for path in sorted(ROUTES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "call" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "services"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"untyped services.call(...) left in: {offenders}"
