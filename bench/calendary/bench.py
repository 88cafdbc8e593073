"""Benchmarks of calendary-service on this machine: slot queries and reservation throughput.

Run from the repository root:  .venv/bin/python bench/calendary/bench.py
It creates the database `calendary_bench`, serves the app with uvicorn on a free loopback port
(tokens from the test signer), and prints a Markdown table."""

import asyncio
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from calendary_service.config import Settings
from calendary_service.main import create_app
from studio_kit.testing.helpers import JWTSigner, prepare_database, run_server, truncate_all

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = 50
WEEKS = 8
HOLDS = 2000
CONCURRENCY = 20


async def main() -> None:
    signer = JWTSigner()
    signer.start()
    settings = Settings(
        _env_file=None,
        environment="test",
        db_host="127.0.0.1",
        postgres_db="calendary_bench",
        redis_url="redis://127.0.0.1:6379/3",
        auth_jwks_url=signer.jwks_url,
        log_level="WARNING",
        db_pool_size=CONCURRENCY,
    )
    assert settings.database_url is not None
    await prepare_database(settings.database_url, ROOT / "calendary-service")
    app = create_app(settings)
    admin = signer.headers("admin", expires_in=timedelta(hours=1))
    booker = signer.headers("service", sub="service:lessons", scopes=["calendary:book"], expires_in=timedelta(hours=1))
    async with LifespanManager(app), run_server(app, lifespan=False) as url:
        await truncate_all(app.state.database.engine)
        await app.state.redis.flushdb()
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            teachers = [uuid.uuid4() for _ in range(TEACHERS)]
            start_day = (datetime.now(UTC) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
            for index, teacher in enumerate(teachers):
                rules = [{"weekday": d, "start_time": "09:00", "end_time": "13:00"} for d in range(6)]
                rules += [{"weekday": d, "start_time": "15:00", "end_time": "20:00"} for d in range(5)]
                await http.put(
                    f"/teachers/{teacher}/availability",
                    json={"timezone": ["Europe/London", "Europe/Moscow"][index % 2], "rules": rules},
                    headers=admin,
                )
                for lesson in range(20):
                    starts_at = start_day + timedelta(days=lesson * 2 + 1, hours=10 + lesson % 3)
                    await http.post(
                        "/internal/holds",
                        headers=booker,
                        json={
                            "teacher_id": str(teacher),
                            "kind": "individual",
                            "force": True,
                            "hold_seconds": 900,
                            "starts_at": starts_at.isoformat(),
                            "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
                        },
                    )

            async def slot_pass() -> tuple[float, list[float], int]:
                latencies: list[float] = []
                count = 0
                began = time.perf_counter()
                for teacher in teachers:
                    for half in range(2):
                        frm = start_day + timedelta(weeks=half * WEEKS // 2)
                        t0 = time.perf_counter()
                        response = await http.get(
                            f"/teachers/{teacher}/slots",
                            headers=admin,
                            params={
                                "from": frm.isoformat(),
                                "to": (frm + timedelta(weeks=WEEKS // 2)).isoformat(),
                                "duration_minutes": 60,
                            },
                        )
                        latencies.append(time.perf_counter() - t0)
                        count += len(response.json())
                return time.perf_counter() - began, latencies, count

            cold = await slot_pass()
            warm = await slot_pass()

            queue: asyncio.Queue[int] = asyncio.Queue()
            for index in range(HOLDS):
                queue.put_nowait(index)
            statuses: list[int] = []
            hold_latencies: list[float] = []

            async def worker() -> None:
                while not queue.empty():
                    queue.get_nowait()
                    starts_at = start_day + timedelta(days=3)
                    t0 = time.perf_counter()
                    response = await http.post(
                        "/internal/holds",
                        headers=booker,
                        json={
                            "teacher_id": str(uuid.uuid4()),
                            "kind": "individual",
                            "force": True,
                            "starts_at": starts_at.isoformat(),
                            "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
                        },
                    )
                    hold_latencies.append(time.perf_counter() - t0)
                    statuses.append(response.status_code)

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
            elapsed = time.perf_counter() - began
    signer.stop()

    def pct(values: list[float], q: float) -> float:
        return sorted(values)[int(q * (len(values) - 1))] * 1000

    print("| Measurement | Result |\n|---|---|")
    for name, (total, lat, count) in (("cold (computed)", cold), ("warm (Redis)", warm)):
        print(
            f"| slots, {TEACHERS} teachers x {WEEKS} weeks, {name} | {total:.2f} s for {len(lat)} requests "
            f"({count} slots); p50 {pct(lat, 0.5):.1f} ms, p95 {pct(lat, 0.95):.1f} ms |"
        )
    print(
        f"| holds over HTTP, {CONCURRENCY} concurrent clients | {HOLDS / elapsed:.0f} holds/s "
        f"({HOLDS} in {elapsed:.2f} s, {statuses.count(201)} x 201); p50 {pct(hold_latencies, 0.5):.1f} ms, "
        f"p95 {pct(hold_latencies, 0.95):.1f} ms, mean {statistics.mean(hold_latencies) * 1000:.1f} ms |"
    )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
