"""Every user's inbox (X-1, X-2): the escalations addressed to them, live over SSE."""
