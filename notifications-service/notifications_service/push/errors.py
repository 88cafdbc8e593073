"""Web Push errors."""

from studio_kit.errors import NotFound, ServiceUnavailable, UnprocessableEntity


class PushNotConfigured(ServiceUnavailable):
    code = "push_not_configured"
    title = "Web push is not configured on this server"


class PushEndpointNotAllowed(UnprocessableEntity):
    code = "push_endpoint_not_allowed"
    title = "The push endpoint must be an https URL of a push service"


class PushSubscriptionNotFound(NotFound):
    code = "push_subscription_not_found"
    title = "Push subscription not found"
