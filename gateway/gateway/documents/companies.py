"""The group's companies as documents print them: the name (Chinese first) and code."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path


@cache
def company_names(path: Path) -> dict[str, str]:
    """company_id -> printed name, from the users file's ``companies`` section."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    names = {}
    for company in data.get("companies", []):
        zh, en = company.get("name_zh", ""), company.get("name", "")
        names[company["company_id"]] = " ".join(part for part in (zh, en) if part)
    return names


def printed_company(path: Path, company_id: str) -> str:
    name = company_names(path).get(company_id)
    return f"{name}（{company_id}）" if name else company_id
