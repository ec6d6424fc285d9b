"""`servicekit` command: run a service, migrate its database, inspect dead letters.

    servicekit run sales [planning ...]       start services (one process)
    servicekit migrate sales                  upgrade a service's database to head
    servicekit revision sales -m "add x"      autogenerate a new migration (no database needed)
    servicekit revision runtime -m "add x"    ... of the runtime tables (outbox, inbox, ...)
    servicekit dead-letters list sales        show what sits in sales' dead-letter queue
    servicekit dead-letters replay sales [--id MESSAGE_ID]
                                              send one or all back to their queue
"""

from __future__ import annotations

import argparse
import sys

from contracts.services import SERVICES as DEPARTMENTS  # no pydantic: eventlet patches later

#: Each department's service class, by the convention `<name>.service:<Name>Service`.
SERVICES = {name: f"{name}.service:{name.capitalize()}Service" for name in DEPARTMENTS}


def service_class(name: str):
    """A department service by name, or any service class as `module:Class`."""
    import importlib

    target = name if ":" in name else SERVICES.get(name)
    if target is None:
        raise SystemExit(f"unknown service {name!r}; one of: {', '.join(SERVICES)} "
                         f"(or module:Class)")
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def cmd_run(args) -> int:
    import gc

    import eventlet

    eventlet.monkey_patch()  # before anything opens a socket

    from nameko.cli.run import run
    from nameko.runners import ServiceRunner

    from servicekit import logs, tracing
    from servicekit.config import service_config

    classes = [service_class(name) for name in args.services]
    # What the imports built (modules, tables, schemas) lives as long as the process: out
    # of the collector's sight, a full collection no longer walks it (issue 16: p99)
    gc.collect()
    gc.freeze()
    names = [cls.name for cls in classes]
    label = names[0] if len(names) == 1 else "ordersuite"
    logs.configure(label)
    tracing.configure(label)
    if len(classes) == 1:
        run(classes, service_config(names[0]))
        return 0
    # Several services in one process: each container gets its own config
    # (its own database URL, metrics port).
    runner = ServiceRunner(service_config(names[0]))
    for name, cls in zip(names, classes, strict=True):
        runner.add_service(cls)
        runner.service_map[cls.name].config = service_config(name)
    runner.start()
    runner.wait()
    return 0


def cmd_migrate(args) -> int:
    from servicekit import migrations
    from servicekit.config import database_url
    from servicekit.db import make_engine

    cls = service_class(args.service)
    provider = cls.uow
    engine = make_engine(database_url(args.service))
    migrations.upgrade(engine, provider.metadata, provider.migrations_dir)
    print(f"{args.service}: database at head ({engine.url.render_as_string(True)})")
    return 0


def cmd_revision(args) -> int:
    import logging

    from servicekit import migrations

    logging.basicConfig(level=logging.INFO, format="%(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("alembic.runtime").setLevel(logging.WARNING)  # plugin/context chatter
    if args.service == migrations.RUNTIME_BRANCH:
        from servicekit.alembic_env import runtime_metadata

        metadata, migrations_dir = runtime_metadata(), migrations.RUNTIME_DIR
    else:
        provider = service_class(args.service).uow
        metadata, migrations_dir = provider.metadata, provider.migrations_dir
    written = migrations.revision(args.service, metadata, migrations_dir,
                                  args.message, autogenerate=not args.empty)
    if not written:
        print(f"{args.service}: no schema changes; no revision written")
    for path in written:
        print(f"{args.service}: wrote {path} - review it, then commit it with tables.py")
    return 0


def cmd_dead_letters(args) -> int:
    import os

    from servicekit import deadletters
    from servicekit.config import DEFAULT_AMQP_URI

    amqp_uri = args.amqp_uri or os.environ.get("AMQP_URI", DEFAULT_AMQP_URI)
    if args.action == "list":
        print(deadletters.dumps(deadletters.list_dead_letters(amqp_uri, args.service)))
    else:
        count = deadletters.replay(amqp_uri, args.service, args.id)
        print(f"replayed {count} dead letter(s) of {args.service}")
        if args.id and count == 0:
            print(f"no dead letter of {args.service} has id {args.id}", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="servicekit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start services")
    run.add_argument("services", nargs="+", metavar="SERVICE",
                     help=f"one of {', '.join(SERVICES)}, or module:Class")
    run.set_defaults(func=cmd_run)
    migrate = sub.add_parser("migrate", help="upgrade a service's database")
    migrate.add_argument("service", choices=sorted(SERVICES))
    migrate.set_defaults(func=cmd_migrate)
    revision = sub.add_parser(
        "revision", help="autogenerate a service's next migration from its tables.py "
                         "('runtime': of servicekit's runtime tables)")
    revision.add_argument("service", choices=[*sorted(SERVICES), "runtime"])
    revision.add_argument("-m", "--message", required=True, help="what the revision changes")
    revision.add_argument("--empty", action="store_true",
                          help="write an empty revision (data migrations) instead")
    revision.set_defaults(func=cmd_revision)
    letters = sub.add_parser("dead-letters", help="list or replay dead letters")
    letters.add_argument("action", choices=["list", "replay"])
    # the gateway's breach consumer dead-letters too (X-2, gateway.inbox.feed)
    letters.add_argument("service", choices=[*sorted(SERVICES), "gateway"])
    letters.add_argument("--id", help="replay only the message with this id")
    letters.add_argument("--amqp-uri", help="defaults to $AMQP_URI")
    letters.set_defaults(func=cmd_dead_letters)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
