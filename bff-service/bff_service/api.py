"""Every HTTP route of bff-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
