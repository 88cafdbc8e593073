"""Every HTTP route of tg-bot-service, collected from the domain folders."""

from fastapi import APIRouter

from .webhook.router import router as webhook_router

router = APIRouter()
router.include_router(webhook_router)
