"""Reference data for every signed-in user."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..schemas import TeacherCard
from ..session.dependencies import AnyCaller
from . import service as reference_service
from .schemas import ReferenceRead

router = APIRouter(prefix="/api", tags=["reference"])


@router.get("/teachers", response_model=list[TeacherCard])
async def list_bookable_teachers(caller: AnyCaller) -> list[dict[str, Any]]:
    """Teachers a student can book (public cards, no contacts)."""
    return await reference_service.list_teachers(caller)


@router.get("/reference", response_model=ReferenceRead)
async def get_reference(caller: AnyCaller) -> dict[str, Any]:
    """CEFR levels and rooms."""
    return await reference_service.get_reference(caller)
