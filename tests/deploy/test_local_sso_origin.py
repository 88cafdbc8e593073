"""Local mode: the BFF's public origin (where OAuth providers send the browser back) is one that
auth-service accepts as a redirect origin, so single sign-on starts without extra settings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_local_runner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("studio_local_runner_sso", ROOT / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("environment", [{}, {"STUDIO_PORT_OFFSET": "400"}, {"STUDIO_BIND": "0.0.0.0"}])
def test_bff_public_url_is_an_origin_auth_allows(environment: dict[str, str]) -> None:
    from auth_service.config import Settings as AuthSettings
    from bff_service.config import Settings as BffSettings

    local = load_local_runner()
    cfg = local.Config(environment)
    stored = {"telegram_webhook_secret": "x" * 24, "payments_fake_secret": "z" * 24} | {
        f"client.{s.name}": "y" * 24 for s in local.SERVICES
    }
    envs = {s.name: local.service_env(cfg, s, stored) for s in local.SERVICES}
    auth_env = {key.lower(): value for key, value in envs["auth"].items()}
    bff_env = {key.lower(): value for key, value in envs["bff"].items()}
    auth = AuthSettings(_env_file=None, **auth_env)
    bff = BffSettings(_env_file=None, **bff_env)
    assert bff.public_url.rstrip("/") in auth.allowed_redirect_origins()
