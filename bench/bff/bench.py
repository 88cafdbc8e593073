"""Latency of the three dashboards through the BFF, with the real downstream services behind it.

Run from the repository root:
    .venv/bin/python bench/bff/bench.py [--concurrency 10] [--requests 300] [--admin-cache-seconds 30]
        [--student-cache-seconds 30] [--bookings-per-second 0]

The script migrates databases `<svc>_bench_bff` (dropped at the end) and starts auth, students,
teachers, calendary, groups, lessons, notifications and the BFF as separate processes (one uvicorn
worker each, like one replica of each deployment) on loopback ports. It seeds a studio through the
BFF (admin, a teacher, students with bookings), then sends each dashboard `--requests` times from
`--concurrency` concurrent cookie sessions and prints p50/p95. With `--bookings-per-second R`, three
other students book the teacher's free hours at that rate through the BFF while the student
dashboard is measured (a busy morning: what their writes cost everyone else's kept dashboards).
Servers and load generator share the machine's cores."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "load"))
from cpu_profile import measure_cpu  # bench/load's /proc reader

ROOT = Path(__file__).resolve().parents[1].parent
SERVICES = ("auth", "students", "teachers", "calendary", "groups", "lessons", "notifications")
ADMIN_EMAIL = "admin@bench.example.com"
PASSWORD = "Bench-Studio-Password-42"
SECRET = "bench-client-secret-0123456789"
REDIS_DB_BFF, REDIS_DB_SERVICES = 13, 14
PG = "postgresql://postgres@127.0.0.1:5432"
# A private Redis keeps a run apart from other people's on a shared machine.
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")


def service_settings(name: str, urls: dict[str, str]) -> Any:
    """Settings of one process of the platform (`name` is a domain service or "bff")."""
    common: dict[str, Any] = {
        "_env_file": None,
        "environment": "test",
        "log_level": "WARNING",
        "redis_url": f"{REDIS}/{REDIS_DB_SERVICES}",
        "auth_jwks_url": f"{urls['auth']}/.well-known/jwks.json",
    }
    if name == "bff":
        from bff_service.config import Settings as BffSettings

        return BffSettings(
            **{**common, "redis_url": f"{REDIS}/{REDIS_DB_BFF}"},
            session_cookie_secure=False,
            service_client_id="bff-service",
            service_client_secret=SECRET,
            admin_dashboard_cache_seconds=int(os.environ.get("BENCH_ADMIN_CACHE_SECONDS", "30")),
            student_dashboard_cache_seconds=int(os.environ.get("BENCH_STUDENT_CACHE_SECONDS", "30")),
            auth_service_url=urls["auth"],
            **{f"{service}_service_url": urls[service] for service in SERVICES if service != "auth"},
        )
    extra: dict[str, dict[str, Any]] = {
        "auth": {
            "auth_service_clients": f"bff-service:{SECRET}:auth:users:write auth:read students:write "
            f"students:read,lessons-service:{SECRET}:calendary:book calendary:read groups:read",
            "auth_bootstrap_admin_email": ADMIN_EMAIL,
            "auth_bootstrap_admin_password": PASSWORD,
            "auth_bootstrap_admin_must_change_password": False,
            "sensitive_requests_per_window": 100_000,
            "login_ip_max_failures": 100_000,
            "jwt_keys_dir": os.environ["BENCH_JWT_KEYS_DIR"],
        },
        "lessons": {
            "calendary_service_url": urls["calendary"],
            "groups_service_url": urls["groups"],
            "auth_service_url": urls["auth"],
            "service_client_id": "lessons-service",
            "service_client_secret": SECRET,
        },
    }
    config = importlib.import_module(f"{name}_service.config")
    return config.Settings(
        db_host="127.0.0.1", postgres_db=f"{name}_bench_bff", db_pool_size=5, **common, **extra.get(name, {})
    )


async def serve(name: str, urls: dict[str, str]) -> None:
    """Child process: one service (or the BFF) on its port until terminated, like one deployment."""
    import uvicorn

    app = importlib.import_module(f"{name}_service.main").create_app(service_settings(name, urls))
    port = int(urls[name].rsplit(":", 1)[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    profile_dir = os.environ.get("BENCH_CPROFILE_DIR")
    if not profile_dir:
        await server.serve()
        return
    # BENCH_CPROFILE_DIR=/tmp/x: every process records a deterministic profile (cProfile, slows it
    # down 2-3x) and writes /tmp/x/<name>.prof when it stops; read it with `python -m pstats`.
    import cProfile

    profiler = cProfile.Profile()
    stop = server.shutdown

    async def shutdown(sockets: Any = None) -> None:
        # uvicorn re-raises SIGTERM after serve() returns, so the profile is written here
        await stop(sockets)
        profiler.disable()
        profiler.dump_stats(str(Path(profile_dir) / f"{name}.prof"))

    server.shutdown = shutdown  # type: ignore[method-assign]
    profiler.enable()
    await server.serve()


async def invitation_token(email: str) -> str:
    connection = await asyncpg.connect(f"{PG}/auth_bench_bff")
    try:
        rows = await connection.fetch("SELECT payload FROM outbox_message WHERE type = 'user.invited'")
    finally:
        await connection.close()
    for row in rows:
        data = json.loads(row["payload"])["data"]
        if data["email"] == email:
            return str(data["invite_url"]).rsplit("#", 1)[-1]
    raise RuntimeError(f"no invitation for {email}")


async def wait_ready(url: str) -> None:
    async with httpx.AsyncClient(timeout=2) as http:
        for _ in range(300):
            with contextlib.suppress(httpx.HTTPError):
                if (await http.get(f"{url}/health/live")).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def browser(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=30)


async def send(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> httpx.Response:
    headers = {"X-CSRF-Token": client.cookies.get("studio_csrf") or ""}
    response = await client.request(method, path, headers={**headers, **kwargs.pop("headers", {})}, **kwargs)
    if response.status_code >= 400:
        raise RuntimeError(f"{method} {path}: {response.status_code} {response.text}")
    return response


class Seeded:
    def __init__(
        self, students: list[httpx.AsyncClient], teacher: httpx.AsyncClient, admin: httpx.AsyncClient,
        bookers: list[httpx.AsyncClient], teacher_id: str, free_hours: list[str],
    ) -> None:  # fmt: skip
        self.students, self.teacher, self.admin = students, teacher, admin
        self.bookers, self.teacher_id, self.free_hours = bookers, teacher_id, free_hours


async def register(url: str, index: int) -> httpx.AsyncClient:
    student = browser(url)
    await send(
        student,
        "POST",
        "/api/auth/register",
        json={
            "email": f"student-{uuid.uuid4().hex[:8]}@example.com",
            "password": PASSWORD,
            "first_name": f"Student{index}",
            "last_name": "Bench",
        },
    )
    return student


async def book(student: httpx.AsyncClient, teacher_id: str, starts_at: str) -> None:
    await send(
        student,
        "POST",
        "/api/booking",
        json={"teacher_id": teacher_id, "starts_at": starts_at},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )


async def seed(url: str, students: int) -> Seeded:
    """An admin, one teacher open every day, students with two booked lessons each, and three more
    students who book only during the measurement (`--bookings-per-second`)."""
    admin = browser(url)
    await send(admin, "POST", "/api/auth/login", json={"email": ADMIN_EMAIL, "password": PASSWORD})
    email = f"teacher-{uuid.uuid4().hex[:8]}@example.com"
    teacher_profile = (
        await send(
            admin,
            "POST",
            "/api/admin/teachers",
            json={"email": email, "first_name": "Bench", "last_name": "Teacher", "timezone": "UTC"},
        )
    ).json()
    teacher = browser(url)
    await send(
        teacher,
        "POST",
        "/api/auth/invitations/accept",
        json={"token": await invitation_token(email), "password": PASSWORD},
    )
    rules = [{"weekday": day, "start_time": "06:00", "end_time": "22:00"} for day in range(7)]
    await send(teacher, "PUT", "/api/teacher/availability", json={"timezone": "UTC", "rules": rules})
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    slots = (
        await send(
            teacher,
            "GET",
            "/api/booking/slots",
            params={
                "teacher_id": teacher_profile["id"],
                "from": start.isoformat(),
                "to": (start + timedelta(days=14)).isoformat(),
            },
        )
    ).json()
    hours = [slot for slot in slots if slot["starts_at"][14:16] == "00"]
    clients = []
    for index in range(students):
        student = await register(url, index)
        for slot in hours[2 * index : 2 * index + 2]:
            await book(student, teacher_profile["id"], slot["starts_at"])
        clients.append(student)
    bookers = [await register(url, students + index) for index in range(3)]
    free_hours = [slot["starts_at"] for slot in hours[2 * students :]]
    return Seeded(clients, teacher, admin, bookers, teacher_profile["id"], free_hours)


async def book_steadily(seeded: Seeded, rate: float, stop: asyncio.Event) -> int:
    """Book the teacher's next free hour every 1/rate seconds, the bookers taking turns, until told to stop."""
    booked = 0
    while not stop.is_set() and booked < len(seeded.free_hours):
        await book(seeded.bookers[booked % len(seeded.bookers)], seeded.teacher_id, seeded.free_hours[booked])
        booked += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1 / rate)
    return booked


