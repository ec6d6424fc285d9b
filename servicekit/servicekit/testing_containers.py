"""Servers for tests from containers, when a Docker engine answers (TECHNOTES.md).

Used by `servicekit.testing` only when a server is not reachable at the URL
the environment names. On machines without a Docker engine (these
development machines and CI) this path is never taken and tests fail with a
message saying what to start instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess


def docker_engine_answers() -> bool:
    return bool(shutil.which("docker")) and subprocess.run(
        ["docker", "info"], capture_output=True, timeout=20).returncode == 0


def start_rabbitmq() -> None:
    """Start RabbitMQ with its management API; point AMQP_URI/RABBIT_API_URI at it."""
    from testcontainers.community.rabbitmq import RabbitMqContainer

    container = RabbitMqContainer("rabbitmq:3.13-management").with_exposed_ports(5672, 15672)
    container.start()
    atexit.register(container.stop)
    host = container.get_container_host_ip()
    amqp_port = container.get_exposed_port(5672)
    api_port = container.get_exposed_port(15672)
    os.environ["AMQP_URI"] = f"amqp://guest:guest@{host}:{amqp_port}/"
    os.environ["RABBIT_API_URI"] = f"http://guest:guest@{host}:{api_port}"


def start_postgres() -> None:
    """Start PostgreSQL; point POSTGRES_URL at its admin database."""
    from testcontainers.community.postgres import PostgresContainer

    container = PostgresContainer("postgres:15", username="postgres", password="postgres",
                                  dbname="postgres")
    container.start()
    atexit.register(container.stop)
    host = container.get_container_host_ip()
    port = container.get_exposed_port(5432)
    os.environ["POSTGRES_URL"] = f"postgresql://postgres:postgres@{host}:{port}/postgres"
