"""schemathesis hooks of the fault suite (SCHEMATHESIS_HOOKS=st_hooks).

A schema-valid request may still be refused by a business rule — an unknown customer,
more defects than the sample, a ship date outside the planning window — and such a
refusal is a 422 from the service. What must never happen is that the gateway refuses
a schema-valid request *for its shape*: that would mean the OpenAPI promises what the
validators do not accept. The configuration (schemathesis.toml) lets positive data get
a 422; this check fails every 422 to positive data that is a shape error.
"""

from __future__ import annotations

import json

import schemathesis

SHAPE_ERRORS = ("the request failed validation", "the request body contains a NUL character",
                "the request's path or query contains a NUL character")


@schemathesis.check
def schema_valid_data_is_never_refused_for_its_shape(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        error = json.loads(response.content)["error"]
    except (ValueError, KeyError, TypeError):
        return None
    if error.get("message") not in SHAPE_ERRORS:
        return None  # a business rule's refusal, in the service's words
    fields = [e for e in error.get("details", {}).get("errors", []) if len(e.get("loc", [])) > 1]
    if fields or "NUL" in error["message"]:
        raise AssertionError(f"a schema-valid request was refused for its shape: {error}")
    return None
