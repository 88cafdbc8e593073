"""The journeys' tools: a browser-like client of the public API behind nginx (cookie session plus
the CSRF header), the admin's direct line to the domain services for arrangements the public API
does not offer, and polling with a bound for what happens after an event."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.demo import ADMIN_EMAIL, DEMO_PASSWORD, SEED
from tests.support.platform import Platform

T = TypeVar("T")
EVENT_TIMEOUT_S = 30.0
E2E_PASSWORD = "e2e-journey-pass-2026"


def eventually(probe: Callable[[], T | None], what: str, timeout: float = EVENT_TIMEOUT_S) -> T:
    """Poll until `probe` returns something truthy (events travel through RabbitMQ)."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.3)


class Browser:
    """What the web app does: a cookie session and the CSRF double submit on unsafe methods."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)

    def login(self, email: str, password: str = DEMO_PASSWORD) -> dict[str, Any]:
        for _ in range(20):  # nginx limits /api/auth/ to 5 r/s per address; wait out a burst
            response = self.http.post("/api/auth/login", json={"email": email, "password": password})
            if response.status_code != 429:
                break
            time.sleep(0.5)
        assert response.status_code == 200, response.text
        assert self.http.cookies.get("studio_csrf"), "the login must set the readable CSRF cookie"
        return dict(response.json()["user"])

    def csrf(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.http.cookies.get("studio_csrf") or ""}

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def send(self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        return self.http.request(method, path, headers={**self.csrf(), **(headers or {})}, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.send("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.send("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.send("PATCH", path, **kwargs)

    def close(self) -> None:
        self.http.close()


class Services:
    """The admin straight at the domain services (loopback ports), for arrangements only."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        login = httpx.post(
            platform.service_url("auth") + "/auth/login",
            json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD},
            timeout=30,
        )
        assert login.status_code == 200, login.text
        self.headers = {"Authorization": f"Bearer {login.json()['access_token']}"}

    def call(self, method: str, service: str, path: str, **kwargs: Any) -> httpx.Response:
        url = self.platform.service_url(service) + path
        return httpx.request(method, url, headers=self.headers, timeout=30, **kwargs)

    def new_teacher(self, group_rate_minor: int) -> tuple[str, str]:
        """A teacher invited by the admin who has accepted the invitation; returns (id, email)."""
        email = f"teacher-{uuid.uuid4().hex[:8]}@e2e.demo.studio"
        since = time.time() - 1
        user = self.call(
            "POST",
            "auth",
            "/internal/users",
            json={"email": email, "role": "teacher", "first_name": "Grace", "last_name": "Hopper", "invite": True},
        )
        assert user.status_code == 201, user.text
        teacher_id = user.json()["id"]
        profile = self.call(
            "POST",
            "teachers",
            "/teachers",
            json={
                "id": teacher_id,
                "first_name": "Grace",
                "last_name": "Hopper",
                "email": email,
                "levels": ["B1"],
                "timezone": "Europe/Moscow",
            },
        )
        assert profile.status_code == 201, profile.text
        rate = self.call(
            "POST",
            "teachers",
            f"/teachers/{teacher_id}/rates",
            json={"kind": "group", "amount_minor": group_rate_minor, "effective_from": "2026-01-01"},
        )
        assert rate.status_code == 201, rate.text
        token = invitation_token(self.platform, email, since)
        accepted = httpx.post(
            self.platform.service_url("auth") + "/auth/invitations/accept",
            json={"token": token, "password": E2E_PASSWORD},
            timeout=30,
        )
        assert accepted.status_code == 200, accepted.text
        return teacher_id, email

    def started_group_lesson(
        self, teacher_id: str, student_ids: list[str], *, starts_in: timedelta, price_minor: int = 90000
    ) -> dict[str, Any]:
        """A group lesson starting soon. Bookings refuse the past and respect the notice, so the
        group gets a one-off slot `starts_in` from now and lessons-service generates it."""
        zone = ZoneInfo("Europe/Moscow")
        starts = (datetime.now(UTC) + starts_in).astimezone(zone).replace(microsecond=0)
        group = self.call(
            "POST",
            "groups",
            "/groups",
            json={
                "name": f"E2E {uuid.uuid4().hex[:8]}",
                "level": "B1",
                "teacher_id": teacher_id,
                "capacity": 4,
                "schedule": {
                    "timezone": "Europe/Moscow",
                    "slots": [
                        {"weekday": starts.weekday(), "start_time": starts.strftime("%H:%M:%S"), "duration_minutes": 15}
                    ],
                },
                "starts_on": starts.date().isoformat(),
                "ends_on": starts.date().isoformat(),
                "price_per_lesson_minor": price_minor,
                "status": "active",
            },
        )
        assert group.status_code == 201, group.text
        group_id = group.json()["id"]
        for student_id in student_ids:
            added = self.call("POST", "groups", f"/groups/{group_id}/members", json={"student_id": student_id})
            assert added.status_code == 201, added.text
        day = starts.date().isoformat()
        generated = self.call("POST", "lessons", f"/groups/{group_id}/lessons/generate", json={"from": day, "to": day})
        assert generated.status_code == 200, generated.text
        created = generated.json()["created"]
        assert len(created) == 1, f"the one-off lesson was not placed: {generated.text}"
        return dict(created[0])


@pytest.fixture(scope="session")
def demo_studio(studio: Platform) -> Platform:
    """The platform with the demo studio seeded; the seed's own failure is the reason otherwise."""
    assert studio.seed_outcome == "ok", studio.seed_outcome
    return studio


@pytest.fixture
def browser(studio: Platform) -> Iterator[Browser]:
    client = Browser(studio.base_url)
    yield client
    client.close()


@pytest.fixture
def other_browser(studio: Platform) -> Iterator[Browser]:
    client = Browser(studio.base_url)
    yield client
    client.close()


@pytest.fixture(scope="session")
def services(demo_studio: Platform) -> Services:
    return Services(demo_studio)


def demo_person(email: str) -> str:
    return str(SEED.demo_id(email))


def invitation_token(platform: Platform, email: str, since: float) -> str:
    return eventually(lambda: SEED.invitation_token(platform.mail_dir, email, since), f"the invitation to {email}")
