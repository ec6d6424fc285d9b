"""One RabbitMQ user per service and for the gateway, with only the permissions it needs
(issue 8.9), derived from the contracts catalog and servicekit's topology.

    .venv/bin/python tools/broker_users.py                 # (re)write the files in infra/rabbitmq/
    .venv/bin/python tools/broker_users.py --check         # exit 1 if they are stale
    .venv/bin/python tools/broker_users.py table           # print the permission table
    .venv/bin/python tools/broker_users.py k8s --random-passwords --host rabbitmq.prod \\
        | kubectl apply -f -                               # a real cluster: fresh passwords

Written files (tests/contract/test_broker_permissions.py fails when they drift):
- infra/rabbitmq/definitions.json   compose's broker loads it (infra/rabbitmq/rabbitmq.conf):
  the service users plus guest, kept so that `make run` and the tests work as before;
- infra/rabbitmq/broker-users.k8s.yaml   a Secret per user holding its AMQP URI, and a
  ConfigMap with the definitions (no guest) and the rabbitmq.conf that loads them.
The committed passwords are development ones (`<user>-dev-only`); anything reachable by
others gets `--random-passwords`.

RabbitMQ checks, per vhost: *configure* on a queue/exchange to declare (or delete) it;
*write* on an exchange to publish to it and on a queue to bind it; *read* on a queue to
consume (or get) from it, and on an exchange to bind a queue to it. Topic permissions add,
for topic exchanges, a regex on the routing key when publishing (write) and on the binding
key when binding (read). What each user gets:

- read: only its own queues — its RPC queue `rpc-<service>`, its consumer queues
  `<service>.<event>`, its dead-letter queue, its RPC reply queues `rpc.reply-<user>-<uuid>`
  (plus, as binding sources, the exchanges; and the delay queues, which RabbitMQ requires
  read on to declare them with a dead-letter exchange);
- write (exchanges): `ordersuite.events` with topic-write limited to the events the catalog
  says it produces; `nameko-rpc` with topic-write limited to replies (a reply key is a UUID)
  and requests to the services it calls (RPC_CALLS); the delay exchanges and
  `ordersuite.retry` (retries, dead-letter replay); the default exchange (dead letters are
  published to it, keyed by queue name);
- configure: what it declares.
The gateway: its RPC exchange and reply queues, its breach consumer `gateway.escalations`
(declare, bind to `<service>.deadline_breached`, consume) and its dead-letter queue
`gateway.dead-letters` (declare, publish through the default exchange), and its read
cache's `gateway.read-cache.<namespace>` (declare, bind to the catalog's events, consume). Topic
permissions are per user, not per queue: either queue may bind to any catalog event, none
to another key.

Known limits, beyond what permissions can express:
- every service declares *every* consumer and dead-letter queue of the catalog at start-up
  (topology.declare_all, "no silent drops"), and binds them; so configure and write cover
  all those queue names, for every service — configure also allows deleting them. Moving
  the declaration to one deploy step would shrink this to the service's own queues;
- the default exchange (`amq.default`) and `ordersuite.retry` are direct, so topic
  permissions cannot narrow them: a service could publish straight into any queue by name,
  another service's RPC queue included. Publishing dead letters through a dedicated
  exchange, and replays through a per-service one, would close that.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
for _package in ("contracts", "servicekit"):
    sys.path.insert(0, str(ROOT / _package))

from contracts.catalog import CATALOG, SERVICES  # noqa: E402
from servicekit import topology  # noqa: E402

OUT = ROOT / "infra" / "rabbitmq"
DEFINITIONS = OUT / "definitions.json"
K8S = OUT / "broker-users.k8s.yaml"

GATEWAY = "gateway"
USERS: tuple[str, ...] = (*SERVICES, GATEWAY)
# Who calls whom over RPC, besides the gateway calling every service: the RpcProxy
# dependencies of services/*/*/service.py (a test keeps this in step with them).
RPC_CALLS: dict[str, tuple[str, ...]] = {GATEWAY: SERVICES, "sales": ("planning",)}
# The gateway's own event consumer (X-2, gateway/gateway/inbox/feed.py: QUEUE, and the
# event types it binds; a test keeps these in step with it): every service's breaches.
GATEWAY_ESCALATIONS = "gateway.escalations"
GATEWAY_DEAD_LETTERS = topology.dead_letter_queue_name(GATEWAY)
GATEWAY_CONSUMES: tuple[str, ...] = tuple(f"{s}.deadline_breached" for s in SERVICES)
# ... and its read cache's (gateway/gateway/core/readcache_feed.py): every event of the
# catalog makes the cached reads of its order old.
GATEWAY_READ_CACHE = "gateway.read-cache"  # .<namespace>: one per deployment
NAMESPACE = "[0-9a-f]{12}"  # gateway.core.readcache.namespace_of
GATEWAY_READ_CACHE_BINDS: tuple[str, ...] = tuple(CATALOG)

# The nameko 2.x RPC wire (nameko.rpc; gateway/gateway/rpc/wire.py speaks the same).
RPC_EXCHANGE = "nameko-rpc"
RPC_QUEUE = "rpc-{}"
RPC_REPLY_QUEUE = "rpc.reply-{}-{}"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
METHOD = "[A-Za-z_][A-Za-z0-9_]*"
DEFAULT_EXCHANGE = "amq.default"  # the name permissions know the "" exchange by
DELAY = r"ordersuite\.delay\.[0-9]+"  # EVENT_RETRY_DELAYS_MS is configurable
DEFAULT_VHOST = "/"


def lit(name: str) -> str:
    """A queue or exchange name as a regex (names are [A-Za-z0-9_.*-])."""
    return name.replace(".", r"\.").replace("*", r"\*")


def anchored(parts: list[str]) -> str:
    return "^(?:" + "|".join(parts) + ")$" if parts else "^$"


def all_consumer_queues() -> list[str]:
    return [topology.consumer_queue_name(service, spec.event_type)
            for spec in CATALOG.values() for service in spec.consumers]


def own_consumer_queues(service: str) -> list[str]:
    return [topology.consumer_queue_name(service, spec.event_type)
            for spec in CATALOG.values() if service in spec.consumers]


def produced(service: str) -> list[str]:
    return [spec.event_type for spec in CATALOG.values() if spec.producer == service]


def reply_queue(user: str) -> str:
    return lit(RPC_REPLY_QUEUE.format(user, "")) + UUID


def permissions(user: str) -> dict[str, str]:
    """configure / write / read regexes of one user."""
    rpc = [lit(RPC_EXCHANGE), reply_queue(user)]
    events = topology.EVENTS_EXCHANGE.name
    if user == GATEWAY:
        # RPC; and its escalation consumer: declares the events and retry exchanges
        # (services may not have started yet), its queue and dead-letter queue, binds the
        # queue (write on it, read on the exchanges: events, and retry for replays),
        # consumes it, dead-letters through the default exchange.
        # The read cache's queue likewise: declared, bound, consumed.
        escalations, retry = lit(GATEWAY_ESCALATIONS), lit(topology.RETRY_EXCHANGE.name)
        read_cache = lit(GATEWAY_READ_CACHE + ".") + NAMESPACE
        return {"configure": anchored([*rpc, lit(events), retry, escalations, read_cache,
                                       lit(GATEWAY_DEAD_LETTERS)]),
                "write": anchored([*rpc, escalations, read_cache, lit(DEFAULT_EXCHANGE)]),
                "read": anchored([*rpc, lit(events), retry, escalations, read_cache])}
    retry = topology.RETRY_EXCHANGE.name
    exchanges = [lit(events), lit(retry), DELAY, lit(RPC_EXCHANGE)]
    own_rpc = [lit(RPC_QUEUE.format(user)), reply_queue(user)]
    # declare_all: every consumer queue and every dead-letter queue of the catalog, at the
    # start-up of *any* service (so configure — hence delete — and write cover them all).
    every_queue = ([lit(q) for q in all_consumer_queues()]
                   + [lit(topology.dead_letter_queue_name(s)) for s in SERVICES])
    own_queues = ([lit(q) for q in own_consumer_queues(user)]
                  + [lit(topology.dead_letter_queue_name(user))])
    return {
        # declares: the exchanges, the delay queues (same names as their exchanges), the
        # catalog's queues, its RPC queue and reply queues.
        "configure": anchored([*exchanges, *own_rpc, *every_queue]),
        # publishes to: the events, delay, retry, RPC and default exchanges; binds: the
        # catalog's consumer queues (declare_all), delay queues, its RPC and reply queues.
        "write": anchored([*exchanges, lit(DEFAULT_EXCHANGE), *own_rpc,
                           *[lit(q) for q in all_consumer_queues()]]),
        # consumes: its own queues only; binds from: the exchanges; delay queues: declaring
        # a queue with a dead-letter exchange needs read on it.
        "read": anchored([*exchanges, *own_rpc, *own_queues]),
    }


def topic_permissions(user: str) -> list[dict[str, str]]:
    """Routing-key limits on the topic exchanges."""
    rpc_write = [f"{lit(callee)}\\.{METHOD}" for callee in RPC_CALLS.get(user, ())]
    if user == GATEWAY:
        return [{"exchange": RPC_EXCHANGE, "write": anchored(rpc_write),
                 "read": anchored([UUID])},
                # it publishes no event; it binds to the catalog's events only (the
                # breaches for the inbox, all of them for the read cache)
                {"exchange": topology.EVENTS_EXCHANGE.name, "write": anchored([]),
                 "read": anchored([lit(e) for e in dict.fromkeys(
                     (*GATEWAY_CONSUMES, *GATEWAY_READ_CACHE_BINDS))])}]
    return [
        # declare_all binds every consumer queue, so any event key may be bound (read).
        {"exchange": topology.EVENTS_EXCHANGE.name,
         "write": anchored([lit(e) for e in produced(user)]), "read": ".*"},
        # replies go to a caller's UUID key; its RPC queue binds `<service>.*`, its reply
        # queues their UUID: it cannot bind itself to another service's requests.
        {"exchange": RPC_EXCHANGE, "write": anchored([UUID, *rpc_write]),
         "read": anchored([lit(f"{user}.*"), UUID])},
    ]


def dev_password(user: str) -> str:
    return f"{user}-dev-only"


def password_hash(password: str, salt: bytes | None = None) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt + sha256(salt + password))."""
    salt = os.urandom(4) if salt is None else salt
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def _dev_salt(user: str) -> bytes:
    # Deterministic, so the committed files can be checked for drift; dev passwords only.
    return hashlib.sha256(f"ordersuite:{user}".encode()).digest()[:4]


