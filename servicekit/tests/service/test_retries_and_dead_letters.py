"""A failing handler is retried with backoff, then dead-lettered; malformed input goes
straight to the dead-letter queue; dead letters can be listed and replayed."""

import time

import pytest

from servicekit import cli, deadletters
from servicekit.testing import order_received_envelope, publish_raw, queue_depth, wait_until

from probe_service import Behaviour, ProbeService, handled_count

DLQ = "planning.dead-letters"
QUEUE = "planning.sales.order_received"


@pytest.fixture(autouse=True)
def _reset():
    Behaviour.reset()


@pytest.fixture
def probe(container_factory, make_config):
    config = make_config("planning", EVENT_RETRY_DELAYS_MS=(200, 600))
    container = container_factory(ProbeService, config)
    container.start()
    return config


def _publish(amqp_uri, order_no="SO-P1-000001"):
    publish_raw(amqp_uri, order_received_envelope(order_no).model_dump(mode="json"),
                routing_key="sales.order_received")


def test_a_handler_that_fails_twice_succeeds_on_the_third_attempt_after_backing_off(
        probe, amqp_uri):
    Behaviour.fail_times = 2
    _publish(amqp_uri)
    wait_until(lambda: handled_count(probe["DATABASE_URL"]) == 1)
    first, second, third = Behaviour.attempts
    assert second - first >= 0.2 * 0.9
    assert third - second >= 0.6 * 0.9
    assert queue_depth(amqp_uri, DLQ) == 0


def test_a_handler_that_keeps_failing_ends_in_the_dead_letter_queue_without_a_hot_loop(
        probe, amqp_uri):
    Behaviour.fail_times = 1000
    _publish(amqp_uri)
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 1)
    time.sleep(1.0)
    assert len(Behaviour.attempts) == 3, "one attempt plus one retry per configured delay"
    [letter] = deadletters.list_dead_letters(amqp_uri, "planning")
    assert letter.reason == "retries exhausted"
    assert "planned failure #3" in letter.error
    assert letter.original_queue == QUEUE
    assert queue_depth(amqp_uri, DLQ) == 1, "listing does not consume"


def test_a_replayed_dead_letter_is_handled_once_the_cause_is_fixed(probe, amqp_uri):
    Behaviour.fail_times = 3
    _publish(amqp_uri)
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 1)
    assert deadletters.replay(amqp_uri, "planning") == 1
    wait_until(lambda: handled_count(probe["DATABASE_URL"]) == 1)
    assert queue_depth(amqp_uri, DLQ) == 0


def test_replay_by_id_sends_back_only_that_message(probe, amqp_uri):
    Behaviour.fail_times = 6
    _publish(amqp_uri, "SO-P1-000001")
    _publish(amqp_uri, "SO-P1-000002")
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 2)
    first = deadletters.list_dead_letters(amqp_uri, "planning")[0]
    assert deadletters.replay(amqp_uri, "planning", first.message_id) == 1
    wait_until(lambda: handled_count(probe["DATABASE_URL"]) == 1)
    assert queue_depth(amqp_uri, DLQ) == 1


def test_replay_sends_back_each_letter_present_once_even_when_it_fails_again(
        container_factory, make_config, amqp_uri, capsys):
    """issue 8 item 2: a replayed letter that dies again is not read back by the same run."""
    config = make_config("planning", EVENT_RETRY_DELAYS_MS=(10,))
    container_factory(ProbeService, config).start()
    Behaviour.fail_times = 10**6  # the cause is not fixed
    for n in range(1, 6):
        _publish(amqp_uri, f"SO-P1-00000{n}")
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 5)
    assert len(Behaviour.attempts) == 10, "one attempt plus one retry each"
    before = sorted(letter.message_id for letter in deadletters.list_dead_letters(
        amqp_uri, "planning"))

    assert cli.main(["dead-letters", "replay", "planning", "--amqp-uri", amqp_uri]) == 0
    assert capsys.readouterr().out.strip() == "replayed 5 dead letter(s) of planning"

    wait_until(lambda: len(Behaviour.attempts) == 20 and queue_depth(amqp_uri, DLQ) == 5)
    time.sleep(1.0)
    assert len(Behaviour.attempts) == 20, "each letter was sent back exactly once"
    letters = deadletters.list_dead_letters(amqp_uri, "planning")
    assert sorted(letter.message_id for letter in letters) == before
    assert {(letter.reason, letter.attempts) for letter in letters} == {
        ("retries exhausted", 2)}


def test_replay_of_an_unknown_id_sends_nothing_and_says_so(probe, amqp_uri, capsys):
    Behaviour.fail_times = 1000
    _publish(amqp_uri)
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 1)
    assert cli.main(["dead-letters", "replay", "planning", "--amqp-uri", amqp_uri,
                     "--id", "no-such-id"]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "replayed 0 dead letter(s) of planning"
    assert "no dead letter of planning has id no-such-id" in err
    assert queue_depth(amqp_uri, DLQ) == 1
    assert len(Behaviour.attempts) == 3


@pytest.mark.parametrize("body, content_type, reason", [
    (b"{not json", "application/json", "undecodable body"),
    (b"\x00\x01binary", "application/octet-stream", "undecodable body"),
    ({"event_id": "nope", "event_type": "sales.order_received"}, "application/json",
     "schema validation failed"),
])
def test_a_malformed_message_goes_straight_to_the_dead_letter_queue_with_its_reason(
        probe, amqp_uri, body, content_type, reason):
    publish_raw(amqp_uri, body, routing_key="sales.order_received", content_type=content_type)
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 1)
    [letter] = deadletters.list_dead_letters(amqp_uri, "planning")
    assert letter.reason == "malformed"
    assert reason in letter.error
    assert Behaviour.attempts == [], "the handler never saw it"
    _publish(amqp_uri)  # and the service is still alive
    wait_until(lambda: handled_count(probe["DATABASE_URL"]) == 1)


def test_an_event_whose_payload_breaks_its_contract_is_dead_lettered(probe, amqp_uri):
    body = order_received_envelope().model_dump(mode="json")
    body["payload"]["customer_grade"] = "Z"
    publish_raw(amqp_uri, body, routing_key="sales.order_received")
    wait_until(lambda: queue_depth(amqp_uri, DLQ) == 1)
    [letter] = deadletters.list_dead_letters(amqp_uri, "planning")
    assert "customer_grade" in letter.error
