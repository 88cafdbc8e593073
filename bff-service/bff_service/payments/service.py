"""Catalogue and online payments: pass-through to students-service, which owns packages, the
ledger and the provider adapter. The webhook is relayed with the BFF's own service token."""

from __future__ import annotations

from typing import Any

from ..clients.students import StudentsClient
from ..downstream import Caller
from ..schemas import LessonPackage
from .schemas import Checkout, OnlinePayment, PackageTemplate, WebhookOutcome


async def list_templates(caller: Caller, include_archived: bool) -> list[PackageTemplate]:
    return await StudentsClient(caller).package_templates(include_archived=include_archived)


async def create_template(caller: Caller, data: dict[str, Any]) -> PackageTemplate:
    return await StudentsClient(caller).create_template(data)


async def update_template(caller: Caller, template_id: str, data: dict[str, Any]) -> PackageTemplate:
    return await StudentsClient(caller).update_template(template_id, data)


async def sell_template(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[LessonPackage, bool]:
    """The package, its purchase and the payment at the desk, once per key. Returns (package, replayed)."""
    return await StudentsClient(caller).sell_template(student_id, data, idempotency_key=idempotency_key)


async def start_checkout(caller: Caller, template_id: str, idempotency_key: str | None) -> tuple[Checkout, bool]:
    """The student's payment at the provider; they come back to the web app's return page."""
    body = {
        "template_id": template_id,
        "return_url": f"{caller.settings.public_url.rstrip('/')}/student/payments/return",
    }
    return await StudentsClient(caller).checkout(caller.user_id, body, idempotency_key=idempotency_key)


async def get_payment(caller: Caller, payment_id: str) -> OnlinePayment:
    return await StudentsClient(caller).online_payment(caller.user_id, payment_id)


async def relay_notification(caller: Caller, provider: str, body: Any) -> WebhookOutcome:
    return await StudentsClient(caller).relay_webhook(provider, body)
