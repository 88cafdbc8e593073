"""Every HTTP route of teachers-service, collected from the domain folders."""

from fastapi import APIRouter

from .payroll.router import router as payroll_router
from .rates.router import router as rates_router
from .teachers.router import router as teachers_router

router = APIRouter()
for domain_router in (teachers_router, rates_router, payroll_router):
    router.include_router(domain_router)
