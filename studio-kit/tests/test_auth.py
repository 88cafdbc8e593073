import asyncio
import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from studio_kit.auth import JWKSCache, TokenVerifier
from studio_kit.errors import Unauthorized
from studio_kit.testing import JWTSigner


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(signer: JWTSigner, **overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "iss": signer.issuer,
        "aud": signer.audience,
        "sub": str(uuid.uuid4()),
        "role": "admin",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
    }
    claims.update(overrides)
    return claims


async def _whoami(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/whoami", headers={"Authorization": f"Bearer {token}"})


class TestTokenVerification:
    async def test_valid_token_from_jwks_is_accepted(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        subject = uuid.uuid4()
        response = await _whoami(client, jwt_signer.token("teacher", subject, scopes=["a", "b"]))
        assert response.status_code == 200
        assert response.json() == {"sub": str(subject), "role": "teacher", "scopes": ["a", "b"]}

    async def test_missing_token_is_401(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/whoami")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"

    async def test_alg_none_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        token = f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': jwt_signer.kid})}.{_b64(_claims(jwt_signer))}."
        assert (await _whoami(client, token)).status_code == 401

    async def test_hs256_signed_with_the_public_key_is_rejected(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        public_pem = jwt_signer.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = _b64({"alg": "HS256", "typ": "JWT", "kid": jwt_signer.kid})
        payload = _b64(_claims(jwt_signer))
        import hashlib
        import hmac

        signature = (
            base64.urlsafe_b64encode(hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest())
            .rstrip(b"=")
            .decode()
        )
        assert (await _whoami(client, f"{header}.{payload}.{signature}")).status_code == 401

    async def test_expired_token_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        token = jwt_signer.token("admin", expires_in=timedelta(minutes=-5))
        response = await _whoami(client, token)
        assert response.status_code == 401
        assert response.json()["detail"] == "Token expired."

    async def test_wrong_audience_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        assert (await _whoami(client, jwt_signer.token("admin", aud="another-system"))).status_code == 401

    async def test_wrong_issuer_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        assert (await _whoami(client, jwt_signer.token("admin", iss="https://evil.example"))).status_code == 401

    async def test_unknown_kid_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        stranger = Ed25519PrivateKey.generate()
        token = jwt.encode(_claims(jwt_signer), stranger, algorithm="EdDSA", headers={"kid": "not-in-jwks"})
        assert (await _whoami(client, token)).status_code == 401

    async def test_known_kid_with_foreign_signature_is_rejected(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        stranger = Ed25519PrivateKey.generate()
        token = jwt.encode(_claims(jwt_signer), stranger, algorithm="EdDSA", headers={"kid": jwt_signer.kid})
        assert (await _whoami(client, token)).status_code == 401

    async def test_tampered_role_is_rejected(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        header, _, signature = jwt_signer.token("student").split(".")
        forged = _b64(_claims(jwt_signer, role="admin"))
        assert (await _whoami(client, f"{header}.{forged}.{signature}")).status_code == 401


class TestKeyRotation:
    async def test_unknown_kid_refreshes_the_jwks_once(self, app: Any, jwt_signer: JWTSigner) -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await _whoami(client, jwt_signer.token("admin"))).status_code == 200
            jwks = app.state.token_verifier.jwks
            fetches = jwks.fetch_count
            jwks._min_refresh_interval = 0  # the rotation happens "later"
            # auth-service rotates: a second key appears in the JWKS next to the old one.
            new_signer = JWTSigner()
            jwt_signer._jwks = {"keys": [jwt_signer.public_jwk(), new_signer.public_jwk()]}
            try:
                assert (await _whoami(client, new_signer.token("admin"))).status_code == 200
                assert jwks.fetch_count == fetches + 1
                # Old tokens stay valid until they expire; no refetch needed for a known kid.
                assert (await _whoami(client, jwt_signer.token("admin"))).status_code == 200
                assert jwks.fetch_count == fetches + 1
            finally:
                jwt_signer._jwks = {"keys": [jwt_signer.public_jwk()]}


class TestRoles:
    async def test_require_roles(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        assert (await client.get("/admin-only", headers=jwt_signer.headers("admin"))).status_code == 200
        response = await client.get("/admin-only", headers=jwt_signer.headers("student"))
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"


class TestStaleIfError:
    async def test_keys_outlive_an_auth_outage_within_the_stale_limit(self) -> None:
        signer = JWTSigner()
        signer.start()
        jwks = JWKSCache(signer.jwks_url, ttl=0.2, min_refresh_interval=0.1, max_stale=2.0)
        verifier = TokenVerifier(jwks, issuer=signer.issuer, audience=signer.audience)
        subject = uuid.uuid4()
        assert (await verifier.verify(signer.token("admin", subject))).subject == str(subject)
        signer.stop()  # auth-service goes down; the cached keys expire while it is down
        await asyncio.sleep(0.3)
        # Still verified with the keys held, and a failed refresh is not retried on every request.
        for _ in range(3):
            assert (await verifier.verify(signer.token("admin", subject))).subject == str(subject)
        assert jwks.fetch_count == 1
        # Past the stale-if-error limit the keys are no longer trusted.
        await asyncio.sleep(2.1)
        with pytest.raises(Unauthorized):
            await verifier.verify(signer.token("admin", subject))

    async def test_without_keys_ever_fetched_an_outage_is_401(self) -> None:
        signer = JWTSigner()
        signer.start()
        url = signer.jwks_url
        signer.stop()
        verifier = TokenVerifier(JWKSCache(url), issuer=signer.issuer, audience=signer.audience)
        with pytest.raises(Unauthorized):
            await verifier.verify(signer.token("admin"))


class TestVerifiedTokenCache:
    """A verified token is remembered, but never past what a fresh check would accept."""

    async def test_a_remembered_token_still_expires(self) -> None:
        signer = JWTSigner()
        signer.start()
        try:
            jwks = JWKSCache(signer.jwks_url)
            verifier = TokenVerifier(jwks, issuer=signer.issuer, audience=signer.audience, leeway=0)
            token = signer.token("student", expires_in=timedelta(seconds=2))  # exp is whole seconds: 1-2 s left
            assert (await verifier.verify(token)).role == "student"
            assert (await verifier.verify(token)).role == "student"
            await asyncio.sleep(2.2)
            with pytest.raises(Unauthorized) as expired:
                await verifier.verify(token)
            assert expired.value.extra.get("reason") == "expired"
        finally:
            signer.stop()

    async def test_a_remembered_token_ends_with_its_signing_key(self) -> None:
        signer = JWTSigner()
        signer.start()
        try:
            jwks = JWKSCache(signer.jwks_url, ttl=0.2, min_refresh_interval=0.1)
            verifier = TokenVerifier(jwks, issuer=signer.issuer, audience=signer.audience)
            token = signer.token("admin")
            assert (await verifier.verify(token)).role == "admin"
            # auth-service drops the key (a compromised key is withdrawn): the next refresh ends it.
            signer._jwks = {"keys": [JWTSigner().public_jwk()]}
            await asyncio.sleep(0.3)
            with pytest.raises(Unauthorized):
                await verifier.verify(token)
        finally:
            signer.stop()

    async def test_the_cache_is_bounded(self) -> None:
        signer = JWTSigner()
        signer.start()
        try:
            verifier = TokenVerifier(
                JWKSCache(signer.jwks_url), issuer=signer.issuer, audience=signer.audience, cache_size=2
            )
            tokens = [signer.token("student") for _ in range(3)]
            for token in tokens:
                await verifier.verify(token)
            assert len(verifier._verified) == 2
            assert tokens[0] not in verifier._verified
        finally:
            signer.stop()