async def measure(clients: list[httpx.AsyncClient], path: str, requests: int, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    degraded = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(number)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal degraded
        while True:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.perf_counter()
            response = await client.get(path)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text}")
            degraded += bool(response.json().get("degraded"))

    began = time.perf_counter()
    await asyncio.gather(*(worker(clients[index % len(clients)]) for index in range(concurrency)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "path": path,
        "requests": requests,
        "rps": requests / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
        "degraded": degraded,
    }


async def run(
    concurrency: int, requests: int, admin_cache_seconds: int, student_cache_seconds: int, bookings_per_second: float
) -> None:
    env = {
        **os.environ,
        "BENCH_ADMIN_CACHE_SECONDS": str(admin_cache_seconds),
        "BENCH_STUDENT_CACHE_SECONDS": str(student_cache_seconds),
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "studio-kit"), str(ROOT / "bff-service"), *(str(ROOT / f"{s}-service") for s in SERVICES)]
        ),
    }
    from sqlalchemy import URL

    from studio_kit.testing.helpers import free_port, prepare_database

    workdir = Path(tempfile.mkdtemp(prefix="bench-bff-"))
    env["BENCH_JWT_KEYS_DIR"] = str(workdir / "jwt-keys")
    urls = {name: f"http://127.0.0.1:{free_port()}" for name in (*SERVICES, "bff")}
    await asyncio.gather(
        *(
            prepare_database(
                URL.create(
                    "postgresql+asyncpg", username="postgres", host="127.0.0.1", port=5432, database=f"{name}_bench_bff"
                ),
                ROOT / f"{name}-service",
            )
            for name in SERVICES
        )
    )
    log = (workdir / "platform.log").open("w")
    children: list[asyncio.subprocess.Process] = []
    try:
        # auth first (the others fetch its keys and tokens), the BFF last.
        for group in (["auth"], list(SERVICES[1:]), ["bff"]):
            for name in group:
                children.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable,
                        __file__,
                        "--serve",
                        name,
                        "--urls",
                        json.dumps(urls),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        env=env,
                    )
                )
            await asyncio.gather(*(wait_ready(urls[name]) for name in group))
        url = urls["bff"]
        seeded = await seed(url, concurrency)
        students, teacher, admin = seeded.students, seeded.teacher, seeded.admin
        print(
            f"concurrency {concurrency}, {requests} requests per dashboard, "
            f"admin KPI cache {admin_cache_seconds} s, student dashboard cache {student_cache_seconds} s, "
            f"other students booking {bookings_per_second}/s during the student dashboard, BFF at {url}"
        )
        names = [*SERVICES, "bff"]
        processes = {name: [child.pid] for name, child in zip([*SERVICES, "bff"], children, strict=True)}
        columns = f"CPU ms per request: {', '.join(names)}, postgres"
        print(f"| Dashboard | p50 | p95 | requests/s | degraded answers | {columns} | total |")
        print("|---|---|---|---|---|---|---|")
        for clients, path in (
            ([admin], "/api/admin/dashboard"),
            ([teacher], "/api/teacher/dashboard"),
            (students, "/api/student/dashboard"),
        ):
            await measure(clients, path, min(requests, 2 * concurrency), concurrency)  # warm-up
            stop = asyncio.Event()
            booking = None
            if bookings_per_second > 0 and path == "/api/student/dashboard":
                booking = asyncio.create_task(book_steadily(seeded, bookings_per_second, stop))
            with measure_cpu(processes, "_bench_bff") as cpu:
                result = await measure(clients, path, requests, concurrency)
                stop.set()
                bookings = await booking if booking else 0
            shares = [1000 * cpu.seconds.get(name, 0.0) / requests for name in (*names, "postgres")]
            print(
                f"| `{path}` | {result['p50_ms']:.0f} ms | {result['p95_ms']:.0f} ms | {result['rps']:.0f} | "
                f"{result['degraded']} | {' / '.join(f'{share:.1f}' for share in shares)} | "
                f"{1000 * cpu.total / requests:.1f} |"
            )
            if booking:
                # The bookings' own CPU is in the columns too (a few ms each, spread over the requests).
                print(f"({bookings} bookings by other students during the {requests} student dashboards)")
        for client in (*students, *seeded.bookers, teacher, admin):
            await client.aclose()
    finally:
        for child in children:
            child.terminate()
            await child.wait()
        log.close()
        connection = await asyncpg.connect(f"{PG}/postgres")
        try:
            for name in SERVICES:
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}_bench_bff" WITH (FORCE)')
        finally:
            await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--admin-cache-seconds", type=int, default=30, help="ADMIN_DASHBOARD_CACHE_SECONDS of the BFF")
    parser.add_argument(
        "--student-cache-seconds", type=int, default=30, help="STUDENT_DASHBOARD_CACHE_SECONDS of the BFF (0: off)"
    )
    parser.add_argument(
        "--bookings-per-second",
        type=float,
        default=0.0,
        help="other students book through the BFF at this rate while the student dashboard is measured",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.serve, json.loads(args.urls)))
    else:
        asyncio.run(
            run(
                args.concurrency,
                args.requests,
                args.admin_cache_seconds,
                args.student_cache_seconds,
                args.bookings_per_second,
            )
        )


if __name__ == "__main__":
    main()
