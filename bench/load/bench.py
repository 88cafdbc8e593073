"""Load test of J1 (log in, list free slots, book) at rising concurrency, next to a pgbench ceiling.

Run from the repository root (PostgreSQL, RabbitMQ, nginx and redis-server on this machine):

    .venv/bin/python bench/load/bench.py                    # through nginx and the BFF (/api/...)
    .venv/bin/python bench/load/bench.py --path direct      # auth, calendary, lessons without nginx/BFF

It starts a private platform like `make up` (bench/load/platform_runner.py: port offset 40000, `_bench`
databases, its own Redis, exchange and state dir), seeds its own teachers (wide availability) and
students through the services' APIs with the bootstrap admin's token, runs two scenarios per
concurrency level, then runs bench/load/ceiling.sh (pgbench, the same booking writes) and prints
Markdown tables. Everything it started is stopped and its databases are dropped.

Scenarios, each virtual user (VU) in a loop until the level's time is up:
- journey: log in as the next student of the VU's share, list a teacher's slots, book one;
  every journey is a new login on a new connection.
- booking: list slots and book, again and again, taking turns over the VU's share of the
  students, all logged in once before the levels (outside every measured window; one student per
  VU reached issue 18's cap of 500 future lessons within a level once booking got faster).
Each student connects from its own loopback address (127.0.x.y), as real students come from
their own devices: nginx limits /api/auth/ per client address.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cpu_profile import CpuSample, flame_graphs, measure_cpu, platform_processes
from platform_runner import DB_SUFFIX, Platform, running_platform
from stats import Summary, summarize

HERE = Path(__file__).resolve().parent
AVAILABILITY = [{"weekday": d, "start_time": "06:00", "end_time": "22:00"} for d in range(7)]
WINDOW_DAYS = 2  # each slot query asks for two days of one teacher
HORIZON_DAYS = 55  # calendary's default horizon is 60 days
LESSON_MINUTES = 60


@dataclass
class Student:
    id: str
    email: str
    address: str  # the loopback source address this student connects from
    booked: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass
class Level:
    scenario: str
    concurrency: int
    elapsed: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"login": [], "slots": [], "book": []})
    journeys: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    cpu: CpuSample | None = None  # CPU seconds per platform process during the level
    load: float = 0.0  # the machine's 1-minute load average (highest of start and end)
    # (lesson id, student id) -> when the 201 arrived, to time the student's confirmation e-mail
    answered: dict[tuple[str, str], datetime] = field(default_factory=dict)
    confirmations: list[float] = field(default_factory=list)  # seconds from 201 to sent

    @property
    def booked(self) -> int:
        return self.outcomes["booked"]


class Refused(Exception):
    """A step answered with an unexpected status; the label says which and why."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label


def problem_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("code") or "")
    except (ValueError, AttributeError):
        return ""


def check(response: httpx.Response, step: str, *expected: int) -> None:
    if response.status_code not in expected:
        code = problem_code(response)
        raise Refused(f"{step} {response.status_code}{' ' + code if code else ''}")


class Session:
    """One logged-in student on one connection pool, through nginx + BFF or straight to the services."""

    def __init__(self, client: httpx.AsyncClient, student: Student, path: str, urls: dict[str, str]) -> None:
        self.client = client
        self.student = student
        self.path = path
        self.urls = urls
        self.headers: dict[str, str] = {}

    async def login(self, password: str) -> None:
        body = {"email": self.student.email, "password": password}
        if self.path == "nginx":
            response = await self.client.post("/api/auth/login", json=body)
            check(response, "login", 200)
            self.headers = {"X-CSRF-Token": response.cookies.get("studio_csrf") or self.client.cookies["studio_csrf"]}
        else:
            response = await self.client.post(f"{self.urls['auth']}/auth/login", json=body)
            check(response, "login", 200)
            self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def slots(self, teacher_id: str, start: datetime) -> list[dict[str, Any]]:
        params: dict[str, str | int] = {
            "from": start.isoformat(),
            "to": (start + timedelta(days=WINDOW_DAYS)).isoformat(),
            "duration_minutes": LESSON_MINUTES,
        }
        if self.path == "nginx":
            response = await self.client.get("/api/booking/slots", params={**params, "teacher_id": teacher_id})
        else:
            response = await self.client.get(
                f"{self.urls['calendary']}/teachers/{teacher_id}/slots", params=params, headers=self.headers
            )
        check(response, "slots", 200)
        found: list[dict[str, Any]] = response.json()
        return found

    async def book(self, teacher_id: str, starts_at: str) -> httpx.Response:
        body = {"teacher_id": teacher_id, "starts_at": starts_at, "duration_minutes": LESSON_MINUTES}
        headers = {**self.headers, "Idempotency-Key": uuid.uuid4().hex}
        if self.path == "nginx":
            return await self.client.post("/api/booking", json=body, headers=headers)
        return await self.client.post(
            f"{self.urls['lessons']}/lessons", json={**body, "kind": "individual"}, headers=headers
        )


