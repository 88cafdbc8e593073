"""Every HTTP route of calendary-service, collected from the domain folders."""

from fastapi import APIRouter

from .availability.router import router as availability_router
from .bookings.router import router as bookings_router
from .feeds.router import router as feeds_router
from .rooms.router import router as rooms_router
from .schedules.router import router as schedules_router
from .slots.router import router as slots_router

router = APIRouter()
# FastAPI tries routes in order: the booking loop's two routes (slots, holds) come first.
for domain_router in (slots_router, bookings_router, availability_router, rooms_router, feeds_router, schedules_router):
    router.include_router(domain_router)
