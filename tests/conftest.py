# Cross-service tests run the suite as real processes; this process stays
# un-patched (like uvicorn), so it shares a pytest session with gateway/tests.
from servicekit.testing import postgres_admin_url, rabbit_api  # noqa: F401
