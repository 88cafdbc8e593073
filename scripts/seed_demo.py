"""Seed the demo studio through the services' own APIs; idempotent, so `make up` runs it every time.

What it makes (each thing found by a natural key — email, group name, lead phone — before it is
created, and people get deterministic ids, so a second run creates nothing new):
- the bootstrap admin's login, three teachers in three time zones with weekly availability and
  rates, twelve students with accounts (some with packages or payments, one in debt);
- two groups with members, one student moved between them (history kept), a completed lesson with
  attendance in each group and their upcoming series, upcoming individual lessons;
- five trial leads, one at each funnel stage (published as `trial.requested`, as the bot does).

The three demo logins get the password `demo-studio-2026` by the invitation flow: the invitation
e-mail lands in $STUDIO_LOCAL_DIR/mail (local mode writes e-mails to files) and the seed accepts it.

Environment: STUDIO_LOCAL_DIR (env/<service>.env give the ports), STUDIO_ADMIN_EMAIL and
STUDIO_ADMIN_PASSWORD (default: the demo admin). Run by scripts/seed-demo.sh."""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import re
import shlex
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

DEMO_PASSWORD = "demo-studio-2026"
ADMIN_EMAIL = "admin@demo.studio"
DEMO_TEACHER_EMAIL = "teacher@demo.studio"
DEMO_STUDENT_EMAIL = "student@demo.studio"
# Fixed namespace: a person's platform-wide id is derived from their email, so reruns find them.
ID_NAMESPACE = uuid.UUID("5b1f6f0e-3c0a-4d7e-9a55-2f4f1d7e0a11")
RATES_FROM = date(2026, 1, 1)
WAIT_S = 60


def demo_id(email_address: str) -> uuid.UUID:
    """The platform-wide id of a demo person (identity rule: auth user id = profile id)."""
    return uuid.uuid5(ID_NAMESPACE, email_address.lower())


@dataclass(frozen=True)
class Teacher:
    email: str
    first_name: str
    last_name: str
    timezone: str
    levels: list[str]
    bio: str
    # (weekdays, start, end) in the teacher's local time.
    hours: tuple[tuple[tuple[int, ...], str, str], ...]
    rates: dict[str, int]


@dataclass(frozen=True)
class Student:
    email: str
    first_name: str
    last_name: str
    level: str
    timezone: str = "Europe/Moscow"
    phone: str | None = None
    package: tuple[int, int, str] | None = None  # lessons, price, kind
    payment: int | None = None


TEACHERS = (
    Teacher(
        DEMO_TEACHER_EMAIL,
        "Olga",
        "Smirnova",
        "Europe/Moscow",
        ["A2", "B1", "B2"],
        "Cambridge CELTA, ten years of teaching adults; conversation and business English.",
        (((0, 1, 2, 3, 4), "09:00", "21:00"), ((5,), "10:00", "16:00")),
        {"individual": 120000, "group": 150000, "trial": 50000},
    ),
    Teacher(
        "james.walker@demo.studio",
        "James",
        "Walker",
        "Europe/London",
        ["B2", "C1", "C2"],
        "Native speaker from Leeds; IELTS preparation and pronunciation.",
        (((0, 1, 2, 3, 4), "08:00", "16:00"),),
        {"individual": 150000, "group": 170000, "trial": 60000},
    ),
    Teacher(
        "ekaterina.volkova@demo.studio",
        "Ekaterina",
        "Volkova",
        "Asia/Yekaterinburg",
        ["A1", "A2", "B1"],
        "Teaches children and beginners; school support and exams (OGE, EGE).",
        (((1, 2, 3, 4, 5, 6), "12:00", "20:00"),),
        {"individual": 100000, "group": 130000, "trial": 40000},
    ),
)

