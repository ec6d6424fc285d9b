"""The six department services of the suite, in the order of an order's journey.

The one place the list is written (issue 7 item 7): `contracts.catalog`, the gateway,
servicekit's command and the tests import it. Plain data and no imports, so that
`servicekit run` can read it before eventlet patches the process.
"""

SERVICES: tuple[str, ...] = (
    "sales", "planning", "procurement", "quality", "logistics", "aftersales",
)
