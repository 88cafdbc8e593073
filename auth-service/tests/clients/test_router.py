import httpx
import jwt
from asgi_lifespan import LifespanManager

from studio_kit.app import create_app as create_kit_app
from studio_kit.config import ServiceSettings
from studio_kit.http import ServiceTokenProvider

BOT_SECRET = "bot-secret-0123456789abcdef"


async def request_token(client: httpx.AsyncClient, *, auth=("tg-bot-service", BOT_SECRET), **form) -> httpx.Response:
    return await client.post("/oauth/token", data={"grant_type": "client_credentials", **form}, auth=auth)


class TestClientCredentials:
    async def test_service_gets_a_token_with_every_allowed_scope(self, client):
        response = await request_token(client)

        assert response.status_code == 200
        body = response.json()
        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 900
        assert response.headers["cache-control"] == "no-store"
        claims = jwt.decode(body["access_token"], options={"verify_signature": False})
        assert claims["sub"] == "service:tg-bot-service"
        assert claims["role"] == "service"
        assert set(claims["scope"].split()) == {"auth:telegram-link", "auth:read"}
        assert claims["aud"] == "studio"
        assert claims["iss"] == "studio-auth"

    async def test_a_narrower_scope_can_be_requested(self, client):
        body = (await request_token(client, scope="auth:read")).json()
        assert jwt.decode(body["access_token"], options={"verify_signature": False})["scope"] == "auth:read"
        assert body["scope"] == "auth:read"

    async def test_a_scope_outside_the_clients_allowance_is_refused(self, client):
        response = await request_token(client, scope="auth:read auth:users:write")
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_scope"

    async def test_wrong_secret_and_unknown_client_are_refused(self, client):
        wrong = await request_token(client, auth=("tg-bot-service", "not-the-secret"))
        unknown = await request_token(client, auth=("nobody", BOT_SECRET))
        anonymous = await client.post("/oauth/token", data={"grant_type": "client_credentials"})

        assert wrong.status_code == unknown.status_code == anonymous.status_code == 401
        assert wrong.json()["code"] == "invalid_client"

    async def test_other_grants_are_not_supported(self, client):
        response = await request_token(client, grant_type="password")
        assert response.status_code == 400
        assert response.json()["code"] == "unsupported_grant_type"

    async def test_the_service_token_opens_internal_endpoints(self, client, make_user):
        await make_user("anna@example.com", telegram_id=5)
        token = (await request_token(client, scope="auth:read")).json()["access_token"]

        response = await client.get("/internal/users/by-telegram/5", headers={"Authorization": f"Bearer {token}"})

        assert response.status_code == 200
        assert response.json()["email"] == "anna@example.com"

    async def test_the_kits_token_provider_works_against_the_real_endpoint(self, app, live_url, make_settings):
        settings = make_settings(
            ServiceSettings,
            database=None,
            redis_db=0,
            redis_url=None,
            rabbitmq_url=None,
            service_name="tg-bot-service",
            auth_jwks_url=f"{live_url}/.well-known/jwks.json",
        )
        provider = ServiceTokenProvider(f"{live_url}/oauth/token", "tg-bot-service", BOT_SECRET, scope="auth:read")
        try:
            token = await provider.token()
        finally:
            await provider.aclose()
        other = create_kit_app(settings, title="tg-bot-service")
        async with LifespanManager(other):
            principal = await other.state.token_verifier.verify(token)

        assert principal.subject == "service:tg-bot-service"
        assert principal.is_service
        assert principal.has_scope("auth:read")
