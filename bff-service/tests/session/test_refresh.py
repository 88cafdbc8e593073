"""CSRF and the transparent refresh against the real auth-service."""

import json
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from bff_service.session.service import KEY_PREFIX, load_session

from ..platform import Browser


class TestCsrf:
    async def test_unsafe_request_without_the_header_is_403_and_changes_nothing(
        self, register_student: Callable[..., Any]
    ) -> None:
        browser, _ = await register_student()
        before = (await browser.get("/api/me/preferences")).json()
        wanted = {**before, "language": "en" if before["language"] == "ru" else "ru"}
        missing = await browser.put("/api/me/preferences", json=wanted, csrf=False)
        assert missing.status_code == 403
        assert missing.json()["code"] == "csrf_failed"
        forged = await browser.put(
            "/api/me/preferences", json=wanted, csrf=False, headers={"X-CSRF-Token": "guessed-token"}
        )
        assert forged.status_code == 403
        assert (await browser.get("/api/me/preferences")).json() == before
        assert (await browser.put("/api/me/preferences", json=wanted)).status_code == 200
        assert (await browser.get("/api/me/preferences")).json()["language"] == wanted["language"]

    async def test_logout_needs_the_header_too(self, register_student: Callable[..., Any]) -> None:
        browser, _ = await register_student()
        assert (await browser.post("/api/auth/logout", csrf=False)).status_code == 403
        assert (await browser.get("/api/me")).status_code == 200


async def _rewrite_session(bff: FastAPI, session_id: str, **changes: Any) -> None:
    key = KEY_PREFIX + session_id
    stored = json.loads(await bff.state.redis.get(key))
    stored.update(changes)
    await bff.state.redis.set(key, json.dumps(stored), ex=3600)


class TestRefresh:
    async def test_an_expired_access_token_is_refreshed_before_the_call(
        self, register_student: Callable[..., Any], bff: FastAPI
    ) -> None:
        browser, _ = await register_student()
        assert browser.session_id is not None
        old = await load_session(bff.state.redis, browser.session_id)
        assert old is not None
        await _rewrite_session(bff, old.id, access_expires_at=time.time() - 5)

        response = await browser.get("/api/student/dashboard")
        assert response.status_code == 200, response.text
        new = await load_session(bff.state.redis, old.id)
        assert new is not None
        assert new.refresh_token != old.refresh_token  # rotated at auth-service
        assert new.access_token != old.access_token
        assert new.access_expires_at > time.time() + 60
        assert browser.session_id == old.id  # same cookie: the user noticed nothing

    async def test_a_token_rejected_downstream_is_refreshed_and_the_call_retried(
        self, register_student: Callable[..., Any], bff: FastAPI
    ) -> None:
        browser, user = await register_student()
        assert browser.session_id is not None
        old = await load_session(bff.state.redis, browser.session_id)
        assert old is not None
        # Looks fresh to the BFF, but every service refuses it (as after a key rotation or expiry).
        await _rewrite_session(bff, old.id, access_token=old.access_token[:-4] + "AAAA")

        me = await browser.get("/api/me")
        assert me.status_code == 200
        assert me.json()["profile"]["id"] == user["id"]
        new = await load_session(bff.state.redis, old.id)
        assert new is not None
        assert new.refresh_token != old.refresh_token

    async def test_concurrent_requests_refresh_once(self, register_student: Callable[..., Any], bff: FastAPI) -> None:
        """A second refresh with the same token would look like theft to auth-service and end the session."""
        import asyncio

        browser, _ = await register_student()
        assert browser.session_id is not None
        await _rewrite_session(bff, browser.session_id, access_expires_at=time.time() - 5)
        answers = await asyncio.gather(*(browser.get("/api/me") for _ in range(5)))
        assert [answer.status_code for answer in answers] == [200] * 5
        assert (await browser.get("/api/me")).status_code == 200

    async def test_a_session_revoked_at_auth_ends_here_with_401(
        self, register_student: Callable[..., Any], bff: FastAPI, new_browser: Callable[[], Browser]
    ) -> None:
        browser, _ = await register_student()
        assert browser.session_id is not None
        stored = await load_session(bff.state.redis, browser.session_id)
        assert stored is not None
        await _rewrite_session(bff, stored.id, access_expires_at=time.time() - 5, refresh_token="revoked-elsewhere")
        response = await browser.get("/api/me")
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
        assert await load_session(bff.state.redis, stored.id) is None