STUDENTS = (
    Student(
        DEMO_STUDENT_EMAIL, "Maria", "Ivanova", "B1", phone="+79161110001", package=(8, 880000, "any"), payment=200000
    ),
    Student("alexey.petrov@demo.studio", "Alexey", "Petrov", "B2", package=(4, 560000, "individual")),
    Student("daria.sokolova@demo.studio", "Daria", "Sokolova", "A2", payment=300000),
    Student("ivan.morozov@demo.studio", "Ivan", "Morozov", "B1", payment=500000),
    Student("elena.novikova@demo.studio", "Elena", "Novikova", "B1"),  # in debt: charged, never paid
    Student("sergey.fedorov@demo.studio", "Sergey", "Fedorov", "A2", payment=160000),
    Student(
        "anna.popova@demo.studio", "Anna", "Popova", "A2", timezone="Asia/Yekaterinburg", package=(8, 640000, "group")
    ),
    Student("pavel.lebedev@demo.studio", "Pavel", "Lebedev", "A1", timezone="Asia/Yekaterinburg", payment=400000),
    Student("olga.kozlova@demo.studio", "Olga", "Kozlova", "A2", payment=240000),
    Student("nikita.orlov@demo.studio", "Nikita", "Orlov", "C1", package=(8, 1120000, "individual")),
    Student("victoria.zaitseva@demo.studio", "Victoria", "Zaitseva", "B2", timezone="Europe/London", payment=300000),
    Student("mikhail.egorov@demo.studio", "Mikhail", "Egorov", "C1"),
)
DEMO_LOGINS = (ADMIN_EMAIL, DEMO_TEACHER_EMAIL, DEMO_STUDENT_EMAIL)


@dataclass(frozen=True)
class Group:
    name: str
    level: str
    teacher: str
    timezone: str
    slots: tuple[tuple[int, str, int], ...]  # weekday, local start, minutes
    capacity: int
    price: int
    members: tuple[str, ...]
    # Attendance of the completed lesson, by student email.
    attendance: dict[str, str] = field(default_factory=dict)


GROUPS = (
    Group(
        "Evening B1",
        "B1",
        DEMO_TEACHER_EMAIL,
        "Europe/Moscow",
        ((0, "19:00", 90), (2, "19:00", 90)),
        6,
        90000,
        (DEMO_STUDENT_EMAIL, "ivan.morozov@demo.studio", "elena.novikova@demo.studio", "sergey.fedorov@demo.studio"),
        {
            DEMO_STUDENT_EMAIL: "present",
            "ivan.morozov@demo.studio": "late",
            "elena.novikova@demo.studio": "present",
            "sergey.fedorov@demo.studio": "excused",
        },
    ),
    Group(
        "Weekend A2",
        "A2",
        "ekaterina.volkova@demo.studio",
        "Asia/Yekaterinburg",
        ((5, "11:00", 60), (6, "11:00", 60)),
        5,
        80000,
        ("anna.popova@demo.studio", "pavel.lebedev@demo.studio", "olga.kozlova@demo.studio"),
        {
            "anna.popova@demo.studio": "present",
            "pavel.lebedev@demo.studio": "absent",
            "olga.kozlova@demo.studio": "present",
        },
    ),
)
# Sergey moves from the evening group to the weekend one after the first lessons.
MOVE = ("sergey.fedorov@demo.studio", "Evening B1", "Weekend A2")
# Individual lessons booked for the coming days: student, teacher.
BOOKINGS = (
    (DEMO_STUDENT_EMAIL, DEMO_TEACHER_EMAIL),
    ("alexey.petrov@demo.studio", "james.walker@demo.studio"),
    ("nikita.orlov@demo.studio", "james.walker@demo.studio"),
    ("daria.sokolova@demo.studio", "ekaterina.volkova@demo.studio"),
)
LEADS = (  # name, phone, level, goal, time of day, funnel stage
    ("Kirill Belov", "+79161230001", "A2", "travel", "evening", "new"),
    ("Svetlana Gromova", "+79161230002", "B1", "work", "morning", "contacted"),
    ("Timur Kasimov", "+79161230003", "A1", "school", "afternoon", "trial_scheduled"),
    ("Yulia Romanova", "+79161230004", "B2", "exam", "any", "won"),
    ("Denis Shirokov", "+79161230005", "unknown", "conversation", "evening", "lost"),
)


