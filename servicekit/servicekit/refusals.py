"""Why a use case says no: the four kinds of refusal every domain raises.

Pure standard library, so `domain/` may import it. A service's `domain/errors.py`
subclasses these with its own names (`class OrderRejected(Rejected)`); one
servicekit decorator (servicekit.rpcs) turns each kind into its wire error:

| kind         | means                                              | wire error     | HTTP |
|--------------|----------------------------------------------------|----------------|------|
| `Rejected`   | the request itself is wrong (unknown code, bad date) | InvalidRequest | 422 |
| `Refused`    | the state refuses it now (contract before quotation) | Conflict       | 409 |
| `NotAllowed` | only someone else may decide this (GM, SAL-4)        | Forbidden      | 403 |
| `Missing`    | no such thing, or not one of the actor's companies   | NotFound       | 404 |

Anything else a use case raises is a bug, reported as a 500 with a correlation id.
"""

from __future__ import annotations


class Refusal(Exception):
    """Base of every declared refusal; the message says which rule and why."""

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def __str__(self) -> str:
        return self.message


class Rejected(Refusal):
    """The request itself is wrong: InvalidRequest (422)."""


class Refused(Refusal):
    """The current state refuses this step: Conflict (409)."""


class NotAllowed(Refusal):
    """Only someone else may do or decide this: Forbidden (403)."""


class Missing(Refusal):
    """No such record, or one the actor may not see: NotFound (404)."""
