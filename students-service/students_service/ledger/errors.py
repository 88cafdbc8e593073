"""Errors of the ledger."""

from studio_kit.errors import BadRequest
from studio_kit.idempotency import IdempotencyKeyReused as KitIdempotencyKeyReused


class IdempotencyKeyRequired(BadRequest):
    code = "idempotency_key_required"
    title = "This request needs an Idempotency-Key header"


class IdempotencyKeyReused(KitIdempotencyKeyReused):
    """422 like every other service (studio_kit.idempotency): the key names another request."""
