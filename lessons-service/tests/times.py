"""Lesson times relative to now, for tests that book through calendary.

The test teacher (conftest's `open_teacher`) is open 00:00-23:59 UTC every day, so an hour-long
lesson from 23:00 never fits: a test that books "N hours ahead" failed for one hour of every day
unless it steps off 23:00."""

from datetime import UTC, datetime, timedelta


def hours_ahead(hours: int) -> datetime:
    """The whole hour that starts between `hours - 1` and `hours` hours from now."""
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


def open_hour_ahead(hours: int) -> datetime:
    """`hours_ahead`, moved off 23:00 to the next midnight (between `hours` and `hours + 1` ahead)."""
    start = hours_ahead(hours)
    return start + timedelta(hours=1) if start.hour == 23 else start
