"""Every HTTP route of bff-service, collected from the domain folders."""

from fastapi import APIRouter
from fastapi.routing import APIRoute

from .account import router as account_router
from .admin import router as admin_router
from .audit import router as audit_router
from .calendar_feed import router as calendar_feed_router
from .documents import router as documents_router
from .exports import router as exports_router
from .frontdesk import router as frontdesk_router
from .groupdesk import router as groupdesk_router
from .leads import router as leads_router
from .login import router as login_router
from .makeups import router as makeups_router
from .money import router as money_router
from .payments import router as payments_router
from .progress import router as progress_router
from .reference import router as reference_router
from .slots_batch import router as slots_batch_router
from .staff import router as staff_router
from .staffing import router as staffing_router
from .student import router as student_router
from .teacher import router as teacher_router


def operation_id(route: APIRoute) -> str:
    """The function's name, so the generated TypeScript reads `operations["student_dashboard"]`."""
    return route.name


router = APIRouter()
for domain_router in (
    login_router,
    account_router,
    reference_router,
    student_router,
    slots_batch_router,
    teacher_router,
    admin_router,
    frontdesk_router,
    groupdesk_router,
    audit_router,
    money_router,
    makeups_router,
    payments_router,
    exports_router,
    calendar_feed_router,
    documents_router,
    progress_router,
    staffing_router,
    leads_router,
    staff_router,
):
    router.include_router(domain_router.router, generate_unique_id_function=operation_id)