def new_client(platform: Platform, student: Student) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(local_address=student.address, retries=0)
    return httpx.AsyncClient(base_url=platform.base_url, transport=transport, timeout=60)


@contextlib.asynccontextmanager
async def logged_in(
    platform: Platform, path: str, students: list[Student], password: str
) -> AsyncIterator[list[Session]]:
    """Every student logged in on a client of their own, kept open for all the levels."""
    async with contextlib.AsyncExitStack() as stack:
        sessions = []
        for student in students:
            client = await stack.enter_async_context(new_client(platform, student))
            session = Session(client, student, path, platform.service_urls)
            await session.login(password)
            sessions.append(session)
        yield sessions


async def timed(level: Level, step: str, call: Awaitable[Any]) -> Any:
    began = time.perf_counter()
    try:
        return await call
    finally:
        level.latencies[step].append(time.perf_counter() - began)


async def slots_and_book(level: Level, session: Session, teachers: list[str], rng: random.Random) -> None:
    teacher = rng.choice(teachers)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start = today + timedelta(days=rng.randint(1, HORIZON_DAYS - WINDOW_DAYS))
    slots = await timed(level, "slots", session.slots(teacher, start))
    own = session.student.booked
    # Only the student's own lessons near the asked window can overlap a slot of it: filtering
    # them first keeps the load generator's CPU per booking flat as a level books more (it shares
    # the two cores with the platform it measures).
    near_start, near_end = start - timedelta(days=1), start + timedelta(days=WINDOW_DAYS + 1)
    nearby = [(start_, end) for start_, end in own if start_ < near_end and near_start < end]
    free = [
        slot
        for slot in slots
        if not nearby
        or not any(
            datetime.fromisoformat(slot["starts_at"]) < end and start_ < datetime.fromisoformat(slot["ends_at"])
            for start_, end in nearby
        )
    ]
    if not free:
        level.outcomes["no free slot"] += 1
        return
    slot = rng.choice(free)
    response = await timed(level, "book", session.book(teacher, slot["starts_at"]))
    if response.status_code == 201:
        level.outcomes["booked"] += 1
        answered = datetime.now(UTC)
        body = response.json()
        lesson = body.get("lesson", body)  # the BFF wraps the lesson; lessons-service answers it bare
        level.answered[(lesson["id"], session.student.id)] = answered
        own.append((datetime.fromisoformat(slot["starts_at"]), datetime.fromisoformat(slot["ends_at"])))
    elif response.status_code == 409:
        level.outcomes[f"conflict 409 {problem_code(response)}"] += 1  # another VU took the slot first
    else:
        raise Refused(f"book {response.status_code} {problem_code(response)}".strip())


async def run_level(
    platform: Platform,
    scenario: str,
    path: str,
    concurrency: int,
    seconds: float,
    students: list[Student],
    teachers: list[str],
    password: str,
    sessions: list[Session],
) -> Level:
    level = Level(scenario, concurrency)
    deadline = time.monotonic() + seconds
    urls = platform.service_urls

    async def fresh_login(student: Student, rng: random.Random) -> None:
        """journey: every turn a new login on a new connection."""
        async with new_client(platform, student) as client:
            session = Session(client, student, path, urls)
            await timed(level, "login", session.login(password))
            await slots_and_book(level, session, teachers, rng)

    async def logged_in_turn(session: Session, rng: random.Random) -> None:
        """booking: a student logged in before the levels (outside every measured window)."""
        await slots_and_book(level, session, teachers, rng)

    # Each VU takes turns over its share of the students, so no student reaches issue 18's cap
    # on future lessons however many bookings a level makes.
    turn_of: Callable[[Any, random.Random], Awaitable[None]] = logged_in_turn
    members: list[Any] = list(sessions)
    if scenario == "journey":
        turn_of, members = fresh_login, list(students)

    async def vu(index: int) -> None:
        rng = random.Random(index)  # noqa: S311 - seeded picks, reproducible; not security
        mine = members[index::concurrency]
        turn = 0
        while time.monotonic() < deadline:
            member = mine[turn % len(mine)]
            turn += 1
            began = time.perf_counter()
            try:
                await turn_of(member, rng)
            except Refused as refused:
                level.outcomes[refused.label] += 1
                continue
            except httpx.HTTPError as exc:
                level.outcomes[f"transport {type(exc).__name__}"] += 1
                continue
            level.journeys.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(vu(index) for index in range(concurrency)))
    level.elapsed = time.perf_counter() - began
    return level


