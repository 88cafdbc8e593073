import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from studio_kit.testing import JWTSigner

MakeGroup = Callable[..., Awaitable[dict[str, Any]]]


class TestCreateGroup:
    async def test_admin_creates_a_group_with_its_pattern(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(name="Kids A2", level="A2", capacity=6)

        fetched = (await client.get(f"/groups/{group['id']}", headers=admin)).json()
        assert fetched["name"] == "Kids A2"
        assert fetched["capacity"] == 6
        assert fetched["status"] == "active"
        assert fetched["schedule"] == {
            "timezone": "Europe/Moscow",
            "slots": [{"weekday": 0, "start_time": "18:30:00", "duration_minutes": 90}],
        }
        assert fetched["price_per_lesson_minor"] == 90000
        assert fetched["currency"] == "RUB"
        assert (fetched["members_count"], fetched["waitlist_count"]) == (0, 0)

    async def test_teacher_cannot_create_a_group(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        response = await client.post("/groups", json={"name": "x"}, headers=jwt_signer.headers("teacher"))
        assert response.status_code in (403, 422)
        assert (await client.get("/groups", headers=jwt_signer.headers("admin"))).json()["total"] == 0

    async def test_unknown_timezone_is_a_validation_error(
        self, client: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        body = {
            "name": "Bad",
            "level": "B1",
            "teacher_id": str(uuid.uuid4()),
            "capacity": 3,
            "schedule": {"timezone": "Mars/Olympus", "slots": []},
            "starts_on": "2026-12-01",
            "price_per_lesson_minor": 1,
        }
        response = await client.post("/groups", json=body, headers=admin)
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert "Mars/Olympus" in response.text

    async def test_end_before_start_is_rejected(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        body = {
            "name": "Bad",
            "level": "B1",
            "teacher_id": str(uuid.uuid4()),
            "capacity": 3,
            "schedule": {"timezone": "UTC", "slots": []},
            "starts_on": "2026-12-01",
            "ends_on": "2026-11-01",
            "price_per_lesson_minor": 1,
        }
        response = await client.post("/groups", json=body, headers=admin)
        assert response.status_code == 422


class TestListGroups:
    async def test_teacher_sees_only_their_groups(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        teacher_id = uuid.uuid4()
        mine = await make_group(name="Mine", teacher_id=str(teacher_id))
        await make_group(name="Other")

        page = (await client.get("/groups", headers=jwt_signer.headers("teacher", sub=teacher_id))).json()
        assert [item["id"] for item in page["items"]] == [mine["id"]]
        assert page["total"] == 1
        # A teacher cannot widen the scope by asking for another teacher.
        other = await client.get(
            f"/groups?teacher_id={uuid.uuid4()}", headers=jwt_signer.headers("teacher", sub=teacher_id)
        )
        assert [item["id"] for item in other.json()["items"]] == [mine["id"]]

    async def test_admin_filters_and_paginates(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        for index in range(3):
            await make_group(name=f"B2 #{index}", level="B2")
        await make_group(name="Forming A1", level="A1", status="forming")

        first = (await client.get("/groups?level=B2&size=2&page=1", headers=admin)).json()
        second = (await client.get("/groups?level=B2&size=2&page=2", headers=admin)).json()
        assert first["total"] == 3
        assert len(first["items"]) == 2
        assert len(second["items"]) == 1
        names = {item["name"] for item in first["items"] + second["items"]}
        assert names == {"B2 #0", "B2 #1", "B2 #2"}
        forming = (await client.get("/groups?status=forming", headers=admin)).json()
        assert [item["name"] for item in forming["items"]] == ["Forming A1"]

    async def test_students_cannot_list_groups(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        response = await client.get("/groups", headers=jwt_signer.headers("student"))
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"


class TestReadGroup:
    async def test_member_reads_their_group_but_not_others(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        group = await make_group()
        other = await make_group()
        student = uuid.uuid4()
        await client.post(f"/groups/{group['id']}/members", json={"student_id": str(student)}, headers=admin)

        headers = jwt_signer.headers("student", sub=student)
        assert (await client.get(f"/groups/{group['id']}", headers=headers)).json()["members_count"] == 1
        assert (await client.get(f"/groups/{other['id']}", headers=headers)).status_code == 403

    async def test_unknown_group_is_404(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        response = await client.get(f"/groups/{uuid.uuid4()}", headers=admin)
        assert response.status_code == 404
        assert response.json()["code"] == "group_not_found"


class TestUpdateGroup:
    async def test_capacity_cannot_drop_below_members(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(capacity=3)
        for _ in range(2):
            await client.post(f"/groups/{group['id']}/members", json={"student_id": str(uuid.uuid4())}, headers=admin)

        response = await client.patch(f"/groups/{group['id']}", json={"capacity": 1}, headers=admin)
        assert response.status_code == 409
        assert response.json()["code"] == "capacity_below_members"
        assert (await client.get(f"/groups/{group['id']}", headers=admin)).json()["capacity"] == 3

    async def test_raised_capacity_offers_the_new_seats_to_the_waitlist_in_order(
        self,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        make_group: MakeGroup,
        published: Callable[..., Awaitable[list[dict[str, Any]]]],
    ) -> None:
        group = await make_group(capacity=1)
        await client.post(f"/groups/{group['id']}/members", json={"student_id": str(uuid.uuid4())}, headers=admin)
        waiting = [uuid.uuid4() for _ in range(3)]
        for student in waiting:
            await client.post(f"/groups/{group['id']}/waitlist", json={"student_id": str(student)}, headers=admin)

        updated = (await client.patch(f"/groups/{group['id']}", json={"capacity": 3}, headers=admin)).json()

        assert (updated["members_count"], updated["waitlist_count"]) == (1, 3)
        members = (await client.get(f"/groups/{group['id']}/members", headers=admin)).json()
        assert [(w["student_id"], w["status"]) for w in members["waitlist"]] == [
            (str(waiting[0]), "offered"),
            (str(waiting[1]), "offered"),
            (str(waiting[2]), "waiting"),
        ]
        offered = [event["student_id"] for event in await published("group.waitlist_offered")]
        assert offered == [str(waiting[0]), str(waiting[1])]

    async def test_status_does_not_go_backwards(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(status="finished")
        response = await client.patch(f"/groups/{group['id']}", json={"status": "forming"}, headers=admin)
        assert response.status_code == 409
        assert response.json()["code"] == "invalid_status_change"
        archived = await client.patch(
            f"/groups/{group['id']}", json={"status": "archived", "name": "Old"}, headers=admin
        )
        assert archived.json()["status"] == "archived"
        assert archived.json()["name"] == "Old"
