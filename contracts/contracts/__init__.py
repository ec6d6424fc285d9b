"""ordersuite's shared vocabulary: integration events and RPC payloads.

Schemas only (pydantic models and plain exceptions): no framework, no I/O,
no business behaviour. Every service and the gateway speak these.
"""
