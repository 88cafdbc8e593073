"""Every HTTP route of students-service, collected from the domain folders."""

from fastapi import APIRouter

from .catalogue.router import router as catalogue_router
from .debts.router import router as debts_router
from .documents.router import grants_router as document_grants_router
from .documents.router import router as documents_router
from .exports.router import reports_router
from .exports.router import router as exports_router
from .leads.router import router as leads_router
from .ledger.router import router as ledger_router
from .makeups.router import router as makeups_router
from .overview.router import router as overview_router
from .packages.router import router as packages_router
from .payments.router import router as payments_router
from .progress.router import router as progress_router
from .students.router import internal_router
from .students.router import router as students_router

router = APIRouter()
for domain_router in (
    students_router,
    internal_router,
    leads_router,
    ledger_router,
    makeups_router,
    packages_router,
    progress_router,
    documents_router,
    document_grants_router,
    debts_router,
    catalogue_router,
    payments_router,
    exports_router,
    reports_router,
    overview_router,
):
    router.include_router(domain_router)
