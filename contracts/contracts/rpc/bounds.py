"""The edge's bounds, shared by every contract (issues 8.3, 8.8).

Every quantity, duration and date is bounded at the edge: 10⁹ units, 10⁹ days or the
year 9999 are a 422 with the field's path, never a minute of computation or an
overflow deep inside a service. Where text is constrained by a pattern, validation
enforces the same pattern the JSON schema shows, so the OpenAPI says exactly what
is accepted (`""` is no quantity in the schema either). Free text never holds a NUL
character: PostgreSQL refuses it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

MAX_LINE_QUANTITY = Decimal("10000")  # units of one order line or work order
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)
NO_NUL = r"^[^\x00]*$"
SOME_NO_NUL = r"^[^\x00]+$"

# A quantity as text: at most 3 decimals, 0 < q <= 10000 (positive) or 0 <= q <= 10000.
_POSITIVE = (r"^(?:[1-9][0-9]{0,3}(?:\.[0-9]{1,3})?"
             r"|0\.(?:[1-9][0-9]{0,2}|0[1-9][0-9]?|00[1-9])"
             r"|10000(?:\.0{1,3})?)$")
_NON_NEGATIVE = r"^(?:(?:0|[1-9][0-9]{0,3})(?:\.[0-9]{1,3})?|10000(?:\.0{1,3})?)$"
_DATE = r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def text_matches(pattern: str, expected: str) -> BeforeValidator:
    """Text input must match `pattern` (numbers and dates from Python pass on as they are)."""
    compiled = re.compile(pattern)

    def check(value):
        if isinstance(value, str) and not compiled.fullmatch(value):
            raise ValueError(f"expected {expected}")
        return value

    return BeforeValidator(check)


def _quantity(pattern: str, *, above_zero: bool, words: str):
    lower = {"gt": Decimal(0)} if above_zero else {"ge": Decimal(0)}
    schema_lower = {"exclusiveMinimum": 0} if above_zero else {"minimum": 0}
    return Annotated[
        Decimal,
        Field(le=MAX_LINE_QUANTITY, max_digits=12, decimal_places=3, **lower),
        text_matches(pattern, words),
        WithJsonSchema({"anyOf": [
            {"type": "number", **schema_lower, "maximum": int(MAX_LINE_QUANTITY)},
            {"type": "string", "pattern": pattern}]}, mode="validation"),
    ]


# Units to order, make or check: more than 0, at most 10,000, at most 3 decimals ("12.5").
Quantity = _quantity(_POSITIVE, above_zero=True,
                     words="a quantity above 0 and at most 10000, like '12.5'")
# Units completed so far: 0 to 10,000.
CompletedQuantity = _quantity(_NON_NEGATIVE, above_zero=False,
                              words="a quantity from 0 to 10000, like '12.5'")
# A calendar date the suite can reason about: 2000-01-01 .. 2099-12-31.
BoundedDate = Annotated[
    date, Field(ge=EARLIEST_DATE, le=LATEST_DATE), text_matches(_DATE, "a date YYYY-MM-DD"),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE},
                   mode="validation")]
CompanyId = Annotated[str, Field(min_length=1, max_length=32, pattern=SOME_NO_NUL)]
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=SOME_NO_NUL)]
