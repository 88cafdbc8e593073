"""Errors of idempotent requests."""

from studio_kit.errors import UnprocessableEntity


class IdempotencyKeyReused(UnprocessableEntity):
    code = "idempotency_key_reused"
    title = "Idempotency-Key reused with a different request"