# --- seeding -------------------------------------------------------------------------------------


async def admin_headers(http: httpx.AsyncClient, platform: Platform) -> dict[str, str]:
    response = await http.post(
        f"{platform.service_urls['auth']}/auth/login",
        json={"email": platform.admin_email, "password": platform.admin_password},
    )
    check(response, "admin login", 200)
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def student_address(index: int) -> str:
    return f"127.0.{10 + index // 200}.{1 + index % 200}"


async def seed(platform: Platform, teachers: int, students: int, password: str) -> tuple[list[str], list[Student]]:
    """Teachers with availability every day 06:00-22:00 UTC, and students who can log in."""
    urls = platform.service_urls
    run = secrets.token_hex(3)
    async with httpx.AsyncClient(timeout=60) as http:
        admin = await admin_headers(http, platform)
        semaphore = asyncio.Semaphore(4)

        async def teacher(index: int) -> str:
            async with semaphore:
                email = f"bench-teacher-{run}-{index}@example.com"
                names = {"first_name": "Bench", "last_name": f"Teacher {index}"}
                user = await http.post(
                    f"{urls['auth']}/internal/users",
                    headers=admin,
                    json={"email": email, "role": "teacher", "invite": False, **names},
                )
                check(user, "create teacher user", 200, 201)
                teacher_id = user.json()["id"]
                profile = await http.post(
                    f"{urls['teachers']}/teachers",
                    headers=admin,
                    json={"id": teacher_id, "email": email, "levels": ["B1", "B2"], "timezone": "UTC", **names},
                )
                check(profile, "create teacher profile", 201)
                rules = await http.put(
                    f"{urls['calendary']}/teachers/{teacher_id}/availability",
                    headers=admin,
                    json={"timezone": "UTC", "rules": AVAILABILITY},
                )
                check(rules, "set availability", 200)
                return str(teacher_id)

        async def student(index: int) -> Student:
            async with semaphore:
                email = f"bench-student-{run}-{index}@example.com"
                address = student_address(index)
                # auth-service throttles sign-ups per client address; each student has its own.
                async with httpx.AsyncClient(
                    transport=httpx.AsyncHTTPTransport(local_address=address), timeout=60
                ) as own:
                    account = await own.post(
                        f"{urls['auth']}/auth/register",
                        json={
                            "email": email,
                            "password": password,
                            "first_name": "Bench",
                            "last_name": f"Student {index}",
                            "timezone": "Europe/Moscow",
                            "language": "en",
                        },
                    )
                check(account, "register student", 201)
                student_id = account.json()["user"]["id"]
                profile = await http.post(
                    f"{urls['students']}/students",
                    headers=admin,
                    json={
                        "user_id": student_id,
                        "first_name": "Bench",
                        "last_name": f"Student {index}",
                        "email": email,
                        "timezone": "Europe/Moscow",
                        "status": "active",
                    },
                )
                check(profile, "create student profile", 201, 409)  # 409: made from user.registered already
                return Student(id=str(student_id), email=email, address=address)

        teacher_ids = await asyncio.gather(*(teacher(i) for i in range(teachers)))
        student_list = await asyncio.gather(*(student(i) for i in range(students)))
    return list(teacher_ids), list(student_list)


# --- report --------------------------------------------------------------------------------------


def ms(summary: Summary | None, attribute: str) -> str:
    return "-" if summary is None else f"{getattr(summary, attribute) * 1000:.0f}"


