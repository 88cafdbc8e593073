"""Errors of iCal feeds."""
# The editable studio-kit install is invisible to mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import NotFound


class FeedNotFound(NotFound):
    code = "feed_not_found"
    title = "Feed not found"
