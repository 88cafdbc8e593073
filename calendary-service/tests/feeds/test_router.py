import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import icalendar

from studio_kit.testing.helpers import JWTSigner


async def book(
    client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID, student_id: str, hour: int
) -> dict[str, Any]:
    body = cal.hold_body(teacher_id, cal.at(cal.future_day(), hour), student_ids=[student_id], force=True)
    hold = (await client.post("/internal/holds", json=body, headers=booker)).json()
    confirmed = await client.post(
        f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
    )
    result: dict[str, Any] = confirmed.json()
    return result


def events_of(body: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


class TestFeeds:
    async def test_teacher_feed_parses_and_tracks_changes(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
        teacher_id: uuid.UUID,
    ) -> None:
        student = str(uuid.uuid4())
        kept = await book(client, cal, booker, teacher_id, student, 10)
        cancelled = await book(client, cal, booker, teacher_id, student, 14)
        await client.post(f"/internal/events/{cancelled['id']}/cancel", headers=booker)
        await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(cal.future_day(), 17), force=True), headers=booker
        )

        issued = await client.post(
            f"/teachers/{teacher_id}/feed-token", headers=jwt_signer.headers("teacher", sub=teacher_id)
        )
        assert issued.status_code == 201
        token = issued.json()["token"]
        assert len(token) >= 40
        assert issued.json()["url"].endswith(f"/feeds/{token}.ics")

        response = await client.get(f"/feeds/{token}.ics")
        assert response.headers["content-type"].startswith("text/calendar")
        events = events_of(response.content)
        assert set(events) == {f"{kept['id']}@calendary.studio", f"{cancelled['id']}@calendary.studio"}
        live = events[f"{kept['id']}@calendary.studio"]
        assert live["STATUS"] == "CONFIRMED"
        assert live.decoded("DTSTART") == datetime.fromisoformat(kept["starts_at"])
        assert live.decoded("DTSTART").tzinfo is not None
        assert live.decoded("DTSTART").utcoffset().total_seconds() == 0
        assert live.decoded("DTEND") == datetime.fromisoformat(kept["ends_at"])
        assert live.decoded("DTSTAMP") <= datetime.now(UTC)
        assert live["SEQUENCE"] == 0
        gone = events[f"{cancelled['id']}@calendary.studio"]
        assert gone["STATUS"] == "CANCELLED"
        assert gone["SEQUENCE"] == 1

        moved_to = cal.at(cal.future_day(), 12)
        await client.post(
            f"/internal/events/{kept['id']}/reschedule",
            json={"starts_at": moved_to.isoformat(), "ends_at": moved_to.replace(hour=13).isoformat(), "force": True},
            headers=booker,
        )
        moved = events_of((await client.get(f"/feeds/{token}.ics")).content)[f"{kept['id']}@calendary.studio"]
        assert moved.decoded("DTSTART") == moved_to
        assert moved["SEQUENCE"] == 1

    async def test_student_feed_shows_only_their_lessons_and_revocation_works(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
        teacher_id: uuid.UUID,
    ) -> None:
        student, other = str(uuid.uuid4()), str(uuid.uuid4())
        mine = await book(client, cal, booker, teacher_id, student, 10)
        await book(client, cal, booker, teacher_id, other, 12)
        headers = jwt_signer.headers("student", sub=student)
        assert (await client.post(f"/students/{other}/feed-token", headers=headers)).status_code == 403
        first = (await client.post(f"/students/{student}/feed-token", headers=headers)).json()["token"]
        second = (await client.post(f"/students/{student}/feed-token", headers=headers)).json()["token"]
        assert (await client.get(f"/feeds/{first}.ics")).status_code == 404
        assert set(events_of((await client.get(f"/feeds/{second}.ics")).content)) == {f"{mine['id']}@calendary.studio"}
        assert (await client.delete(f"/students/{student}/feed-token", headers=headers)).status_code == 204
        gone = await client.get(f"/feeds/{second}.ics")
        assert gone.status_code == 404
        assert gone.json()["code"] == "feed_not_found"
