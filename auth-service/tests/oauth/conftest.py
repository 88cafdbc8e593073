"""A small OpenID Connect provider on loopback: discovery, authorize, token (PKCE enforced),
JWKS and userinfo. Tests steer what it says about the user and whether it misbehaves."""

import base64
import hashlib
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from studio_kit.testing.helpers import run_server

CLIENT_ID = "studio-web"
CLIENT_SECRET = "studio-oidc-client-secret"
KEY = generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class FakeProvider:
    url: str = ""
    subject: str = "idp-user-1"
    email: str = "anna@example.com"
    email_verified: bool = True
    # Set to make the ID token carry a nonce other than the one the client sent.
    nonce_override: str | None = None
    # Set to issue the ID token to another audience (and authorized party).
    audience: str | list[str] = CLIENT_ID
    azp: str | None = None
    # RFC 9207: advertise the `iss` authorization response parameter, and what to send in it
    # ("" sends none; None sends the real issuer).
    iss_supported: bool = False
    iss_param: str | None = None
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    access_tokens: set[str] = field(default_factory=set)

    def preset_endpoints(self) -> dict[str, dict[str, str]]:
        """Where the Yandex ID and VK ID presets point when this server stands in for them."""
        common = {"authorize_url": f"{self.url}/authorize", "access_token_url": f"{self.url}/token"}
        return {
            "yandex": {**common, "userinfo_endpoint": f"{self.url}/yandex/info"},
            "vk": {**common, "userinfo_endpoint": f"{self.url}/vk/user_info"},
        }

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            **({"authorization_response_iss_parameter_supported": True} if self.iss_supported else {}),
        }

    def app(self) -> Starlette:
        async def discovery(request: Request) -> Response:
            return JSONResponse(self.discovery())

        async def authorize(request: Request) -> Response:
            params = request.query_params
            assert params["client_id"] == CLIENT_ID
            assert params["response_type"] == "code"
            code = secrets.token_urlsafe(16)
            self.codes[code] = dict(params)
            answer = {"code": code, "state": params["state"]}
            if self.iss_supported and self.iss_param != "":
                answer["iss"] = self.url if self.iss_param is None else self.iss_param
            query = urlencode(answer)
            return RedirectResponse(f"{params['redirect_uri']}?{query}", status_code=302)

        async def token(request: Request) -> Response:
            form = dict(await request.form())
            self.token_requests.append(form)
            scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
            if scheme != "Basic" or base64.b64decode(credentials).decode() != f"{CLIENT_ID}:{CLIENT_SECRET}":
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            issued = self.codes.pop(form.get("code", ""), None)
            if issued is None or issued["redirect_uri"] != form.get("redirect_uri"):
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if issued.get("code_challenge_method") != "S256" or challenge != issued.get("code_challenge"):
                return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, status_code=400)
            now = int(time.time())
            claims = {
                "iss": self.url,
                "sub": self.subject,
                "aud": self.audience,
                **({"azp": self.azp} if self.azp else {}),
                "iat": now,
                "exp": now + 300,
                "nonce": self.nonce_override or issued.get("nonce"),
                "email": self.email,
                "email_verified": self.email_verified,
                "given_name": "Anna",
                "family_name": "Petrova",
            }
            id_token = jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": "fake-1"})
            access_token = secrets.token_urlsafe(16)
            self.access_tokens.add(access_token)
            return JSONResponse(
                {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
            )

        async def yandex_info(request: Request) -> Response:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme != "OAuth" or token not in self.access_tokens:
                return JSONResponse({"error": "unauthorized"}, status_code=401)
            return JSONResponse(
                {"id": self.subject, "default_email": self.email, "first_name": "Anna", "last_name": "Petrova"}
            )

        async def vk_user_info(request: Request) -> Response:
            form = await request.form()
            if form.get("client_id") != CLIENT_ID or form.get("access_token") not in self.access_tokens:
                return JSONResponse({"error": "invalid_token"}, status_code=401)
            return JSONResponse(
                {"user": {"user_id": self.subject, "email": self.email, "first_name": "Anna", "last_name": "Petrova"}}
            )

        async def jwks(request: Request) -> Response:
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
            return JSONResponse({"keys": [{**public, "kid": "fake-1", "use": "sig", "alg": "RS256"}]})

        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", discovery),
                Route("/authorize", authorize),
                Route("/token", token, methods=["POST"]),
                Route("/jwks", jwks),
                Route("/yandex/info", yandex_info),
                Route("/vk/user_info", vk_user_info, methods=["POST"]),
            ]
        )


@pytest.fixture
async def fake_provider() -> AsyncIterator[FakeProvider]:
    provider = FakeProvider()
    async with run_server(provider.app()) as url:
        provider.url = url
        yield provider


@pytest.fixture
def oauth_settings(fake_provider: FakeProvider) -> dict[str, Any]:
    return {
        "oauth_oidc_name": "test-idp",
        "oauth_oidc_title": "Test IdP",
        "oauth_oidc_discovery_url": f"{fake_provider.url}/.well-known/openid-configuration",
        "oauth_oidc_client_id": CLIENT_ID,
        "oauth_oidc_client_secret": CLIENT_SECRET,
    }
