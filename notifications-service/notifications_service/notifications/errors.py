"""Delivery-log errors."""

from studio_kit.errors import Conflict, NotFound


class NotificationNotFound(NotFound):
    code = "notification_not_found"
    title = "Notification not found"


class NotificationNotDead(Conflict):
    code = "notification_not_dead"
    title = "Only a dead notification can be retried"
