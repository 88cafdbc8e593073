"""Smoke test: the session's platform (tests/conftest.py), started exactly like `make up`
(scripts/up.sh) beside any running one, checked through nginx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.platform import Platform

REPO = Path(__file__).resolve().parents[2]
SPA_PATH = "/teacher/calendar/2026-12-01"


@pytest.fixture
def platform(studio: Platform) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=studio.base_url, timeout=10) as client:
        yield client


def index_html() -> str:
    return (REPO / "frontend-service" / "dist" / "index.html").read_text()


def test_every_service_is_ready_through_nginx(platform: httpx.Client, service: Any) -> None:
    response = platform.get(f"/_health/{service.name}/ready")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"


def test_root_serves_the_web_app(platform: httpx.Client) -> None:
    response = platform.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == index_html()
    assert response.headers["cache-control"] == "no-cache"


def test_unknown_app_path_falls_back_to_the_web_app(platform: httpx.Client) -> None:
    response = platform.get(SPA_PATH)
    assert response.status_code == 200
    assert response.text == index_html()


def test_hashed_assets_are_cached_and_missing_ones_are_404(platform: httpx.Client) -> None:
    script = next((REPO / "frontend-service" / "dist" / "assets").glob("*.js"))
    response = platform.get(f"/assets/{script.name}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert "immutable" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") == "gzip" or script.stat().st_size < 1024
    assert platform.get("/assets/missing-0000.js").status_code == 404


def test_security_headers_allow_telegram_to_frame_the_app(platform: httpx.Client) -> None:
    headers = platform.get(SPA_PATH).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'self' https://web.telegram.org" in csp
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert "x-frame-options" not in headers, "would stop Telegram from opening the Mini App"


def test_hsts_only_behind_tls(platform: httpx.Client) -> None:
    assert "strict-transport-security" not in platform.get("/").headers
    behind_tunnel = platform.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_tunnel.headers["strict-transport-security"].startswith("max-age=")


def test_request_id_is_generated_or_kept(platform: httpx.Client) -> None:
    generated = platform.get("/api/smoke-unknown").headers["x-request-id"]
    assert len(generated) == 32
    kept = platform.get("/api/smoke-unknown", headers={"X-Request-ID": "smoke-test-0001"})
    assert kept.headers["x-request-id"] == "smoke-test-0001"
    assert kept.json()["instance"] == "/api/smoke-unknown", "the BFF answered, not the web app"


def test_telegram_webhook_reaches_the_bot(platform: httpx.Client) -> None:
    response = platform.post("/tg/webhook", json={"update_id": 1})
    assert response.headers["content-type"].startswith("application/")
    assert response.text != index_html()


def test_oversized_body_is_refused_by_nginx(platform: httpx.Client) -> None:
    response = platform.post("/api/smoke-upload", content=b"x" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413


def test_auth_routes_are_rate_limited(platform: httpx.Client) -> None:
    statuses = [platform.post("/api/auth/smoke-probe").status_code for _ in range(30)]
    assert 429 in statuses
    assert statuses[0] != 429, "the first request must pass"
