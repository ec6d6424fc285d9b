"""Why quality refuses something: servicekit's four kinds of refusal, in quality's words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
Missing → 404); use cases raise these, never contracts.errors. Quality has no
"only someone else may decide" refusal (NotAllowed): the gateway's roles decide who
inspects.
"""

from servicekit.refusals import Missing, Refused, Rejected


class InspectionRejected(Rejected):
    """The inspection result itself is wrong: an empty sample, more defects than the sample
    holds, a failed final inspection without its findings (QLT-1, QLT-2, QLT-4)."""


class AlreadyInspected(Refused):
    """A lot is inspected once; a second verdict would rewrite history (QLT-1)."""


class NotAwaitingInspection(Refused):
    """No final inspection is pending for the order: production has not completed, or the
    verdict is already recorded (QLT-2)."""


class LotNotFound(Missing):
    """No such lot, or one of a company the actor does not work for."""


class OrderNotFound(Missing):
    """No final inspection of the order in the actor's companies."""
