"""Shapes of the calendar feed link."""

from pydantic import BaseModel


class CalendarFeedRead(BaseModel):
    url: str
