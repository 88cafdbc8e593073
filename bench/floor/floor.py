"""The floor of a hop: CPU per call of a service built by the kit that does no domain work.

    .venv/bin/python bench/floor/floor.py [--requests 4000] [--events 4000] [--concurrency 8]

It starts bench/floor/floor_service like a platform service (`python -m studio_kit.serve`, its own
database and exchange), warms it up, then measures, one phase after another:
- a GET answered with a small model, a POST of a booking-shaped body answered with a bigger model,
  and a GET that runs one statement in one transaction from the kit's session dependency, each
  sent through the kit's ServiceClient (aiohttp) at the given concurrency;
- events published with the kit's Broker (publisher confirms, as the outbox relay publishes) and
  consumed by the kit's Consumer with its inbox (one INSERT and one statement in one transaction);
- the same transaction run in this process, through a plain asyncpg pool and through the kit's
  SQLAlchemy session (the caller's column): what the data layer costs without HTTP.
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
from sqlalchemy import URL, text

from studio_kit.db import Database
from studio_kit.http import ServiceClient
from studio_kit.messaging import Broker
from studio_kit.messaging.envelope import Event

REPO = Path(__file__).resolve().parents[2]
DATABASE = "floor_bench"
EXCHANGE = f"floor.bench.{uuid.uuid4().hex[:8]}"
HZ = os.sysconf("SC_CLK_TCK")
WARM_UP = 300  # calls before each phase's measured ones


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
    label: str,
    count: int,
    concurrency: int,
    server: int,
    call: Callable[[], Awaitable[None]],
    settle: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Warm up, run `call` `count` times over `concurrency` workers and print the CPU per call.
    `settle` waits for the work the calls set off elsewhere (an event's consumption) before the
    server's and PostgreSQL's CPU are read; the caller's is read before it, without its polling."""
    for _ in range(WARM_UP):
        await call()
    if settle is not None:
        await settle()
    remaining = count

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    pg_before, server_before, own_before = cpu_of(postgres_pids()), cpu_of([server]), time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    own = time.process_time() - own_before
    if settle is not None:
        await settle()
    elapsed = time.perf_counter() - began
    cells = [
        (cpu_of([server]) - server_before) / count * 1000,
        own / count * 1000,
        (cpu_of(postgres_pids()) - pg_before) / count * 1000,
    ]
    print(f"| {label} | {count} | {count / elapsed:.0f} | {' | '.join(f'{cell:.2f}' for cell in cells)} |", flush=True)


async def run(args: argparse.Namespace, port: int, server: int, db_host: str) -> None:
    client = ServiceClient("floor", f"http://127.0.0.1:{port}", timeout=10, retries=0, max_connections=64)
    broker = Broker(os.environ["RABBITMQ_URL"], EXCHANGE)
    connection = await asyncpg.connect(host=db_host, user="postgres", database=DATABASE)
    pool = await asyncpg.create_pool(host=db_host, user="postgres", database=DATABASE, min_size=8, max_size=8)
    database = Database(URL.create("postgresql+asyncpg", username="postgres", host=db_host, database=DATABASE))
    booking = {
        "teacher_id": str(uuid.uuid4()),
        "starts_at": "2027-01-11T10:00:00+00:00",
        "duration_minutes": 60,
        "kind": "individual",
    }
    published = 0

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

    async def publish() -> None:
        nonlocal published
        data = {"lesson_id": str(uuid.uuid4()), "student_ids": [str(uuid.uuid4())]}
        await broker.publish(Event(type="floor.ping", source="floor", data=data))
        published += 1

    async def all_consumed() -> None:
        for _ in range(6000):  # 2 minutes at most
            if int(await connection.fetchval("SELECT count(*) FROM inbox_message")) >= published:
                return
            await asyncio.sleep(0.02)
        raise SystemExit("the floor service stopped consuming")

    # The same transaction in this process, without HTTP: what the data layer itself costs.
    async def plain_asyncpg() -> None:
        async with pool.acquire() as pooled, pooled.transaction():
            await pooled.execute("SELECT 1")

    async def kit_session() -> None:
        async with database.sessionmaker() as session, session.begin():
            await session.execute(text("SELECT 1"))

    try:
        await broker.connect()
        print("| phase | calls | calls/s | server CPU ms/call | caller CPU ms/call | PostgreSQL CPU ms/call |")
        print("|---|---|---|---|---|---|")
        await measure("GET, small answer", args.requests, args.concurrency, server, empty)
        await measure("POST booking-shaped JSON", args.requests, args.concurrency, server, post_json)
        await measure("GET, one statement", args.requests, args.concurrency, server, one_statement)
        await measure(
            "event published, consumed with the inbox",
            args.events,
            args.concurrency,
            server,
            publish,
            settle=all_consumed,
        )
        await measure(
            "in the caller: asyncpg pool, BEGIN + SELECT 1 + COMMIT",
            args.requests,
            args.concurrency,
            server,
            plain_asyncpg,
        )
        await measure(
            "in the caller: the kit's session, BEGIN + SELECT 1 + COMMIT",
            args.requests,
            args.concurrency,
            server,
            kit_session,
        )
    finally:
        await database.dispose()
        await pool.close()
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
    db_host = os.environ.get("FLOOR_DB_HOST", "127.0.0.1")  # /var/run/postgresql: the Unix socket
    port = free_port()
    rabbit = os.environ.setdefault("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parent),
        "SERVICE_NAME": "floor",
        "ENVIRONMENT": "test",
        "LOG_LEVEL": "WARNING",
        "DB_HOST": db_host,
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
        uvloop.run(run(args, port, server.pid, db_host))
    finally:
        server.terminate()
        server.wait(timeout=30)
        recreate_database(create=False)


if __name__ == "__main__":
    main()