def definitions(passwords: dict[str, str], *, vhost: str = DEFAULT_VHOST,
                name: Callable[[str], str] = lambda user: user, guest: bool = False,
                deterministic: bool = True) -> dict:
    """A RabbitMQ definitions document: the users, the vhost, their permissions."""
    def hashed(user: str, password: str) -> str:
        return password_hash(password, _dev_salt(user) if deterministic else None)

    users = [{"name": name(u), "password_hash": hashed(u, passwords[u]),
              "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": []}
             for u in USERS]
    perms = [{"user": name(u), "vhost": vhost, **permissions(u)} for u in USERS]
    if guest:  # the development broker: what `make run` and the tests use
        users.insert(0, {"name": "guest", "password_hash": hashed("guest", "guest"),
                         "hashing_algorithm": "rabbit_password_hashing_sha256",
                         "tags": ["administrator"]})
        perms.insert(0, {"user": "guest", "vhost": vhost, "configure": ".*", "write": ".*",
                         "read": ".*"})
    return {
        "rabbit_version": "3.13.0",
        "users": users,
        "vhosts": [{"name": vhost}],
        "permissions": perms,
        "topic_permissions": [{"user": name(u), "vhost": vhost, **t}
                              for u in USERS for t in topic_permissions(u)],
        "parameters": [], "policies": [], "queues": [], "exchanges": [], "bindings": [],
    }


