"""Each service exposes exactly the RPC methods its contract table declares (issue 7.1).

A method a service exposes outside its table, or a table entry no service serves,
fails here; so does a service method whose parameters differ from the table's
(servicekit.rpcs checks that at import, which this import triggers).
"""

from __future__ import annotations

import importlib

import pytest
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
from nameko.rpc import Rpc

from contracts.catalog import SERVICES
from contracts.rpc.api import service_apis


def _service_class(service: str):
    from servicekit.service import ServiceBase

    module = importlib.import_module(f"{service}.service")
    [cls] = [c for c in vars(module).values()
             if isinstance(c, type) and issubclass(c, ServiceBase) and c is not ServiceBase
             and getattr(c, "name", None) == service]
    return cls


def _exposed(cls) -> set[str]:
    names = set()
    for name in dir(cls):
        extensions = getattr(getattr(cls, name, None), ENTRYPOINT_EXTENSIONS_ATTR, ())
        if any(isinstance(ext, Rpc) for ext in extensions):
            names.add(name)
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_exposes_exactly_its_table(service):
    tables = service_apis()
    assert service in tables, f"contracts/rpc/{service}.py has no API table"
    exposed = _exposed(_service_class(service))
    declared = set(tables[service].methods)
    assert exposed - declared == set(), f"{service} exposes methods its table lacks"
    assert declared - exposed == set(), f"{service}'s table declares methods it does not serve"


@pytest.mark.parametrize("service", SERVICES)
def test_every_exposed_method_goes_through_the_contract_decorator(service):
    cls = _service_class(service)
    for name in _exposed(cls):
        assert getattr(getattr(cls, name), "contract", None) is not None, (
            f"{service}.{name} is a bare @rpc: expose it with servicekit.rpcs.exposes(API)")
