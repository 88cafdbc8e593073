"""The client address chain in compose: browser -> nginx -> BFF -> auth-service. auth-service's
per-address limits must count each browser on its own, not the BFF's (or nginx's) address for all.

The two clients reach nginx the way clients behind the CloudPub tunnel do: the tunnel is on the
compose network and nginx takes the client address from its X-Forwarded-For (nginx.conf)."""

from __future__ import annotations

import time
import uuid

import httpx

from tests.compose.conftest import ComposePlatform
from tests.support.demo import DEMO_PASSWORD, DEMO_STUDENT_EMAIL

FIRST_CLIENT = "203.0.113.10"
SECOND_CLIENT = "198.51.100.20"


def login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    """One login attempt; nginx's own 5 r/s per-address limit (a bare 429) is waited out."""
    for _ in range(40):
        response = client.post("/api/auth/login", json={"email": email, "password": password})
        if response.status_code != 429 or response.headers.get("content-type", "").startswith("application/problem"):
            return response
        time.sleep(0.5)
    raise AssertionError("nginx kept refusing the login attempt")


def client_at(platform: ComposePlatform, address: str) -> httpx.Client:
    return httpx.Client(base_url=platform.base_url, headers={"X-Forwarded-For": address}, timeout=30)


def test_a_locked_out_client_does_not_lock_out_another(demo_studio: ComposePlatform) -> None:
    first, second = client_at(demo_studio, FIRST_CLIENT), client_at(demo_studio, SECOND_CLIENT)
    limit = int(demo_studio.service_env("auth").get("LOGIN_IP_MAX_FAILURES") or 30)
    with first, second:
        # Wrong passwords for many different accounts: only the per-address lock can stop this.
        for _ in range(limit + 1):
            locked = login(first, f"nobody-{uuid.uuid4().hex[:10]}@e2e.demo.studio", "wrong-password-1")
            if locked.status_code == 429:
                break
            assert locked.status_code == 401, locked.text
        assert locked.status_code == 429, f"no lock after {limit} failures: {locked.text}"
        assert locked.json()["code"] == "login_locked"

        other = login(second, DEMO_STUDENT_EMAIL, DEMO_PASSWORD)
        assert other.status_code == 200, f"the other client is locked out too: {other.text}"
