"""Logistics' part of the demo reference data: the carriers (LOG-4)."""

from __future__ import annotations

from logistics.domain.model import Carrier


def seed(uow, data: dict) -> None:
    """Load `data["logistics"]["carriers"]`; running it again changes nothing."""
    section = data.get("logistics") or {}
    with uow:
        for carrier in section.get("carriers", []):
            uow.carriers.put(Carrier(code=carrier["code"].strip().upper(),
                                     name=carrier["name"]))
        uow.commit()
