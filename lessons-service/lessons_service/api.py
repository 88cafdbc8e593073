"""Every HTTP route of lessons-service, collected from the domain folders."""

from fastapi import APIRouter

from .exports.router import reports_router
from .exports.router import router as exports_router
from .feedback.router import router as feedback_router
from .journal.router import router as journal_router
from .lessons.router import router as lessons_router
from .overview.router import router as overview_router
from .policy.router import router as policy_router
from .prices.router import router as prices_router
from .series.router import router as series_router
from .trials.router import router as trials_router

router = APIRouter()
router.include_router(lessons_router)
router.include_router(journal_router)
router.include_router(feedback_router)
router.include_router(series_router)
router.include_router(policy_router)
router.include_router(prices_router)
router.include_router(exports_router)
router.include_router(reports_router)
router.include_router(overview_router)
router.include_router(trials_router)
