from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import func, select

from auth_service.oauth.service import ProviderRegistry
from auth_service.users.models import User

REDIRECT_URI = "http://localhost:8080/oauth/callback/test-idp"
CLIENT_ID = "studio-web"
CLIENT_SECRET = "studio-oidc-client-secret"


async def start(client: httpx.AsyncClient, redirect_uri: str = REDIRECT_URI) -> httpx.Response:
    return await client.get("/auth/oauth/test-idp/authorize", params={"redirect_uri": redirect_uri})


async def browser_visits_provider(location: str) -> dict[str, str]:
    """The user's browser follows the redirect; the provider sends it back with code and state."""
    async with httpx.AsyncClient() as browser:
        response = await browser.get(location)
    assert response.status_code == 302
    back = urlsplit(response.headers["location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == REDIRECT_URI
    return {key: values[0] for key, values in parse_qs(back.query).items()}


async def count_users(application) -> int:
    async with application.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)))


class TestProviders:
    async def test_configured_providers_are_listed(self, app_factory, client_for, oauth_settings):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            response = await client.get("/auth/oauth/providers")
        assert response.json() == [{"name": "test-idp", "title": "Test IdP"}]

    async def test_no_provider_configured_means_an_empty_list(self, client):
        assert (await client.get("/auth/oauth/providers")).json() == []
        assert (await start(client)).status_code == 404


class TestOAuthLogin:
    async def test_authorize_redirects_with_pkce_state_and_nonce(self, app_factory, client_for, oauth_settings):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            response = await start(client)

        assert response.status_code == 302
        location = urlsplit(response.headers["location"])
        params = {key: values[0] for key, values in parse_qs(location.query).items()}
        assert params["code_challenge_method"] == "S256"
        assert len(params["code_challenge"]) >= 43
        assert len(params["state"]) >= 32
        assert len(params["nonce"]) >= 32
        assert params["redirect_uri"] == REDIRECT_URI
        assert "openid" in params["scope"].split()

    async def test_login_creates_a_verified_student_and_links_the_identity(
        self, app_factory, client_for, oauth_settings, fake_provider
    ):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            first = await client.get("/auth/oauth/test-idp/callback", params=callback)
            again = await browser_visits_provider((await start(client)).headers["location"])
            second = await client.get("/auth/oauth/test-idp/callback", params=again)

        assert first.status_code == 200, first.text
        user = first.json()["user"]
        assert user["email"] == "anna@example.com"
        assert user["role"] == "student"
        assert user["email_verified"] is True
        assert (user["first_name"], user["last_name"]) == ("Anna", "Petrova")
        assert first.json()["refresh_token"]
        assert second.json()["user"]["id"] == user["id"]
        # The code went back with its PKCE verifier.
        assert all(request["code_verifier"] for request in fake_provider.token_requests)

    async def test_a_verified_email_links_to_the_existing_account(
        self, app_factory, client_for, user_factory_for, oauth_settings
    ):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            existing = await user_factory_for(application)("Anna@Example.com", role="teacher")
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get("/auth/oauth/test-idp/callback", params=callback)
            users = await count_users(application)

        assert response.status_code == 200
        assert response.json()["user"]["id"] == str(existing.id)
        assert response.json()["user"]["role"] == "teacher"
        assert users == 1

    async def test_an_unverified_email_does_not_take_over_an_account(
        self, app_factory, client_for, user_factory_for, oauth_settings, fake_provider
    ):
        fake_provider.email_verified = False
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            await user_factory_for(application)("anna@example.com", role="admin")
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get("/auth/oauth/test-idp/callback", params=callback)

        assert response.status_code == 401
        assert response.json()["code"] == "oauth_email_unverified"

    async def test_an_unverified_account_claimed_by_sso_loses_the_registrants_password_and_sessions(
        self, app_factory, client_for, oauth_settings, password
    ):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            # Someone registers the victim's address with their own password, never verifying it.
            registered = await client.post(
                "/auth/register",
                json={"email": "anna@example.com", "password": password, "first_name": "Not", "last_name": "Anna"},
            )
            assert registered.status_code == 201, registered.text
            squatter = registered.json()
            # The victim signs in with a provider that vouches for the address.
            callback = await browser_visits_provider((await start(client)).headers["location"])
            victim = await client.get("/auth/oauth/test-idp/callback", params=callback)
            assert victim.status_code == 200
            assert victim.json()["user"]["id"] == squatter["user"]["id"]
            # The squatter's password and open session are gone.
            login = await client.post("/auth/login", json={"email": "anna@example.com", "password": password})
            refresh = await client.post("/auth/refresh", json={"refresh_token": squatter["refresh_token"]})
            me = await client.get("/users/me", headers={"Authorization": f"Bearer {squatter['access_token']}"})
            victims_session = await client.get(
                "/users/me", headers={"Authorization": f"Bearer {victim.json()['access_token']}"}
            )
        assert login.status_code == 401
        assert refresh.status_code == 401
        assert me.status_code == 401
        assert victims_session.status_code == 200

    @pytest.mark.parametrize(
        ("audience", "azp"),
        [
            ("another-client", None),
            ("another-client", CLIENT_ID),
            (["another-client", CLIENT_ID], "another-client"),
        ],
    )
    async def test_an_id_token_for_another_client_is_refused(
        self, app_factory, client_for, oauth_settings, fake_provider, audience, azp
    ):
        fake_provider.audience, fake_provider.azp = audience, azp
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get("/auth/oauth/test-idp/callback", params=callback)
            users = await count_users(application)
        assert response.status_code == 401
        assert response.json()["code"] == "oauth_failed"
        assert users == 0

    @pytest.mark.parametrize(("iss_param", "status"), [(None, 200), ("https://evil.example", 401), ("", 401)])
    async def test_the_rfc9207_issuer_parameter_is_checked_when_the_provider_advertises_it(
        self, app_factory, client_for, oauth_settings, fake_provider, iss_param, status
    ):
        fake_provider.iss_supported, fake_provider.iss_param = True, iss_param
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get("/auth/oauth/test-idp/callback", params=callback)
        assert response.status_code == status, response.text
        if status == 401:
            assert response.json()["code"] == "oauth_failed"

    async def test_a_forged_state_is_refused(self, app_factory, client_for, oauth_settings):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get(
                "/auth/oauth/test-idp/callback", params={"code": callback["code"], "state": "attacker-chosen-state"}
            )
            users = await count_users(application)

        assert response.status_code == 401
        assert response.json()["code"] == "oauth_state_invalid"
        assert users == 0

    async def test_a_state_is_redeemed_only_once(self, app_factory, client_for, oauth_settings):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            first = await client.get("/auth/oauth/test-idp/callback", params=callback)
            replay = await client.get("/auth/oauth/test-idp/callback", params=callback)

        assert first.status_code == 200
        assert replay.status_code == 401
        assert replay.json()["code"] == "oauth_state_invalid"

    async def test_an_id_token_with_the_wrong_nonce_is_refused(
        self, app_factory, client_for, oauth_settings, fake_provider
    ):
        fake_provider.nonce_override = "nonce-from-another-login"
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            callback = await browser_visits_provider((await start(client)).headers["location"])
            response = await client.get("/auth/oauth/test-idp/callback", params=callback)
            users = await count_users(application)

        assert response.status_code == 401
        assert response.json()["code"] == "oauth_failed"
        assert "InvalidClaimError" in response.json()["detail"]
        assert users == 0

    async def test_a_redirect_uri_off_the_allow_list_is_refused(self, app_factory, client_for, oauth_settings):
        async with app_factory(**oauth_settings) as application, client_for(application) as client:
            response = await start(client, "https://evil.example/steal")

        assert response.status_code == 400
        assert response.json()["code"] == "oauth_redirect_uri_not_allowed"

    async def test_starting_logins_is_throttled_per_client_address(self, app_factory, client_for, oauth_settings):
        async with (
            app_factory(oauth_starts_per_window=2, **oauth_settings) as application,
            client_for(application) as client,
        ):
            statuses = [(await start(client)).status_code for _ in range(3)]

        assert statuses == [302, 302, 429]


