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
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, WithJsonSchema

MAX_LINE_QUANTITY = Decimal("10000")  # units of one order line or work order (Quantity)
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)
NO_NUL = r"^[^\x00]*$"
SOME_NO_NUL = r"^[^\x00]+$"

_DATE = r"^20[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"  # generators make real dates


def text_matches(pattern: str, expected: str) -> BeforeValidator:
    """Text input must match `pattern` (numbers and dates from Python pass on as they are)."""
    compiled = re.compile(pattern)

    def check(value):
        if isinstance(value, str) and not compiled.fullmatch(value):
            raise ValueError(f"expected {expected}")
        return value

    return BeforeValidator(check)


def decimal_pattern(digits: int, places: int, *, above_zero: bool) -> str:
    """Exactly the decimals from 0 (or above 0) to 10**digits with at most `places` places,
    written plainly: "12", "12.5", never "", "1e3", "-1" or "0.0001"."""
    fraction = f"(?:\\.[0-9]{{1,{places}}})?"
    below_one = ([f"0{{{zeros}}}[1-9][0-9]{{0,{places - 1 - zeros}}}" for zeros in range(places)]
                 if above_zero else None)
    zero = (f"0\\.(?:{'|'.join(below_one)})" if above_zero else f"0{fraction}")
    top = f"1{'0' * digits}(?:\\.0{{1,{places}}})?"
    return f"^(?:[1-9][0-9]{{0,{digits - 1}}}{fraction}|{zero}|{top})$"


def decimal_text(*, digits: int, places: int, above_zero: bool, words: str):
    """A Decimal at the edge, written as a string whose pattern is the whole rule: the JSON
    schema and the validator agree exactly (a float has no exact decimal value, so a JSON
    number is refused too). Python callers may pass a Decimal."""
    pattern = decimal_pattern(digits, places, above_zero=above_zero)
    compiled = re.compile(pattern)

    def check(value):
        if isinstance(value, Decimal):
            value = format(value, "f")
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise ValueError(f"expected {words}, written as a string like '12.5'")
        return value

    lower = {"gt": Decimal(0)} if above_zero else {"ge": Decimal(0)}
    return Annotated[
        Decimal,
        Field(le=Decimal(10) ** digits, max_digits=digits + places + 1, decimal_places=places,
              **lower),
        BeforeValidator(check),
        WithJsonSchema({"type": "string", "pattern": pattern,
                        "description": f"{words}, as a string"}, mode="validation"),
    ]


# Units to order, make or check: more than 0, at most 10,000, at most 3 decimals ("12.5").
Quantity = decimal_text(digits=4, places=3, above_zero=True,
                        words="a quantity above 0 and at most 10000")
# Units completed so far: 0 to 10,000.
CompletedQuantity = decimal_text(digits=4, places=3, above_zero=False,
                                 words="a quantity from 0 to 10000")
# Money received or owed, in the contract's currency: above 0, below a trillion, in cents.
Money = decimal_text(digits=12, places=2, above_zero=True,
                     words="an amount above 0 with at most 2 decimals")
# A share of a total: 0 to 100 percent.
Percent = decimal_text(digits=2, places=2, above_zero=False, words="a percentage from 0 to 100")
# A calendar date the suite can reason about: 2000-01-01 .. 2099-12-31.
BoundedDate = Annotated[
    date, Field(ge=EARLIEST_DATE, le=LATEST_DATE), text_matches(_DATE, "a date YYYY-MM-DD"),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE},
                   mode="validation")]
CompanyId = Annotated[str, Field(min_length=1, max_length=32, pattern=SOME_NO_NUL)]
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=SOME_NO_NUL)]


def _within_the_century(value: datetime) -> datetime:
    if not EARLIEST_DATE <= value.date() <= LATEST_DATE:  # the year as written
        raise ValueError("expected a moment from 2000 to 2099")
    return value


# A moment with a time zone the suite can reason about (2000..2099, never year 9999). How
# near now a plan or a promise must be is the owning department's rule, not the edge's.
BoundedMoment = Annotated[
    AwareDatetime, AfterValidator(_within_the_century),
    Field(description="with a time zone, from 2000 to 2099"),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": r"^20[0-9]{2}-",
                    "description": "with a time zone, from 2000 to 2099"}, mode="validation")]
