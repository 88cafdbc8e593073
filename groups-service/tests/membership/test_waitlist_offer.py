"""A freed seat in a full group is offered to the first on the waitlist for a limited time:
accepting joins, declining or letting it expire passes it on; racing requests join once."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from groups_service.membership import service as membership_service
from groups_service.membership.models import WaitlistEntry
from studio_kit.testing import JWTSigner

from .test_router import join, members_of

MakeGroup = Callable[..., Awaitable[dict[str, Any]]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


async def full_group_with_queue(
    client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup, *, seats: int, waiting: int
) -> tuple[dict[str, Any], list[uuid.UUID], list[uuid.UUID]]:
    group = await make_group(capacity=seats)
    members = [uuid.uuid4() for _ in range(seats)]
    for student in members:
        assert (await join(client, group, student, admin)).status_code == 201
    queue = [uuid.uuid4() for _ in range(waiting)]
    for student in queue:
        queued = await client.post(f"/groups/{group['id']}/waitlist", json={"student_id": str(student)}, headers=admin)
        assert queued.status_code == 201, queued.text
    return group, members, queue


async def expire_offers(app: FastAPI) -> None:
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.status == "offered")
            .values(offer_expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )


class TestWaitlistOffer:
    async def test_the_offered_student_sees_and_accepts_the_seat(
        self,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        make_group: MakeGroup,
        published: Published,
    ) -> None:
        group, members, (first, second) = await full_group_with_queue(client, admin, make_group, seats=1, waiting=2)
        await client.delete(f"/groups/{group['id']}/members/{members[0]}", headers=admin)
        student = jwt_signer.headers("student", sub=str(first))

        offers = (await client.get(f"/students/{first}/waitlist-offers", headers=student)).json()
        assert [offer["group_id"] for offer in offers] == [group["id"]]
        expires = datetime.fromisoformat(offers[0]["expires_at"])
        assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(hours=24)
        taken = await join(client, group, uuid.uuid4(), admin)
        assert taken.status_code == 409
        assert taken.json()["code"] == "group_full"

        accepted = await client.post(f"/groups/{group['id']}/waitlist/{first}/accept", headers=student)

        assert accepted.status_code == 200, accepted.text
        after = await members_of(client, group, admin)
        assert [m["student_id"] for m in after["members"]] == [str(first)]
        assert [(w["student_id"], w["status"]) for w in after["waitlist"]] == [(str(second), "waiting")]
        assert str(first) in {event["student_id"] for event in await published("group.member_added")}
        assert (await client.get(f"/students/{first}/waitlist-offers", headers=student)).json() == []

    async def test_declining_passes_the_seat_to_the_next(
        self,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        make_group: MakeGroup,
        published: Published,
    ) -> None:
        group, members, (first, second) = await full_group_with_queue(client, admin, make_group, seats=1, waiting=2)
        await client.delete(f"/groups/{group['id']}/members/{members[0]}", headers=admin)

        declined = await client.post(
            f"/groups/{group['id']}/waitlist/{first}/decline", headers=jwt_signer.headers("student", sub=str(first))
        )

        assert declined.status_code == 204
        waitlist = (await members_of(client, group, admin))["waitlist"]
        assert [(w["student_id"], w["status"]) for w in waitlist] == [(str(second), "offered")]
        assert [event["student_id"] for event in await published("group.waitlist_offered")] == [
            str(first),
            str(second),
        ]
        assert await published("group.waitlist_offer_lapsed") == [
            {"group_id": group["id"], "student_id": str(first), "reason": "declined"}
        ]

    async def test_an_expired_offer_passes_on_and_can_no_longer_be_accepted(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        make_group: MakeGroup,
    ) -> None:
        group, members, (first, second) = await full_group_with_queue(client, admin, make_group, seats=1, waiting=2)
        await client.delete(f"/groups/{group['id']}/members/{members[0]}", headers=admin)
        await expire_offers(app)

        late = await client.post(
            f"/groups/{group['id']}/waitlist/{first}/accept", headers=jwt_signer.headers("student", sub=str(first))
        )
        assert late.status_code == 409
        assert late.headers["content-type"].startswith("application/problem+json")
        assert late.json()["code"] == "waitlist_offer_expired"
        assert (await members_of(client, group, admin))["members"] == []

        swept = await membership_service.sweep_lapsed_offers(app.state.database, 24)

        assert swept == 1
        waitlist = (await members_of(client, group, admin))["waitlist"]
        assert [(w["student_id"], w["status"]) for w in waitlist] == [(str(second), "offered")]

    async def test_nobody_else_accepts_an_offer(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, make_group: MakeGroup
    ) -> None:
        group, members, (first, second) = await full_group_with_queue(client, admin, make_group, seats=1, waiting=2)
        await client.delete(f"/groups/{group['id']}/members/{members[0]}", headers=admin)

        as_other = await client.post(
            f"/groups/{group['id']}/waitlist/{first}/accept", headers=jwt_signer.headers("student", sub=str(second))
        )
        not_offered = await client.post(
            f"/groups/{group['id']}/waitlist/{second}/accept", headers=jwt_signer.headers("student", sub=str(second))
        )

        assert as_other.status_code == 403
        assert not_offered.status_code == 404
        assert not_offered.json()["code"] == "no_waitlist_offer"
        assert (await members_of(client, group, admin))["members"] == []


class TestWaitlistOfferConcurrency:
    async def test_two_seats_freed_at_once_make_two_offers(
        self, live_url: str, client: httpx.AsyncClient, admin: dict[str, str], make_group: MakeGroup
    ) -> None:
        group, members, queue = await full_group_with_queue(client, admin, make_group, seats=2, waiting=3)

        async with httpx.AsyncClient(base_url=live_url, timeout=10) as http:
            answers = await asyncio.gather(
                *(http.delete(f"/groups/{group['id']}/members/{student}", headers=admin) for student in members)
            )

        assert [answer.status_code for answer in answers] == [204, 204]
        waitlist = (await members_of(client, group, admin))["waitlist"]
        assert [(w["student_id"], w["status"]) for w in waitlist] == [
            (str(queue[0]), "offered"),
            (str(queue[1]), "offered"),
            (str(queue[2]), "waiting"),
        ]

    async def test_racing_acceptances_for_one_seat_join_exactly_once(
        self,
        app: FastAPI,
        live_url: str,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        jwt_signer: JWTSigner,
        make_group: MakeGroup,
        published: Published,
    ) -> None:
        group, members, (first, second) = await full_group_with_queue(client, admin, make_group, seats=1, waiting=2)
        await client.delete(f"/groups/{group['id']}/members/{members[0]}", headers=admin)
        # The first offer lapses and passes to the second, while the first still tries to accept.
        await expire_offers(app)
        await membership_service.sweep_lapsed_offers(app.state.database, 24)

        async with httpx.AsyncClient(base_url=live_url, timeout=10) as http:
            answers = await asyncio.gather(
                *(
                    http.post(
                        f"/groups/{group['id']}/waitlist/{student}/accept",
                        headers=jwt_signer.headers("student", sub=str(student)),
                    )
                    for student in (first, second, second, first, second)
                )
            )

        codes = sorted(answer.status_code for answer in answers)
        assert codes.count(200) == 1
        assert all(code in (200, 404, 409) for code in codes)
        current = (await members_of(client, group, admin))["members"]
        assert [m["student_id"] for m in current] == [str(second)]
        assert [event["student_id"] for event in await published("group.member_added")].count(str(second)) == 1
