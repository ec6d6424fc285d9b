"""Why quality refuses something: servicekit's four kinds of refusal, in quality's words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
Missing → 404); use cases raise these, never contracts.errors. The gateway's roles decide
who inspects; only a leader coordinates a finding (LeaderDecides).
"""

from servicekit.refusals import Missing, NotAllowed, Refused, Rejected


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


class ChangeRefused(Refused):
    """Quality cannot take a customer change: the order's final inspection already
    passed (SAL-8)."""


class FindingRejected(Rejected):
    """The finding itself is wrong: found in the future, reacted to before it was found
    (QLT-3)."""


class FindingStepOutOfOrder(Refused):
    """A finding is reacted to once, and only kinds 2 and 4 are coordinated by the leader,
    after the reaction (QLT-3)."""


class LeaderDecides(NotAllowed):
    """Only the quality leader (or a general manager) coordinates a kind 2 or 4 finding."""


class DispositionRefused(Refused):
    """The NCR's state refuses it: already disposed or closed, a concession on what is no
    purchased lot or on a lot already replaced, closing before disposing (QLT-4)."""


class FindingNotFound(Missing):
    """No such finding in the actor's companies."""


class NonconformanceNotFound(Missing):
    """No such NCR in the actor's companies."""


class CompanyNotFound(Missing):
    """A company the actor does not work for."""


class TaskNotFound(Missing):
    """No such inspection task in the actor's companies (QLT-2)."""
