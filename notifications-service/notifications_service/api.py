"""Every HTTP route of notifications-service, collected from the domain folders."""

from fastapi import APIRouter

from .audit.router import router as audit_router
from .broadcasts.router import router as broadcasts_router
from .notifications.router import router as notifications_router
from .preferences.router import router as preferences_router
from .push.router import router as push_router
from .recipients.router import router as recipients_router

router = APIRouter()
for domain_router in (
    notifications_router,
    preferences_router,
    push_router,
    broadcasts_router,
    recipients_router,
    audit_router,
):
    router.include_router(domain_router)
