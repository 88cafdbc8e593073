"""Start a private copy of the platform exactly like `make up` (scripts/up.sh), beside any other run.

Isolation follows tests/smoke/test_platform.py: its own port offset, database suffix, Redis server,
event exchange and queue prefix, and state dir. Everything it starts is stopped and its databases
are dropped on exit.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
PORT_OFFSET = int(os.environ.get("BENCH_PORT_OFFSET", "40000"))  # overridable for side-by-side runs
DB_SUFFIX = os.environ.get("BENCH_DB_SUFFIX", "_bench")
START_TIMEOUT_S = 300


def load_local_runner() -> ModuleType:
    # scripts/ is not a package: load the runner by path to reuse its service table and Config.
    spec = importlib.util.spec_from_file_location("studio_local_runner", REPO / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass(frozen=True)
class Platform:
    base_url: str  # nginx
    service_urls: dict[str, str]  # direct addresses, for seeding and the nginx-less comparison
    admin_email: str
    admin_password: str
    env: dict[str, str]
    local_dir: Path
    service_ports: dict[str, int]
    redis_port: int


@contextlib.contextmanager
def private_redis() -> Iterator[int]:
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed argv
    try:
        wait_for_port(port, 10)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@contextlib.contextmanager
def running_platform(log: bool = True) -> Iterator[Platform]:
    """The whole platform on ports 48010-48018 and nginx on 48080, with `_bench` databases."""
    runner = load_local_runner()
    local_dir = Path(tempfile.mkdtemp(prefix="studio-bench-"))
    admin_password = secrets.token_urlsafe(18)
    with private_redis() as redis_port:
        inherited = {key: value for key, value in os.environ.items() if key not in runner.PASS_THROUGH}
        env = {
            **inherited,
            "STUDIO_LOCAL_DIR": str(local_dir),
            "STUDIO_PORT_OFFSET": str(PORT_OFFSET),
            "STUDIO_DB_SUFFIX": DB_SUFFIX,
            "STUDIO_REDIS_PORT": str(redis_port),
            "STUDIO_EVENTS_EXCHANGE": f"studio.events{DB_SUFFIX}",
            "STUDIO_EVENTS_QUEUE_PREFIX": f"{DB_SUFFIX.strip('_')}.",
            "STUDIO_EVENTS_QUEUE_EXPIRES_MS": "60000",
            "STUDIO_ADMIN_EMAIL": "bench-admin@example.com",
            "STUDIO_ADMIN_PASSWORD": admin_password,
            "STUDIO_SKIP_SEED": "1",
            "LOG_LEVEL": "WARNING",
            # Issue 18's abuse limits (20 booking attempts per student per 10 min, 10 future lessons)
            # would turn the load into 429s within seconds: the bench measures booking, not the limit.
            "LESSONS_BOOKING_ATTEMPTS": inherited.get("LESSONS_BOOKING_ATTEMPTS", "10000"),
            "LESSONS_MAX_ACTIVE_BOOKINGS": inherited.get("LESSONS_MAX_ACTIVE_BOOKINGS", "500"),
        }
        cfg = runner.Config(env)
        ready = local_dir / "ready"
        if log:
            print(f"starting the platform (state in {local_dir}) ...", flush=True)
        up = subprocess.Popen(  # noqa: S603 - the repository's own script
            [REPO / "scripts" / "up.sh"], env=env, stdout=subprocess.DEVNULL, start_new_session=True
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not (ready.exists() and ready.read_text().strip()):
                if up.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(1)
            outcome = ready.read_text().strip() if ready.exists() else f"no answer (exit code {up.poll()})"
            if outcome != "ok":
                platform_log = local_dir / "logs" / "platform.log"
                tail = platform_log.read_text().splitlines()[-40:] if platform_log.exists() else []
                raise RuntimeError(f"platform did not come up: {outcome}\n" + "\n".join(tail))
            yield Platform(
                base_url=cfg.base_url,
                service_urls={s.name: cfg.url(s) for s in runner.SERVICES},
                admin_email=cfg.admin_email,
                admin_password=admin_password,
                env=env,
                local_dir=local_dir,
                service_ports={s.name: cfg.port(s) for s in runner.SERVICES},
                redis_port=redis_port,
            )
        finally:
            up.send_signal(signal.SIGTERM)  # honcho, which up.sh became, stops every process it started
            try:
                up.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(up.pid, signal.SIGKILL)
                up.wait(10)
            subprocess.run(  # noqa: S603 - the repository's own script
                [sys.executable, REPO / "scripts" / "local.py", "databases", "drop"],
                env=env,
                check=False,
                stdout=subprocess.DEVNULL,
            )
            shutil.rmtree(local_dir, ignore_errors=True)


def main() -> None:
    """Keep a bench platform up until Ctrl+C or SIGTERM, for poking at it by hand."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with running_platform() as platform:
        print(f"nginx: {platform.base_url}\nservices: {platform.service_urls}")
        print(f"admin: {platform.admin_email} / {platform.admin_password}\nstate: {platform.local_dir}", flush=True)
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            signal.pause()


if __name__ == "__main__":
    main()
