"""The contracts catalog is the truth about who talks to whom; the code must agree.

- a service handles only events the catalog lists it as a consumer of;
- every consumer the catalog lists really handles the event (or its queue
  would fill with messages nobody reads);
- a service emits only events the catalog says it produces.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from contracts.catalog import CATALOG, SERVICES, handled_by
from servicekit.cli import SERVICES as SERVICE_CLASSES

ROOT = Path(__file__).resolve().parents[2]
EMIT = re.compile(r"""\.emit\(\s*f?["']([a-z_]+\.[a-z_{}]+)["']""")


def handled_event_types(service: str) -> set[str]:
    from servicekit.events import EventHandler

    module_name, class_name = SERVICE_CLASSES[service].split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    found = set()
    for name in dir(cls):
        for entrypoint in getattr(getattr(cls, name), "nameko_entrypoints", ()):
            if isinstance(entrypoint, EventHandler):
                found.add(entrypoint.event_type)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_handles_only_events_the_catalog_routes_to_it(service):
    listed = {spec.event_type for spec in handled_by(service)}
    assert handled_event_types(service) <= listed


@pytest.mark.parametrize("service", SERVICES)
def test_every_event_routed_to_a_service_has_a_handler_there(service):
    listed = {spec.event_type for spec in handled_by(service)}
    missing = listed - handled_event_types(service)
    assert not missing, f"{service} is a catalog consumer of {sorted(missing)} but handles none"


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_emits_only_events_it_produces(service):
    sources = (ROOT / "services" / service / service).rglob("*.py")
    emitted = {match for path in sources for match in EMIT.findall(path.read_text())}
    for event_type in emitted:
        if "{" in event_type:  # f-string: the runtime's own deadline events
            continue
        assert event_type in CATALOG, f"{service} emits {event_type}, not in the catalog"
        assert CATALOG[event_type].producer == service


def test_every_catalog_event_has_a_consumer_and_a_payload_model():
    for spec in CATALOG.values():
        assert spec.consumers, spec.event_type
        assert spec.producer in SERVICES
        assert set(spec.consumers) <= set(SERVICES)
