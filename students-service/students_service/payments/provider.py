"""The payment-provider adapter: YooKassa API v3 (create a payment, read it back).

Only this module speaks the provider's wire format; the rest of the domain sees
`ProviderPayment`. Amounts cross the wire as decimal strings in major units ("1500.00")."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

import httpx

from .errors import PaymentProviderUnavailable

# Statuses the provider reports; only the last two are final.
PROVIDER_STATUSES = ("pending", "waiting_for_capture", "succeeded", "canceled")


@dataclass(frozen=True)
class ReceiptItem:
    description: str
    amount_minor: int
    vat_code: int


@dataclass(frozen=True)
class PaymentRequest:
    """What the studio asks the provider to collect, with the 54-ФЗ receipt."""

    idempotence_key: str
    amount_minor: int
    currency: str
    description: str
    return_url: str
    items: list[ReceiptItem]
    customer_email: str | None
    customer_phone: str | None
    metadata: dict[str, str]


@dataclass(frozen=True)
class ProviderPayment:
    id: str
    status: str
    amount_minor: int
    currency: str
    confirmation_url: str | None
    metadata: dict[str, str]


class PaymentProvider(Protocol):
    name: str

    async def create_payment(self, request: PaymentRequest) -> ProviderPayment: ...

    async def get_payment(self, payment_id: str) -> ProviderPayment | None: ...


def to_major(amount_minor: int) -> str:
    return f"{Decimal(amount_minor) / 100:.2f}"


def to_minor(value: str) -> int:
    return int((Decimal(value) * 100).to_integral_exact())


def _money(amount_minor: int, currency: str) -> dict[str, str]:
    return {"value": to_major(amount_minor), "currency": currency}


class YooKassaProvider:
    """YooKassa API v3 over HTTP Basic (shop id, secret key)."""

    def __init__(self, name: str, base_url: str, shop_id: str, secret_key: str, timeout: float) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.auth = httpx.BasicAuth(shop_id, secret_key)
        self.timeout = timeout

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            async with httpx.AsyncClient(base_url=self.base_url, auth=self.auth, timeout=self.timeout) as client:
                response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise PaymentProviderUnavailable(f"The payment provider did not answer: {type(exc).__name__}.") from exc
        if response.status_code >= 500 or response.status_code in (401, 403, 429):
            raise PaymentProviderUnavailable(f"The payment provider answered {response.status_code}.")
        return response

    async def create_payment(self, request: PaymentRequest) -> ProviderPayment:
        customer = {"email": request.customer_email} if request.customer_email else {"phone": request.customer_phone}
        body = {
            "amount": _money(request.amount_minor, request.currency),
            "capture": True,
            "confirmation": {"type": "redirect", "return_url": request.return_url},
            "description": request.description[:128],
            "metadata": request.metadata,
            "receipt": {
                "customer": customer,
                "items": [
                    {
                        "description": item.description[:128],
                        "quantity": "1.00",
                        "amount": _money(item.amount_minor, request.currency),
                        "vat_code": item.vat_code,
                        "payment_subject": "service",
                        "payment_mode": "full_payment",
                    }
                    for item in request.items
                ],
            },
        }
        response = await self._request(
            "POST", "/v3/payments", json=body, headers={"Idempotence-Key": request.idempotence_key}
        )
        if response.status_code != 200:
            raise PaymentProviderUnavailable(f"The payment provider refused the payment: {response.text[:300]}")
        return _parse(response.json())

    async def get_payment(self, payment_id: str) -> ProviderPayment | None:
        # An id that is not a UUID cannot be the provider's: do not even ask.
        try:
            uuid.UUID(payment_id)
        except ValueError:
            return None
        response = await self._request("GET", f"/v3/payments/{payment_id}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise PaymentProviderUnavailable(f"The payment provider answered {response.status_code}.")
        return _parse(response.json())


def _parse(body: dict[str, Any]) -> ProviderPayment:
    status = str(body["status"])
    if status not in PROVIDER_STATUSES:
        raise PaymentProviderUnavailable(f"Unknown payment status {status!r}.")
    confirmation = body.get("confirmation") or {}
    return ProviderPayment(
        id=str(body["id"]),
        status=status,
        amount_minor=to_minor(str(body["amount"]["value"])),
        currency=str(body["amount"]["currency"]),
        confirmation_url=confirmation.get("confirmation_url"),
        metadata={str(key): str(value) for key, value in (body.get("metadata") or {}).items()},
    )
