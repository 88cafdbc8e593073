"""Errors of iCal feeds."""

from studio_kit.errors import NotFound


class FeedNotFound(NotFound):
    code = "feed_not_found"
    title = "Feed not found"
