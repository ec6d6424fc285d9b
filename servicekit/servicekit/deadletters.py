"""Dead-letter queues: where a message goes when it cannot be handled, with its reason.

One durable queue per consuming service (`<service>.dead-letters`). Each dead
letter keeps the original body byte for byte, plus headers saying which queue
it came from, why it died and after how many attempts, so it can be inspected
and replayed (`servicekit dead-letters list|replay`).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kombu import Connection
from nameko.amqp.publish import Publisher

from contracts.deadletters import (  # noqa: F401  (the wire format, shared with the gateway)
    ATTEMPTS,
    DIED_AT,
    ERROR,
    ORIGINAL_QUEUE,
    REASON,
    dead_letter_headers,
)
from servicekit import metrics
from servicekit.topology import RETRY_EXCHANGE, dead_letter_queue_name


def raw_publish_kwargs(message) -> dict:
    """Publish arguments that resend a received message's body unchanged."""
    return {
        "content_type": message.content_type or "application/octet-stream",
        "content_encoding": message.content_encoding or "binary",
        "message_id": message.properties.get("message_id"),
    }


class DeadLetterer:
    def __init__(self, amqp_uri: str, service: str):
        self.service = service
        self.publisher = Publisher(amqp_uri, use_confirms=True, mandatory=True)

    def send(self, message, *, queue: str, reason: str, error: str, attempts: int) -> None:
        headers = dead_letter_headers(message.headers, queue=queue, reason=reason,
                                      error=error, attempts=attempts,
                                      died_at=datetime.now(UTC).isoformat())
        publish_kwargs = raw_publish_kwargs(message)
        # Every dead letter gets an id, so one can be replayed on its own.
        publish_kwargs["message_id"] = publish_kwargs["message_id"] or str(uuid.uuid4())
        self.publisher.publish(
            message.body, exchange="", routing_key=dead_letter_queue_name(self.service),
            headers=headers, **publish_kwargs,
        )
        metrics.DEAD_LETTERS.labels(self.service, reason).inc()


@dataclass(frozen=True)
class DeadLetter:
    index: int
    message_id: str | None
    original_queue: str
    reason: str
    error: str
    attempts: int
    died_at: str
    body_preview: str

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def _describe(index: int, message) -> DeadLetter:
    headers = message.headers or {}
    body = message.body if isinstance(message.body, bytes) else str(message.body).encode()
    return DeadLetter(
        index=index,
        message_id=message.properties.get("message_id"),
        original_queue=headers.get(ORIGINAL_QUEUE, "?"),
        reason=headers.get(REASON, "?"),
        error=headers.get(ERROR, ""),
        attempts=int(headers.get(ATTEMPTS, 0)),
        died_at=headers.get(DIED_AT, ""),
        body_preview=body[:300].decode("utf-8", "replace"),
    )


def list_dead_letters(amqp_uri: str, service: str, limit: int = 1000) -> list[DeadLetter]:
    """Inspect without consuming: fetch, then return every message to the queue."""
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        queue = dead_letter_queue_name(service)
        found = []
        try:
            while len(found) < limit:
                message = channel.basic_get(queue, no_ack=False)
                if message is None:
                    break
                found.append(_describe(len(found) + 1, _as_kombu(channel, message)))
        finally:
            channel.close()  # unacked messages go back to the queue, in order
        return found


def replay(amqp_uri: str, service: str, message_id: str | None = None) -> int:
    """Send dead letters back to their original queue, each with a fresh set of retries:
    all those present when called, or only the one(s) with ``message_id``. Returns how
    many were sent.

    The letters present at the start are all taken (unacknowledged) before the first is
    sent back, and no more than that many are read: a replayed letter whose handler still
    fails dies again behind them and waits for the next replay, so each is sent once.
    """
    queue = dead_letter_queue_name(service)
    replayed = 0
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        channel = conn.channel()
        try:
            present = channel.queue_declare(queue=queue, passive=True).message_count
            letters = []
            while len(letters) < present:
                raw = channel.basic_get(queue, no_ack=False)
                if raw is None:
                    break
                letters.append(_as_kombu(channel, raw))
            producer = conn.Producer(channel=channel)
            for message in letters:
                if message_id and message.properties.get("message_id") != message_id:
                    message.requeue()
                    continue
                headers = dict(message.headers or {})
                original = headers.pop(ORIGINAL_QUEUE)
                for key in (REASON, ERROR, DIED_AT):
                    headers.pop(key, None)
                headers[ATTEMPTS] = 0  # a replay gets a fresh set of retries
                producer.publish(
                    message.body, exchange=RETRY_EXCHANGE.name, routing_key=original,
                    headers=headers, mandatory=True, **raw_publish_kwargs(message),
                )
                message.ack()
                replayed += 1
        finally:
            channel.close()  # whatever was not sent back (an error) returns to the queue
    return replayed


def _as_kombu(channel, raw):
    return channel.message_to_python(raw) if hasattr(channel, "message_to_python") else raw


def dumps(letters: list[DeadLetter]) -> str:
    return json.dumps([letter.as_dict() for letter in letters], ensure_ascii=False, indent=2)
