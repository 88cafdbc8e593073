"""The audit trail comes from notifications-service, which gathers every service's entries; the
BFF puts people's and groups' names beside the ids (the owning services keep the names)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any, Protocol, TypeVar

from studio_kit.errors import ServiceUnavailable
from studio_kit.types import Page

from ..clients.auth import AuthClient
from ..clients.groups import GroupsClient
from ..clients.notifications import NotificationsClient
from ..clients.students import StudentsClient
from ..downstream import Caller, DownstreamProblem
from .schemas import AuditEntry, AuditPerson

NAMES_CHUNK = 100
# Target types named by an account (auth-service): a teacher's id is their account's id.
ACCOUNT_TARGETS = frozenset({"user", "teacher"})
STAFF_ROLES = ("admin", "teacher")
T = TypeVar("T")


class Named(Protocol):
    @property
    def first_name(self) -> str | None: ...

    @property
    def last_name(self) -> str | None: ...


def full_name(person: Named) -> str:
    return " ".join(part for part in (person.first_name, person.last_name) if part)


async def _quietly(call: Awaitable[T]) -> T | None:
    """A name is decoration: an unknown id or a service that is down leaves it out, never the trail."""
    try:
        return await call
    except (DownstreamProblem, ServiceUnavailable):
        return None


async def _account_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    # auth-service has no list-by-ids route: one call per account, concurrently.
    unique = sorted(set(ids))
    auth = AuthClient(caller)
    answers = await asyncio.gather(*(_quietly(auth.get_user(user_id)) for user_id in unique))
    return {user_id: full_name(user) for user_id, user in zip(unique, answers, strict=True) if user}


async def _student_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    unique = sorted(set(ids))
    chunks = [unique[index : index + NAMES_CHUNK] for index in range(0, len(unique), NAMES_CHUNK)]
    students = StudentsClient(caller)
    answers = await asyncio.gather(*(_quietly(students.names(chunk)) for chunk in chunks))
    return {str(student.id): full_name(student) for answer in answers for student in answer or []}


async def _group_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    # groups-service has no list-by-ids route: one call per group, concurrently.
    unique = sorted(set(ids))
    groups = GroupsClient(caller)
    answers = await asyncio.gather(*(_quietly(groups.get_group(group_id)) for group_id in unique))
    return {group_id: group.name for group_id, group in zip(unique, answers, strict=True) if group}


async def name_entries(caller: Caller, entries: list[AuditEntry]) -> list[AuditEntry]:
    """Each entry's actor and target with `name` (null when unknown or not a person or group)."""
    targets: dict[str, set[str]] = {}
    for entry in entries:
        targets.setdefault(entry.target.type, set()).add(entry.target.id)
    accounts = {entry.actor.id for entry in entries} | {
        target_id for kind in ACCOUNT_TARGETS for target_id in targets.get(kind, set())
    }
    account_names, student_names, group_names = await asyncio.gather(
        _account_names(caller, accounts),
        _student_names(caller, targets.get("student", set())),
        _group_names(caller, targets.get("group", set())),
    )
    by_type = {"student": student_names, "group": group_names, "user": account_names, "teacher": account_names}
    return [
        entry.model_copy(
            update={
                "actor": entry.actor.model_copy(update={"name": account_names.get(entry.actor.id)}),
                "target": entry.target.model_copy(
                    update={"name": by_type.get(entry.target.type, {}).get(entry.target.id)}
                ),
            }
        )
        for entry in entries
    ]


async def list_audit(caller: Caller, params: dict[str, Any]) -> Page[AuditEntry]:
    """One page of the trail, newest first, with the filters that were given and names beside ids."""
    given = {key: value for key, value in params.items() if value is not None}
    page = await NotificationsClient(caller).audit(given)
    return page.model_copy(update={"items": await name_entries(caller, page.items)})


async def list_actors(caller: Caller) -> list[AuditPerson]:
    """Everyone whose writes the trail records (admins and teachers), by name, for the actor filter."""
    auth = AuthClient(caller)
    pages = await asyncio.gather(*(auth.list_users(role=role, size=100) for role in STAFF_ROLES))
    people = [
        AuditPerson(id=str(user.id), name=full_name(user) or user.email, role=user.role)
        for page in pages
        for user in page.items
    ]
    return sorted(people, key=lambda person: (person.role, person.name.lower()))