def report(levels: list[Level]) -> str:
    lines = [
        "| scenario | VUs | s | bookings/s | journeys | login p50/p95/p99 ms | slots p50/p95/p99 ms "
        "| book p50/p95/p99 ms | journey p50/p95/p99 ms | 409 conflicts | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for level in levels:

        def triple(values: list[float]) -> str:
            summary = summarize(values)
            return "/".join(ms(summary, name) for name in ("p50", "p95", "p99"))

        conflicts = sum(n for label, n in level.outcomes.items() if label.startswith("conflict"))
        errors = {
            label: n for label, n in level.outcomes.items() if label != "booked" and not label.startswith("conflict")
        }
        error_text = ", ".join(f"{label}: {n}" for label, n in sorted(errors.items())) or "0"
        lines.append(
            f"| {level.scenario} | {level.concurrency} | {level.elapsed:.1f} | {level.booked / level.elapsed:.1f} "
            f"| {len(level.journeys)} | {triple(level.latencies['login'])} | {triple(level.latencies['slots'])} "
            f"| {triple(level.latencies['book'])} | {triple(level.journeys)} | {conflicts} | {error_text} |"
        )
    return "\n".join(lines)


def cpu_report(levels: list[Level]) -> str:
    """CPU milliseconds per booking by process: CPU seconds during the level / 201 answers."""
    names = sorted({name for level in levels if level.cpu for name in level.cpu.seconds})
    head = "| scenario | VUs | bookings | load avg | " + " | ".join(names) + " | **total** |"
    lines = ["CPU ms per booking (CPU seconds of each process during the level / bookings answered 201):", ""]
    lines += [head, "|" + "---|" * (len(names) + 5)]
    for level in levels:
        if not level.cpu or not level.booked:
            continue
        per = {name: 1000 * level.cpu.seconds.get(name, 0.0) / level.booked for name in names}
        cells = " | ".join(f"{per[name]:.1f}" for name in names)
        total = 1000 * level.cpu.total / level.booked
        first = f"| {level.scenario} | {level.concurrency} | {level.booked} | {level.load:.1f}"
        lines.append(f"{first} | {cells} | **{total:.1f}** |")
    return "\n".join(lines)


def collect_confirmations(levels: list[Level], timeout: float = 60.0) -> None:
    """Time from each 201 to the student's `lesson.scheduled` e-mail marked sent by
    notifications-service (its `notification.sent_at`; the clocks are the same machine's)."""
    wanted = {key: answered for level in levels for key, answered in level.answered.items()}
    if not wanted:
        return
    sql = (
        "SELECT substr(dedup_key, 18), recipient, extract(epoch FROM sent_at) FROM notification "
        "WHERE dedup_key LIKE 'lesson.scheduled:%' AND status = 'sent'"
    )
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", f"notifications_db{DB_SUFFIX}", "-tAXF", "|", "-c"]
    deadline = time.monotonic() + timeout
    sent: dict[tuple[str, str], float] = {}
    while time.monotonic() < deadline:
        out = subprocess.run([*command, sql], capture_output=True, text=True, check=False).stdout  # noqa: S603
        sent = {
            (lesson, recipient): float(epoch)
            for lesson, recipient, epoch in (line.split("|") for line in out.splitlines() if line.count("|") == 2)
        }
        if all(key in sent for key in wanted):
            break
        time.sleep(1)
    for level in levels:
        level.confirmations = [
            sent[key] - answered.timestamp() for key, answered in level.answered.items() if key in sent
        ]


def confirmation_report(levels: list[Level]) -> str:
    lines = [
        "Booking → confirmation sent (seconds from the 201 to the student's e-mail marked sent):",
        "",
        "| scenario | VUs | bookings | confirmed | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for level in levels:
        values = sorted(level.confirmations)
        if not values:
            continue
        summary = summarize(values)
        lines.append(
            f"| {level.scenario} | {level.concurrency} | {level.booked} | {len(values)} "
            f"| {summary.p50 * 1000:.0f} | {summary.p95 * 1000:.0f} | {values[-1] * 1000:.0f} |"
        )
    return "\n".join(lines)


def stored_bookings() -> str:
    """What the databases hold after the run, to check every 201 is a lesson with a confirmed event."""

    def count(database: str, sql: str) -> str:
        command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAXc", sql]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603

    lessons = count(f"lessons_db{DB_SUFFIX}", "SELECT count(*) FROM lesson WHERE status = 'scheduled'")
    events = count(f"calendary_db{DB_SUFFIX}", "SELECT count(*) FROM calendar_event WHERE status = 'confirmed'")
    return f"{lessons} scheduled lessons, {events} confirmed calendar events"


def run_ceiling(platform: Platform, clients: int, seconds: int) -> str:
    env = {
        **os.environ,
        "CALENDARY_DB": f"calendary_db{DB_SUFFIX}",
        "LESSONS_DB": f"lessons_db{DB_SUFFIX}",
        "CEILING_DB": f"booking_ceiling{DB_SUFFIX}",
        "CLIENTS": str(clients),
        "DURATION": str(seconds),
    }
    result = subprocess.run([HERE / "ceiling.sh"], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        return f"pgbench ceiling failed:\n{result.stdout}{result.stderr}"
    return result.stdout


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", choices=["nginx", "direct"], default="nginx")
    parser.add_argument("--levels", default="1,4,8,16,32", help="concurrency levels (VUs)")
    parser.add_argument("--seconds", type=float, default=20, help="duration of each level")
    parser.add_argument("--scenarios", default="journey,booking")
    parser.add_argument("--teachers", type=int, default=40)
    parser.add_argument("--students", type=int, default=256)
    parser.add_argument("--pgbench-clients", type=int, default=16)
    parser.add_argument("--pgbench-seconds", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--flame-dir", type=Path, help="record py-spy flame graphs (one SVG per service and level) into this folder"
    )
    parser.add_argument(
        "--idle", type=float, default=0, help="first measure the idle platform's CPU for this many seconds"
    )
    parser.add_argument("--flame-levels", default="", help="levels to record flame graphs at (default: every level)")
    parser.add_argument(
        "--flame-raw", action="store_true", help="collapsed stacks (text) instead of SVG; sum them with top_frames.py"
    )
    args = parser.parse_args()
    levels = [int(value) for value in args.levels.split(",")]
    scenarios = args.scenarios.split(",")
    if max(levels) > args.students:
        sys.exit("need at least as many students as the highest concurrency level")
    if not (HERE / "ceiling.sh").exists() or shutil.which("pgbench") is None:
        sys.exit("pgbench is missing: apt-get install postgresql-client (Debian ships it there)")

    password = secrets.token_urlsafe(12)
    with running_platform() as platform:
        async with contextlib.AsyncExitStack() as stack:
            began = time.perf_counter()
            teachers, students = await seed(platform, args.teachers, args.students, password)
            print(
                f"seeded {len(teachers)} teachers and {len(students)} students in {time.perf_counter() - began:.0f} s",
                flush=True,
            )
            results: list[Level] = []
            sessions = await stack.enter_async_context(logged_in(platform, args.path, students, password))
            processes = platform_processes(platform.service_ports, platform.local_dir, platform.redis_port)
            flame_levels = {int(v) for v in args.flame_levels.split(",") if v} or set(levels)
            if args.idle:
                await asyncio.sleep(10)  # let the seeding's events drain first
                with measure_cpu(processes, DB_SUFFIX) as idle:
                    idle_load = os.getloadavg()[0]
                    await asyncio.sleep(args.idle)
                per = ", ".join(f"{name} {100 * sec / args.idle:.2f}" for name, sec in sorted(idle.seconds.items()))
                print(
                    f"idle platform over {args.idle:.0f} s (load average {idle_load:.1f}): "
                    f"{100 * idle.total / args.idle:.2f} % of one core in all (per process, %: {per})",
                    flush=True,
                )
            for scenario in scenarios:
                for concurrency in levels:
                    flames: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
                    if args.flame_dir and concurrency in flame_levels:
                        flames = flame_graphs(
                            processes, args.flame_dir, f"{scenario}-{concurrency}vu", args.seconds, raw=args.flame_raw
                        )
                    with flames, measure_cpu(processes, DB_SUFFIX) as cpu:
                        load = [os.getloadavg()[0]]
                        level = await run_level(
                            platform,
                            scenario,
                            args.path,
                            concurrency,
                            args.seconds,
                            students,
                            teachers,
                            password,
                            sessions,
                        )
                        load.append(os.getloadavg()[0])
                    level.cpu = cpu
                    level.load = max(load)
                    results.append(level)
                    print(report([level]).splitlines()[-1], flush=True)
            collect_confirmations(results)
            stored = stored_bookings()
            ceiling = run_ceiling(platform, args.pgbench_clients, args.pgbench_seconds)
    answered = sum(level.booked for level in results)
    print(f"\nPath: {args.path}\n\n{report(results)}\n\n{cpu_report(results)}\n\n{confirmation_report(results)}")
    print(f"\n201 answers: {answered}; stored: {stored}\n\n{ceiling}")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "scenario": r.scenario,
                        "concurrency": r.concurrency,
                        "elapsed": r.elapsed,
                        "booked": r.booked,
                        "outcomes": dict(r.outcomes),
                        "latencies": r.latencies,
                        "journeys": r.journeys,
                        "cpu_seconds": r.cpu.seconds if r.cpu else {},
                        "load_average": r.load,
                        "confirmations": r.confirmations,
                    }
                    for r in results
                ],
                indent=1,
            )
        )


if __name__ == "__main__":
    asyncio.run(main())
