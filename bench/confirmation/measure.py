"""Booking → confirmation sent: how long after a booking answered 201 its confirmation goes out.

Run from the repository root (PostgreSQL, RabbitMQ, nginx and redis-server on this machine):

    BENCH_PORT_OFFSET=21600 BENCH_DB_SUFFIX=_confirm_bench \\
        .venv/bin/python bench/confirmation/measure.py --bookings 200

It starts the private bench platform of bench/load (its own ports, `_bench`-suffixed databases,
Redis, exchange and state dir; everything is stopped and dropped afterwards), seeds teachers with
wide availability and students, then books `--bookings` lessons through nginx and the BFF
(`POST /api/booking`, a logged-in student each time), `--concurrency` at a time with `--gap`
seconds between one student's bookings. For each 201 it records the moment the answer arrived and
reads, from notifications-service's delivery log, when the student's `lesson.scheduled`
notification row was written (the event went outbox → relay → broker → consumer) and when it was
marked sent (dispatcher → loopback SMTP catcher). Same machine, same clock.

Prints p50/p95/p99/max of the whole path and of its two halves, the 1-minute load average over the
run and the number of CPUs, as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "load"))

from platform_runner import DB_SUFFIX, running_platform  # noqa: E402
from stats import Summary, summarize  # noqa: E402

from bench import Level, Session, new_client, seed, slots_and_book  # noqa: E402

DELIVERY_SQL = (
    "SELECT substr(dedup_key, 18), recipient, extract(epoch FROM created_at), extract(epoch FROM sent_at) "
    "FROM notification WHERE dedup_key LIKE 'lesson.scheduled:%' AND status = 'sent'"
)


def delivery_log(wanted: set[tuple[str, str]], timeout: float) -> dict[tuple[str, str], tuple[float, float]]:
    """(lesson id, student id) -> (row written, sent) epoch seconds, once every wanted one is sent."""
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", f"notifications_db{DB_SUFFIX}", "-tAXF", "|", "-c"]
    deadline = time.monotonic() + timeout
    found: dict[tuple[str, str], tuple[float, float]] = {}
    while time.monotonic() < deadline:
        out = subprocess.run([*command, DELIVERY_SQL], capture_output=True, text=True, check=False).stdout  # noqa: S603
        found = {
            (lesson, recipient): (float(written), float(sent))
            for lesson, recipient, written, sent in (
                line.split("|") for line in out.splitlines() if line.count("|") == 3
            )
        }
        if wanted <= found.keys():
            break
        time.sleep(1)
    return found


def row(label: str, summary: Summary | None) -> str:
    if summary is None:
        return f"| {label} | 0 | - | - | - | - |"
    return (
        f"| {label} | {summary.count} | {summary.p50 * 1000:.0f} | {summary.p95 * 1000:.0f} "
        f"| {summary.p99 * 1000:.0f} | {summary.max * 1000:.0f} |"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=1, help="students booking at the same time")
    parser.add_argument("--gap", type=float, default=0.25, help="seconds between one student's bookings")
    parser.add_argument("--teachers", type=int, default=12)
    parser.add_argument("--students", type=int, default=16)
    args = parser.parse_args()
    if args.concurrency > args.students:
        sys.exit("need at least as many students as --concurrency")

    password = secrets.token_urlsafe(12)
    with running_platform() as platform:
        teachers, students = await seed(platform, args.teachers, args.students, password)
        print(f"seeded {len(teachers)} teachers and {len(students)} students", flush=True)
        await asyncio.sleep(10)  # let the seeding's events drain first
        level = Level(scenario="confirmation", concurrency=args.concurrency)
        loads: list[float] = []
        remaining = args.bookings
        began = time.perf_counter()

        async def vu(index: int) -> None:
            nonlocal remaining
            rng = random.Random(index)  # noqa: S311 - picks slots, not secrets
            mine = students[index :: args.concurrency]
            clients = [new_client(platform, student) for student in mine]
            sessions = [
                Session(client, student, "nginx", platform.service_urls)
                for client, student in zip(clients, mine, strict=True)
            ]
            try:
                for session in sessions:
                    await session.login(password)
                turn = 0
                while remaining > 0:
                    remaining -= 1
                    loads.append(os.getloadavg()[0])
                    booked = level.booked
                    await slots_and_book(level, sessions[turn % len(sessions)], teachers, rng)
                    if level.booked == booked:
                        remaining += 1  # no free slot or a 409: try again, the count is of 201s
                    turn += 1
                    await asyncio.sleep(args.gap)
            finally:
                for client in clients:
                    await client.aclose()

        await asyncio.gather(*(vu(index) for index in range(args.concurrency)))
        elapsed = time.perf_counter() - began
        log = delivery_log(set(level.answered), timeout=120)

    whole, delivered, sending = [], [], []
    for key, answered in level.answered.items():
        if key in log:
            written, sent = log[key]
            whole.append(sent - answered.timestamp())
            delivered.append(written - answered.timestamp())
            sending.append(sent - written)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"\n{when}: {level.booked} bookings answered 201 in {elapsed:.0f} s ({args.concurrency} at a time, "
        f"{args.gap} s gap), {len(whole)} confirmations sent; outcomes {dict(level.outcomes)}\n"
        f"1-minute load average during the run: min {min(loads):.1f}, mean {sum(loads) / len(loads):.1f}, "
        f"max {max(loads):.1f} on {os.cpu_count()} CPUs\n"
    )
    print("| stretch (ms) | n | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|")
    print(row("201 → confirmation sent", summarize(whole)))
    print(row("201 → notification written (relay, broker, consumer)", summarize(delivered)))
    print(row("written → sent (dispatcher, SMTP)", summarize(sending)))
    missing = len(level.answered) - len(whole)
    if missing:
        print(f"\n{missing} bookings had no confirmation sent within 120 s")


if __name__ == "__main__":
    asyncio.run(main())
