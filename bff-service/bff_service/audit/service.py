"""The audit trail comes from notifications-service, which gathers every service's entries; the
BFF puts people's and groups' names beside the ids (the owning services keep the names)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any

from studio_kit.errors import ServiceUnavailable

from ..downstream import Caller, DownstreamProblem

NAMES_CHUNK = 100
# Target types named by an account (auth-service): a teacher's id is their account's id.
ACCOUNT_TARGETS = frozenset({"user", "teacher"})
STAFF_ROLES = ("admin", "teacher")


def full_name(person: dict[str, Any]) -> str:
    return " ".join(part for part in (person.get("first_name"), person.get("last_name")) if part)


async def _quietly(call: Awaitable[Any]) -> Any:
    """A name is decoration: an unknown id or a service that is down leaves it out, never the trail."""
    try:
        return await call
    except (DownstreamProblem, ServiceUnavailable):
        return None


async def _account_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    unique = sorted(set(ids))
    answers = await asyncio.gather(*(_quietly(caller.get("auth", f"/users/{user_id}")) for user_id in unique))
    return {user_id: full_name(user) for user_id, user in zip(unique, answers, strict=True) if user}


async def _student_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    unique = sorted(set(ids))
    chunks = [unique[index : index + NAMES_CHUNK] for index in range(0, len(unique), NAMES_CHUNK)]
    answers = await asyncio.gather(
        *(
            _quietly(caller.get("students", "/internal/students", params={"ids": ",".join(chunk)}, as_service=True))
            for chunk in chunks
        )
    )
    return {str(student["id"]): full_name(student) for answer in answers for student in answer or []}


async def _group_names(caller: Caller, ids: Iterable[str]) -> dict[str, str]:
    unique = sorted(set(ids))
    answers = await asyncio.gather(*(_quietly(caller.get("groups", f"/groups/{group_id}")) for group_id in unique))
    return {group_id: str(group["name"]) for group_id, group in zip(unique, answers, strict=True) if group}


async def name_entries(caller: Caller, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry's actor and target with `name` (null when unknown or not a person or group)."""
    targets: dict[str, set[str]] = {}
    for entry in entries:
        targets.setdefault(entry["target"]["type"], set()).add(entry["target"]["id"])
    accounts = {entry["actor"]["id"] for entry in entries} | {
        target_id for kind in ACCOUNT_TARGETS for target_id in targets.get(kind, set())
    }
    account_names, student_names, group_names = await asyncio.gather(
        _account_names(caller, accounts),
        _student_names(caller, targets.get("student", set())),
        _group_names(caller, targets.get("group", set())),
    )
    by_type = {"student": student_names, "group": group_names, "user": account_names, "teacher": account_names}
    named = []
    for entry in entries:
        actor, target = entry["actor"], entry["target"]
        named.append(
            {
                **entry,
                "actor": {**actor, "name": account_names.get(actor["id"])},
                "target": {**target, "name": by_type.get(target["type"], {}).get(target["id"])},
            }
        )
    return named


async def list_audit(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """One page of the trail, newest first, with the filters that were given and names beside ids."""
    given = {key: value for key, value in params.items() if value is not None}
    page: dict[str, Any] = await caller.get("notifications", "/audit", params=given)
    return {**page, "items": await name_entries(caller, list(page.get("items") or []))}


async def list_actors(caller: Caller) -> list[dict[str, Any]]:
    """Everyone whose writes the trail records (admins and teachers), by name, for the actor filter."""
    pages = await asyncio.gather(
        *(caller.get("auth", "/users", params={"role": role, "size": 100}) for role in STAFF_ROLES)
    )
    people = [
        {"id": str(user["id"]), "name": full_name(user) or user["email"], "role": user["role"]}
        for page in pages
        for user in page["items"]
    ]
    return sorted(people, key=lambda person: (person["role"], person["name"].lower()))
