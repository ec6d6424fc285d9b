"""Authentication and authorisation: hashing, tokens, roles and companies (no broker)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from contracts.rpc.common import Actor
from gateway.core.actor_signing import signed
from gateway.core.security import (
    InvalidToken,
    create_access_token,
    decode_access_token,
    hash_password,
    verify_password,
)
from gateway.core.users import UserPublic, UserStore, actor_of, has_any_role, may_act_for
from gateway.rpc.errors import RemoteError

pytestmark = pytest.mark.unit
SECRET = "a-unit-test-secret-of-at-least-32-bytes"
ORDER = {"company_id": "P2", "customer_code": "CUST-001",
         "lines": [{"product_code": "KYN28-12", "quantity": "2", "requested_date": "2030-01-01"}]}

# --- passwords --------------------------------------------------------------------------


def test_a_password_verifies_against_its_hash_and_nothing_else():
    encoded = hash_password("demo", n=16)
    assert encoded.startswith("scrypt$16$8$1$")
    assert "demo" not in encoded
    assert verify_password("demo", encoded)
    assert not verify_password("Demo", encoded)
    assert not verify_password("", encoded)


def test_the_same_password_hashes_differently_each_time_salted():
    assert hash_password("demo", n=16) != hash_password("demo", n=16)
    salt = b"0123456789abcdef"
    assert hash_password("demo", n=16, salt=salt) == hash_password("demo", n=16, salt=salt)


def test_the_cost_is_read_from_the_stored_hash():
    assert verify_password("demo", hash_password("demo", n=32))


@pytest.mark.parametrize("encoded", ["", "plain", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$aa$bb",
                                     "scrypt$16$8$1$!!$??"])
def test_a_malformed_hash_never_matches(encoded):
    assert not verify_password("demo", encoded)


def test_the_store_keeps_only_hashes_and_authenticates(user_store):
    assert user_store.authenticate("sales.p1", "demo").username == "sales.p1"
    assert user_store.authenticate("sales.p1", "wrong") is None
    assert user_store.authenticate("nobody", "demo") is None
    dumped = repr(user_store._users)
    assert "'demo'" not in dumped and "password_hash" in dumped
    assert "password_hash" not in user_store.get("sales.p1").model_dump()


def test_the_store_loads_the_repository_demo_file():
    from gateway.core.config import DEMO_USERS_FILE

    store = UserStore.from_file(DEMO_USERS_FILE, n=16)
    assert len(store) >= 10
    assert store.get("group.gm").companies is None
    assert store.get("sales.p1").companies == ["P1"]
    assert store.authenticate("planner.p1", "demo") is not None


def test_unknown_roles_in_the_users_file_are_refused():
    with pytest.raises(ValueError, match="unknown roles"):
        UserStore.from_data({"password": "x", "people": [
            {"username": "a", "roles": ["sales", "superuser"], "companies": None}]}, n=16)

# --- tokens -----------------------------------------------------------------------------


def test_a_token_decodes_to_its_user():
    issued = create_access_token("sales.p1", secret=SECRET, minutes=480)
    assert issued.token_type == "bearer" and issued.expires_in == 480 * 60
    assert decode_access_token(issued.access_token, secret=SECRET) == "sales.p1"


def test_a_token_expires():
    start = datetime(2030, 1, 1, tzinfo=UTC)
    token = create_access_token("sales.p1", secret=SECRET, minutes=10, now=start).access_token
    assert decode_access_token(token, secret=SECRET, now=start + timedelta(minutes=9)) == "sales.p1"
    with pytest.raises(InvalidToken, match="expired"):
        decode_access_token(token, secret=SECRET, now=start + timedelta(minutes=10))
    past = create_access_token("sales.p1", secret=SECRET, minutes=1,
                               now=datetime.now(UTC) - timedelta(hours=1)).access_token
    with pytest.raises(InvalidToken, match="expired"):
        decode_access_token(past, secret=SECRET)


@pytest.mark.parametrize("token", [
    "", "not-a-jwt",
    create_access_token("sales.p1", secret="another secret, also 32 bytes long").access_token,
    jwt.encode({"sub": "sales.p1", "exp": 4102444800}, key="", algorithm="none"),
    jwt.encode({"exp": 4102444800}, key=SECRET, algorithm="HS256"),
    jwt.encode({"sub": "sales.p1"}, key=SECRET, algorithm="HS256"),
])
def test_forged_unsigned_or_incomplete_tokens_are_invalid(token):
    with pytest.raises(InvalidToken):
        decode_access_token(token, secret=SECRET)

# --- roles and companies ----------------------------------------------------------------


def test_roles_and_companies():
    p1 = UserPublic(username="sales.p1", roles=["sales"], companies=["P1"])
    group = UserPublic(username="group.gm", roles=["general_manager"], companies=None)
    assert has_any_role(p1, ["sales", "planning"]) and not has_any_role(p1, ["planning"])
    assert may_act_for(p1, "P1") and not may_act_for(p1, "P2")
    assert may_act_for(group, "P2")


def test_the_actor_is_the_contract_actor():
    user = UserPublic(username="sales.p1", name="Li Na", roles=["sales"], companies=["P1"])
    actor = actor_of(user)
    assert actor == {"username": "sales.p1", "roles": ["sales"], "companies": ["P1"]}
    assert Actor.model_validate(actor).may_see("P1")
    assert actor_of(UserPublic(username="g", roles=[], companies=None))["companies"] is None

# --- through the HTTP app (fake RPC) ----------------------------------------------------


def test_sign_in_issues_a_bearer_token_and_me_returns_the_user(client, token_for):
    response = client.post("/auth/token", data={"username": "sales.p1", "password": "demo"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 5 * 60
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json() == {"username": "sales.p1", "name": "Li Na", "roles": ["sales"],
                         "companies": ["P1"], "department": None, "level": "operator",
                         "disabled": False}


def test_a_wrong_password_is_401(client):
    response = client.post("/auth/token", data={"username": "sales.p1", "password": "nope"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["type"] == "Unauthorized"


def test_a_sign_in_without_fields_is_422_naming_them(client):
    response = client.post("/auth/token", data={"username": "sales.p1"})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["errors"][0]["loc"] == ["body", "password"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer garbage"},
                                     {"Authorization": "Basic c2FsZXMucDE6ZGVtbw=="}])
def test_no_or_a_bad_token_is_401_with_www_authenticate(client, headers):
    response = client.get("/sales/orders", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()["error"]) == {"type", "message", "details"}


def test_an_expired_token_is_401(client, settings):
    token = create_access_token("sales.p1", secret=settings.JWT_SECRET, minutes=1,
                                now=datetime.now(UTC) - timedelta(hours=1)).access_token
    response = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_role_the_user_lacks_is_403(client, token_for, fake_rpc):
    response = client.post("/sales/orders", json={**ORDER, "company_id": "P1"},
                           headers=token_for("planner.p1"))
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "Forbidden"
    assert response.json()["error"]["details"]["required_roles"]
    assert fake_rpc.calls == []


def test_decline_needs_the_general_manager(client, token_for, fake_rpc):
    fake_rpc.handlers[("sales", "decline_order")] = lambda actor, no, body: {}
    refused = client.post("/sales/orders/SO-1/decline", json={"reason": "no capacity"},
                          headers=token_for("sales.p1"))
    assert refused.status_code == 403


def test_an_order_for_another_company_is_403_before_any_call(client, token_for, fake_rpc):
    response = client.post("/sales/orders", json=ORDER, headers=token_for("sales.p1"))
    assert response.status_code == 403
    assert response.json()["error"]["details"] == {"company_id": "P2"}
    assert fake_rpc.calls == []


def test_the_actor_is_passed_first_to_the_service(client, token_for, fake_rpc):
    seen = {}

    def get_order(actor, order_no):
        seen.update(actor=actor, order_no=order_no)
        raise RemoteError("NotFound", "order SO-P1-1 not found", None,
                          ["order SO-P1-1 not found", {}])

    fake_rpc.handlers[("sales", "get_order")] = get_order
    response = client.get("/sales/orders/SO-P1-1", headers=token_for("sales.p2"))
    assert response.status_code == 404
    actor = dict(seen["actor"])
    signature, expires = actor.pop("signature"), actor.pop("expires")
    assert actor == {"username": "sales.p2", "roles": ["sales"], "companies": ["P2"]}
    assert seen["order_no"] == "SO-P1-1"
    # signed for the services (issue 8.9): the signature covers who, as what, until when
    assert signed(Actor.model_validate(actor), now=expires - 300)["signature"] == signature


def order_reply(order: dict) -> dict:
    return {"order_no": "SO-P2-000001", "company_id": order["company_id"],
            "customer_code": order["customer_code"], "customer_grade": "A", "kind": "regular",
            "non_regular_reasons": [], "repeat_of": None, "rush": False, "complete_set": False,
            "status": "received", "received_at": "2030-01-01T00:00:00Z",
            "lines": [{"line_no": 1, "product_code": "KYN28-12", "spec": "", "quantity": "2",
                       "requested_date": "2030-01-01"}]}


def test_the_group_gm_may_create_for_any_company(client, token_for, fake_rpc):
    fake_rpc.handlers[("sales", "receive_order")] = lambda actor, order: order_reply(order)
    response = client.post("/sales/orders", json=ORDER, headers=token_for("group.gm"))
    assert response.status_code == 201, response.text
    assert response.json()["order_no"] == "SO-P2-000001"
    service, method, args, _ = fake_rpc.calls[0]
    assert (service, method) == ("sales", "receive_order")
    assert args[0]["companies"] is None and args[1]["company_id"] == "P2"


def test_every_route_has_a_docstring_and_every_business_route_needs_a_token(client):
    spec = client.get("/openapi.json").json()
    public = {"/health", "/health/live", "/auth/token"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description"), (method, path)
            if path not in public:
                assert operation.get("security"), (method, path)


def test_an_unknown_path_keeps_the_error_body_shape(client):
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"

# --- secrets: production refuses to start without them (issue 8 item 6) ------------------


def test_without_a_jwt_secret_a_development_gateway_makes_one_for_the_process(monkeypatch):
    from gateway.core.config import Settings

    monkeypatch.delenv("JWT_SECRET", raising=False)
    monkeypatch.delenv("ORDERSUITE_ENV", raising=False)
    one, two = Settings(), Settings()
    assert len(one.JWT_SECRET) >= 32 and one.JWT_SECRET != two.JWT_SECRET


@pytest.mark.parametrize("missing", [{"JWT_SECRET": ""}, {"ACTOR_SIGNING_KEY": ""},
                                     {"JWT_SECRET": "", "ACTOR_SIGNING_KEY": ""}])
def test_a_production_configuration_without_its_secrets_is_refused(monkeypatch, missing):
    from gateway.core.config import MissingSecret, Settings

    for name in ("JWT_SECRET", "ACTOR_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    values = {"ORDERSUITE_ENV": "production", "JWT_SECRET": SECRET,
              "ACTOR_SIGNING_KEY": "k" * 40, **missing}
    with pytest.raises(MissingSecret) as refused:
        Settings(**values)
    for name in missing:
        assert name in str(refused.value)
    assert Settings(**{**values, **{name: "s" * 40 for name in missing}}).production


def test_a_production_configuration_with_a_short_jwt_secret_is_refused():
    from gateway.core.config import MissingSecret, Settings

    with pytest.raises(MissingSecret, match="shorter than 32 bytes"):
        Settings(ORDERSUITE_ENV="production", JWT_SECRET="short", ACTOR_SIGNING_KEY="k" * 40)


def test_a_production_gateway_without_a_jwt_secret_exits_with_a_clear_message():
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items()
           if key not in ("JWT_SECRET", "ACTOR_SIGNING_KEY")}
    env.update(ORDERSUITE_ENV="production", ACTOR_SIGNING_KEY="k" * 40)
    result = subprocess.run([sys.executable, "-m", "uvicorn", "gateway.main:app", "--port", "1"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "refusing to start: JWT_SECRET not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_leader_acts_as_department_leader_in_every_service():
    # rule X-2, QLT-3: the services read the rung from the roles (a quality leader coordinates
    # a kind 4 finding); a user's level brings its role, once, and an operator gets none
    leader = UserPublic(username="lead.quality.p1", roles=["quality"], companies=["P1"],
                        level="leader")
    assert actor_of(leader)["roles"] == ["quality", "department_leader"]
    already = leader.model_copy(update={"roles": ["quality", "department_leader"]})
    assert actor_of(already)["roles"] == ["quality", "department_leader"]
    gm = UserPublic(username="gm.p1", roles=[], companies=["P1"], level="general_manager")
    assert actor_of(gm)["roles"] == ["general_manager"]
    operator = UserPublic(username="qc.p1", roles=["quality"], companies=["P1"])
    assert actor_of(operator)["roles"] == ["quality"]
