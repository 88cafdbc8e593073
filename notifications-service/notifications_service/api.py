"""Every HTTP route of notifications-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
