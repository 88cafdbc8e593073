"""Authorization matrix: every route of every domain service (read from its own OpenAPI), crossed with no token,
a student, a teacher and a scope-less service, on objects that belong to someone else.

Owner: student A with a profile and a lesson with teacher T. Intruders: student B, teacher C and a
service without scopes. An intruder never gets a 2xx on A's or T's objects, never sees their ids in
a listing, and nobody ever gets a 5xx."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

SERVICES = ("calendary", "groups", "lessons", "notifications", "students", "teachers")
UNSAFE = {"post", "put", "patch", "delete"}
NO_AUTH = re.compile(r"^/(health/|metrics|docs|redoc|openapi\.json)")
# Public by design (no token): iCal feeds carry their own secret, the VAPID key is public.
PUBLIC = {("calendary", "get", "/feeds/{token}.ics"), ("notifications", "get", "/push/vapid-public-key")}
# Readable by any signed-in user, someone else's included: who teaches and when they are free.
SHARED_READS = {
    ("calendary", "get", "/teachers/{teacher_id}/slots"),
    ("calendary", "get", "/rooms"),
    ("teachers", "get", "/teachers/{teacher_id}"),
    ("teachers", "get", "/teachers/{id}"),
}
ALLOWED_REFUSALS = {400, 403, 404, 405, 409, 422}


@dataclass(frozen=True)
class Route:
    service: str
    method: str
    path: str

    @property
    def id(self) -> str:
        return f"{self.service} {self.method.upper()} {self.path}"


@dataclass
class Owned:
    student: str
    teacher: str
    lesson: str

    def fill(self, path: str) -> str:
        """Put the owner's ids into the path; unknown parameters get fresh ids."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == "student_id" or (name == "id" and path.startswith("/students")):
                return self.student
            if name == "teacher_id" or (name == "id" and path.startswith("/teachers")):
                return self.teacher
            if name in ("lesson_id",) or (name == "id" and path.startswith("/lessons")):
                return self.lesson
            if name == "user_id":
                return self.student
            if name == "token":
                return uuid.uuid4().hex
            return str(uuid.uuid4())

        return re.sub(r"\{([a-z_]+)\}", value, path)

    def ids(self) -> tuple[str, ...]:
        return (self.student, self.lesson)


def routes(platform: Any) -> Iterator[Route]:
    for service in SERVICES:
        document = httpx.get(f"{platform.url(service)}/openapi.json", timeout=30).json()
        for path, operations in document["paths"].items():
            if NO_AUTH.match(path):
                continue
            for method in operations:
                if method in UNSAFE | {"get"}:
                    yield Route(service, method, path)


@pytest.fixture(scope="module")
def owned(chaos_platform: Any) -> Owned:
    platform = chaos_platform
    admin = platform.headers("admin")
    teacher = uuid.uuid4()
    rules = [{"weekday": day, "start_time": "00:00", "end_time": "23:30"} for day in range(7)]
    assert (
        httpx.put(
            f"{platform.url('calendary')}/teachers/{teacher}/availability",
            headers=admin,
            timeout=30,
            json={"timezone": "UTC", "rules": rules},
        ).status_code
        == 200
    )
    created = httpx.post(
        f"{platform.url('students')}/students",
        headers=admin,
        timeout=30,
        json={"first_name": "Owner", "last_name": "A", "email": f"owner-{teacher.hex[:8]}@chaos.example"},
    )
    assert created.status_code == 201, created.text
    student = created.json()["id"]
    starts_at = (datetime.now(UTC) + timedelta(days=20)).replace(hour=5, minute=0, second=0, microsecond=0)
    lesson = httpx.post(
        f"{platform.url('lessons')}/lessons",
        timeout=60,
        headers={**platform.headers("student", student), "Idempotency-Key": uuid.uuid4().hex},
        json={
            "teacher_id": str(teacher),
            "starts_at": starts_at.isoformat(),
            "duration_minutes": 60,
            "kind": "individual",
        },
    )
    assert lesson.status_code == 201, lesson.text
    return Owned(student=student, teacher=str(teacher), lesson=lesson.json()["id"])


def empty_listing(response: httpx.Response) -> bool:
    """A listing filtered down to what the caller may see (e.g. a teacher asking for the groups of a
    student they do not teach) reveals nothing."""
    try:
        body = response.json()
    except ValueError:
        return False
    return body == [] or (isinstance(body, dict) and body.get("items") == [] and not body.get("total"))


def call(platform: Any, route: Route, owned: Owned, headers: dict[str, str]) -> httpx.Response:
    url = f"{platform.url(route.service)}{owned.fill(route.path)}"
    body = {} if route.method in ("post", "put", "patch") else None
    return httpx.request(route.method.upper(), url, headers=headers, json=body, timeout=30)


def test_every_route_refuses_anonymous_callers(chaos_platform: Any, owned: Owned) -> None:
    failures = []
    checked = 0
    for route in routes(chaos_platform):
        if (route.service, route.method, route.path) in PUBLIC:
            continue
        response = call(chaos_platform, route, owned, {})
        checked += 1
        if response.status_code != 401 or not response.headers["content-type"].startswith("application/problem"):
            failures.append(f"{route.id}: {response.status_code} {response.text[:120]}")
    assert checked > 60, f"only {checked} routes found: is every service's OpenAPI served?"
    assert failures == []


@pytest.mark.parametrize("intruder", ["student", "teacher", "service"])
def test_nobody_reaches_someone_elses_objects(chaos_platform: Any, owned: Owned, intruder: str) -> None:
    platform = chaos_platform
    headers = (
        platform.headers("service", "service:intruder")
        if intruder == "service"
        else platform.headers(intruder, uuid.uuid4())
    )
    failures = []
    for route in routes(platform):
        key = (route.service, route.method, route.path)
        if key in PUBLIC or (key in SHARED_READS and intruder != "service"):
            continue
        response = call(platform, route, owned, headers)
        status = response.status_code
        leaked = [i for i in owned.ids() if i in response.text]
        if status >= 500:
            failures.append(f"{route.id}: {status} {response.text[:160]}")
        elif 200 <= status < 300 and (("{" in route.path and not empty_listing(response)) or leaked):
            failures.append(f"{route.id}: {status} for someone else's object, leaked {leaked}")
        elif status >= 300 and status not in ALLOWED_REFUSALS:
            failures.append(f"{route.id}: unexpected {status} {response.text[:120]}")
    assert failures == []


def test_users_cannot_call_internal_endpoints(chaos_platform: Any, owned: Owned) -> None:
    platform = chaos_platform
    internal = [r for r in routes(platform) if r.path.startswith("/internal/")]
    assert internal, "every service with callers has internal endpoints"
    failures = []
    for role in ("admin", "teacher", "student"):
        headers = platform.headers(role, uuid.uuid4())
        for route in internal:
            response = call(platform, route, owned, headers)
            if response.status_code != 403:
                failures.append(f"{role} {route.id}: {response.status_code} {response.text[:120]}")
    assert failures == []
