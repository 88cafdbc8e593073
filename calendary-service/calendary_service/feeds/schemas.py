"""Response shapes of iCal feed tokens."""

from pydantic import BaseModel


class FeedTokenRead(BaseModel):
    url: str
    token: str
