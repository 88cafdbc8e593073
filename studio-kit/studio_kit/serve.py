"""Start a service: `python -m studio_kit.serve <package> [--migrate] --host H --port P`.

Run from the service folder (where alembic.ini lives). `--migrate` waits for the database and
applies `alembic upgrade head` first, so a container can start in any order."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

import uvicorn
from uvicorn.config import STARTUP_FAILURE

TICK_SECONDS = 1.0


def migrate(timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], check=False)
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise SystemExit("migrations failed: the database did not become ready in time")
        time.sleep(2)


def forwarded_allow_ips() -> str:
    """Peers whose X-Forwarded-For / X-Forwarded-Proto uvicorn believes (addresses or CIDR, comma
    list): FORWARDED_ALLOW_IPS, by default only loopback (local mode's nginx). Behind compose's or
    Kubernetes' edge proxy the BFF lists that proxy, so `request.client` is the browser's address."""
    return os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1"


# STUDIO_CPROFILE_DIR=/tmp/x (benchmarks only): the process records a deterministic profile of its
# CPU time (cProfile with time.process_time) and writes /tmp/x/<package>-<pid>.prof when it stops;
# read it with `python -m pstats`. Python code runs 2-3x slower meanwhile.
_profiler: cProfile.Profile | None = None
_profile_path: Path | None = None


def _start_profile(package: str) -> None:
    global _profiler, _profile_path
    folder = os.environ.get("STUDIO_CPROFILE_DIR", "").strip()
    if folder:
        _profile_path = Path(folder) / f"{package}-{os.getpid()}.prof"
        _profiler = cProfile.Profile(time.process_time)
        _profiler.enable()


def _write_profile() -> None:
    if _profiler is not None and _profile_path is not None:
        _profiler.disable()
        _profile_path.parent.mkdir(parents=True, exist_ok=True)
        _profiler.dump_stats(str(_profile_path))


class Server(uvicorn.Server):
    """uvicorn's server, woken once a second instead of ten times.

    uvicorn's main loop sleeps 0.1 s between checks of "should I stop?" and refreshes the `date`
    header every tenth check. On an idle platform those ten wake-ups a second were all the CPU a
    service used (about 0.2 % of a core each, issue 19). This loop refreshes the header once a
    second, as before, and stops at once on SIGTERM/SIGINT: the signal handler wakes it."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_SECONDS)
            # uvicorn refreshes the date header when the counter is a multiple of ten (once a second)
            counter = (counter + 10) % 864000
            should_exit = await self.on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await super().shutdown(sockets)
        _write_profile()

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("package", help="service package, e.g. lessons_service")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--migrate", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.migrate:
        migrate()
    options = {
        "factory": True,
        "host": args.host,
        "port": args.port,
        "log_config": None,
        "proxy_headers": True,
        "forwarded_allow_ips": forwarded_allow_ips(),
        "access_log": False,
    }
    app = f"{args.package}.main:create_app"
    if args.workers > 1:
        uvicorn.run(app, workers=args.workers, **options)  # uvicorn's supervisor starts its own servers
    else:
        server = Server(uvicorn.Config(app, **options))
        _start_profile(args.package)
        server.run()
        if not server.started:
            sys.exit(STARTUP_FAILURE)  # as uvicorn.run does: a failed start-up is not a clean exit


if __name__ == "__main__":
    main()
