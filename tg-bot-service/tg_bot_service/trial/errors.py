"""What can go wrong while a prospect fills in the trial request."""

from studio_kit.errors import ServiceUnavailable, UnprocessableEntity


class InvalidName(UnprocessableEntity):
    code = "invalid_name"
    title = "The name is not valid"


class InvalidPhone(UnprocessableEntity):
    code = "invalid_phone"
    title = "The phone number is not valid"


class RequestNotSent(ServiceUnavailable):
    code = "trial_request_not_sent"
    title = "The broker did not take the trial request"
