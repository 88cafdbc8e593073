"""Every user's private calendar link against the real services: a calendar client subscribed to
the URL (read with the icalendar parser, no session) sees the user's lessons."""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import icalendar

from ..money.test_router import book
from ..platform import Browser


def starts(body: bytes) -> set[datetime]:
    calendar = icalendar.Calendar.from_ical(body)
    return {event.decoded("DTSTART") for event in calendar.walk("VEVENT") if event["STATUS"] == "CONFIRMED"}


class TestCalendarFeed:
    async def test_a_subscribed_client_reads_the_students_and_the_teachers_lessons(
        self,
        new_browser: Callable[[], Browser],
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
    ) -> None:
        teacher, profile = await create_teacher()
        student, _ = await register_student()
        lesson = await book(student, profile["id"], 60, days=3)
        lesson_start = datetime.fromisoformat(lesson["starts_at"])

        link = await student.get("/api/me/calendar-feed")
        assert link.status_code == 200, link.text
        url = link.json()["url"]
        assert url.endswith(".ics")
        assert (await student.get("/api/me/calendar-feed")).json()["url"] == url

        subscriber = new_browser()  # a calendar app: no cookies, no session
        feed = await subscriber.get(urlsplit(url).path)
        assert feed.status_code == 200, feed.text
        assert feed.headers["content-type"].startswith("text/calendar")
        assert starts(feed.content) == {lesson_start}

        teacher_url = (await teacher.get("/api/me/calendar-feed")).json()["url"]
        assert lesson_start in starts((await subscriber.get(urlsplit(teacher_url).path)).content)

    async def test_a_regenerated_link_replaces_the_old_one_and_revoking_stops_it(
        self, new_browser: Callable[[], Browser], register_student: Callable[..., Any], admin: Browser
    ) -> None:
        student, _ = await register_student()
        subscriber = new_browser()
        old = (await student.get("/api/me/calendar-feed")).json()["url"]
        regenerated = await student.post("/api/me/calendar-feed")
        assert regenerated.status_code == 201, regenerated.text
        new = regenerated.json()["url"]
        assert new != old
        gone = await subscriber.get(urlsplit(old).path)
        assert gone.status_code == 404
        assert gone.headers["content-type"] == "application/problem+json"
        assert (await subscriber.get(urlsplit(new).path)).status_code == 200

        assert (await student.send("DELETE", "/api/me/calendar-feed")).status_code == 204
        assert (await subscriber.get(urlsplit(new).path)).status_code == 404

        studio = (await admin.get("/api/me/calendar-feed")).json()["url"]
        assert (await subscriber.get(urlsplit(studio).path)).status_code == 200

    async def test_the_link_needs_a_session(self, new_browser: Callable[[], Browser]) -> None:
        assert (await new_browser().get("/api/me/calendar-feed")).status_code == 401
