"""Run the real OpenID provider of tests/oidc/server.mjs (node-oidc-provider) on loopback and steer it.

`scripts/bootstrap.sh` installs its npm packages (tests/oidc/node_modules); without them the tests
that need it fail with that hint rather than skip."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

HARNESS_DIR = Path(__file__).resolve().parent
CLIENT_ID = "studio-web"
CLIENT_SECRET = "studio-oidc-client-secret-0123456789"
START_TIMEOUT_SECONDS = 30.0


class OIDCHarness:
    """One node process running oidc-provider; `stopped()` takes it down and brings it back on the
    same port (same issuer)."""

    def __init__(self, redirect_uris: list[str]) -> None:
        self.redirect_uris = redirect_uris
        self.url = ""
        self.port = 0
        self._process: asyncio.subprocess.Process | None = None
        self._log = Path(tempfile.mkstemp(prefix="oidc-harness-", suffix=".log")[1])

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    async def start(self) -> None:
        node = shutil.which("node")
        if node is None or not (HARNESS_DIR / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError("The OpenID provider harness is not installed: run scripts/bootstrap.sh.")
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": ",".join(self.redirect_uris),
        }
        log = self._log.open("w")
        self._process = await asyncio.create_subprocess_exec(
            node, str(HARNESS_DIR / "server.mjs"), cwd=HARNESS_DIR, env=env, stdout=log, stderr=log
        )
        log.close()
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT_SECONDS
        while asyncio.get_running_loop().time() < deadline:
            for line in self._log.read_text().splitlines():
                if line.startswith("READY "):
                    self.url = line.split(" ", 1)[1].strip()
                    self.port = int(urlsplit(self.url).port or 0)
                    return
            if self._process.returncode is not None:
                break
            await asyncio.sleep(0.05)
        raise RuntimeError(f"the OpenID provider did not start: {self._log.read_text()[-2000:]}")

    async def stop(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._process.wait(), timeout=5)
            if self._process.returncode is None:
                self._process.kill()
                await self._process.wait()
        self._process = None

    @contextlib.asynccontextmanager
    async def stopped(self) -> AsyncIterator[None]:
        """The provider is down inside the block, up again (same issuer, fresh state) after it."""
        await self.stop()
        try:
            yield
        finally:
            await self.start()

    async def _control(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=self.url, timeout=10) as http:
            response = await http.request(method, f"/_control/{path}", json=body)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    async def set_account(self, **fields: Any) -> dict[str, Any]:
        """Who signs in next: sub, email, email_verified, given_name, family_name."""
        return await self._control("POST", "account", fields)

    async def rotate_key(self) -> None:
        """A new signing key under the same key id."""
        await self._control("POST", "rotate")

    async def issue_for_another_client(self, enabled: bool = True) -> None:
        """ID tokens come re-signed for `other-app` (azp = our client id)."""
        await self._control("POST", "mode", {"foreign_audience": enabled})

    async def stats(self) -> dict[str, int]:
        return {key: int(value) for key, value in (await self._control("GET", "stats")).items()}

    async def sign_in(self, authorization_url: str) -> str:
        """A browser at the provider: follows its redirects (login and consent are automatic) and
        returns the URL the provider sends it back to, with code, state and iss."""
        async with httpx.AsyncClient(timeout=10) as browser:
            url = authorization_url
            for _ in range(10):
                response = await browser.get(url)
                location = response.headers.get("location")
                if response.status_code not in (302, 303) or not location:
                    raise AssertionError(f"the provider answered {response.status_code}: {response.text[:500]}")
                url = urljoin(url, location)
                if not url.startswith(self.url):
                    return url
        raise AssertionError("the provider kept redirecting")


def callback_params(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


@contextlib.asynccontextmanager
async def running_oidc_provider(redirect_uris: list[str]) -> AsyncIterator[OIDCHarness]:
    harness = OIDCHarness(redirect_uris)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
