"""SSO against a real, certified OpenID provider (node-oidc-provider 9, tests/oidc) on loopback:
authorization code + PKCE, its own login and consent, its JWKS, its RFC 9207 `iss` parameter."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from oidc_harness import CLIENT_ID, CLIENT_SECRET, OIDCHarness, callback_params, running_oidc_provider
from sqlalchemy import func, select

from auth_service.users.models import User

REDIRECT_URI = "http://localhost:8080/api/auth/oauth/real-idp/callback"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
async def provider() -> AsyncIterator[OIDCHarness]:
    async with running_oidc_provider([REDIRECT_URI]) as harness:
        yield harness


@pytest.fixture
async def idp(provider: OIDCHarness) -> OIDCHarness:
    await provider.issue_for_another_client(False)
    await provider.set_account(sub="victim-sub", email="victim@example.com", email_verified=True)
    return provider


@pytest.fixture
def real_settings(idp: OIDCHarness) -> dict[str, Any]:
    return {
        "oauth_oidc_name": "real-idp",
        "oauth_oidc_title": "Real IdP",
        "oauth_oidc_discovery_url": idp.discovery_url,
        "oauth_oidc_client_id": CLIENT_ID,
        "oauth_oidc_client_secret": CLIENT_SECRET,
    }


async def sso(client: httpx.AsyncClient, idp: OIDCHarness, *, tamper: dict[str, str | None] | None = None):
    """Start at auth-service, sign in at the provider, hand the answer back to auth-service."""
    start = await client.get("/auth/oauth/real-idp/authorize", params={"redirect_uri": REDIRECT_URI})
    assert start.status_code == 302, start.text
    assert start.headers["location"].startswith(idp.url)
    params = callback_params(await idp.sign_in(start.headers["location"]))
    for key, value in (tamper or {}).items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return await client.get("/auth/oauth/real-idp/callback", params=params)


async def count_users(application) -> int:
    async with application.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)))


class TestRealProvider:
    async def test_login_with_pkce_creates_a_verified_student(self, app_factory, client_for, real_settings, idp):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            response = await sso(client, idp)
        assert response.status_code == 200, response.text
        assert response.json()["user"]["email"] == "victim@example.com"
        assert response.json()["user"]["email_verified"] is True
        # The provider advertises RFC 9207 and sent `iss`: the check above ran on a real answer.
        discovery = httpx.get(idp.discovery_url).json()
        assert discovery["authorization_response_iss_parameter_supported"] is True

    async def test_pre_registration_takeover_leaves_the_attacker_nothing(
        self, app_factory, client_for, real_settings, idp
    ):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            # The attacker registers the victim's address with their own password and stays signed in.
            registered = await client.post(
                "/auth/register",
                json={"email": "victim@example.com", "password": PASSWORD, "first_name": "Not", "last_name": "Vera"},
            )
            assert registered.status_code == 201, registered.text
            attacker = registered.json()
            # The victim signs in through the provider, which vouches for the mailbox.
            victim = await sso(client, idp)
            assert victim.status_code == 200, victim.text
            login = await client.post("/auth/login", json={"email": "victim@example.com", "password": PASSWORD})
            refresh = await client.post("/auth/refresh", json={"refresh_token": attacker["refresh_token"]})
            attackers_me = await client.get(
                "/users/me", headers={"Authorization": f"Bearer {attacker['access_token']}"}
            )
            victims_me = await client.get(
                "/users/me", headers={"Authorization": f"Bearer {victim.json()['access_token']}"}
            )
        assert victim.json()["user"]["id"] == attacker["user"]["id"]
        assert victim.json()["user"]["email_verified"] is True
        assert login.status_code == 401
        assert refresh.status_code == 401
        assert attackers_me.status_code == 401
        assert victims_me.status_code == 200

    async def test_an_unverified_email_at_the_provider_takes_nothing_over(
        self, app_factory, client_for, user_factory_for, real_settings, idp
    ):
        await idp.set_account(email_verified=False)
        async with app_factory(**real_settings) as application, client_for(application) as client:
            await user_factory_for(application)("victim@example.com", role="admin")
            response = await sso(client, idp)
        assert response.status_code == 401
        assert response.json()["code"] == "oauth_email_unverified"

    async def test_an_id_token_for_another_client_is_refused(self, app_factory, client_for, real_settings, idp):
        await idp.issue_for_another_client(True)
        async with app_factory(**real_settings) as application, client_for(application) as client:
            response = await sso(client, idp)
            users = await count_users(application)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "oauth_failed"
        assert users == 0

    @pytest.mark.parametrize("iss", ["https://evil.example", None])
    async def test_a_wrong_or_missing_iss_parameter_is_refused(self, app_factory, client_for, real_settings, idp, iss):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            response = await sso(client, idp, tamper={"iss": iss})
            users = await count_users(application)
        assert response.status_code == 401
        assert response.json()["code"] == "oauth_failed"
        assert users == 0

    async def test_a_key_rotated_under_the_same_kid_costs_one_refetch(
        self, app_factory, client_for, real_settings, idp
    ):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            first = await sso(client, idp)
            before = (await idp.stats())["jwks_requests"]
            await idp.rotate_key()
            second = await sso(client, idp)
            third = await sso(client, idp)
            after = (await idp.stats())["jwks_requests"]
        assert first.status_code == 200, first.text
        assert second.status_code == 200, second.text
        assert third.status_code == 200, third.text
        assert after - before == 1

    async def test_forged_signatures_do_not_make_us_hammer_the_provider(
        self, app_factory, client_for, real_settings, idp
    ):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            assert (await sso(client, idp)).status_code == 200
            await idp.rotate_key()
            assert (await sso(client, idp)).status_code == 200
            before = (await idp.stats())["jwks_requests"]
            # Within the re-fetch interval a second rotation is not chased: the login fails cleanly.
            await idp.rotate_key()
            refused = await sso(client, idp)
            after = (await idp.stats())["jwks_requests"]
        assert refused.status_code == 401
        assert refused.json()["code"] == "oauth_failed"
        assert after == before

    async def test_a_provider_that_is_down_is_a_clear_problem(self, app_factory, client_for, real_settings, idp):
        async with app_factory(**real_settings) as application, client_for(application) as client, idp.stopped():
            start = await client.get("/auth/oauth/real-idp/authorize", params={"redirect_uri": REDIRECT_URI})
        assert start.status_code == 503
        assert start.headers["content-type"] == "application/problem+json"
        assert start.json()["code"] == "oauth_provider_unavailable"

    async def test_a_provider_that_went_down_after_an_earlier_login_is_not_a_dead_host(
        self, app_factory, client_for, real_settings, idp
    ):
        settings = {**real_settings, "oauth_metadata_max_age_seconds": 0}
        async with app_factory(**settings) as application, client_for(application) as client:
            assert (await sso(client, idp)).status_code == 200
            async with idp.stopped():
                start = await client.get("/auth/oauth/real-idp/authorize", params={"redirect_uri": REDIRECT_URI})
        # Not a redirect to the provider's address, where nobody answers.
        assert start.status_code == 503
        assert start.json()["code"] == "oauth_provider_unavailable"

    async def test_a_provider_that_goes_down_before_the_code_is_redeemed(
        self, app_factory, client_for, real_settings, idp
    ):
        async with app_factory(**real_settings) as application, client_for(application) as client:
            start = await client.get("/auth/oauth/real-idp/authorize", params={"redirect_uri": REDIRECT_URI})
            params = callback_params(await idp.sign_in(start.headers["location"]))
            async with idp.stopped():
                response = await client.get("/auth/oauth/real-idp/callback", params=params)
        assert response.status_code == 503
        assert response.json()["code"] == "oauth_provider_unavailable"
