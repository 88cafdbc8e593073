"""Every HTTP route of groups-service, collected from the domain folders."""

from fastapi import APIRouter

from .groups.router import router as groups_router
from .membership.router import router as membership_router

router = APIRouter()
router.include_router(groups_router)
router.include_router(membership_router)
