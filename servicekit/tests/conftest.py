# nameko's containers need a monkey-patched process, before anything else is imported.
import eventlet

eventlet.monkey_patch()

from servicekit.testing import *  # noqa: E402,F401,F403
