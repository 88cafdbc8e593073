"""The public keys other services verify tokens with."""

from typing import Any

from fastapi import APIRouter, Response

from .dependencies import KeyRingDep

router = APIRouter(tags=["keys"])


@router.get("/.well-known/jwks.json")
async def get_jwks(keyring: KeyRingDep, response: Response) -> dict[str, Any]:
    """Every key that may still have signed a live token."""
    # Short cache: verifiers refetch on an unknown kid anyway, so a rotation is seen at once.
    response.headers["Cache-Control"] = "public, max-age=300"
    return keyring.jwks()
