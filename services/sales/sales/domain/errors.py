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


class MasterDataRejected(Rejected):
    """A master data record or import is wrong (issue 17): every bad row is named."""


class MasterDataConflict(Refused):
    """The record exists already, or is retired and takes no change (issue 17)."""


class MasterDataNotAllowed(NotAllowed):
    """The actor keeps no master data of that company (issue 17)."""


class MasterRecordNotFound(Missing):
    """No such customer (or price), or one of a company the actor does not work for."""


class ChangeRejected(Rejected):
    """The change notice itself is wrong: an unknown line, nothing that changes, a date
    before the re-reviewed earliest one (SAL-8)."""


class ChangeStepRefused(Refused):
    """The change notice's state refuses this step now (SAL-8)."""


class ChangeNotFound(Missing):
    """No such change notice, or one of a company the actor does not work for."""


class InstallationRefused(Refused):
    """AFS-3: installation terms recorded twice, or site readiness without installation in
    the contract or confirmed twice."""
