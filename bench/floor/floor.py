"""The floor of a hop: CPU per call of a service built by the kit that does no domain work.

    .venv/bin/python bench/floor/floor.py [--requests 4000] [--events 4000] [--concurrency 8]

It starts bench/floor/floor_service like a platform service (`python -m studio_kit.serve`, its own
database and exchange), warms it up, then measures, one phase after another:
- a GET answered with a small model, a POST of a booking-shaped body answered with a bigger model,
  and a GET that runs one statement in one transaction from the kit's session dependency, each
  sent through the kit's ServiceClient (aiohttp) at the given concurrency;
- events published with the kit's Broker (publisher confirms, as the outbox relay publishes) and
  consumed by the kit's Consumer with its inbox (one INSERT and one statement in one transaction).
For each phase it prints the CPU per call of the server process, of the caller (this process:
the client side of a hop, or the publishing side of an event) and of PostgreSQL's backends.
Everything it started is stopped and its database dropped on exit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
import uvloop

from studio_kit.http import ServiceClient
from studio_kit.messaging import Broker
from studio_kit.messaging.envelope import Event

REPO = Path(__file__).resolve().parents[2]
DATABASE = "floor_bench"
EXCHANGE = f"floor.bench.{uuid.uuid4().hex[:8]}"
HZ = os.sysconf("SC_CLK_TCK")


def cpu_of(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / HZ


def postgres_pids() -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if handle.read().startswith(b"postgres"):
                        pids.append(int(entry))
            except OSError:
                continue
    return pids


def recreate_database(*, create: bool) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(host="127.0.0.1", user="postgres", database="postgres")
        try:
            await connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            if create:
                await connection.execute(f"CREATE DATABASE {DATABASE}")
        finally:
            await connection.close()

    asyncio.run(run())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def measure(
    label: str, count: int, concurrency: int, server: int, call: Callable[[], Awaitable[None]]
) -> dict[str, float]:
    remaining = count

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    pg_before, server_before, own_before = cpu_of(postgres_pids()), cpu_of([server]), time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    row = {
        "server": (cpu_of([server]) - server_before) / count * 1000,
        "caller": (time.process_time() - own_before) / count * 1000,
        "postgres": (cpu_of(postgres_pids()) - pg_before) / count * 1000,
        "rate": count / elapsed,
    }
    cells = (f"{row[name]:.2f}" for name in ("server", "caller", "postgres"))
    print(f"| {label} | {count} | {row['rate']:.0f} | {' | '.join(cells)} |", flush=True)
    return row


async def run(args: argparse.Namespace, port: int, server: int) -> None:
    client = ServiceClient("floor", f"http://127.0.0.1:{port}", timeout=10, retries=0, max_connections=64)
    booking = {
        "teacher_id": str(uuid.uuid4()),
        "starts_at": "2027-01-11T10:00:00+00:00",
        "duration_minutes": 60,
        "kind": "individual",
    }

    async def empty() -> None:
        response = await client.get("/floor/empty")
        assert response.status_code == 200, response.text

    async def post_json() -> None:
        response = await client.post("/floor/json", json=booking)
        assert response.status_code == 201, response.text
        response.json()

    async def one_statement() -> None:
        response = await client.get("/floor/db")
        assert response.status_code == 200, response.text

    print("| phase | calls | calls/s | server CPU ms/call | caller CPU ms/call | PostgreSQL CPU ms/call |")
    print("|---|---|---|---|---|---|")
    phases = (
        ("GET, small answer", empty),
        ("POST booking-shaped JSON", post_json),
        ("GET, one statement", one_statement),
    )
    for label, call in phases:
        for _ in range(300):
            await call()
        await measure(label, args.requests, args.concurrency, server, call)

    broker = Broker(os.environ["RABBITMQ_URL"], EXCHANGE)
    await broker.connect()
    connection = await asyncpg.connect(host="127.0.0.1", user="postgres", database=DATABASE)
    try:

        async def publish() -> None:
            data = {"lesson_id": str(uuid.uuid4()), "student_ids": [str(uuid.uuid4())]}
            await broker.publish(Event(type="floor.ping", source="floor", data=data))

        async def consumed_at_least(count: int) -> None:
            for _ in range(6000):  # 2 minutes at most
                if int(await connection.fetchval("SELECT count(*) FROM inbox_message")) >= count:
                    return
                await asyncio.sleep(0.02)
            raise SystemExit("the floor service stopped consuming")

        for _ in range(300):
            await publish()
        await consumed_at_least(300)
        pg_before, server_before, own_before = cpu_of(postgres_pids()), cpu_of([server]), time.process_time()
        began = time.perf_counter()
        remaining = args.events

        async def publisher() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                await publish()

        await asyncio.gather(*(publisher() for _ in range(args.concurrency)))
        own = time.process_time() - own_before
        await consumed_at_least(300 + args.events)
        elapsed = time.perf_counter() - began
        server_cpu = cpu_of([server]) - server_before
        pg = cpu_of(postgres_pids()) - pg_before
        count = args.events
        print(
            f"| event published, consumed with the inbox | {count} | {count / elapsed:.0f} | "
            f"{server_cpu / count * 1000:.2f} | {own / count * 1000:.2f} | {pg / count * 1000:.2f} |"
        )
    finally:
        await connection.close()
        await broker.close()
        await client.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--events", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    recreate_database(create=True)
    port = free_port()
    rabbit = os.environ.setdefault("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parent),
        "SERVICE_NAME": "floor",
        "ENVIRONMENT": "test",
        "LOG_LEVEL": "WARNING",
        "DB_HOST": os.environ.get("FLOOR_DB_HOST", "127.0.0.1"),
        "POSTGRES_DB": DATABASE,
        "RABBITMQ_URL": rabbit,
        "EVENTS_EXCHANGE": EXCHANGE,
        "EVENTS_QUEUE_PREFIX": f"{EXCHANGE}.",
        "EVENTS_QUEUE_EXPIRES_MS": "60000",
    }
    server = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed module
        [sys.executable, "-m", "studio_kit.serve", "floor_service", "--port", str(port)], env=env, cwd=REPO
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the floor service did not start") from None
                time.sleep(0.1)
        time.sleep(1.0)  # the consumer declares its queue after the port opens
        uvloop.run(run(args, port, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
        recreate_database(create=False)


if __name__ == "__main__":
    main()