class SeedError(RuntimeError):
    pass


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, _, raw = line.partition("=")
            parts = shlex.split(raw)
            values[key] = parts[0] if parts else ""
    return values


class Studio:
    """The admin's view of the services, straight to their local ports."""

    def __init__(self, local_dir: Path) -> None:
        self.local_dir = local_dir
        self.env = read_env_file(local_dir / "env" / "bff.env")
        self.http = httpx.AsyncClient(timeout=30)
        self.token = ""
        self.created: dict[str, int] = {}

    def url(self, service: str, path: str) -> str:
        return self.env[f"{service.upper()}_SERVICE_URL"] + path

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1

    async def call(
        self, method: str, service: str, path: str, *, ok: tuple[int, ...] = (200, 201), **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        # A 5xx rolled the request's transaction back, and every call here is idempotent by a
        # natural key, so a busy machine (say, PostgreSQL out of connections) only slows the seed.
        for delay in (1, 2, 4, 0):
            response = await self.http.request(method, self.url(service, path), headers=headers, **kwargs)
            if response.status_code < 500 or not delay:
                break
            await asyncio.sleep(delay)
        if response.status_code not in ok:
            raise SeedError(f"{method} {service}{path} -> {response.status_code}: {response.text[:500]}")
        return response

    async def get(self, service: str, path: str, **kwargs: Any) -> Any:
        return (await self.call("GET", service, path, **kwargs)).json()

    async def login(self, email_address: str, password: str) -> httpx.Response:
        body = {"email": email_address, "password": password}
        return await self.http.post(self.url("auth", "/auth/login"), json=body)


# --- people ---------------------------------------------------------------------------------


async def ensure_account(
    studio: Studio, email_address: str, role: str, first: str, last: str, timezone: str, phone: str | None = None
) -> uuid.UUID:
    """An auth account with the deterministic id; an account made by hand keeps its own id."""
    body = {
        "id": str(demo_id(email_address)),
        "email": email_address,
        "role": role,
        "first_name": first,
        "last_name": last,
        "timezone": timezone,
        "invite": False,
        "language": "en",
    }
    if phone:
        body["phone"] = phone
    response = await studio.call("POST", "auth", "/internal/users", json=body, ok=(200, 201, 409))
    if response.status_code == 201:
        studio.count(f"{role} accounts")
    if response.status_code != 409:
        return uuid.UUID(response.json()["id"])
    found = await studio.get("auth", "/users", params={"search": email_address, "size": 5})
    for user in found["items"]:
        if user["email"] == email_address:
            return uuid.UUID(user["id"])
    raise SeedError(f"{email_address}: {response.text}")


async def ensure_teacher(studio: Studio, teacher: Teacher) -> uuid.UUID:
    teacher_id = await ensure_account(
        studio, teacher.email, "teacher", teacher.first_name, teacher.last_name, teacher.timezone
    )
    existing = await studio.call("GET", "teachers", f"/admin/teachers/{teacher_id}", ok=(200, 404))
    if existing.status_code == 404:
        await studio.call(
            "POST",
            "teachers",
            "/teachers",
            json={
                "id": str(teacher_id),
                "first_name": teacher.first_name,
                "last_name": teacher.last_name,
                "email": teacher.email,
                "bio": teacher.bio,
                "levels": teacher.levels,
                "specialisations": ["conversation", "exams"],
                "timezone": teacher.timezone,
            },
        )
        studio.count("teachers")
    rates = await studio.get("teachers", f"/teachers/{teacher_id}/rates")
    for kind, amount in teacher.rates.items():
        if not any(rate["kind"] == kind for rate in rates):
            await studio.call(
                "POST",
                "teachers",
                f"/teachers/{teacher_id}/rates",
                json={"kind": kind, "amount_minor": amount, "effective_from": RATES_FROM.isoformat()},
            )
            studio.count("rates")
    availability = await studio.get("calendary", f"/teachers/{teacher_id}/availability")
    if not availability["rules"]:
        rules = [
            {"weekday": day, "start_time": start, "end_time": end} for days, start, end in teacher.hours for day in days
        ]
        await studio.call(
            "PUT",
            "calendary",
            f"/teachers/{teacher_id}/availability",
            json={"timezone": teacher.timezone, "rules": rules},
        )
        studio.count("availability")
    return teacher_id


async def ensure_student(studio: Studio, student: Student) -> uuid.UUID:
    student_id = await ensure_account(
        studio, student.email, "student", student.first_name, student.last_name, student.timezone, student.phone
    )
    existing = await studio.call("GET", "students", f"/students/{student_id}", ok=(200, 404))
    if existing.status_code == 404:
        body: dict[str, Any] = {
            "user_id": str(student_id),
            "first_name": student.first_name,
            "last_name": student.last_name,
            "email": student.email,
            "level": student.level,
            "timezone": student.timezone,
            "status": "active",
            "source": "demo",
        }
        if student.phone:
            body["phone"] = student.phone
        await studio.call("POST", "students", "/students", json=body)
        studio.count("students")
    if student.package:
        packages = await studio.get("students", f"/students/{student_id}/packages")
        if not packages:
            lessons, price, kind = student.package
            await studio.call(
                "POST",
                "students",
                f"/students/{student_id}/packages",
                json={
                    "lessons": lessons,
                    "price_minor": price,
                    "kind": kind,
                    "payment_method": "card",
                    "valid_until": (date.today() + timedelta(days=120)).isoformat(),
                },
                headers={"Idempotency-Key": f"demo-package-{student_id}"},
            )
            studio.count("packages")
    if student.payment:
        # The same key and body again is a replay (200), never a second payment.
        paid = await studio.call(
            "POST",
            "students",
            f"/students/{student_id}/payments",
            json={"amount_minor": student.payment, "method": "cash", "comment": "demo"},
            headers={"Idempotency-Key": f"demo-payment-{student_id}"},
        )
        if paid.status_code == 201:
            studio.count("payments")
    return student_id


def invitation_token(mail_dir: Path, email_address: str, newer_than: float) -> str | None:
    """The token of the newest invitation e-mail to this address written after `newer_than`."""
    files = sorted(
        (p for p in mail_dir.glob("*.eml") if p.stat().st_mtime >= newer_than),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if email_address not in str(message["To"]):
            continue
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        match = re.search(r"/invite#([A-Za-z0-9_\-]+)", text)
        if match:
            return match.group(1)
    return None


async def ensure_demo_password(studio: Studio, email_address: str, role: str, first_name: str) -> None:
    """Accept an invitation with the demo password unless that password already works."""
    if (await studio.login(email_address, DEMO_PASSWORD)).status_code == 200:
        return
    started = time.time() - 1
    invited = await studio.call(
        "POST",
        "auth",
        "/users/invitations",
        ok=(201, 409),
        json={"email": email_address, "role": role, "first_name": first_name, "language": "en"},
    )
    if invited.status_code == 409:
        print(f"  {email_address} has another password already; left as it is", flush=True)
        return
    mail_dir = studio.local_dir / "mail"
    deadline = time.monotonic() + WAIT_S
    while (token := invitation_token(mail_dir, email_address, started)) is None:
        if time.monotonic() > deadline:
            raise SeedError(f"no invitation e-mail for {email_address} in {mail_dir}")
        await asyncio.sleep(0.5)
    accepted = await studio.http.post(
        studio.url("auth", "/auth/invitations/accept"), json={"token": token, "password": DEMO_PASSWORD}
    )
    if accepted.status_code != 200:
        raise SeedError(f"accepting the invitation of {email_address}: {accepted.text}")
    studio.count("demo passwords")


# --- groups and lessons ---------------------------------------------------------------------


def group_body(group: Group, teacher_id: uuid.UUID, extra_slot: dict[str, Any] | None = None) -> dict[str, Any]:
    slots = [{"weekday": day, "start_time": start, "duration_minutes": minutes} for day, start, minutes in group.slots]
    return {"timezone": group.timezone, "slots": [*slots, *([extra_slot] if extra_slot else [])]}


async def ensure_group(studio: Studio, group: Group, ids: dict[str, uuid.UUID]) -> str:
    page = await studio.get("groups", "/groups", params={"size": 100})
    for existing in page["items"]:
        if existing["name"] == group.name:
            return str(existing["id"])
    created = await studio.call(
        "POST",
        "groups",
        "/groups",
        json={
            "name": group.name,
            "level": group.level,
            "teacher_id": str(ids[group.teacher]),
            "capacity": group.capacity,
            "schedule": group_body(group, ids[group.teacher]),
            "starts_on": date.today().isoformat(),
            "price_per_lesson_minor": group.price,
            "status": "active",
        },
    )
    studio.count("groups")
    return str(created.json()["id"])


async def ensure_members(studio: Studio, group_id: str, emails: tuple[str, ...], ids: dict[str, uuid.UUID]) -> None:
    roster = await studio.get("groups", f"/groups/{group_id}/members")
    ever = {str(row["student_id"]) for row in roster["members"] + roster["history"]}
    for email_address in emails:
        if str(ids[email_address]) not in ever:
            await studio.call(
                "POST", "groups", f"/groups/{group_id}/members", json={"student_id": str(ids[email_address])}
            )
            studio.count("group members")


async def complete_a_lesson_now(studio: Studio, group: Group, group_id: str, ids: dict[str, uuid.UUID]) -> None:
    """A lesson with attendance, completed. Lessons cannot be booked in the past, so the group gets a
    one-off slot starting in a few seconds; once it has started it is marked and completed, and
    `lesson.completed` charges the students and pays the teacher like any other lesson."""
    now = datetime.now(UTC)
    done = await studio.get(
        "lessons",
        "/lessons",
        params={
            "group_id": group_id,
            "status": "completed",
            "from": (now - timedelta(days=180)).isoformat(),
            "to": (now + timedelta(days=1)).isoformat(),
        },
    )
    if done["total"]:
        return
    zone = ZoneInfo(group.timezone)
    starts = (now + timedelta(seconds=20)).astimezone(zone).replace(microsecond=0)
    slot = {"weekday": starts.weekday(), "start_time": starts.strftime("%H:%M:%S"), "duration_minutes": 15}
    await studio.call(
        "PATCH", "groups", f"/groups/{group_id}", json={"schedule": group_body(group, ids[group.teacher], slot)}
    )
    try:
        result = await studio.call(
            "POST",
            "lessons",
            f"/groups/{group_id}/lessons/generate",
            json={"from": starts.date().isoformat(), "to": starts.date().isoformat()},
        )
    finally:
        original = {"schedule": group_body(group, ids[group.teacher])}
        await studio.call("PATCH", "groups", f"/groups/{group_id}", json=original)
    lesson = next(
        (row for row in result.json()["created"] if datetime.fromisoformat(row["starts_at"]) == starts.astimezone(UTC)),
        None,
    )
    if lesson is None:
        raise SeedError(f"could not place a lesson for {group.name}: {result.text}")
    await asyncio.sleep(max(0.0, (starts - datetime.now(UTC)).total_seconds() + 1))
    marks = [{"student_id": str(ids[e]), "status": status} for e, status in group.attendance.items()]
    await studio.call(
        "PUT",
        "lessons",
        f"/lessons/{lesson['id']}/attendance",
        json={
            "topic": "Present perfect vs past simple",
            "homework": "Workbook p. 42, exercises 1-3",
            "attendance": marks,
        },
    )
    await studio.call("POST", "lessons", f"/lessons/{lesson['id']}/complete")
    studio.count("completed lessons")


async def ensure_move(studio: Studio, group_ids: dict[str, str], ids: dict[str, uuid.UUID]) -> None:
    email_address, source, target = MOVE
    student = str(ids[email_address])
    roster = await studio.get("groups", f"/groups/{group_ids[source]}/members")
    if any(str(row["student_id"]) == student for row in roster["members"]):
        await studio.call(
            "POST",
            "groups",
            f"/groups/{group_ids[source]}/members/{student}/move",
            json={"to_group_id": group_ids[target]},
        )
        studio.count("group moves")


async def ensure_series(studio: Studio, group_id: str) -> None:
    today = date.today()
    result = await studio.call(
        "POST",
        "lessons",
        f"/groups/{group_id}/lessons/generate",
        json={"from": today.isoformat(), "to": (today + timedelta(days=28)).isoformat()},
    )
    created = len(result.json()["created"])
    if created:
        studio.created["upcoming group lessons"] = studio.created.get("upcoming group lessons", 0) + created


async def ensure_booking(studio: Studio, student_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    now = datetime.now(UTC)
    upcoming = await studio.get(
        "lessons",
        "/lessons",
        params={
            "student_id": str(student_id),
            "teacher_id": str(teacher_id),
            "status": "scheduled",
            "from": now.isoformat(),
            "to": (now + timedelta(days=60)).isoformat(),
        },
    )
    if any(lesson["kind"] == "individual" for lesson in upcoming["items"]):
        return
    start = now + timedelta(days=1)
    slots = await studio.get(
        "calendary",
        f"/teachers/{teacher_id}/slots",
        params={"from": start.isoformat(), "to": (start + timedelta(days=14)).isoformat(), "duration_minutes": 60},
    )
    for slot in slots[:: max(1, len(slots) // 8)]:
        response = await studio.call(
            "POST",
            "lessons",
            "/lessons",
            ok=(201, 409),
            json={
                "teacher_id": str(teacher_id),
                "student_id": str(student_id),
                "starts_at": slot["starts_at"],
                "duration_minutes": 60,
                "kind": "individual",
            },
            headers={"Idempotency-Key": f"demo-booking-{student_id}-{slot['starts_at']}"},
        )
        if response.status_code == 201:
            studio.count("upcoming individual lessons")
            return
    raise SeedError(f"no free slot to book for student {student_id}")


# --- leads ----------------------------------------------------------------------------------


async def publish_trial_requests(studio: Studio) -> None:
    """Leads only come from `trial.requested`; publish it as the bot does (event id = request id)."""
    from studio_kit.messaging import Broker, Event

    env = read_env_file(studio.local_dir / "env" / "students.env")
    broker = Broker(env["RABBITMQ_URL"], env.get("EVENTS_EXCHANGE") or "studio.events")
    await broker.connect()
    try:
        for name, phone, level, goal, time_of_day, _ in LEADS:
            request_id = demo_id(f"lead:{phone}")
            await broker.publish(
                Event(
                    id=request_id,
                    type="trial.requested",
                    source="demo-seed",
                    subject=str(request_id),
                    data={
                        "request_id": str(request_id),
                        "name": name,
                        "phone": phone,
                        "is_child": level == "A1",
                        "level": level,
                        "goal": goal,
                        "preferred_slot": None,
                        "time_of_day": time_of_day,
                        "language": "en",
                        "telegram_user_id": None,
                        "telegram_chat_id": None,
                    },
                )
            )
    finally:
        if broker.connection is not None:
            await broker.connection.close()


async def ensure_leads(studio: Studio) -> None:
    phones = {phone: stage for _, phone, *_rest, stage in LEADS}

    async def known() -> dict[str, dict[str, Any]]:
        page = await studio.get("students", "/leads", params={"size": 100})
        return {lead["phone"]: lead for lead in page["items"] if lead["phone"] in phones}

    leads = await known()
    if len(leads) < len(phones):
        await publish_trial_requests(studio)
        deadline = time.monotonic() + WAIT_S
        while len(leads := await known()) < len(phones):
            if time.monotonic() > deadline:
                raise SeedError("the trial requests did not become leads")
            await asyncio.sleep(0.5)
        studio.created["leads"] = len(phones)
    # Walk each lead forward one stage at a time, as an admin would.
    path = ["new", "contacted", "trial_scheduled", "won"]
    for phone, stage in phones.items():
        lead = leads[phone]
        steps = ["contacted", "lost"] if stage == "lost" else path[1 : path.index(stage) + 1]
        if lead["status"] == stage or lead["status"] in ("won", "lost"):
            continue
        for step in steps[steps.index(lead["status"]) + 1 if lead["status"] in steps else 0 :]:
            await studio.call("PATCH", "students", f"/leads/{lead['id']}", json={"status": step})


# --- the whole studio -----------------------------------------------------------------------


async def seed(local_dir: Path, admin_email: str, admin_password: str) -> Studio:
    studio = Studio(local_dir)
    login = await studio.login(admin_email, admin_password)
    if login.status_code != 200:
        raise SeedError(f"admin login failed ({login.status_code}): {login.text}")
    studio.token = login.json()["access_token"]

    ids: dict[str, uuid.UUID] = {}
    for teacher in TEACHERS:
        ids[teacher.email] = await ensure_teacher(studio, teacher)
    for student in STUDENTS:
        ids[student.email] = await ensure_student(studio, student)
    await ensure_demo_password(studio, DEMO_TEACHER_EMAIL, "teacher", TEACHERS[0].first_name)
    await ensure_demo_password(studio, DEMO_STUDENT_EMAIL, "student", STUDENTS[0].first_name)

    group_ids = {group.name: await ensure_group(studio, group, ids) for group in GROUPS}
    for group in GROUPS:
        await ensure_members(studio, group_ids[group.name], group.members, ids)
    await asyncio.gather(*(complete_a_lesson_now(studio, g, group_ids[g.name], ids) for g in GROUPS))
    await ensure_move(studio, group_ids, ids)
    for group in GROUPS:
        await ensure_series(studio, group_ids[group.name])
    for student_email, teacher_email in BOOKINGS:
        await ensure_booking(studio, ids[student_email], ids[teacher_email])
    await ensure_leads(studio)
    await studio.http.aclose()
    return studio


def main() -> int:
    local_dir = Path(os.environ.get("STUDIO_LOCAL_DIR") or Path(__file__).resolve().parent.parent / ".local")
    admin_email = os.environ.get("STUDIO_ADMIN_EMAIL") or ADMIN_EMAIL
    admin_password = os.environ.get("STUDIO_ADMIN_PASSWORD") or DEMO_PASSWORD
    started = time.monotonic()
    try:
        studio = asyncio.run(seed(local_dir, admin_email, admin_password))
    except (SeedError, httpx.HTTPError, OSError) as exc:
        print(f"demo seed failed: {exc}", file=sys.stderr, flush=True)
        return 1
    made = ", ".join(f"{count} {what}" for what, count in studio.created.items()) or "nothing new"
    print(
        f"demo studio ready in {time.monotonic() - started:.1f} s ({made}):\n"
        f"  3 teachers (Europe/Moscow, Europe/London, Asia/Yekaterinburg), 12 students, 2 groups, 5 leads\n"
        f"  logins: {', '.join(DEMO_LOGINS)} (password {DEMO_PASSWORD})",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
