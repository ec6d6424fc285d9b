"""Unit of work: one transaction for a state change, its events and its inbox mark.

Use cases take a unit of work and do `with uow: ... uow.commit()` (cosmicpython).
`uow.numbers.next(kind, company_id)` draws a business number (X-4), and
`uow.emit(...)` writes an integration event to the outbox inside the same
transaction; after commit the outbox publishes it. When the worker is
handling an event, commit also records that event in the inbox, so a
redelivery has no second effect.

When the worker is running a *command* (servicekit.commands), the use case's
`uow.commit()` is held open until its reply is known: the reply is then written
to the command inbox and everything commits together. A use case that opens
`with uow:` again meanwhile continues the held transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contracts.catalog import spec_for
from contracts.envelope import Payload, new_envelope
from servicekit.db import WriteGate
from servicekit.deadlines import DeadlineRepository
from servicekit.numbers import BusinessNumbers


class DuplicateEvent(Exception):
    """The inbound event was already handled (a redelivery lost the race)."""


class DuplicateCommand(Exception):
    """The command id was recorded by another worker first (a redelivery lost the race)."""


class QueryWrites(RuntimeError):
    """A method the contract calls a query tried to commit: a bug in the service."""


@lru_cache(maxsize=16)
def _writing(engine: Engine) -> Engine:
    """The engine whose transactions begin as writes; made once per engine."""
    return engine.execution_options(write=True)


@dataclass(frozen=True)
class CommandMark:
    command_id: str
    method: str
    fingerprint: str


@dataclass(frozen=True)
class Inbound:
    event_id: str
    event_type: str
    handler: str


class UnitOfWork:
    """Base unit of work; services subclass it and open repositories in `_open`."""

    def __init__(
        self,
        engine: Engine,
        gate: WriteGate,
        tables: dict,
        service: str,
        *,
        after_commit: Callable[[list[int]], None] = lambda ids: None,
        current_trace_headers: Callable[[], dict] = dict,
        inbound: Inbound | None = None,
        exit_after_commit: bool = False,
    ):
        self.engine = engine
        self.tables = tables
        self.service = service
        self._gate = gate
        self._after_commit = after_commit
        self._trace_headers = current_trace_headers
        self._inbound = inbound
        self._exit_after_commit = exit_after_commit
        self.session: Session | None = None
        self._depth = 0
        self._command: CommandMark | None = None
        self._held = False  # a command's commit waits for its reply
        self.command_id: str | None = None  # set by the runtime for a gateway command
        # A query's worker (servicekit.rpcs) only reads: on SQLite it neither waits for the
        # write gate nor takes the write lock, so a read never queues behind a long write.
        self.read_only = False

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self):
        self._depth += 1
        if self.session is not None:  # continuing a command's held transaction
            return self
        self._gate_cm = nullcontext() if self.read_only else self._gate.writing()
        self._gate_cm.__enter__()
        # "write" makes SQLite take its write lock at BEGIN (see db.make_engine).
        self.session = Session(self.engine if self.read_only else _writing(self.engine),
                               expire_on_commit=False)
        self._pending_outbox: list[int] = []
        self._committed_outbox: list[int] = []
        self.deadlines = DeadlineRepository(self.session, self.tables["deadline"])
        self.numbers = BusinessNumbers(self.session, self.tables["business_number"])
        self._open(self.session)
        return self

    def __exit__(self, *exc_info):
        self._depth -= 1
        if self._depth > 0 or (self._held and exc_info[0] is None):
            return
        self._held = False
        try:
            self.session.rollback()  # no-op after commit; undoes anything uncommitted
            self.session.close()
        finally:
            self._gate_cm.__exit__(*exc_info)
        self.session = None
        # Publish outside the SQLite write gate: a broker round trip must not
        # hold up other writers. Committed rows only; the relay covers a crash here.
        committed, self._committed_outbox = self._committed_outbox, []
        if committed:
            self._after_commit(committed)

    def _open(self, session: Session) -> None:
        """Subclasses create their repositories here."""

    def commit(self) -> None:
        if self.read_only:
            raise QueryWrites("a query may not change state: declare it a command")
        if self._command is not None:
            self.session.flush()  # constraint errors surface in the use case, as before
            self._held = True
            return
        inbound = self._inbound
        try:
            # the inbox insert itself fails first when a twin delivery was handled already
            if inbound is not None:
                self._mark_inbound_handled()
            self.session.commit()
        except IntegrityError as exc:
            if inbound is not None and "inbox" in str(exc.orig).lower():
                raise DuplicateEvent(inbound.event_id) from exc
            raise
        if self._exit_after_commit:
            os._exit(17)  # test-only fault injection: crash before the outbox publishes
        self._committed_outbox += self._pending_outbox
        self._pending_outbox = []

    def rollback(self) -> None:
        self.session.rollback()
        self._pending_outbox = []
        self._held = False

    # -- commands ------------------------------------------------------------
    def stored_command(self, command_id: str, method: str) -> dict | None:
        """The command inbox row of an earlier run of this command, if any."""
        table = self.tables["command"]
        with self.engine.connect() as conn:
            row = conn.execute(select(table.c.fingerprint, table.c.reply).where(
                table.c.command_id == command_id, table.c.method == method)).first()
        return None if row is None else {"fingerprint": row.fingerprint, "reply": row.reply}

    def begin_command(self, mark: CommandMark) -> None:
        self._command = mark

    def finish_command(self, reply) -> None:
        """Record the command's reply beside its effects and commit them together."""
        mark, self._command = self._command, None
        with self:
            self.session.execute(insert(self.tables["command"]).values(
                command_id=mark.command_id, method=mark.method,
                fingerprint=mark.fingerprint, reply=reply, handled_at=datetime.now(UTC)))
            self._held = False
            try:
                self.commit()
            except IntegrityError as exc:
                if "command" in str(exc.orig).lower():
                    raise DuplicateCommand(mark.command_id) from exc
                raise

    def abandon_command(self) -> None:
        """The command failed: undo whatever it held."""
        self._command = None
        if self.session is not None:
            self._held = False
            self._depth = 1
            self.__exit__(None, None, None)

    # -- events --------------------------------------------------------------
    def emit(
        self, event_type: str, payload: Payload, *, company_id: str, order_no: str | None = None
    ) -> str:
        """Record an integration event to publish when (and only if) this commits."""
        spec = spec_for(event_type)
        if spec.producer != self.service:
            raise ValueError(f"{self.service} may not emit {event_type}: its producer is "
                             f"{spec.producer}")
        if not isinstance(payload, spec.payload):
            raise TypeError(f"{event_type} takes {spec.payload.__name__}, "
                            f"not {type(payload).__name__}")
        envelope = new_envelope(event_type, payload, company_id=company_id,
                                order_no=order_no, schema_version=spec.schema_version)
        row_id = self.session.execute(
            insert(self.tables["outbox"]).values(
                event_id=str(envelope.event_id),
                event_type=event_type,
                order_no=order_no,
                body=envelope.model_dump_json(),
                headers=self._trace_headers(),
                created_at=datetime.now(UTC),
                attempts=0,
            )
        ).inserted_primary_key[0]
        self._pending_outbox.append(row_id)
        return str(envelope.event_id)

    def _mark_inbound_handled(self) -> None:
        self.session.execute(
            insert(self.tables["inbox"]).values(
                event_id=self._inbound.event_id,
                handler=self._inbound.handler,
                event_type=self._inbound.event_type,
                handled_at=datetime.now(UTC),
            )
        )
        # Mark only once per worker even if the use case commits twice.
        self._inbound = None
