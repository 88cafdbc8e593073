"""Every HTTP route of lessons-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
