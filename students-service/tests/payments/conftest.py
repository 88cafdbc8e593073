"""The payment provider, faked on loopback by the same server `make up` runs for its demo."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from studio_kit.testing import run_server

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "fake_payment_provider.py"
SHOP_ID = "test-shop"
SECRET_KEY = "test-secret-key-0123456789"


def _load_fake() -> Any:
    spec = importlib.util.spec_from_file_location("fake_payment_provider", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FAKE = _load_fake()


@pytest.fixture
async def provider(app: FastAPI) -> AsyncIterator[Any]:
    """A running fake provider, and the app configured to use it."""
    fake = FAKE.FakePaymentProvider(SHOP_ID, SECRET_KEY)
    async with run_server(fake.app(), lifespan=False) as url:  # type: ignore[arg-type]
        fake.url = url
        original = app.state.settings
        app.state.settings = original.model_copy(
            update={
                "students_payments_api_url": url,
                "students_payments_shop_id": SHOP_ID,
                "students_payments_secret_key": SecretStr(SECRET_KEY),
            }
        )
        try:
            yield fake
        finally:
            app.state.settings = original
