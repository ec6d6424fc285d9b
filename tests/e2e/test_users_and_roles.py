"""Through the gateway on the real broker: accounts kept by admins (issue 17) — a group
admin for any company, a company admin for theirs only; levels of the escalation ladder
(X-2) per user; disabling refuses the user's token at once; password reset and change end
the sessions; every change audited."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.e2e
DEMO_PASSWORD = "demo"


def sign_in(api, username: str, password: str = DEMO_PASSWORD):
    return api.post("/auth/token", data={"username": username, "password": password})


def bearer_of(api, username: str, password: str = DEMO_PASSWORD) -> dict:
    response = sign_in(api, username, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def new_username(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:6]}"


def account(username: str, company: str, roles=("procurement",), **fields) -> dict:
    return {"username": username, "password": "first-pass-123", "name": "A New Person",
            "roles": list(roles), "companies": [company], **fields}


def a_new_user(api, admin: dict, prefix: str, roles: tuple[str, ...]) -> str:
    """A P1 user made by the admin; the username."""
    username = new_username(prefix)
    created = api.post("/admin/users", headers=admin, json=account(username, "P1", roles))
    assert created.status_code == 201, created.text
    return username


def test_a_company_admin_gives_a_new_buyer_of_their_company_an_account_that_works(api):
    admin = bearer_of(api, "admin.p1")
    username = new_username("buyer")
    created = api.post("/admin/users", headers=admin,
                       json=account(username, "P1", department="procurement", level="leader"))
    assert created.status_code == 201, created.text
    buyer = bearer_of(api, username, "first-pass-123")
    me = api.get("/auth/me", headers=buyer).json()
    assert (me["companies"], me["department"], me["level"]) == (["P1"], "procurement", "leader")
    assert api.get("/procurement/purchase-orders", headers=buyer).status_code == 200


def test_a_company_admin_cannot_create_a_user_for_another_company(api):
    admin = bearer_of(api, "admin.p1")
    username = new_username("buyer")
    refused = api.post("/admin/users", headers=admin, json=account(username, "P2"))
    assert refused.status_code == 403
    assert "P2" in refused.json()["error"]["message"]
    whole_group = api.post("/admin/users", headers=admin,
                           json={**account(username, "P1"), "companies": None})
    assert whole_group.status_code == 403
    assert sign_in(api, username, "first-pass-123").status_code == 401  # nothing was made


def test_a_company_admin_cannot_change_or_see_another_companys_user(api):
    admin = bearer_of(api, "admin.p1")
    assert api.patch("/admin/users/buyer.p2", headers=admin,
                     json={"disabled": True}).status_code == 403
    listed = api.get("/admin/users", headers=admin, params={"search": "buyer"}).json()
    assert listed["items"] and all(item["companies"] == ["P1"] for item in listed["items"])
    assert sign_in(api, "buyer.p2").status_code == 200  # still enabled


def test_a_group_admin_creates_users_for_any_company(api):
    admin = bearer_of(api, "admin.group")
    username = new_username("qc")
    created = api.post("/admin/users", headers=admin, json=account(username, "P2", ["quality"]))
    assert created.status_code == 201, created.text
    assert created.json()["companies"] == ["P2"]
    page = api.get("/admin/users", headers=admin, params={"search": username}).json()
    assert page["total"] == 1 and page["items"][0]["username"] == username


def test_someone_who_is_no_admin_keeps_no_accounts(api):
    sales = bearer_of(api, "sales.p1")
    assert api.get("/admin/users", headers=sales).status_code == 403
    assert api.post("/admin/users", headers=sales,
                    json=account(new_username("x"), "P1")).status_code == 403


def test_a_disabled_users_token_is_refused_at_once(api):
    admin = bearer_of(api, "admin.p1")
    username = a_new_user(api, admin, "shipper", ("logistics",))
    token = bearer_of(api, username, "first-pass-123")
    assert api.get("/auth/me", headers=token).status_code == 200
    disabled = api.patch(f"/admin/users/{username}", headers=admin, json={"disabled": True})
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    refused = api.get("/auth/me", headers=token)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "this account is disabled"
    assert sign_in(api, username, "first-pass-123").status_code == 401


def test_a_password_reset_ends_the_old_sessions_and_the_new_password_signs_in(api):
    admin = bearer_of(api, "admin.p1")
    username = a_new_user(api, admin, "planner", ("planning",))
    old = bearer_of(api, username, "first-pass-123")
    assert api.post(f"/admin/users/{username}/password", headers=admin,
                    json={"password": "reset-pass-456"}).status_code == 204
    assert api.get("/auth/me", headers=old).status_code == 401
    assert sign_in(api, username, "first-pass-123").status_code == 401
    fresh = bearer_of(api, username, "reset-pass-456")
    changed = api.post("/auth/password", headers=fresh, json={
        "current_password": "reset-pass-456", "new_password": "my-own-pass-789"})
    assert changed.status_code == 204
    assert api.get("/auth/me", headers=fresh).status_code == 401
    assert sign_in(api, username, "my-own-pass-789").status_code == 200


def test_a_wrong_current_password_changes_nothing(api):
    admin = bearer_of(api, "admin.p1")
    username = a_new_user(api, admin, "seller", ("sales",))
    token = bearer_of(api, username, "first-pass-123")
    refused = api.post("/auth/password", headers=token, json={
        "current_password": "not-it", "new_password": "my-own-pass-789"})
    assert refused.status_code == 401
    assert sign_in(api, username, "first-pass-123").status_code == 200


def test_every_change_to_an_account_is_audited_with_who_when_before_and_after(api):
    group_admin, company_admin = bearer_of(api, "admin.group"), bearer_of(api, "admin.p1")
    username = a_new_user(api, company_admin, "leader", ("quality",))
    assert api.patch(f"/admin/users/{username}", headers=group_admin,
                     json={"level": "leader"}).status_code == 200
    assert api.post(f"/admin/users/{username}/password", headers=company_admin,
                    json={"password": "reset-pass-456"}).status_code == 204
    trail = api.get(f"/admin/users/{username}/audit", headers=group_admin).json()
    assert [(entry["actor"], entry["action"]) for entry in trail] == [
        ("admin.p1", "created"), ("admin.group", "changed"), ("admin.p1", "password_reset")]
    assert trail[1]["before"]["level"] == "operator" and trail[1]["after"]["level"] == "leader"
    assert all(entry["at"] for entry in trail)
    assert "reset-pass" not in str(trail)


def test_the_demo_users_carry_their_levels_for_the_escalation_ladder(api):
    admin = bearer_of(api, "admin.group")
    assert api.get("/admin/users/gm.p1", headers=admin).json()["level"] == "general_manager"
    assert api.get("/admin/users/group.gm", headers=admin).json()["level"] == \
        "group_general_manager"
    assert api.get("/admin/users/sales.p1", headers=admin).json()["level"] == "operator"
