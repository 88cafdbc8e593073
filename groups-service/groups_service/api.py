"""Every HTTP route of groups-service, collected from the domain folders."""

from fastapi import APIRouter

router = APIRouter()
