"""`studio_kit.serve`: the server wakes once a second when idle (uvicorn's own loop wakes ten times
a second, issue 19's idle CPU), still refreshes the date header and still stops at once on a signal."""

import asyncio
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from studio_kit import serve


def _server() -> serve.Server:
    return serve.Server(uvicorn.Config(FastAPI(), log_config=None))


async def test_an_idle_server_ticks_once_a_second_not_ten_times() -> None:
    server = _server()
    counters: list[int] = []

    async def on_tick(counter: int) -> bool:
        counters.append(counter)
        return False

    server.on_tick = on_tick  # type: ignore[method-assign]
    loop_task = asyncio.create_task(server.main_loop())
    await asyncio.sleep(2.5)
    loop_task.cancel()
    # uvicorn's own main loop would have ticked 25 times; the date header is refreshed on every tick
    # here (uvicorn refreshes it when the counter is a multiple of ten)
    assert 2 <= len(counters) <= 4, counters
    assert all(counter % 10 == 0 for counter in counters)


async def test_a_signal_stops_the_loop_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "TICK_SECONDS", 60.0)
    server = _server()
    loop_task = asyncio.create_task(server.main_loop())
    await asyncio.sleep(0.1)
    server.handle_exit(signal.SIGTERM, None)
    await asyncio.wait_for(loop_task, timeout=5)  # not the 60 s tick
    assert server.should_exit


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_service_started_by_serve_answers_with_a_date_and_stops_on_sigterm(tmp_path: Path) -> None:
    package = tmp_path / "tickapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "main.py").write_text(
        textwrap.dedent(
            """
            from fastapi import FastAPI

            def create_app() -> FastAPI:
                app = FastAPI()

                @app.get("/ping")
                async def ping() -> dict[str, str]:
                    return {"pong": "yes"}

                return app
            """
        )
    )
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "studio_kit.serve", "tickapp", "--port", str(port)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/ping", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        assert response.json() == {"pong": "yes"}
        assert response.headers["date"].endswith("GMT")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_failed_start_up_exits_non_zero(tmp_path: Path) -> None:
    package = tmp_path / "brokenapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "main.py").write_text(
        textwrap.dedent(
            """
            import contextlib
            from fastapi import FastAPI

            @contextlib.asynccontextmanager
            async def lifespan(app: FastAPI):
                raise RuntimeError("the database is not there")
                yield

            def create_app() -> FastAPI:
                return FastAPI(lifespan=lifespan)
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "studio_kit.serve", "brokenapp", "--port", str(_free_port())],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3  # uvicorn's STARTUP_FAILURE, which process managers restart on
