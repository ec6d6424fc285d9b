"""Shared runtime every ordersuite service is built on.

Configuration, database sessions, transactional outbox and idempotent inbox,
retries and dead letters, tracing, metrics, deadlines, health and logging.
Nothing department-specific lives here. Keep this file free of imports: the
pure modules (workcalendar, timelimits) are imported by domain code.
"""
