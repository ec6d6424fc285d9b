"""Why logistics refuses something: servicekit's four kinds of refusal, in logistics' words.

servicekit.rpcs maps each kind to its wire error once (Rejected → 422, Refused → 409,
Missing → 404); use cases raise these, never contracts.errors. Logistics has no
decision reserved to someone else, so nothing here is a NotAllowed.
"""

from servicekit.refusals import Missing, Refused, Rejected


class ShippingRejected(Rejected):
    """The request itself is wrong (a carrier that is neither the company vehicle nor a
    contracted one, LOG-4)."""


class ShippingRefused(Refused):
    """The state of the order, the store or the shipment refuses this now (goods not
    stocked, a short pick, a second notice, delivery before dispatch)."""


class PaymentNotConfirmed(ShippingRefused):
    """Rule LOG-2: goods do not leave before sales has confirmed the payment."""


class NotOnRecord(Missing):
    """Logistics holds no such order or shipment, or it belongs to a company the actor
    does not work for."""
