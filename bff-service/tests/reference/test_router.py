"""The teacher listing cache against the real teachers-service, auth-service and broker."""

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import FastAPI

from bff_service.session.service import load_session

from ..platform import PASSWORD, Browser, Platform


async def teacher_ids(browser: Browser) -> set[str]:
    response = await browser.get("/api/teachers")
    assert response.status_code == 200, response.text
    return {teacher["id"] for teacher in response.json()}


class TestTeacherListing:
    async def test_listing_shows_public_cards_only(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        cards = {card["id"]: card for card in (await student.get("/api/teachers")).json()}
        card = cards[teacher["id"]]
        assert card["first_name"] == "Tanya"
        assert card["levels"] == ["B1", "B2"]
        assert "email" not in card
        assert "phone" not in card

    async def test_a_teacher_deactivated_by_the_admin_disappears_at_once(
        self,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        admin: Browser,
        new_browser: Callable[[], Browser],
    ) -> None:
        _, teacher = await create_teacher()
        student, _ = await register_student()
        assert teacher["id"] in await teacher_ids(student)  # now cached

        response = await admin.patch(f"/api/admin/teachers/{teacher['id']}", json={"status": "inactive"})
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "inactive"

        assert teacher["id"] not in await teacher_ids(student)  # not after the TTL: right now
        # The login is deactivated as well.
        login = await new_browser().post("/api/auth/login", json={"email": teacher["email"], "password": PASSWORD})
        assert login.status_code == 403
        assert login.json()["code"] == "account_disabled"

    async def test_a_change_made_behind_the_bffs_back_arrives_by_event(
        self,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        admin: Browser,
        bff: FastAPI,
        platform: Platform,
    ) -> None:
        """teachers-service publishes teacher.updated through its outbox; the BFF drops its copy."""
        _, teacher = await create_teacher()
        student, _ = await register_student()
        assert teacher["id"] in await teacher_ids(student)
        assert admin.session_id is not None
        session = await load_session(bff.state.redis, admin.session_id)
        assert session is not None
        async with httpx.AsyncClient(base_url=platform.url("teachers")) as teachers:
            changed = await teachers.patch(
                f"/teachers/{teacher['id']}",
                json={"status": "inactive"},
                headers={"Authorization": f"Bearer {session.access_token}"},
            )
        assert changed.status_code == 200
        for _ in range(100):
            if teacher["id"] not in await teacher_ids(student):
                break
            await asyncio.sleep(0.1)
        assert teacher["id"] not in await teacher_ids(student)

    async def test_deactivating_a_user_ends_their_bff_sessions_by_event(
        self, register_student: Callable[..., Any], admin: Browser, bff: FastAPI, platform: Platform
    ) -> None:
        student, user = await register_student()
        assert admin.session_id is not None
        session = await load_session(bff.state.redis, admin.session_id)
        assert session is not None
        async with httpx.AsyncClient(base_url=platform.url("auth")) as auth:
            changed = await auth.patch(
                f"/users/{user['id']}",
                json={"is_active": False},
                headers={"Authorization": f"Bearer {session.access_token}"},
            )
        assert changed.status_code == 200, changed.text
        for _ in range(100):
            if (await student.get("/api/me")).status_code == 401:
                break
            await asyncio.sleep(0.1)
        assert (await student.get("/api/me")).status_code == 401


class TestReference:
    async def test_levels_and_a_new_room_at_once(self, admin: Browser, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()
        before = (await student.get("/api/reference")).json()
        assert before["levels"] == ["A1", "A2", "B1", "B2", "C1", "C2"]
        name = f"Room {len(before['rooms']) + 1}-{id(student)}"
        created = await admin.post("/api/admin/rooms", json={"name": name, "capacity": 6})
        assert created.status_code == 201, created.text
        assert name in {room["name"] for room in (await student.get("/api/reference")).json()["rooms"]}
