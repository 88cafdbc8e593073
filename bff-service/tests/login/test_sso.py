"""SSO through the BFF against the real OpenID provider of tests/oidc (node-oidc-provider): what the
browser sees when the provider is down, and whose address auth-service throttles SSO starts by."""

from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI

from ..platform import Browser, Platform, unique_email


def browser_at(bff: FastAPI, address: str) -> Browser:
    """A browser whose requests reach the BFF from `address` (uvicorn's view of the client)."""
    transport = httpx.ASGITransport(app=bff, client=(address, 50000))
    return Browser(httpx.AsyncClient(transport=transport, base_url="https://testserver", timeout=30))


class TestProviderDown:
    async def test_starting_while_the_provider_is_down_lands_on_the_login_page(
        self, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        browser = new_browser()
        # An earlier login loaded the provider's metadata: the start must not trust it blindly.
        assert (await browser.get("/api/auth/oauth/test-idp/start")).status_code == 302
        async with platform.oidc.stopped():
            start = await browser.get("/api/auth/oauth/test-idp/start", params={"next": "/student"})
        assert start.status_code == 303
        assert start.headers["location"] == "/login?oauth_error=oauth_provider_unavailable"
        assert not start.headers["location"].startswith(platform.oidc.url)

    async def test_a_provider_down_at_the_callback_lands_on_the_login_page(
        self, new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        email = unique_email("oidc-down")
        await platform.oidc.set_account(sub=f"sub-{email}", email=email, email_verified=True)
        browser = new_browser()
        start = await browser.get("/api/auth/oauth/test-idp/start")
        back = urlsplit(await platform.oidc.sign_in(start.headers["location"]))
        async with platform.oidc.stopped():
            callback = await browser.get(f"{back.path}?{back.query}")
        assert callback.status_code == 303
        assert callback.headers["location"] == "/login?oauth_error=oauth_provider_unavailable"
        assert (await browser.get("/api/me")).status_code == 401


class TestStartThrottle:
    @pytest.mark.slow
    async def test_one_address_starting_too_often_does_not_lock_sso_for_everyone(
        self, bff: FastAPI, platform: Platform
    ) -> None:
        noisy, neighbour = browser_at(bff, "203.0.113.61"), browser_at(bff, "198.51.100.7")
        try:
            answers = [(await noisy.get("/api/auth/oauth/test-idp/start")) for _ in range(61)]
            other = await neighbour.get("/api/auth/oauth/test-idp/start")
        finally:
            await noisy.http.aclose()
            await neighbour.http.aclose()
        assert [answer.status_code for answer in answers[:60]] == [302] * 60
        # The 61st start from that address is refused, and sent back to the login page.
        assert answers[60].status_code == 303
        assert answers[60].headers["location"] == "/login?oauth_error=rate_limited"
        # Someone else, from another address, still gets to the provider.
        assert other.status_code == 302
        assert other.headers["location"].startswith(platform.oidc.url)
