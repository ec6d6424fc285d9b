"""Why the domain refuses something; the use cases map these to contracts.errors."""


class SalesRuleBroken(Exception):
    """Base: a sales rule refuses the request; the message says which and why."""


class OrderRejected(SalesRuleBroken):
    """The request itself is wrong (unknown customer, bad date, overpayment): InvalidRequest."""


class StepRefused(SalesRuleBroken):
    """The order's state refuses this step now (e.g. contract before quotation): Conflict."""


class NotAllowed(SalesRuleBroken):
    """Only someone else may decide this (e.g. the general manager, SAL-4, ORD-3): Forbidden."""