class TestPresets:
    """Yandex ID and VK ID speak plain OAuth 2.0 plus their own userinfo APIs; the fake provider
    stands in for their endpoints."""

    @pytest.mark.parametrize("preset", ["yandex", "vk"])
    async def test_preset_login_reads_the_userinfo_api(self, app_factory, client_for, fake_provider, preset):
        credentials = {f"oauth_{preset}_client_id": CLIENT_ID, f"oauth_{preset}_client_secret": CLIENT_SECRET}
        async with app_factory(**credentials) as application, client_for(application) as client:
            application.state.oauth_registry = ProviderRegistry(
                application.state.settings, endpoints=fake_provider.preset_endpoints()
            )
            started = await client.get(f"/auth/oauth/{preset}/authorize", params={"redirect_uri": REDIRECT_URI})
            params = {key: values[0] for key, values in parse_qs(urlsplit(started.headers["location"]).query).items()}
            callback = await browser_visits_provider(started.headers["location"])
            response = await client.get(f"/auth/oauth/{preset}/callback", params={**callback, "device_id": "dev-1"})

        assert params["code_challenge_method"] == "S256"
        assert "nonce" not in params
        assert response.status_code == 200, response.text
        assert response.json()["user"]["email"] == "anna@example.com"
        assert response.json()["user"]["email_verified"] is True
        [token_request] = fake_provider.token_requests
        if preset == "vk":
            # VK ID wants the device id from the callback and the state again.
            assert token_request["device_id"] == "dev-1"
            assert token_request["state"] == callback["state"]
        else:
            assert "device_id" not in token_request
