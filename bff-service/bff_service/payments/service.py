"""Catalogue and online payments: pass-through to students-service, which owns packages, the
ledger and the provider adapter. The webhook is relayed with the BFF's own service token."""

from __future__ import annotations

from typing import Any

from ..downstream import Caller


async def list_templates(caller: Caller, include_archived: bool) -> list[dict[str, Any]]:
    params = {"include_archived": "true"} if include_archived else None
    templates: list[dict[str, Any]] = await caller.get("students", "/package-templates", params=params)
    return templates


async def create_template(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    template: dict[str, Any] = await caller.post("students", "/package-templates", json=data)
    return template


async def update_template(caller: Caller, template_id: str, data: dict[str, Any]) -> dict[str, Any]:
    template: dict[str, Any] = await caller.patch("students", f"/package-templates/{template_id}", json=data)
    return template


async def _keyed_post(
    caller: Caller, path: str, body: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    result, replayed = await caller.send_once("students", path, json=body, idempotency_key=idempotency_key)
    return result, replayed


async def sell_template(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    """The package, its purchase and the payment at the desk, once per key. Returns (package, replayed)."""
    return await _keyed_post(caller, f"/students/{student_id}/template-sales", data, idempotency_key)


async def start_checkout(caller: Caller, template_id: str, idempotency_key: str | None) -> tuple[dict[str, Any], bool]:
    """The student's payment at the provider; they come back to the web app's return page."""
    body = {
        "template_id": template_id,
        "return_url": f"{caller.settings.public_url.rstrip('/')}/student/payments/return",
    }
    return await _keyed_post(caller, f"/students/{caller.user_id}/checkout", body, idempotency_key)


async def get_payment(caller: Caller, payment_id: str) -> dict[str, Any]:
    payment: dict[str, Any] = await caller.get("students", f"/students/{caller.user_id}/online-payments/{payment_id}")
    return payment


async def relay_notification(caller: Caller, provider: str, body: Any) -> dict[str, Any]:
    outcome: dict[str, Any] = await caller.post(
        "students", f"/payments/webhooks/{provider}", json=body, as_service=True
    )
    return outcome
