"""Every HTTP route of bff-service, collected from the domain folders."""

from fastapi import APIRouter

from .admin import router as admin_router
from .session import router as session_router
from .student import router as student_router
from .teacher import router as teacher_router

router = APIRouter()
router.include_router(session_router.router)
router.include_router(student_router.router)
router.include_router(teacher_router.router)
router.include_router(admin_router.router)
