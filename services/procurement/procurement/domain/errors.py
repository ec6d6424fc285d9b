"""Why procurement refuses something: servicekit's four kinds of refusal, in procurement's words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
NotAllowed → 403, Missing → 404); the domain and the use cases raise these, never
contracts.errors.
"""

from servicekit.refusals import Missing, Refused, Rejected


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
