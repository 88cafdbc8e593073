"""Free slots of 50 teachers x 8 weeks through nginx and the BFF: one batched call (issue 19).

Run from the repository root (PostgreSQL, RabbitMQ, nginx and redis-server on this machine):

    BENCH_PORT_OFFSET=21500 BENCH_DB_SUFFIX=_perf_bench \\
        .venv/bin/python bench/bff/slots_batch.py --teachers 50 --weeks 8 --requests 40

It starts bench/load's private platform (own ports, databases, Redis, exchange; everything is
stopped and dropped afterwards), seeds `--teachers` teachers open 06:00-22:00 UTC every day (about
900 free hour-slots each over 8 weeks) and one student, logs the student in through nginx, and
asks `GET /api/booking/slots/batch` for every teacher over `--weeks` weeks: once with an empty slot
cache (cold), then `--requests` times (warm; calendary's Redis cache holds each teacher's list).
For comparison it then fetches the same slots the way the app could before, one teacher and at
most 28 days per `GET /api/booking/slots` call (the BFF caps a range at 31 days), 6 calls at a
time. Prints Markdown with the 1-minute load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "load"))

from platform_runner import running_platform  # noqa: E402
from stats import summarize  # noqa: E402

from bench import Session, new_client, seed  # noqa: E402


def load_average() -> float:
    return os.getloadavg()[0]


async def batch(client: httpx.AsyncClient, teachers: list[str], start: datetime, weeks: int) -> tuple[float, int, int]:
    params: list[tuple[str, str]] = [("teacher_id", teacher) for teacher in teachers]
    params += [("from", start.isoformat()), ("to", (start + timedelta(weeks=weeks)).isoformat())]
    began = time.perf_counter()
    response = await client.get("/api/booking/slots/batch", params=params)
    elapsed = time.perf_counter() - began
    response.raise_for_status()
    slots = sum(len(entry["starts"]) for entry in response.json()["teachers"])
    return elapsed, slots, len(response.content)


async def one_by_one(client: httpx.AsyncClient, teachers: list[str], start: datetime, weeks: int) -> tuple[float, int]:
    windows = [(start + timedelta(days=day), min(28, weeks * 7 - day)) for day in range(0, weeks * 7, 28)]
    semaphore = asyncio.Semaphore(6)

    async def one(teacher: str, begin: datetime, days: int) -> int:
        async with semaphore:
            response = await client.get(
                "/api/booking/slots",
                params={
                    "teacher_id": teacher,
                    "from": begin.isoformat(),
                    "to": (begin + timedelta(days=days)).isoformat(),
                },
            )
            response.raise_for_status()
            found: list[Any] = response.json()
            return len(found)

    began = time.perf_counter()
    counts = await asyncio.gather(*(one(teacher, begin, days) for teacher in teachers for begin, days in windows))
    return time.perf_counter() - began, sum(counts)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teachers", type=int, default=50)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    password = "Bench-Slots-Password-42"
    with running_platform() as platform:
        teachers, students = await seed(platform, args.teachers, 1, password)
        print(f"seeded {len(teachers)} teachers", flush=True)
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        async with new_client(platform, students[0]) as client:
            session = Session(client, students[0], "nginx", platform.service_urls)
            await session.login(password)
            loads = [load_average()]
            cold, slots, size = await batch(client, teachers, start, args.weeks)
            warm = []
            for _ in range(args.requests):
                elapsed, _, _ = await batch(client, teachers, start, args.weeks)
                warm.append(elapsed)
                loads.append(load_average())
            separate, separate_slots = await one_by_one(client, teachers, start, args.weeks)
            loads.append(load_average())
        summary = summarize(warm)
        assert summary is not None
        print()
        print(f"{len(teachers)} teachers x {args.weeks} weeks: {slots} slots, {size / 1024:.0f} KiB of JSON per answer")
        print(
            f"1-minute load average during the run: min {min(loads):.1f}, max {max(loads):.1f} ({os.cpu_count()} CPUs)"
        )
        print()
        print("| call | n | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|")
        print(f"| batch, cold cache | 1 | {cold * 1000:.0f} | - | - |")
        print(
            f"| batch, warm cache | {summary.count} | {summary.p50 * 1000:.0f} | {summary.p95 * 1000:.0f} |"
            f" {summary.max * 1000:.0f} |"
        )
        print(
            f"| one teacher and ≤ 28 days per call ({separate_slots} slots), 6 at a time, whole set | 1 |"
            f" {separate * 1000:.0f} | - | - |"
        )


if __name__ == "__main__":
    asyncio.run(main())
