"""Revocation that reaches the BFF's cookie sessions within seconds, not when the access token expires:
a password change, "log out everywhere", a password reset and a role change, each seen from a
second browser (its own cookie jar) against the real auth-service, RabbitMQ and the BFF's consumer.
And the forced password change of an account flagged for it (the bootstrap admin)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from bff_service.session.service import load_session

from ..platform import PASSWORD, Browser, Platform

NEW_PASSWORD = "Another-Horse-Battery-77"
REVOCATION_SECONDS = 10.0


async def ended_within(browser: Browser, seconds: float = REVOCATION_SECONDS) -> float:
    """Seconds until the browser's next API call answers 401 (fails after `seconds`)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        response = await browser.get("/api/me")
        if response.status_code == 401:
            assert response.json()["code"] == "not_authenticated"
            return time.monotonic() - started
        assert response.status_code == 200, response.text
        await asyncio.sleep(0.2)
    raise AssertionError(f"the session still works {seconds} s later")


async def second_browser(new_browser: Callable[[], Browser], email: str, password: str = PASSWORD) -> Browser:
    browser = new_browser()
    response = await browser.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return browser


class TestChangePassword:
    async def test_the_other_browser_is_logged_out_and_this_one_stays(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        laptop, user = await register_student()
        phone = await second_browser(new_browser, user["email"])

        response = await laptop.post(
            "/api/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        )

        assert response.status_code == 204, response.text
        await ended_within(phone)
        assert (await laptop.get("/api/me")).status_code == 200
        old = await new_browser().post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert old.status_code == 401
        await second_browser(new_browser, user["email"], NEW_PASSWORD)

    async def test_a_wrong_current_password_changes_nothing(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        laptop, user = await register_student()
        phone = await second_browser(new_browser, user["email"])

        response = await laptop.post(
            "/api/auth/password", json={"current_password": "not-the-password", "new_password": NEW_PASSWORD}
        )

        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "current_password_wrong"
        assert (await phone.get("/api/me")).status_code == 200

    async def test_it_needs_the_csrf_header(self, register_student: Callable[..., Any]) -> None:
        laptop, _ = await register_student()
        response = await laptop.send(
            "POST",
            "/api/auth/password",
            csrf=False,
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        )
        assert response.status_code == 403


class TestLogoutEverywhere:
    async def test_every_session_ends_this_one_included(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        laptop, user = await register_student()
        phone = await second_browser(new_browser, user["email"])

        response = await laptop.post("/api/auth/logout-all")

        assert response.status_code == 204
        assert (await laptop.get("/api/me")).status_code == 401
        await ended_within(phone)


class TestRevocationsMadeElsewhere:
    """These happen at auth-service without this browser's BFF session being involved: only the
    `user.sessions_revoked` event can end the cookie sessions before the access token expires."""

    async def test_a_password_reset_ends_every_session(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        laptop, user = await register_student()
        phone = await second_browser(new_browser, user["email"])
        stranger = new_browser()
        assert (
            await stranger.post("/api/auth/password-reset/request", json={"email": user["email"]})
        ).status_code == 202
        token = await reset_token(platform, user["email"])

        confirmed = await stranger.post(
            "/api/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD}
        )

        assert confirmed.status_code == 204, confirmed.text
        await ended_within(laptop)
        await ended_within(phone)

    async def test_a_role_change_ends_every_session(
        self, register_student: Callable[..., Any], admin: Browser, bff: FastAPI, platform: Platform
    ) -> None:
        laptop, user = await register_student()
        admin_session = await load_session(bff.state.redis, admin.session_id)
        assert admin_session is not None

        async with httpx.AsyncClient(base_url=platform.url("auth")) as auth:
            changed = await auth.patch(
                f"/users/{user['id']}",
                json={"role": "teacher"},
                headers={"Authorization": f"Bearer {admin_session.access_token}"},
            )

        assert changed.status_code == 200, changed.text
        await ended_within(laptop)


class TestPasswordChangeRequired:
    async def test_only_the_change_is_allowed_until_the_password_is_replaced(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        _, user = await register_student()
        # What the bootstrap admin's account carries from its first start.
        connection = await asyncpg.connect(platform.auth_database)
        try:
            await connection.execute(
                "UPDATE user_account SET password_change_required = true WHERE id = $1::uuid", user["id"]
            )
        finally:
            await connection.close()
        browser = new_browser()

        login = await browser.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        blocked = await browser.get("/api/student/dashboard")
        blocked_write = await browser.put("/api/me/preferences", json={"language": "en"})
        me = await browser.get("/api/me")
        changed = await browser.post(
            "/api/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        )
        after = await browser.get("/api/student/dashboard")

        assert login.status_code == 200
        assert login.json()["user"]["password_change_required"] is True
        assert (blocked.status_code, blocked.json()["code"]) == (403, "password_change_required")
        assert blocked.headers["content-type"] == "application/problem+json"
        assert (blocked_write.status_code, blocked_write.json()["code"]) == (403, "password_change_required")
        assert me.status_code == 200
        assert me.json()["password_change_required"] is True
        assert changed.status_code == 204, changed.text
        assert after.status_code == 200, after.text
        assert (await browser.get("/api/me")).json()["password_change_required"] is False


async def reset_token(platform: Platform, email: str) -> str:
    for event in reversed(await platform.outbox("user.password_reset_requested")):
        if event["data"]["email"] == email:
            return re.split(r"[/#=]", str(event["data"]["reset_url"]))[-1]
    raise AssertionError(f"no reset link for {email}")
