"""Smoke test: a second platform started exactly like `make up` (scripts/up.sh), beside any running
one: other ports (STUDIO_PORT_OFFSET), databases (_smoke suffix), a private Redis and its own
event exchange. Everything is checked through nginx, then stopped and its databases dropped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
PORT_OFFSET = 10000
START_TIMEOUT_S = 240  # infrastructure check, 7 migrations, 9 services on 2 cores, demo seed
SPA_PATH = "/teacher/calendar/2026-12-01"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def private_redis() -> Iterator[int]:
    """A throw-away Redis, so the smoke platform shares no database index with `make up`."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def smoke_env(tmp_path_factory: pytest.TempPathFactory, private_redis: int, local_runner: ModuleType) -> dict[str, str]:
    # A developer's BOT_TOKEN or PUBLIC_URL would let the smoke bot talk to Telegram: leave them out.
    inherited = {key: value for key, value in os.environ.items() if key not in local_runner.PASS_THROUGH}
    return {
        **inherited,
        "STUDIO_LOCAL_DIR": str(tmp_path_factory.mktemp("studio-local")),
        "STUDIO_PORT_OFFSET": str(PORT_OFFSET),
        "STUDIO_DB_SUFFIX": "_smoke",
        "STUDIO_REDIS_PORT": str(private_redis),
        "STUDIO_EVENTS_EXCHANGE": "studio.events.smoke",
        "STUDIO_EVENTS_QUEUE_PREFIX": "smoke.",
        "STUDIO_EVENTS_QUEUE_EXPIRES_MS": "60000",
    }


@pytest.fixture(scope="module")
def platform(smoke_env: dict[str, str], local_runner: ModuleType) -> Iterator[httpx.Client]:
    cfg = local_runner.Config(smoke_env)
    log = cfg.local_dir / "logs" / "platform.log"
    ready = cfg.local_dir / "ready"  # written once every service is ready and the demo is seeded
    up = subprocess.Popen(
        [REPO / "scripts" / "up.sh"], env=smoke_env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (ready.exists() and ready.read_text().strip()):
            if up.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(1)
        outcome = ready.read_text().strip() if ready.exists() else f"no answer (exit code {up.poll()})"
        if outcome != "ok":
            pytest.fail(f"platform did not come up: {outcome}\n{log_excerpt(log)}")
        with httpx.Client(base_url=cfg.base_url, timeout=10) as client:
            yield client
    finally:
        up.send_signal(signal.SIGTERM)  # honcho, which up.sh became: stops every process it started
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(up.pid, signal.SIGKILL)
            up.wait(10)
        subprocess.run([sys.executable, REPO / "scripts" / "local.py", "databases", "drop"], env=smoke_env, check=True)


def log_excerpt(log: Path) -> str:
    """The first traceback if there is one (honcho stops everything after it), else the tail."""
    lines = log.read_text().splitlines() if log.exists() else ["(no log)"]
    first = next((i for i, line in enumerate(lines) if "Traceback" in line), None)
    return "\n".join(lines[first : first + 60] if first is not None else lines[-40:])


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
