"""No one in: every route against every demo user's roles, every object against every other
company, and the broken tokens (issue 8: the role x route and company x object matrices,
generated from the OpenAPI; the JWT negative cases).

The roles a route needs are read from its own dependencies (gateway.api.deps.require_roles);
the operations from the suite's /openapi.json; the answers from the running suite.
"""

from __future__ import annotations

import base64
import json
import re
import time

import jwt
import pytest

from gateway.main import create_app

from chaos import BUG_ROUTES

SUITE_JWT_SECRET = "fault-suite-secret-not-for-production"  # conftest's JWT_SECRET
USERS = {  # demo/group.json: username -> roles
    "sales.p1": {"sales"}, "gm.p1": {"general_manager", "sales"}, "planner.p1": {"planning"},
    "design.p1": {"design", "planning"}, "buyer.p1": {"procurement"}, "qc.p1": {"quality"},
    "shipping.p1": {"logistics"}, "service.p1": {"aftersales"},
}
PUBLIC = ("/auth/", "/health", "/metrics", "/ui", "/docs", "/openapi", "/redoc")


def _required_roles() -> dict[tuple[str, str], list[set[str]]]:
    """(METHOD, path) -> the role checks it passes through (each: any one of these roles)."""
    app = create_app()
    table = {}

    def checks(dependant) -> list[set[str]]:
        found = []
        for dependency in dependant.dependencies:
            roles = getattr(dependency.call, "roles", None)
            if roles:
                found.append(set(roles))
            found += checks(dependency)
        return found

    from gateway.core.errors import _leaf_routes

    for route in _leaf_routes(app.router.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue
        for method in route.methods:
            table[(method, route.path)] = checks(dependant)
    return table


REQUIRED = _required_roles()


def _operations(api) -> list[tuple[str, str]]:
    spec = api.get("/openapi.json").json()
    return [(method.upper(), path) for path, item in spec["paths"].items()
            for method in item if method in ("get", "post", "put", "patch", "delete")
            and not path.startswith(PUBLIC)]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "X-P1-999999", path)  # no such object


def test_every_route_refuses_exactly_the_roles_it_does_not_admit(api, gateway):
    operations = _operations(api)
    assert len(operations) >= 30
    tried = wrong = 0
    mismatches = []
    for username, roles in USERS.items():
        headers = {"Authorization": f"Bearer {gateway.token(username)}"}
        for method, path in operations:
            checks = REQUIRED[(method, path)]
            allowed = all(roles & check for check in checks)
            response = api.request(method, _concrete(path), headers=headers,
                                   json={} if method != "GET" else None)
            tried += 1
            refused_for_role = (response.status_code == 403 and "roles" in
                                response.json()["error"]["message"])
            bug_probe = method == "GET" and path in BUG_ROUTES  # see chaos.BUG_METHOD
            if allowed == refused_for_role or (response.status_code >= 500 and not bug_probe):
                wrong += 1
                mismatches.append(f"{username} {method} {path}: {response.status_code}")
    print(f"\nrole x route: tried {tried}, wrong {wrong}")
    assert mismatches == []
    assert any(checks for checks in REQUIRED.values())  # the scan found role checks


OBJECT_ROUTES = [  # (P1 user who sees it, P2 user of the same department, path template)
    ("sales.p1", "sales.p2", "/sales/orders/{order_no}"),
    ("sales.p1", "sales.p2", "/orders/{order_no}/journey"),
    ("planner.p1", "planner.p2", "/planning/plans/{order_no}"),
    ("planner.p1", "planner.p2", "/planning/demands/{order_no}"),
]
LIST_ROUTES = [
    ("sales.p2", "/sales/orders"), ("planner.p2", "/planning/work-orders"),
    ("buyer.p2", "/procurement/purchase-orders"), ("qc.p2", "/quality/lots"),
    ("shipping.p2", "/logistics/shipments"), ("service.p2", "/aftersales/service-requests"),
]


def test_another_companys_objects_are_not_found_and_never_listed(api, gateway, fault_suite):
    from simulate import run

    # the simulator's second journey is P1's (its first is P2's): a delivered P1 order
    summary = run(fault_suite.url, 2, reject_odds=0.0, concurrency=2, seed=5)
    assert summary["completed"] == 2, summary["failed"]
    delivered = gateway.call("sales.p1", "GET", "/sales/orders", "/sales/orders",
                             params={"status": "delivered"})
    order_no = delivered[0]["order_no"]
    tried = leaked = 0
    for owner, other, template in OBJECT_ROUTES:
        if template.startswith("/planning/demands"):
            continue  # a demand exists only for non-regular orders
        path = template.format(order_no=order_no)
        seen = api.get(path, headers={"Authorization": f"Bearer {gateway.token(owner)}"})
        hidden = api.get(path, headers={"Authorization": f"Bearer {gateway.token(other)}"})
        tried += 1
        leaked += hidden.status_code != 404
        assert seen.status_code == 200, (path, seen.status_code)
        assert hidden.status_code == 404, (path, hidden.status_code, hidden.text[:200])
    for username, path in LIST_ROUTES:
        response = api.get(path, headers={"Authorization": f"Bearer {gateway.token(username)}"})
        tried += 1
        assert response.status_code == 200, (path, response.status_code, response.text[:200])
        found = order_no in response.text or "-P1-" in response.text
        leaked += found
        assert not found, f"{username} sees P1 objects in {path}"
    print(f"\ncompany x object: tried {tried}, leaked {leaked}")


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _tokens(valid: str) -> dict[str, str]:
    header, payload, signature = valid.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    now = int(time.time())
    wrong_key = "not-the-gateway-secret-but-long-enough-for-hs256"
    secret = SUITE_JWT_SECRET  # the suite's own: these differ only in what they claim
    return {
        "garbage": "not-a-token",
        "empty parts": "..",
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "wrong secret": jwt.encode(claims, wrong_key, algorithm="HS256"),
        "tampered subject": f"{header}.{_b64({**claims, 'sub': 'group.gm'})}.{signature}",
        "expired": jwt.encode({**claims, "exp": now - 60}, secret, algorithm="HS256"),
        "unknown user": jwt.encode({**claims, "sub": "nobody"}, secret, algorithm="HS256"),
        "no subject": jwt.encode({k: v for k, v in claims.items() if k != "sub"}, secret,
                                 algorithm="HS256"),
        "signature stripped": f"{header}.{payload}.",
        "truncated": valid[:-5],
        "huge": "a" * 4000,
        "HS512 wrong key": jwt.encode(claims, wrong_key + "x" * 40, algorithm="HS512"),
    }


@pytest.mark.parametrize("scheme", ["Bearer", "Basic", "bearer "])
def test_a_broken_or_forged_token_is_always_401(api, gateway, scheme):
    valid = gateway.token("sales.p1")
    tried = accepted = 0
    for name, token in _tokens(valid).items():
        response = api.get("/sales/orders", headers={"Authorization": f"{scheme} {token}"})
        tried += 1
        accepted += response.status_code != 401
        assert response.status_code == 401, (name, response.status_code)
        assert response.headers.get("www-authenticate") == "Bearer"
    print(f"\nJWT negatives ({scheme}): tried {tried}, accepted {accepted}")
