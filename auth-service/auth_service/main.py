"""Entry point: `python -m studio_kit.serve auth_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app
from studio_kit.auth import TokenVerifier

from . import __doc__ as DESCRIPTION
from . import api
from .clients.service import ClientRegistry
from .config import Settings
from .database import inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .keys.service import KeyRing, LocalJWKS
from .oauth.service import ProviderRegistry
from .users import service as user_service


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    async def load_keys_and_clients(app: FastAPI) -> None:
        keyring = KeyRing.from_settings(settings)
        app.state.keyring = keyring
        # This service checks its own tokens with its in-process keys instead of fetching its JWKS.
        app.state.token_verifier = TokenVerifier(
            LocalJWKS(keyring, settings.auth_jwks_url), issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        app.state.client_registry = ClientRegistry.from_settings(settings)
        app.state.oauth_registry = ProviderRegistry(settings)

    async def bootstrap_admin(app: FastAPI) -> None:
        async with app.state.database.sessionmaker() as session, session.begin():
            await user_service.bootstrap_admin(session, settings)

    return create_service_app(
        settings,
        title="auth-service",
        description=DESCRIPTION,
        routers=[api.router],
        messaging=Messaging(outbox=outbox_messages, inbox=inbox_messages, handlers=HANDLERS),
        startup=[load_keys_and_clients, bootstrap_admin],
    )
