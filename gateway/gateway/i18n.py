"""The words of the web pages, the exports and the documents, in zh-CN and English.

One dictionary per language (web/static/i18n/<lang>.json), flat keys such as
``status.received`` or ``field.order_no``: the pages load them in the browser, the
gateway reads the same files for spreadsheet headers and documents, so a word is
translated once. zh-CN is the default; an unknown key shows as itself (and the
test of the dictionaries fails on it).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
FOLDER = Path(__file__).with_name("web") / "static" / "i18n"


@cache
def dictionary(language: str) -> dict[str, str]:
    return json.loads((FOLDER / f"{language}.json").read_text(encoding="utf-8"))


def language_of(value: str | None) -> str:
    """A supported language for a ``lang`` parameter; zh-CN unless English is asked for."""
    return "en" if value and value.lower().startswith("en") else DEFAULT_LANGUAGE


def label(language: str, key: str) -> str:
    return dictionary(language_of(language)).get(key, key)
