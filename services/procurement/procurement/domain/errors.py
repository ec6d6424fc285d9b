"""Why procurement refuses something: servicekit's four kinds of refusal, in procurement's words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
NotAllowed → 403, Missing → 404); the domain and the use cases raise these, never
contracts.errors.
"""

from servicekit.refusals import Missing, NotAllowed, Refused, Rejected


class ReceiptRejected(Rejected):
    """The receipt itself is wrong (e.g. a quantity that is not positive)."""


class OverReceipt(ReceiptRejected):
    """More than the PO ordered, beyond the over-receipt tolerance (PRC-6)."""


class PurchaseOrderRefused(Refused):
    """The PO's state refuses this now: closed or received, nothing awaited, or a lot
    already decided."""


class StockShort(Refused):
    """A stock movement the store cannot make (more than is there)."""


class PurchaseOrderNotFound(Missing):
    """No such purchase order, or one of a company the actor does not work for."""


class FollowUpRefused(Refused):
    """The supplier follow-up's state refuses this now: no slip to report, no ship date
    confirmed yet, or a PO that is no longer open (PRC-4, PRC-5)."""


class RemedyRejected(Rejected):
    """The slip report itself is wrong: a vendor/model change without design's and sales'
    sign-off, or a remedy that does not hold without the new material date (PRC-4, PRC-7)."""


class ChangeRefused(Refused):
    """Procurement cannot apply a customer change: goods were already received against
    the PO it would reduce, or the store cannot reserve more (SAL-8)."""


class MasterDataRejected(Rejected):
    """A material or supplier record is wrong (issue 17)."""


class MasterDataConflict(Refused):
    """The material or supplier exists already, or is retired (issue 17)."""


class MasterRecordNotFound(Missing):
    """No such supplier (issue 17)."""


class ShortageRefused(Refused):
    """The shortage's state refuses this now: already delivered or cancelled, a follow-up
    date in the past, a cancellation without a reason (PRC-6)."""


class ShortageNotFound(Missing):
    """No such shortage, or one of a company the actor does not work for (PRC-6)."""


class TransferRefused(Refused):
    """The transfer's state refuses this now: shipped twice, or received before it was
    shipped or again (PRC-3)."""


class TransferRejected(Rejected):
    """The receipt itself is wrong: a counted quantity other than the transfer's (PRC-3)."""


class TransferNotYours(NotAllowed):
    """Only the holder ships a transfer, only the receiver receives it (PRC-3)."""


class TransferNotFound(Missing):
    """No such transfer, or one between companies the actor does not work for (PRC-3)."""
