"""The demo group's reference data (demo/group.json): customers, products, suppliers…

Each service seeds only its own sections: the file is shared so that codes
line up across the journey, not so that services share data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "demo" / "group.json"


@lru_cache
def load(path: str | None = None) -> dict:
    return json.loads(Path(path or DEFAULT_FILE).read_text(encoding="utf-8"))
