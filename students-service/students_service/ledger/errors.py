"""Errors of the ledger."""

from studio_kit.errors import BadRequest, Conflict


class IdempotencyKeyRequired(BadRequest):
    code = "idempotency_key_required"
    title = "This request needs an Idempotency-Key header"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    title = "This Idempotency-Key was already used for a different request"
