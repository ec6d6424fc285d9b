"""A tiny nameko service for the RPC client tests, run as a subprocess.

    python echo_service.py <service_name> <amqp_uri>

It prints READY once its queue is consuming, and stops cleanly on SIGTERM.
It runs in its own monkey-patched process so the test process stays
un-patched for the asyncio client (see conftest.py).
"""

import eventlet

eventlet.monkey_patch()

import signal  # noqa: E402
import sys  # noqa: E402

from nameko.extensions import DependencyProvider  # noqa: E402
from nameko.rpc import rpc  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402


class ContextData(DependencyProvider):
    """Hands the worker its context data, so tests can see the headers sent."""

    def get_dependency(self, worker_ctx):
        return dict(worker_ctx.context_data)


def make_service(name):
    class Echo:
        context_data = ContextData()

        @rpc
        def echo(self, value):
            return value

        @rpc
        def sleep(self, seconds, value=None):
            eventlet.sleep(seconds)
            return value

        @rpc
        def fail(self, message):
            raise ValueError(message)

        @rpc
        def context(self):
            return self.context_data

    Echo.name = name
    return Echo


def main():
    name, amqp_uri = sys.argv[1], sys.argv[2]
    runner = ServiceRunner({"AMQP_URI": amqp_uri, "max_workers": 20})
    runner.add_service(make_service(name))
    # Stop from a green thread: a signal handler must not block on the stop.
    signal.signal(signal.SIGTERM, lambda *_: eventlet.spawn_n(runner.stop))
    runner.start()
    print("READY", flush=True)
    runner.wait()


if __name__ == "__main__":
    main()
