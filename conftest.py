# Import the workspace packages by their real names before pytest's importlib
# mode names test modules after their paths (servicekit/tests/... would
# otherwise make `servicekit` a namespace package of the repository folder).
# These __init__ modules import nothing, so eventlet is not pulled in here.
import contracts  # noqa: F401
import gateway  # noqa: F401
import servicekit  # noqa: F401
