"""Consuming integration events: validated, idempotent, retried with backoff, dead-lettered.

    @event_handler("sales.order_received")
    def on_order_received(self, event: EventEnvelope, payload: OrderReceived): ...

nameko's own @event_handler acks a message whose handler raised (the event is
lost) or requeues it in a hot loop, and crashes on an undecodable body. This
entrypoint instead:
- sends a malformed message (bad JSON, failed schema validation, unknown type)
  straight to the service's dead-letter queue with the reason;
- skips an event the inbox says was already handled;
- on failure, re-publishes the message to a delay queue (backoff per
  EVENT_RETRY_DELAYS_MS) and, once retries are spent, dead-letters it;
- acks only after the retry or dead letter is confirmed by the broker, so a
  crash anywhere leaves the message in its queue rather than losing it.
"""

from __future__ import annotations

import logging
from functools import partial

from nameko.amqp.publish import Publisher
from nameko.messaging import Consumer, QueueConsumer
from pydantic import ValidationError

from contracts.catalog import UnknownEvent, spec_for, validate_payload
from contracts.envelope import EventEnvelope
from servicekit import metrics
from servicekit.deadletters import ATTEMPTS, DeadLetterer, raw_publish_kwargs
from servicekit.topology import consumer_queue, delay_exchange
from servicekit.uow import DuplicateEvent

log = logging.getLogger(__name__)


class EventQueueConsumer(QueueConsumer):
    """nameko's queue consumer, but an undecodable body is handed to its entrypoint."""

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            consumer.on_decode_error = partial(self._on_decode_error, provider)
        return consumers

    def _on_decode_error(self, provider, message, exc):
        self.container.spawn_managed_thread(
            partial(provider.reject_malformed, message, f"undecodable body: {exc}")
        )


class EventHandler(Consumer):
    queue_consumer = EventQueueConsumer()

    def __init__(self, event_type: str, **kwargs):
        spec_for(event_type)  # fail at import time for an event the catalog lacks
        self.event_type = event_type
        super().__init__(queue=None, **kwargs)

    def setup(self):
        self.service = self.container.service_name
        if self.service not in spec_for(self.event_type).consumers:
            raise UnknownEvent(f"catalog does not list {self.service} as a consumer of "
                               f"{self.event_type}")
        self.queue = consumer_queue(self.service, self.event_type)
        config = self.container.config
        self.retry_delays = tuple(config.get("EVENT_RETRY_DELAYS_MS", (1000, 5000, 30000)))
        self.retry_publisher = Publisher(config["AMQP_URI"], use_confirms=True, mandatory=True)
        self.dead_letters = DeadLetterer(config["AMQP_URI"], self.service)
        super().setup()

    @property
    def handler_key(self) -> str:
        return f"{self.service}.{self.method_name}"

    # -- receiving -----------------------------------------------------------
    def handle_message(self, body, message):
        try:
            envelope = EventEnvelope.model_validate(body)
            if envelope.event_type != self.event_type:
                raise UnknownEvent(f"{envelope.event_type} arrived on {self.queue.name}")
            payload = validate_payload(envelope)
        except (ValidationError, UnknownEvent, TypeError, ValueError) as exc:
            self.reject_malformed(message, f"schema validation failed: {exc}")
            return
        attempt = int((message.headers or {}).get(ATTEMPTS, 0))
        if attempt or message.delivery_info.get("redelivered"):
            metrics.EVENT_REDELIVERIES.labels(self.service, self.event_type).inc()
        if self._already_handled(envelope):
            metrics.EVENT_DUPLICATES.labels(self.service, self.event_type).inc()
            self.queue_consumer.ack_message(message)
            return
        context_data = self.unpack_message_headers(message)
        self.container.spawn_worker(
            self, (envelope, payload), {}, context_data=context_data,
            handle_result=partial(self.handle_result, message),
        )

    def _already_handled(self, envelope: EventEnvelope) -> bool:
        # An optimisation only: the inbox's unique key is the guarantee.
        from servicekit.runtime import UnitOfWorkProvider

        for dependency in self.container.dependencies:
            if isinstance(dependency, UnitOfWorkProvider):
                try:
                    return dependency.already_handled(str(envelope.event_id), self.handler_key)
                except Exception:  # database hiccup: let the handler's commit decide
                    log.exception("inbox check failed")
        return False

    # -- outcome ---------------------------------------------------------------
    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        if exc_info is None or isinstance(exc_info[1], DuplicateEvent):
            self.queue_consumer.ack_message(message)
            return result, exc_info
        error = f"{type(exc_info[1]).__name__}: {exc_info[1]}"
        attempt = int((message.headers or {}).get(ATTEMPTS, 0)) + 1
        try:
            if attempt <= len(self.retry_delays):
                self._schedule_retry(message, attempt)
            else:
                self.dead_letters.send(message, queue=self.queue.name, reason="retries exhausted",
                                       error=error, attempts=attempt)
        except Exception:
            # Could not hand the message on: give it back to the broker rather than lose it.
            log.exception("retry/dead-letter publish failed; requeueing %s", self.event_type)
            self.queue_consumer.requeue_message(message)
        else:
            self.queue_consumer.ack_message(message)
        return result, exc_info

    def _schedule_retry(self, message, attempt: int) -> None:
        delay = self.retry_delays[attempt - 1]
        headers = {**(message.headers or {}), ATTEMPTS: attempt}
        self.retry_publisher.publish(
            message.body, exchange=delay_exchange(delay), routing_key=self.queue.name,
            headers=headers, **raw_publish_kwargs(message),
        )
        metrics.EVENT_RETRIES.labels(self.service, self.event_type).inc()
        log.warning("%s failed (attempt %d); retrying in %d ms", self.handler_key, attempt, delay)

    def reject_malformed(self, message, reason: str) -> None:
        try:
            self.dead_letters.send(message, queue=self.queue.name, reason="malformed",
                                   error=reason, attempts=0)
        except Exception:
            log.exception("could not dead-letter a malformed message; requeueing")
            self.queue_consumer.requeue_message(message)
            return
        log.error("malformed message on %s dead-lettered: %s", self.queue.name, reason)
        self.queue_consumer.ack_message(message)


event_handler = EventHandler.decorator
