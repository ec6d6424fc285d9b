"""Why planning refuses something: servicekit's four kinds of refusal, in planning's words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
Missing → 404); use cases raise these, never contracts.errors.
"""

from servicekit.refusals import Missing, NotAllowed, Refused, Rejected


class PlanningRejected(Rejected):
    """The request itself is wrong (a product the company does not make, more completed than
    the work order's quantity)."""


class StepRefused(Refused):
    """The state refuses this step now (a work order waiting for materials, a design review
    of a regular order)."""


class CannotSchedule(Refused):
    """Planning cannot give this work dates (PLN-2, PLN-5): one of the reasons below."""


class MasterDataIncomplete(CannotSchedule):
    """The product's routing names no work centre planning knows, or has no steps."""


class BeyondHorizon(CannotSchedule):
    """The plant cannot finish the work within the planning horizon."""


class CouldNotDecide(CannotSchedule):
    """The computation did not finish within its time budget (issue 8.3)."""


class NotInPlanning(Missing):
    """No such demand, plan or work order, or one of a company the actor does not work for."""


class ChangeRefused(Refused):
    """Planning cannot apply a customer change: a work order of the line is already
    finished, or more is completed than the new quantity (SAL-8)."""


class MasterDataRejected(Rejected):
    """A product or work centre record is wrong (issue 17): a BOM cycle, an unknown work
    centre in the routing."""


class MasterDataConflict(Refused):
    """The product or work centre exists already, or is retired (issue 17)."""


class MasterDataNotAllowed(NotAllowed):
    """The actor keeps no master data of that company (issue 17)."""


class MasterRecordNotFound(Missing):
    """No such product or work centre, or one of a company the actor does not work for."""


class NotAllowedToPlan(NotAllowed):
    """Only someone else may decide: leadership approves a rush order (PLN-9); the production
    manager and the contract & order manager approve a re-sequence (PLN-7)."""
