"""Why sales refuses something: servicekit's four kinds of refusal, in sales' words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
NotAllowed → 403, Missing → 404); use cases raise these, never contracts.errors.
"""

from servicekit.refusals import Missing, NotAllowed, Refused, Rejected


class OrderRejected(Rejected):
    """The request itself is wrong (unknown customer, bad date, overpayment)."""


class StepRefused(Refused):
    """The order's state refuses this step now (e.g. contract before quotation)."""


class NotAllowedToDecide(NotAllowed):
    """Only someone else may decide this (e.g. the general manager, SAL-4, ORD-3)."""


class OrderNotFound(Missing):
    """No such order, or one of a company the actor does not work for."""
