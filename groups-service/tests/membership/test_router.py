import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from studio_kit.testing import JWTSigner

MakeGroup = Callable[..., Awaitable[dict[str, Any]]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


async def join(
    client: httpx.AsyncClient, group: dict[str, Any], student: uuid.UUID, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(f"/groups/{group['id']}/members", json={"student_id": str(student)}, headers=headers)


async def members_of(client: httpx.AsyncClient, group: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = await client.get(f"/groups/{group['id']}/members", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


class TestJoin:
    async def test_join_records_the_member_and_publishes(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup, published: Published
    ) -> None:
        group = await make_group(name="Evening B1")
        student = uuid.uuid4()

        response = await join(client, group, student, admin)

        assert response.status_code == 201
        assert response.json()["student_id"] == str(student)
        assert response.json()["left_at"] is None
        assert [m["student_id"] for m in (await members_of(client, group, admin))["members"]] == [str(student)]
        assert await published("group.member_added") == [
            {
                "group_id": group["id"],
                "group_name": "Evening B1",
                "student_id": str(student),
                "teacher_id": group["teacher_id"],
            }
        ]

    async def test_joining_twice_is_a_conflict(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group()
        student = uuid.uuid4()
        await join(client, group, student, admin)
        again = await join(client, group, student, admin)
        assert again.status_code == 409
        assert again.json()["code"] == "already_member"

    async def test_full_group_offers_the_waitlist(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(capacity=1)
        await join(client, group, uuid.uuid4(), admin)
        late = uuid.uuid4()

        refused = await join(client, group, late, admin)
        assert refused.status_code == 409
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["code"] == "group_full"
        assert refused.json()["waitlist_position"] == 1

        queued = await client.post(f"/groups/{group['id']}/waitlist", json={"student_id": str(late)}, headers=admin)
        assert queued.status_code == 201
        assert queued.json()["position"] == 1
        second = await client.post(
            f"/groups/{group['id']}/waitlist", json={"student_id": str(uuid.uuid4())}, headers=admin
        )
        assert second.json()["position"] == 2
        assert (await join(client, group, uuid.uuid4(), admin)).json()["waitlist_position"] == 3

    async def test_waitlist_refuses_when_seats_are_free(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(capacity=2)
        response = await client.post(
            f"/groups/{group['id']}/waitlist", json={"student_id": str(uuid.uuid4())}, headers=admin
        )
        assert response.status_code == 409
        assert response.json()["code"] == "seats_available"

    async def test_finished_group_takes_nobody(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(status="finished")
        response = await join(client, group, uuid.uuid4(), admin)
        assert response.status_code == 409
        assert response.json()["code"] == "group_closed"

    async def test_only_admins_add_members(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group()
        student = uuid.uuid4()
        response = await join(client, group, student, jwt_signer.headers("student", sub=student))
        assert response.status_code == 403
        assert (await members_of(client, group, admin))["members"] == []

    async def test_capacity_holds_under_concurrent_joins(
        self, live_url: str, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(capacity=3)
        students = [uuid.uuid4() for _ in range(12)]
        async with httpx.AsyncClient(base_url=live_url, timeout=20) as http:
            responses = await asyncio.gather(*(join(http, group, student, admin) for student in students))
            members = await members_of(http, group, admin)

        assert sorted(r.status_code for r in responses) == [201] * 3 + [409] * 9
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"group_full"}
        assert len(members["members"]) == 3
        winners = {r.json()["student_id"] for r in responses if r.status_code == 201}
        assert {m["student_id"] for m in members["members"]} == winners


class TestLeave:
    async def test_freed_seat_is_offered_to_the_first_in_line(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup, published: Published
    ) -> None:
        group = await make_group(capacity=2)
        leaving, staying = uuid.uuid4(), uuid.uuid4()
        await join(client, group, leaving, admin)
        await join(client, group, staying, admin)
        first, second = uuid.uuid4(), uuid.uuid4()
        for student in (first, second):
            await client.post(f"/groups/{group['id']}/waitlist", json={"student_id": str(student)}, headers=admin)

        response = await client.delete(f"/groups/{group['id']}/members/{leaving}?reason=moved+away", headers=admin)

        assert response.status_code == 204
        members = await members_of(client, group, admin)
        assert [m["student_id"] for m in members["members"]] == [str(staying)]
        assert [(w["student_id"], w["position"], w["status"]) for w in members["waitlist"]] == [
            (str(first), 1, "offered"),
            (str(second), 2, "waiting"),
        ]
        left = next(h for h in members["history"] if h["student_id"] == str(leaving))
        assert left["left_at"] is not None
        assert left["reason"] == "moved away"
        assert await published("group.member_removed") == [
            {
                "group_id": group["id"],
                "student_id": str(leaving),
                "teacher_id": group["teacher_id"],
                "reason": "moved away",
            }
        ]
        assert [event["student_id"] for event in await published("group.waitlist_offered")] == [str(first)]

    async def test_student_may_leave_but_not_remove_others(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        group = await make_group()
        me, other = uuid.uuid4(), uuid.uuid4()
        await join(client, group, me, admin)
        await join(client, group, other, admin)
        headers = jwt_signer.headers("student", sub=me)

        assert (await client.delete(f"/groups/{group['id']}/members/{other}", headers=headers)).status_code == 403
        assert (await client.delete(f"/groups/{group['id']}/members/{me}", headers=headers)).status_code == 204
        assert [m["student_id"] for m in (await members_of(client, group, admin))["members"]] == [str(other)]

    async def test_leaving_a_group_you_are_not_in_is_404(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group()
        response = await client.delete(f"/groups/{group['id']}/members/{uuid.uuid4()}", headers=admin)
        assert response.status_code == 404
        assert response.json()["code"] == "not_a_member"

    async def test_withdrawn_student_leaves_the_queue(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group(capacity=1)
        await join(client, group, uuid.uuid4(), admin)
        first, second = uuid.uuid4(), uuid.uuid4()
        for student in (first, second):
            await client.post(f"/groups/{group['id']}/waitlist", json={"student_id": str(student)}, headers=admin)

        assert (await client.delete(f"/groups/{group['id']}/waitlist/{first}", headers=admin)).status_code == 204
        waitlist = (await members_of(client, group, admin))["waitlist"]
        assert [(w["student_id"], w["position"]) for w in waitlist] == [(str(second), 1)]


class TestMove:
    async def test_move_keeps_history_in_both_groups(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup, published: Published
    ) -> None:
        source, target = await make_group(name="A"), await make_group(name="B")
        student = uuid.uuid4()
        await join(client, source, student, admin)

        response = await client.post(
            f"/groups/{source['id']}/members/{student}/move", json={"to_group_id": target["id"]}, headers=admin
        )

        assert response.status_code == 200
        source_members = await members_of(client, source, admin)
        target_members = await members_of(client, target, admin)
        assert source_members["members"] == []
        [old_stay] = source_members["history"]
        assert old_stay["left_at"] is not None
        assert old_stay["reason"] == "moved"
        assert old_stay["moved_to_group_id"] == target["id"]
        [new_stay] = target_members["members"]
        assert new_stay["student_id"] == str(student)
        assert new_stay["moved_from_group_id"] == source["id"]
        assert await published("group.member_moved") == [
            {
                "student_id": str(student),
                "from_group_id": source["id"],
                "to_group_id": target["id"],
                "teacher_id": target["teacher_id"],
            }
        ]

    async def test_move_into_a_full_group_changes_nothing(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup, published: Published
    ) -> None:
        source, target = await make_group(), await make_group(capacity=1)
        student = uuid.uuid4()
        await join(client, source, student, admin)
        await join(client, target, uuid.uuid4(), admin)

        response = await client.post(
            f"/groups/{source['id']}/members/{student}/move", json={"to_group_id": target["id"]}, headers=admin
        )

        assert response.status_code == 409
        assert response.json()["code"] == "group_full"
        assert [m["student_id"] for m in (await members_of(client, source, admin))["members"]] == [str(student)]
        assert len((await members_of(client, target, admin))["members"]) == 1
        assert await published("group.member_moved") == []

    async def test_move_frees_a_seat_offered_to_the_source_waitlist(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        source, target = await make_group(capacity=1), await make_group()
        mover, waiting = uuid.uuid4(), uuid.uuid4()
        await join(client, source, mover, admin)
        await client.post(f"/groups/{source['id']}/waitlist", json={"student_id": str(waiting)}, headers=admin)

        await client.post(
            f"/groups/{source['id']}/members/{mover}/move", json={"to_group_id": target["id"]}, headers=admin
        )

        source_members = await members_of(client, source, admin)
        assert source_members["members"] == []
        assert [(w["student_id"], w["status"]) for w in source_members["waitlist"]] == [(str(waiting), "offered")]

    async def test_concurrent_moves_respect_the_target_capacity(
        self, live_url: str, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        target = await make_group(capacity=2)
        sources = [await make_group(name=f"S{index}") for index in range(5)]
        students = [uuid.uuid4() for _ in sources]
        async with httpx.AsyncClient(base_url=live_url, timeout=20) as http:
            for source, student in zip(sources, students, strict=True):
                await join(http, source, student, admin)
            responses = await asyncio.gather(
                *(
                    http.post(
                        f"/groups/{source['id']}/members/{student}/move",
                        json={"to_group_id": target["id"]},
                        headers=admin,
                    )
                    for source, student in zip(sources, students, strict=True)
                )
            )
            target_members = await members_of(http, target, admin)
            stayed = [len((await members_of(http, source, admin))["members"]) for source in sources]

        assert sorted(r.status_code for r in responses) == [200, 200, 409, 409, 409]
        assert len(target_members["members"]) == 2
        assert sorted(stayed) == [0, 0, 1, 1, 1]

    async def test_moving_to_the_same_group_is_rejected(
        self, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group = await make_group()
        student = uuid.uuid4()
        await join(client, group, student, admin)
        response = await client.post(
            f"/groups/{group['id']}/members/{student}/move", json={"to_group_id": group["id"]}, headers=admin
        )
        assert response.status_code == 422
        assert response.json()["code"] == "same_group"


class TestStudentGroups:
    async def test_visibility_by_role(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        teacher = uuid.uuid4()
        taught, other = await make_group(name="Taught", teacher_id=str(teacher)), await make_group(name="Other")
        student = uuid.uuid4()
        await join(client, taught, student, admin)
        await join(client, other, student, admin)
        url = f"/students/{student}/groups"

        own = (await client.get(url, headers=jwt_signer.headers("student", sub=student))).json()
        assert sorted(g["name"] for g in own) == ["Other", "Taught"]
        assert all(g["joined_at"] for g in own)
        by_teacher = (await client.get(url, headers=jwt_signer.headers("teacher", sub=teacher))).json()
        assert [g["name"] for g in by_teacher] == ["Taught"]
        assert len((await client.get(url, headers=admin)).json()) == 2
        stranger = await client.get(url, headers=jwt_signer.headers("student"))
        assert stranger.status_code == 403


class TestMembersVisibility:
    async def test_only_the_groups_teacher_or_admin_sees_members(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        teacher = uuid.uuid4()
        group = await make_group(teacher_id=str(teacher))
        url = f"/groups/{group['id']}/members"
        assert (await client.get(url, headers=jwt_signer.headers("teacher", sub=teacher))).status_code == 200
        assert (await client.get(url, headers=jwt_signer.headers("teacher"))).status_code == 403
        assert (await client.get(url, headers=jwt_signer.headers("student"))).status_code == 403


class TestRoster:
    async def test_roster_for_services_with_the_scope(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        group = await make_group(price_per_lesson_minor=75000)
        students = [uuid.uuid4(), uuid.uuid4()]
        for student in students:
            await join(client, group, student, admin)
        url = f"/internal/groups/{group['id']}/roster"

        service = jwt_signer.headers("service", sub="service:lessons", scopes=["groups:read"])
        roster = (await client.get(url, headers=service)).json()
        assert roster["group_id"] == group["id"]
        assert roster["teacher_id"] == group["teacher_id"]
        assert roster["student_ids"] == [str(s) for s in students]
        assert roster["price_per_lesson_minor"] == 75000
        assert roster["schedule"]["slots"][0]["start_time"] == "18:30:00"

        unscoped = jwt_signer.headers("service", sub="service:other", scopes=["calendary:read"])
        assert (await client.get(url, headers=unscoped)).status_code == 403
        assert (await client.get(url, headers=admin)).status_code == 403
