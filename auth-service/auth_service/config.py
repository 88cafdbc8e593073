"""Settings of auth-service, read from the environment (see .env.example)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends
from pydantic import Field, SecretStr, field_validator, model_validator

from studio_kit.config import ServiceSettings, settings_dependency

# Access tokens cannot be revoked by the services that verify them, so their life stays short.
MAX_ACCESS_TOKEN_MINUTES = 15


@dataclass(frozen=True)
class ServiceClient:
    """A service allowed to use the client-credentials grant."""

    client_id: str
    secret: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class OAuthProviderConfig:
    """One configured OAuth 2.0 / OpenID Connect provider."""

    name: str
    title: str
    client_id: str
    client_secret: str
    # "oidc" reads a verified ID token; "yandex" and "vk" read their userinfo APIs.
    kind: str = "oidc"
    discovery_url: str | None = None
    scope: str = "openid email profile"


class Settings(ServiceSettings):
    service_name: str = "auth-service"

    access_token_expire_minutes: int = Field(default=MAX_ACCESS_TOKEN_MINUTES, ge=1)
    # Absolute lifetime of a session (a refresh-token family), however often it is refreshed.
    refresh_token_expire_days: int = Field(default=30, ge=1)
    jwt_keys_dir: Path | None = None

    auth_bootstrap_admin_email: str = ""
    auth_bootstrap_admin_password: SecretStr = SecretStr("")
    # The bootstrap admin must replace that password at the first login (off only for the demo studio).
    auth_bootstrap_admin_must_change_password: bool = True
    auth_service_clients: SecretStr = SecretStr("")

    public_web_url: str = "http://localhost:8080"
    invitation_ttl_hours: int = Field(default=72, ge=1)
    reset_link_ttl_minutes: int = Field(default=60, ge=5)
    email_verification_ttl_hours: int = Field(default=48, ge=1)
    telegram_link_ttl_minutes: int = Field(default=15, ge=1)

    # From these many failed logins (per account or known device, per address) on, each failure
    # makes the next attempt wait twice as long, from LOGIN_DELAY_BASE_SECONDS up to
    # LOGIN_LOCKOUT_SECONDS. A browser that logged in before (its device token) keeps its own
    # counter, so a stranger's failures never delay the owner (ADR 0012).
    login_max_failures: int = Field(default=5, ge=1)
    login_ip_max_failures: int = Field(default=30, ge=1)
    login_failure_window_seconds: int = Field(default=900, ge=1)
    login_delay_base_seconds: int = Field(default=2, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)
    login_device_ttl_days: int = Field(default=180, ge=1)
    # Register and password-reset requests per client address and window (mail-bombing guard).
    sensitive_requests_per_window: int = Field(default=10, ge=1)
    sensitive_requests_window_seconds: int = Field(default=600, ge=1)
    trusted_proxies: str = "127.0.0.1/32,::1/128"

    telegram_bot_token: SecretStr = SecretStr("")
    telegram_bot_username: str = ""
    # Telegram-signed login data is a bearer credential: short-lived, used once (Redis), and not
    # enough on its own for staff unless TELEGRAM_STAFF_LOGIN is on.
    telegram_auth_max_age_seconds: int = Field(default=300, ge=1)
    telegram_miniapp_max_age_seconds: int = Field(default=600, ge=1)
    telegram_staff_login: bool = False

    oauth_redirect_origins: str = ""
    # Before sending a browser to an OpenID provider, its discovery document is read again when older
    # than this: a provider that went down gets our login page with a message, not a dead host.
    oauth_metadata_max_age_seconds: float = Field(default=30.0, ge=0)
    oauth_state_ttl_seconds: int = Field(default=600, ge=30)
    # OAuth logins a client address may start per SENSITIVE_REQUESTS_WINDOW_SECONDS (each holds Redis state).
    oauth_starts_per_window: int = Field(default=60, ge=1)
    oauth_google_client_id: str = ""
    oauth_google_client_secret: SecretStr = SecretStr("")
    oauth_yandex_client_id: str = ""
    oauth_yandex_client_secret: SecretStr = SecretStr("")
    oauth_vk_client_id: str = ""
    oauth_vk_client_secret: SecretStr = SecretStr("")
    oauth_oidc_name: str = "oidc"
    oauth_oidc_title: str = "Single sign-on"
    oauth_oidc_discovery_url: str = ""
    oauth_oidc_client_id: str = ""
    oauth_oidc_client_secret: SecretStr = SecretStr("")
    oauth_oidc_scope: str = "openid email profile"

    @field_validator("access_token_expire_minutes")
    @classmethod
    def _cap_access_token_lifetime(cls, value: int) -> int:
        return min(value, MAX_ACCESS_TOKEN_MINUTES)

    @model_validator(mode="after")
    def _require_signing_keys_in_production(self) -> Settings:
        if not self.is_dev and self.jwt_keys_dir is None:
            raise ValueError("JWT_KEYS_DIR must be set outside dev/test")
        self.service_clients()
        return self

    def secret_fields(self) -> dict[str, SecretStr]:
        secrets = super().secret_fields()
        if self.auth_bootstrap_admin_email:
            secrets["AUTH_BOOTSTRAP_ADMIN_PASSWORD"] = self.auth_bootstrap_admin_password
        if self.telegram_bot_token.get_secret_value():
            secrets["TELEGRAM_BOT_TOKEN"] = self.telegram_bot_token
        for client in self.service_clients():
            secrets[f"AUTH_SERVICE_CLIENTS[{client.client_id}]"] = SecretStr(client.secret)
        for provider in self.oauth_providers():
            secrets[f"OAUTH_{provider.name.upper()}_CLIENT_SECRET"] = SecretStr(provider.client_secret)
        return secrets

    def service_clients(self) -> list[ServiceClient]:
        """Parse `client_id:secret:scope1 scope2,…`; a malformed entry stops the service."""
        clients = []
        for entry in self.auth_service_clients.get_secret_value().split(","):
            if not entry.strip():
                continue
            parts = entry.strip().split(":", 2)
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise ValueError("AUTH_SERVICE_CLIENTS entries look like client_id:secret:scope1 scope2")
            scopes = frozenset(parts[2].split()) if len(parts) == 3 else frozenset()
            clients.append(ServiceClient(parts[0], parts[1], scopes))
        return clients

    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(item.strip()) for item in self.trusted_proxies.split(",") if item.strip()]

    def allowed_redirect_origins(self) -> set[str]:
        origins = {item.strip().rstrip("/") for item in self.oauth_redirect_origins.split(",") if item.strip()}
        return origins or {self.public_web_url.rstrip("/")}

    def oauth_providers(self) -> list[OAuthProviderConfig]:
        """Providers with a client id configured, in a stable order."""
        providers = []
        if self.oauth_google_client_id:
            providers.append(
                OAuthProviderConfig(
                    "google",
                    "Google",
                    self.oauth_google_client_id,
                    self.oauth_google_client_secret.get_secret_value(),
                    discovery_url="https://accounts.google.com/.well-known/openid-configuration",
                )
            )
        if self.oauth_yandex_client_id:
            providers.append(
                OAuthProviderConfig(
                    "yandex",
                    "Yandex ID",
                    self.oauth_yandex_client_id,
                    self.oauth_yandex_client_secret.get_secret_value(),
                    kind="yandex",
                    scope="login:email login:info",
                )
            )
        if self.oauth_vk_client_id:
            providers.append(
                OAuthProviderConfig(
                    "vk",
                    "VK ID",
                    self.oauth_vk_client_id,
                    self.oauth_vk_client_secret.get_secret_value(),
                    kind="vk",
                    scope="email",
                )
            )
        if self.oauth_oidc_client_id and self.oauth_oidc_discovery_url:
            providers.append(
                OAuthProviderConfig(
                    self.oauth_oidc_name,
                    self.oauth_oidc_title,
                    self.oauth_oidc_client_id,
                    self.oauth_oidc_client_secret.get_secret_value(),
                    discovery_url=self.oauth_oidc_discovery_url,
                    scope=self.oauth_oidc_scope,
                )
            )
        return providers


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
