"""The dead-letter wire format every consumer shares (servicekit for the services, the
gateway for its own consumer): one durable queue per consumer, `<consumer>.dead-letters`,
each letter the original body byte for byte with these headers saying where it came
from, why it died and after how many attempts (`servicekit dead-letters list|replay`).
"""

ORIGINAL_QUEUE = "x-ordersuite-original-queue"
REASON = "x-ordersuite-reason"
ERROR = "x-ordersuite-error"
ATTEMPTS = "x-ordersuite-attempt"
DIED_AT = "x-ordersuite-died-at"
ERROR_MAX_CHARS = 2000


def dead_letter_queue_name(consumer: str) -> str:
    return f"{consumer}.dead-letters"


def dead_letter_headers(headers: dict | None, *, queue: str, reason: str, error: str,
                        attempts: int, died_at: str) -> dict:
    """A received message's headers plus why it died."""
    return {**(headers or {}), ORIGINAL_QUEUE: queue, REASON: reason,
            ERROR: error[:ERROR_MAX_CHARS], ATTEMPTS: attempts, DIED_AT: died_at}
