"""Authenticate service clients from AUTH_SERVICE_CLIENTS and issue scoped service tokens."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from ..config import ServiceClient, Settings
from ..sessions.service import TokenIssuer
from .errors import InvalidClient, InvalidScope, UnsupportedGrantType
from .schemas import ServiceTokenResponse


@dataclass(frozen=True)
class RegisteredClient:
    client_id: str
    secret_digest: bytes
    scopes: frozenset[str]


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


class ClientRegistry:
    """Only digests of the secrets stay in memory; comparisons take constant time."""

    def __init__(self, clients: list[ServiceClient]) -> None:
        self._clients = {
            client.client_id: RegisteredClient(client.client_id, _digest(client.secret), client.scopes)
            for client in clients
        }
        self._dummy = _digest("no-such-client")

    @classmethod
    def from_settings(cls, settings: Settings) -> ClientRegistry:
        """The clients listed in AUTH_SERVICE_CLIENTS."""
        return cls(settings.service_clients())

    def authenticate(self, client_id: str, secret: str) -> RegisteredClient:
        """The client, if the secret matches; an unknown id costs the same comparison."""
        client = self._clients.get(client_id)
        matches = hmac.compare_digest(_digest(secret), client.secret_digest if client else self._dummy)
        if client is None or not matches:
            raise InvalidClient()
        return client


def issue_service_token(
    registry: ClientRegistry,
    issuer: TokenIssuer,
    *,
    grant_type: str,
    client_id: str,
    secret: str,
    scope: str | None,
) -> ServiceTokenResponse:
    """A short-lived token for a service, carrying the requested (or every allowed) scope."""
    if grant_type != "client_credentials":
        raise UnsupportedGrantType()
    client = registry.authenticate(client_id, secret)
    requested = frozenset(scope.split()) if scope and scope.strip() else client.scopes
    denied = requested - client.scopes
    if denied:
        raise InvalidScope(f"Not allowed for this client: {' '.join(sorted(denied))}.")
    return ServiceTokenResponse(
        access_token=issuer.service_token(client.client_id, sorted(requested)),
        expires_in=int(issuer.access_ttl.total_seconds()),
        scope=" ".join(sorted(requested)),
    )
