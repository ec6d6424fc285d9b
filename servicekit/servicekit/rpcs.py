"""RPC edges: payloads validated against contracts, replies plain JSON.

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def receive_order(self, actor, order):
        return reply(handlers.receive_order(parse(Actor, actor), parse(OrderCreate, order), ...))

A payload that fails validation raises `InvalidRequest` carrying pydantic's
error list, which the gateway returns as a 422 with the field paths.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from contracts.errors import InvalidRequest


def validation_details(exc: ValidationError) -> dict:
    return {"errors": [
        {"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]}
        for err in exc.errors(include_url=False, include_context=False, include_input=False)
    ]}


def parse(model: type[BaseModel], payload) -> BaseModel:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise InvalidRequest(f"invalid {model.__name__}", validation_details(exc)) from None


def reply(value):
    """Make a result JSON-safe: models dumped in JSON mode (Decimal → str, dates → ISO)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [reply(item) for item in value]
    return value