def amqp_uri(user: str, password: str, host: str, vhost: str = DEFAULT_VHOST) -> str:
    from urllib.parse import quote

    path = "" if vhost == DEFAULT_VHOST else quote(vhost, safe="")
    return f"amqp://{quote(user, safe='')}:{quote(password, safe='')}@{host}:5672/{path}"


def secret_name(user: str) -> str:
    return f"ordersuite-amqp-{user}"


RABBITMQ_CONF = "load_definitions = /etc/rabbitmq/definitions.json\n"


def render_definitions(passwords: dict[str, str] | None = None, **kwargs) -> str:
    passwords = passwords or {u: dev_password(u) for u in USERS}
    return json.dumps(definitions(passwords, **kwargs), indent=2) + "\n"


def render_k8s(passwords: dict[str, str] | None = None, *, host: str = "rabbitmq",
               deterministic: bool = True) -> str:
    random = passwords is not None
    passwords = passwords or {u: dev_password(u) for u in USERS}
    header = ("# fresh random passwords" if random else
              "# DEVELOPMENT passwords: for a real cluster apply instead\n"
              "#   tools/broker_users.py k8s --random-passwords --host <broker> \\\n"
              "#       | kubectl apply -f -")
    docs = []
    for user in USERS:
        docs.append({
            "apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": secret_name(user),
                         "labels": {"app.kubernetes.io/part-of": "ordersuite"}},
            "type": "Opaque",
            "stringData": {"amqp-uri": amqp_uri(user, passwords[user], host)},
        })
    docs.append({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "rabbitmq-definitions",
                     "labels": {"app.kubernetes.io/part-of": "ordersuite"}},
        "data": {"rabbitmq.conf": RABBITMQ_CONF,
                 "definitions.json": render_definitions(passwords,
                                                        deterministic=deterministic)},
    })
    body = "---\n".join(yaml.dump(doc, Dumper=_BlockDumper, sort_keys=False, width=100)
                        for doc in docs)
    return f"# Generated by tools/broker_users.py (issue 8.9); do not edit.\n{header}\n{body}"


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings (the definitions) as literal blocks."""


_BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def files() -> dict[Path, str]:
    return {
        OUT / "rabbitmq.conf": "# Generated by tools/broker_users.py; mounted by "
                               "infra/compose.yaml.\n" + RABBITMQ_CONF,
        DEFINITIONS: render_definitions(guest=True),
        K8S: render_k8s(),
    }


def table() -> str:
    lines = []
    for user in USERS:
        lines.append(f"## {user}")
        for kind, regex in permissions(user).items():
            lines.append(f"  {kind:9} {regex}")
        for topic in topic_permissions(user):
            lines.append(f"  topic {topic['exchange']}: write {topic['write']}  "
                         f"read {topic['read']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", choices=("write", "table", "definitions", "k8s"),
                        default="write")
    parser.add_argument("--check", action="store_true", help="exit 1 if infra/ is stale")
    parser.add_argument("--random-passwords", action="store_true",
                        help="definitions/k8s: fresh passwords and salts (printed, not written)")
    parser.add_argument("--host", default="rabbitmq", help="k8s: the broker's host name")
    args = parser.parse_args(argv)
    passwords = ({u: secrets.token_urlsafe(24) for u in USERS}
                 if args.random_passwords else None)
    if args.what == "table":
        sys.stdout.write(table())
    elif args.what == "definitions":
        sys.stdout.write(render_definitions(passwords, deterministic=passwords is None))
    elif args.what == "k8s":
        sys.stdout.write(render_k8s(passwords, host=args.host,
                                    deterministic=passwords is None))
    else:
        stale = [p for p, text in files().items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        if args.check:
            for path in stale:
                print(f"stale: {path.relative_to(ROOT)} (run tools/broker_users.py)")
            return 1 if stale else 0
        OUT.mkdir(parents=True, exist_ok=True)
        for path, text in files().items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
