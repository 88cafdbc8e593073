"""Admin broadcasts to all students or one group."""

import uuid

import httpx
from fastapi import FastAPI

from ..fakes import FakeSmtp
from ..helpers import add_recipient, publish, wait_for


class TestBroadcasts:
    async def test_group_broadcast_reaches_only_current_members(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, smtp_server: FakeSmtp
    ) -> None:
        group_id, other_group = uuid.uuid4(), uuid.uuid4()
        stays = await add_recipient(app, email="stays@example.com", role="student", language="en")
        moved = await add_recipient(app, email="moved@example.com", role="student", language="en")
        for student in (stays, moved):
            await publish(
                app, "group.member_added", {"group_id": str(group_id), "group_name": "B2", "student_id": str(student)}
            )
        moved_event = await publish(
            app,
            "group.member_moved",
            {
                "student_id": str(moved),
                "from_group_id": str(group_id),
                "to_group_id": str(other_group),
            },
        )
        await wait_for(lambda: _moved(app, moved_event.id))
        body = {
            "audience": "group",
            "group_id": str(group_id),
            "subject": "No class <Friday>",
            "body": "Rest well.\nSee you Monday!",
        }
        response = await client.post("/broadcasts", json=body, headers=jwt_signer.headers("admin"))
        assert response.status_code == 202
        assert response.json()["status"] == "queued"

        async def news(address: str) -> list:
            return [m for m in smtp_server.to(address) if m["Subject"] == "No class <Friday>"]

        [message] = await wait_for(lambda: news("stays@example.com"))
        html = message.get_body(preferencelist=("html",)).get_content().replace("\r\n", "\n")
        assert "No class &lt;Friday&gt;" in html
        assert "Rest well.\nSee you Monday!" in html
        assert await news("moved@example.com") == []
        broadcast_url = f"/broadcasts/{response.json()['id']}"
        broadcast = (await client.get(broadcast_url, headers=jwt_signer.headers("admin"))).json()
        assert broadcast["status"] == "sent"
        assert broadcast["recipient_count"] == 1

    async def test_all_students_broadcast_skips_teachers(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, smtp_server: FakeSmtp
    ) -> None:
        await add_recipient(app, email="s1@example.com", role="student", language="ru")
        await add_recipient(app, email="t1@example.com", role="teacher", language="ru")
        body = {"audience": "all_students", "subject": "Скидки", "body": "Весной -10%"}
        await client.post("/broadcasts", json=body, headers=jwt_signer.headers("admin"))
        [message] = await wait_for(lambda: _mail(smtp_server, "s1@example.com"))
        assert message["Subject"] == "Скидки"
        assert smtp_server.to("t1@example.com") == []

    async def test_only_admins_broadcast_and_group_needs_an_id(self, client: httpx.AsyncClient, jwt_signer) -> None:
        body = {"audience": "all_students", "subject": "x", "body": "y"}
        assert (await client.post("/broadcasts", json=body, headers=jwt_signer.headers("teacher"))).status_code == 403
        group_without_id = {**body, "audience": "group"}
        response = await client.post("/broadcasts", json=group_without_id, headers=jwt_signer.headers("admin"))
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        missing = await client.get(f"/broadcasts/{uuid.uuid4()}", headers=jwt_signer.headers("admin"))
        assert missing.json()["code"] == "broadcast_not_found"


async def _mail(smtp_server: FakeSmtp, address: str) -> list:
    return smtp_server.to(address)


async def _moved(app: FastAPI, event_id: uuid.UUID) -> bool:
    from sqlalchemy import select

    from notifications_service.database import inbox_messages

    async with app.state.database.sessionmaker() as session:
        query = select(inbox_messages.c.event_id).where(inbox_messages.c.event_id == event_id)
        return bool(await session.scalar(query))


class TestBroadcastText:
    async def test_nul_or_a_line_break_in_the_subject_is_422(self, client: httpx.AsyncClient, jwt_signer) -> None:
        for subject in ("Hello\u0000", "Two\nlines"):
            body = {"audience": "all_students", "subject": subject, "body": "text"}
            response = await client.post("/broadcasts", json=body, headers=jwt_signer.headers("admin"))
            assert response.status_code == 422, response.text
            assert response.json()["code"] == "validation_error"
