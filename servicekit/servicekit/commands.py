"""Exactly-once commands: a command id is run once; a repeat gets the stored reply.

The gateway gives every command an id (from the caller's Idempotency-Key, else one
per request) and reuses it when it retries after a lost connection; the broker
may also redeliver a request whose connection dropped before the ack. Either
way the service answers a repeat from its command inbox, written in the same
transaction as the command's effects (UnitOfWork.finish_command).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from contracts.errors import InvalidRequest
from servicekit import metrics
from servicekit.uow import CommandMark, DuplicateCommand, UnitOfWork

log = logging.getLogger(__name__)
UNSIGNED_ACTOR_FIELDS = ("signature", "expires")
# How long a command's reply is kept for its repeats: well past the gateway's 24 h
# Idempotency-Key and any client's retry budget.
DEFAULT_RETENTION = timedelta(days=7)


def fingerprint(method: str, args: list) -> str:
    """What makes two calls the same command: the method and its arguments, less the
    actor's signature and expiry (a retry is signed afresh)."""
    def plain(value):
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k not in UNSIGNED_ACTOR_FIELDS}
        return value

    text = json.dumps([method, [plain(a) for a in args]], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def run_once(uow: UnitOfWork, command_id: str | None, method: str, args: list,
             execute: Callable[[], object]):
    """Run `execute` (which returns the JSON reply) once for `command_id`."""
    if not command_id:
        return execute()
    mark = CommandMark(command_id, method, fingerprint(method, args))
    stored = _stored_reply(uow, mark)
    if stored is not None:
        return stored[0]
    uow.begin_command(mark)
    try:
        reply = execute()
    except Exception:
        uow.abandon_command()
        stored = _stored_reply(uow, mark)  # a twin run finished first, and we were refused
        if stored is not None:
            return stored[0]
        raise
    try:
        uow.finish_command(reply)
    except DuplicateCommand:
        stored = _stored_reply(uow, mark)
        if stored is None:
            raise
        return stored[0]
    finally:
        uow.abandon_command()
    return reply


def _stored_reply(uow: UnitOfWork, mark: CommandMark) -> tuple | None:
    row = uow.stored_command(mark.command_id, mark.method)
    if row is None:
        return None
    if row["fingerprint"] != mark.fingerprint:
        raise InvalidRequest(f"command id {mark.command_id!r} was already used for a "
                             f"different {mark.method} request",
                             {"command_id": mark.command_id})
    metrics.COMMAND_REPLAYS.labels(uow.service, mark.method).inc()
    log.info("command %s of %s answered from the command inbox", mark.command_id, mark.method)
    return (row["reply"],)


def prune(uow: UnitOfWork, *, retention: timedelta = DEFAULT_RETENTION,
          now: datetime | None = None) -> int:
    """Forget the replies of commands older than `retention`; returns how many."""
    table = uow.tables["command"]
    before = (now or datetime.now(UTC)) - retention
    with uow:
        removed = uow.session.execute(delete(table).where(table.c.handled_at < before)).rowcount
        uow.commit()
    if removed:
        log.info("forgot %d command replies older than %s", removed, before.isoformat())
    return removed
