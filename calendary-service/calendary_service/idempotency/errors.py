"""Errors of idempotent requests."""
# The editable studio-kit install is invisible to mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.errors import UnprocessableEntity


class IdempotencyKeyReused(UnprocessableEntity):
    code = "idempotency_key_reused"
    title = "Idempotency-Key reused with a different request"
