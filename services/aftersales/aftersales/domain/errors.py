"""Why after-sales refuses something: servicekit's four kinds of refusal, in its words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
Missing → 404); use cases raise these, never contracts.errors. After-sales has no
decision reserved to someone else (NotAllowed): who may record, forward, contact and
resolve is the gateway's role check.
"""

from servicekit.refusals import Missing, Refused, Rejected


class RequestRejected(Rejected):
    """The request itself breaks a rule (unknown kind, empty notes, a naive time)."""


class StepOutOfOrder(Refused):
    """The request is not at the step this action belongs to (AFS-1 → AFS-2 → AFS-4)."""


class NotDelivered(Refused):
    """AFS-1: a service request concerns goods the customer has received; not yet."""


class OrderNotFound(Missing):
    """The order is one of a company the actor does not work for."""


class RequestNotFound(Missing):
    """No such service request, or one of a company the actor does not work for."""


class InstallationRefused(Refused):
    """AFS-3: done before it is scheduled, or signed off before it is done, or twice."""


class InstallationNotFound(Missing):
    """No such installation, or one of a company the actor does not work for (AFS-3)."""
