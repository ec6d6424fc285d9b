"""Brute-force protection of POST /auth/token against the real Redis (issue 8 item 7).

The gateway app runs in-process (httpx's ASGI transport, one event loop per
test), with a LoginLimiter on a real Redis client. Each test has its own key
prefix, removed afterwards, so runs and parallel sessions do not see each
other's counters. Redis is REDIS_URL (default 127.0.0.1:6379); a Redis that
does not answer is a failure saying what to start, never a skip.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import httpx
import pytest
import redis.asyncio

from gateway.core.ratelimit import Limits, LoginLimiter

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
ATTACKER = ("203.0.113.7", 40000)
COLLEAGUE = ("198.51.100.20", 40000)


@pytest.fixture(scope="module", autouse=True)
def _real_redis():
    async def ping():
        client = redis.asyncio.from_url(REDIS_URL, socket_connect_timeout=2)
        try:
            await client.ping()
        finally:
            await client.aclose()

    try:
        asyncio.run(ping())
    except Exception as exc:
        pytest.fail(f"Redis does not answer at {REDIS_URL} ({exc}): start it (TECHNOTES.md: "
                    f"redis-server --daemonize yes ...; `make infra` does) or set REDIS_URL",
                    pytrace=False)


@pytest.fixture
def app(settings, user_store, fake_rpc):
    from gateway.main import create_app

    app = create_app(settings)
    app.state.users = user_store
    app.state.rpc = fake_rpc
    return app


def run_with_limiter(app, limits: Limits, scenario, *, redis_url: str = REDIS_URL):
    """Run `scenario(login, limiter)` with a limiter on a fresh key prefix of the real Redis.

    `login(username, password, client=ATTACKER)` posts the sign-in form from that address.
    """
    prefix = f"test-login-limit-{uuid.uuid4().hex[:10]}"

    async def main():
        store = redis.asyncio.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
        limiter = LoginLimiter(store, limits, prefix=prefix)
        app.state.login_limiter = limiter
        clients = {}

        async def login(username: str, password: str, client=ATTACKER) -> httpx.Response:
            if client not in clients:
                clients[client] = httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app, client=client),
                    base_url="http://gateway")
            return await clients[client].post("/auth/token", data={"username": username,
                                                                   "password": password})

        try:
            return await scenario(login, limiter)
        finally:
            for http in clients.values():
                await http.aclose()
            try:
                keys = [key async for key in store.scan_iter(match=f"{prefix}:*")]
                if keys:
                    await store.delete(*keys)
            except Exception:
                pass  # the Redis-down test has nothing to clean
            await store.aclose()

    return asyncio.run(main())


def test_40_wrong_passwords_are_refused_429_the_right_one_too_another_user_is_unaffected(app):
    limits = Limits(max_failures_per_user=10, max_failures_per_client=100, window_s=900,
                    lockout_s=600)

    async def scenario(login, limiter):
        answers = [await login("sales.p1", f"guess-{n}") for n in range(40)]
        right = await login("sales.p1", "demo")
        other = await login("sales.p2", "demo")  # same client address, another user
        colleague = await login("gm.p1", "demo", client=COLLEAGUE)
        return answers, right, other, colleague

    answers, right, other, colleague = run_with_limiter(app, limits, scenario)
    statuses = [answer.status_code for answer in answers]
    assert statuses[:10] == [401] * 10  # each guess checked and refused
    assert statuses[10:] == [429] * 30  # then refused without being checked
    for answer in answers[10:]:
        assert 1 <= int(answer.headers["Retry-After"]) <= 600
        assert answer.json()["error"]["type"] == "TooManyRequests"
    assert right.status_code == 429, "the right password must not open a locked username"
    assert 590 <= int(right.headers["Retry-After"]) <= 600
    assert other.status_code == 200 and other.json()["access_token"]
    assert colleague.status_code == 200


def test_guesses_across_many_usernames_lock_the_client_address_not_others(app):
    limits = Limits(max_failures_per_user=10, max_failures_per_client=5, window_s=900,
                    lockout_s=300)

    async def scenario(login, limiter):
        sprayed = [await login(f"someone-{n}", "demo") for n in range(8)]
        real_user = await login("sales.p1", "demo")  # from the spraying address
        elsewhere = await login("sales.p1", "demo", client=COLLEAGUE)
        return sprayed, real_user, elsewhere

    sprayed, real_user, elsewhere = run_with_limiter(app, limits, scenario)
    assert [answer.status_code for answer in sprayed] == [401] * 5 + [429] * 3
    assert real_user.status_code == 429 and int(real_user.headers["Retry-After"]) <= 300
    assert elsewhere.status_code == 200


def test_a_success_clears_the_usernames_failures(app):
    limits = Limits(max_failures_per_user=3, max_failures_per_client=100, window_s=900,
                    lockout_s=300)

    async def scenario(login, limiter):
        first = [await login("sales.p1", "nope") for _ in range(2)]
        ok = await login("sales.p1", "demo")
        again = [await login("sales.p1", "nope") for _ in range(3)]
        return first, ok, again

    first, ok, again = run_with_limiter(app, limits, scenario)
    assert [answer.status_code for answer in first] == [401, 401]
    assert ok.status_code == 200
    # counted from zero again: the third failure after the success reaches the limit
    assert [answer.status_code for answer in again] == [401, 401, 401]


def test_the_lockout_ends_after_its_time(app):
    limits = Limits(max_failures_per_user=2, max_failures_per_client=100, window_s=60,
                    lockout_s=1)

    async def scenario(login, limiter):
        for _ in range(2):
            await login("sales.p1", "nope")
        locked = await login("sales.p1", "demo")
        started = time.monotonic()
        while time.monotonic() - started < 5:
            await asyncio.sleep(0.2)
            after = await login("sales.p1", "demo")
            if after.status_code != 429:
                return locked, after
        return locked, after

    locked, after = run_with_limiter(app, limits, scenario)
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "1"
    assert after.status_code == 200


def test_the_counters_are_shared_through_redis_by_every_gateway_process(app, settings,
                                                                        user_store, fake_rpc):
    """A second gateway (another worker, or the same one restarted) sees the lockout."""
    from gateway.main import create_app

    limits = Limits(max_failures_per_user=3, max_failures_per_client=100, window_s=900,
                    lockout_s=300)
    second = create_app(settings)
    second.state.users, second.state.rpc = user_store, fake_rpc

    async def scenario(login, limiter):
        for _ in range(3):
            await login("sales.p1", "nope")
        second.state.login_limiter = LoginLimiter(limiter.redis, limits, prefix=limiter.prefix)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=second, client=COLLEAGUE),
                                     base_url="http://gateway") as http:
            return await http.post("/auth/token", data={"username": "sales.p1",
                                                        "password": "demo"})

    answer = run_with_limiter(app, limits, scenario)
    assert answer.status_code == 429


def test_redis_down_does_not_refuse_sign_in(app):
    """Fail open, logged: a Redis outage must not stop everyone signing in."""
    async def scenario(login, limiter):
        return [await login("sales.p1", "nope"), await login("sales.p1", "demo")]

    wrong, right = run_with_limiter(app, Limits(max_failures_per_user=1), scenario,
                                    redis_url="redis://127.0.0.1:1/0")
    assert wrong.status_code == 401
    assert right.status_code == 200


def test_the_429_is_documented_with_retry_after(client):
    operation = client.get("/openapi.json").json()["paths"]["/auth/token"]["post"]
    documented = operation["responses"]
    assert {"200", "401", "422", "429"} <= set(documented)
    assert "Retry-After" in documented["429"]["headers"]
    assert documented["429"]["content"]["application/json"]["schema"]


def test_the_app_wires_a_limiter_from_the_settings(settings, user_store):
    """The lifespan builds the limiter on the gateway's Redis client, with the settings' limits."""
    from gateway.core.config import Settings
    from gateway.main import create_app

    tuned = Settings(**{**settings.model_dump(), "LOGIN_MAX_FAILURES_PER_USER": 4,
                        "LOGIN_LOCKOUT_S": 42, "USERS_FILE": settings.USERS_FILE})
    app = create_app(tuned)

    async def main():
        async with app.router.lifespan_context(app):
            return app.state.login_limiter

    limiter = asyncio.run(main())
    assert limiter.limits == Limits(4, tuned.LOGIN_MAX_FAILURES_PER_CLIENT,
                                    tuned.LOGIN_FAILURE_WINDOW_S, 42)
