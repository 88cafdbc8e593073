"""The browser's address, passed on to auth-service for its per-address limits (failed-login lock,
register / reset / SSO-start limits). One helper for every call that needs it.

`request.client` is the browser only when uvicorn believes the edge proxy's X-Forwarded-For:
FORWARDED_ALLOW_IPS lists that proxy (nginx's fixed address in compose, the ingress in Kubernetes;
studio_kit.serve). auth-service in turn believes our header only because TRUSTED_PROXIES lists us."""

from __future__ import annotations

from .downstream import Caller


def auth_client_headers(caller: Caller) -> dict[str, str]:
    """Headers that tell auth-service which client this request is for."""
    client = caller.request.client
    return {"X-Forwarded-For": client.host} if client else {}
