"""Login flows through the BFF against the real auth-service and students-service."""

from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from ..platform import ADMIN_EMAIL, PASSWORD, SESSION_COOKIE, Browser, Platform, unique_email


def set_cookies(response: httpx.Response) -> dict[str, Any]:
    cookies: dict[str, Any] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            cookies[name] = morsel
    return cookies


class TestRegister:
    async def test_register_logs_in_with_hardened_cookies_and_creates_the_profile(
        self, new_browser: Callable[[], Browser]
    ) -> None:
        browser = new_browser()
        email = unique_email("anna")
        response = await browser.post(
            "/api/auth/register",
            json={
                "email": email,
                "password": PASSWORD,
                "first_name": "Anna",
                "last_name": "Petrova",
                "phone": "+79161234567",
                "timezone": "Asia/Yekaterinburg",
            },
        )
        assert response.status_code == 201, response.text
        user = response.json()["user"]
        assert user["email"] == email
        assert user["role"] == "student"
        assert "access_token" not in response.text
        assert "refresh_token" not in response.text

        cookies = set_cookies(response)
        session = cookies[SESSION_COOKIE]
        assert session["httponly"] is True
        assert session["secure"] is True
        assert session["samesite"].lower() == "lax"
        assert session["path"] == "/"
        assert not session["domain"]  # __Host- cookies carry no Domain
        csrf = cookies["studio_csrf"]
        assert not csrf["httponly"]  # the app must read it to echo it in X-CSRF-Token
        assert csrf["secure"] is True
        assert csrf["samesite"].lower() == "lax"

        me = (await browser.get("/api/me")).json()
        # Identity rule: the student profile lives under the account's id.
        assert me["id"] == user["id"]
        assert me["profile"]["id"] == user["id"]
        assert me["profile"]["timezone"] == "Asia/Yekaterinburg"
        assert me["profile"]["phone"] == "+79161234567"
        assert me["profile"]["balance"] == {"amount_minor": 0, "currency": "RUB"}
        assert me["degraded"] == []

    async def test_taken_email_is_409_and_sets_no_cookie(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        _, user = await register_student()
        browser = new_browser()
        response = await browser.post(
            "/api/auth/register",
            json={"email": user["email"], "password": PASSWORD, "first_name": "B", "last_name": "C"},
        )
        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "email_taken"
        assert SESSION_COOKIE not in set_cookies(response)


class TestLogin:
    async def test_login_returns_the_user_and_bad_password_is_401(self, new_browser: Callable[[], Browser]) -> None:
        browser = new_browser()
        wrong = await browser.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": "not-the-password"})
        assert wrong.status_code == 401
        assert wrong.json()["code"] == "invalid_credentials"
        assert browser.session_id is None
        response = await browser.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": PASSWORD})
        assert response.status_code == 200
        assert response.json()["user"]["role"] == "admin"
        assert (await browser.get("/api/me")).json()["email"] == ADMIN_EMAIL

    async def test_repeated_failures_are_429_with_retry_after(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        _, user = await register_student()
        browser = new_browser()
        answers = [
            await browser.post("/api/auth/login", json={"email": user["email"], "password": f"wrong-{attempt}"})
            for attempt in range(6)
        ]
        assert answers[0].status_code == 401
        assert answers[-1].status_code == 429
        assert answers[-1].json()["code"] == "login_locked"
        assert int(answers[-1].headers["Retry-After"]) > 0
        # Locked even with the right password: the lockout protects the account, not the guess.
        locked = await browser.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert locked.status_code == 429


class TestKnownBrowser:
    async def test_the_owners_browser_still_logs_in_while_a_stranger_is_being_delayed(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser]
    ) -> None:
        _, user = await register_student()
        own = new_browser()
        first = await own.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert first.status_code == 200
        device = set_cookies(first)["studio_device"]
        assert device["httponly"] is True
        assert device["secure"] is True
        assert device["path"] == "/api/auth"
        assert device["samesite"].lower() == "strict"
        assert "device_token" not in first.text
        stranger = new_browser()
        for attempt in range(6):
            await stranger.post("/api/auth/login", json={"email": user["email"], "password": f"wrong-{attempt}"})
        delayed = await new_browser().post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert delayed.status_code == 429
        again = await own.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert again.status_code == 200, again.text
        assert again.json()["user"]["email"] == user["email"]


class TestLogout:
    async def test_logout_revokes_the_session_at_auth_and_here(
        self, register_student: Callable[..., Any], bff: Any, platform: Platform
    ) -> None:
        browser, _ = await register_student()
        from bff_service.session.service import load_session

        stored = await load_session(bff.state.redis, browser.session_id)
        assert stored is not None
        response = await browser.post("/api/auth/logout")
        assert response.status_code == 204
        assert (await browser.get("/api/me")).status_code == 401
        assert await load_session(bff.state.redis, stored.id) is None
        # The refresh token is dead at auth-service too, so a stolen copy is worthless.
        async with httpx.AsyncClient(base_url=platform.url("auth")) as auth:
            refreshed = await auth.post("/auth/refresh", json={"refresh_token": stored.refresh_token})
        assert refreshed.status_code == 401

    async def test_logout_still_works_while_auth_is_down(
        self, register_student: Callable[..., Any], platform: Platform
    ) -> None:
        browser, _ = await register_student()
        async with platform.stopped("auth"):
            response = await browser.post("/api/auth/logout")
            assert response.status_code == 204
            assert set_cookies(response)[SESSION_COOKIE].value == ""
        assert (await browser.get("/api/me")).status_code == 401


class TestOAuth:
    async def test_provider_login_ends_in_a_cookie_session(
        self, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        browser = new_browser()
        providers = (await browser.get("/api/auth/oauth/providers")).json()
        assert providers == [{"name": "test-idp", "title": "Test IdP"}]

        email = unique_email("oidc")
        await platform.oidc.set_account(sub=f"sub-{email}", email=email, email_verified=True)
        start = await browser.get("/api/auth/oauth/test-idp/start", params={"next": "/student"})
        assert start.status_code == 302, start.headers.get("location")
        assert start.headers["location"].startswith(platform.oidc.url + "/auth")
        assert set_cookies(start)["__Host-studio_oauth"]["httponly"] is True
        # The provider authenticates the person and sends the browser back to the BFF.
        back = urlsplit(await platform.oidc.sign_in(start.headers["location"]))
        assert back.path == "/api/auth/oauth/test-idp/callback"

        callback = await browser.get(back.path, params=parse_qs(back.query))
        assert callback.status_code == 303
        assert callback.headers["location"] == "/student"
        me = (await browser.get("/api/me")).json()
        assert me["email"] == email
        assert me["role"] == "student"
        assert me["profile"]["id"] == me["id"]

    async def test_callback_from_another_browser_is_refused(
        self, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        victim, attacker = new_browser(), new_browser()
        start = await attacker.get("/api/auth/oauth/test-idp/start")
        back = urlsplit(await platform.oidc.sign_in(start.headers["location"]))
        # The attacker's code and state arrive in the victim's browser (login CSRF): no session.
        callback = await victim.get(back.path, params=parse_qs(back.query))
        assert callback.status_code == 303
        assert callback.headers["location"] == "/login?oauth_error=oauth_state_mismatch"
        assert victim.session_id is None
        assert (await victim.get("/api/me")).status_code == 401

    async def test_unknown_provider_is_404(self, new_browser: Callable[[], Browser]) -> None:
        response = await new_browser().get("/api/auth/oauth/nope/start")
        # Back to the login page with a message, never a page of JSON.
        assert response.status_code == 303
        assert response.headers["location"] == "/login?oauth_error=oauth_provider_unknown"
