"""Every HTTP route of auth-service, collected from the domain folders."""

from fastapi import APIRouter

from .accounts.router import router as accounts_router
from .clients.router import router as clients_router
from .keys.router import router as keys_router
from .login.router import router as login_router
from .oauth.router import router as oauth_router
from .sessions.router import router as sessions_router
from .telegram.router import router as telegram_router
from .users.router import internal_router as users_internal_router
from .users.router import router as users_router

router = APIRouter()
for domain_router in (
    keys_router,
    clients_router,
    login_router,
    accounts_router,
    sessions_router,
    telegram_router,
    oauth_router,
    users_router,
    users_internal_router,
):
    router.include_router(domain_router)
