"""Every HTTP route of tg-bot-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
