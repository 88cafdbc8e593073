"""The HTTP entry point Telegram posts updates to."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request

from . import service as webhook_service
from .dependencies import RuntimeDep, verify_secret
from .schemas import WebhookAck

router = APIRouter(prefix="/tg", tags=["telegram"])


@router.post("/webhook", response_model=WebhookAck, dependencies=[Depends(verify_secret)])
async def receive_update(
    request: Request, runtime: RuntimeDep, payload: Annotated[dict[str, Any], Body()]
) -> WebhookAck:
    """Receive one Telegram update and let the bot handle it."""
    update = webhook_service.parse_update(runtime, payload)
    processed = await webhook_service.process_update(
        runtime,
        request.app.state.redis,
        update,
        dedupe_ttl_seconds=request.app.state.settings.update_dedupe_ttl_seconds,
    )
    return WebhookAck(status="processed" if processed else "duplicate")
