"""Publishing many messages with one round trip of confirms (issue 16).

kombu's `confirm_publish` waits for the broker's confirm after *each* message: one
round trip per event. A channel in confirm mode can instead publish a whole batch and
then wait once; the broker acks (often with `multiple`) what it has taken, nacks what
it could not, and returns (`mandatory`) what no queue was bound for — a return always
comes before that message's ack, so a returned message is known to have failed.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field

from amqp import Message
from kombu import Connection

log = logging.getLogger(__name__)

PERSISTENT = 2


@dataclass(frozen=True)
class Outgoing:
    body: bytes | str
    exchange: str
    routing_key: str
    message_id: str
    headers: dict = field(default_factory=dict)


class ConfirmedChannel:
    """One connection and confirm-mode channel, reopened after a failure."""

    def __init__(self, amqp_uri: str, confirm_timeout: float = 10.0):
        self.amqp_uri = amqp_uri
        self.confirm_timeout = confirm_timeout
        self._connection: Connection | None = None
        self._channel = None
        self._next_tag = 1
        self._acked: set[int] = set()
        self._failed: set[int] = set()
        self._returned: set[str] = set()
        self._settled_below = 1  # every tag below this one has been acked or nacked

    def publish_all(self, messages: list[Outgoing]) -> list[str | None]:
        """Publish `messages` in order and wait for all their confirms: for each, None if
        the broker took it (routed to at least one queue), else why not. Raises if the
        connection fails; then none of them counts as published."""
        try:
            return self._publish_all(messages)
        except Exception:
            self.close()
            raise

    def _publish_all(self, messages: list[Outgoing]) -> list[str | None]:
        channel = self._open()
        first = self._next_tag
        for outgoing in messages:
            channel.basic_publish(
                Message(outgoing.body, content_type="application/json",
                        content_encoding="utf-8", delivery_mode=PERSISTENT,
                        message_id=outgoing.message_id, application_headers=outgoing.headers),
                exchange=outgoing.exchange, routing_key=outgoing.routing_key, mandatory=True)
            self._next_tag += 1
        tags = range(first, self._next_tag)
        while not all(self._settled(tag) for tag in tags):
            self._connection.drain_events(timeout=self.confirm_timeout)
        results = [self._refusal(tag, outgoing) for tag, outgoing in zip(tags, messages,
                                                                           strict=True)]
        self._forget(tags, messages)
        return results

    def _refusal(self, tag: int, outgoing: Outgoing) -> str | None:
        if outgoing.message_id in self._returned:
            return (f"UndeliverableMessage: no queue is bound for {outgoing.routing_key!r} "
                    f"on {outgoing.exchange!r}")
        if tag in self._failed:
            return "nacked by the broker"
        return None

    def _settled(self, tag: int) -> bool:
        return tag < self._settled_below or tag in self._acked or tag in self._failed

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        if multiple:
            self._settled_below = max(self._settled_below, delivery_tag + 1)
        else:
            self._acked.add(delivery_tag)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        low = self._settled_below if multiple else delivery_tag
        self._failed.update(range(low, delivery_tag + 1))
        if multiple:
            self._settled_below = max(self._settled_below, delivery_tag + 1)

    def _on_return(self, exc, exchange, routing_key, message) -> None:
        self._returned.add(message.properties.get("message_id"))
        log.warning("unroutable %s on %s: %s", routing_key, exchange, exc)

    def _forget(self, tags: range, messages: list[Outgoing]) -> None:
        self._acked.difference_update(tags)
        self._failed.difference_update(tags)
        self._returned.difference_update(m.message_id for m in messages)

    def _open(self):
        if self._channel is None:
            self._connection = Connection(self.amqp_uri, heartbeat=0)
            self._connection.connect()
            channel = self._connection.channel()
            channel.confirm_select()
            channel.events["basic_ack"].add(self._on_ack)
            channel.events["basic_nack"].add(self._on_nack)
            channel.events["basic_return"].add(self._on_return)
            self._channel = channel
            self._next_tag, self._settled_below = 1, 1
        return self._channel

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        self._acked.clear()
        self._failed.clear()
        self._returned.clear()
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken: nothing to close cleanly
                connection.release()
