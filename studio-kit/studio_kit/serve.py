"""Start a service: `python -m studio_kit.serve <package> [--migrate] --host H --port P`.

Run from the service folder (where alembic.ini lives). `--migrate` waits for the database and
applies `alembic upgrade head` first, so a container can start in any order."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import uvicorn


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
    uvicorn.run(
        f"{args.package}.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips(),
        access_log=False,
    )


if __name__ == "__main__":
    main()
