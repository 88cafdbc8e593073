import os

import httpx
import jwt
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key
from fastapi import APIRouter

from studio_kit.app import create_app as create_kit_app
from studio_kit.auth import CurrentUser
from studio_kit.config import ServiceSettings


def write_key(directory, name: str, *, mtime: float, rsa: bool = False) -> None:
    key = generate_private_key(public_exponent=65537, key_size=2048) if rsa else Ed25519PrivateKey.generate()
    path = directory / f"{name}.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    os.utime(path, (mtime, mtime))


async def login(client: httpx.AsyncClient, password: str) -> dict:
    response = await client.post("/auth/login", json={"email": "anna@example.com", "password": password})
    assert response.status_code == 200, response.text
    return response.json()


class TestJWKS:
    async def test_jwks_publishes_the_signing_key(self, client):
        response = await client.get("/.well-known/jwks.json")

        keys = response.json()["keys"]
        assert len(keys) == 1
        assert keys[0]["kty"] == "OKP"
        assert keys[0]["crv"] == "Ed25519"
        assert keys[0]["use"] == "sig"
        assert keys[0]["alg"] == "EdDSA"
        assert keys[0]["kid"]
        assert "d" not in keys[0], "the private part must never leave the service"

    async def test_another_service_accepts_auth_tokens_through_jwks_alone(
        self, app, live_url, make_user, make_settings, password
    ):
        user = await make_user("anna@example.com", role="teacher")
        async with httpx.AsyncClient(base_url=live_url) as http:
            issued = await login(http, password)

        # A separate service built from the kit: it knows only auth-service's JWKS URL.
        router = APIRouter()

        @router.get("/whoami")
        async def whoami(principal: CurrentUser) -> dict[str, str]:
            return {"sub": principal.subject, "role": principal.role}

        settings = make_settings(
            ServiceSettings,
            database=None,
            redis_db=0,
            redis_url=None,
            rabbitmq_url=None,
            service_name="another-service",
            auth_jwks_url=f"{live_url}/.well-known/jwks.json",
        )
        other = create_kit_app(settings, title="another-service", routers=[router])
        async with LifespanManager(other):
            transport = httpx.ASGITransport(app=other)
            async with httpx.AsyncClient(transport=transport, base_url="http://other") as client:
                accepted = await client.get("/whoami", headers={"Authorization": f"Bearer {issued['access_token']}"})
                forged_key = Ed25519PrivateKey.generate()
                kid = jwt.get_unverified_header(issued["access_token"])["kid"]
                claims = jwt.decode(issued["access_token"], options={"verify_signature": False})
                forged = jwt.encode({**claims, "role": "admin"}, forged_key, algorithm="EdDSA", headers={"kid": kid})
                refused = await client.get("/whoami", headers={"Authorization": f"Bearer {forged}"})

        assert accepted.status_code == 200
        assert accepted.json() == {"sub": str(user.id), "role": "teacher"}
        assert refused.status_code == 401


class TestKeyRotation:
    async def test_a_new_key_signs_while_tokens_of_the_old_one_stay_valid(
        self, app_factory, client_for, user_factory_for, tmp_path, password
    ):
        write_key(tmp_path, "2026-01", mtime=1_700_000_000)
        async with app_factory(jwt_keys_dir=tmp_path) as first, client_for(first) as client:
            await user_factory_for(first)("anna@example.com")
            old = await login(client, password)
        old_kid = jwt.get_unverified_header(old["access_token"])["kid"]

        write_key(tmp_path, "2026-02", mtime=1_800_000_000)
        async with app_factory(fresh=False, jwt_keys_dir=tmp_path) as restarted, client_for(restarted) as client:
            kids = [key["kid"] for key in (await client.get("/.well-known/jwks.json")).json()["keys"]]
            new = await login(client, password)
            old_still_valid = await client.get("/users/me", headers={"Authorization": f"Bearer {old['access_token']}"})
        new_kid = jwt.get_unverified_header(new["access_token"])["kid"]

        assert len(kids) == 2
        assert old_kid in kids
        assert new_kid in kids
        assert new_kid != old_kid
        assert old_still_valid.status_code == 200

    async def test_rsa_keys_sign_rs256(self, app_factory, client_for, user_factory_for, tmp_path, password):
        write_key(tmp_path, "rsa", mtime=1_700_000_000, rsa=True)
        async with app_factory(jwt_keys_dir=tmp_path) as application, client_for(application) as client:
            await user_factory_for(application)("anna@example.com")
            jwks = (await client.get("/.well-known/jwks.json")).json()
            token = (await login(client, password))["access_token"]
            me = await client.get("/users/me", headers={"Authorization": f"Bearer {token}"})

        assert [key["alg"] for key in jwks["keys"]] == ["RS256"]
        assert jwt.get_unverified_header(token)["alg"] == "RS256"
        assert me.status_code == 200

    async def test_dev_generates_a_key_into_an_empty_directory(self, app_factory, client_for, tmp_path):
        keys_dir = tmp_path / "keys"
        async with app_factory(jwt_keys_dir=keys_dir) as application, client_for(application) as client:
            kid = (await client.get("/.well-known/jwks.json")).json()["keys"][0]["kid"]
        written = list(keys_dir.glob("*.pem"))
        assert len(written) == 1
        assert oct(written[0].stat().st_mode & 0o777) == "0o600"
        # The same file gives the same kid after a restart.
        async with app_factory(fresh=False, jwt_keys_dir=keys_dir) as application, client_for(application) as client:
            assert (await client.get("/.well-known/jwks.json")).json()["keys"][0]["kid"] == kid
