"""Local mode (`make up`): the BFF's public URL, which SSO providers send browsers back to, is an
origin auth-service allows as a redirect_uri, so SSO starts with no extra configuration."""

from __future__ import annotations

from collections import defaultdict
from types import ModuleType
from urllib.parse import urlsplit

from auth_service.config import Settings as AuthSettings
from bff_service.config import Settings as BffSettings


def test_the_bffs_callback_origin_is_allowed_by_auth(local_runner: ModuleType) -> None:
    cfg = local_runner.Config({})
    services = {service.name: service for service in local_runner.SERVICES}
    stored: defaultdict[str, str] = defaultdict(lambda: "x" * 32)
    auth_env = local_runner.service_env(cfg, services["auth"], stored)
    bff_env = local_runner.service_env(cfg, services["bff"], stored)

    auth = AuthSettings.model_construct(
        public_web_url=auth_env.get("PUBLIC_WEB_URL", AuthSettings.model_fields["public_web_url"].default),
        oauth_redirect_origins=auth_env.get("OAUTH_REDIRECT_ORIGINS", ""),
    )
    public_url = bff_env.get("PUBLIC_URL", BffSettings.model_fields["public_url"].default)
    callback = urlsplit(f"{public_url.rstrip('/')}/api/auth/oauth/test-idp/callback")

    assert f"{callback.scheme}://{callback.netloc}" in auth.allowed_redirect_origins()
    # The demo admin keeps the documented demo password in local mode.
    assert auth_env["AUTH_BOOTSTRAP_ADMIN_MUST_CHANGE_PASSWORD"] == "false"
