"""A payment provider on loopback that speaks the part of YooKassa's API v3 the studio uses.

For tests and for `make up`'s demo (no internet, no real money): `POST /v3/payments` (HTTP Basic
shop id and secret key, `Idempotence-Key`, a 54-ФЗ receipt required), `GET /v3/payments/{id}`,
and a "pay" page at the confirmation URL whose buttons settle the payment, send the notification
to the studio's webhook like the provider does, and send the browser back to the `return_url`.

    python scripts/fake_payment_provider.py --port 8090 --shop-id demo --secret-key … \
        --notify-url http://127.0.0.1:8080/api/payments/webhooks/yookassa
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route


def _error(status: int, code: str, description: str) -> JSONResponse:
    return JSONResponse({"type": "error", "code": code, "description": description}, status_code=status)


@dataclass
class FakePaymentProvider:
    shop_id: str
    secret_key: str
    url: str = ""
    notify_url: str | None = None
    payments: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)
    notifications_sent: list[dict[str, Any]] = field(default_factory=list)

    def _authorized(self, request: Request) -> bool:
        expected = base64.b64encode(f"{self.shop_id}:{self.secret_key}".encode()).decode()
        return secrets.compare_digest(request.headers.get("authorization", ""), f"Basic {expected}")

    def settle(self, payment_id: str, status: str) -> dict[str, Any]:
        """The customer paid (`succeeded`) or gave up (`canceled`): a final state never changes."""
        payment = self.payments[payment_id]
        if payment["status"] == "pending":
            payment["status"] = status
            payment["paid"] = status == "succeeded"
            if status == "succeeded":
                payment["captured_at"] = datetime.now(UTC).isoformat()
            else:
                payment["cancellation_details"] = {"party": "yoo_money", "reason": "expired_on_confirmation"}
        return payment

    def notification(self, payment_id: str) -> dict[str, Any]:
        payment = self.payments[payment_id]
        return {"type": "notification", "event": f"payment.{payment['status']}", "object": payment}

    async def notify(self, payment_id: str) -> None:
        if not self.notify_url:
            return
        body = self.notification(payment_id)
        self.notifications_sent.append(body)
        async with httpx.AsyncClient(timeout=10) as client:
            # The real provider retries; the studio's status check covers a lost notification.
            with contextlib.suppress(httpx.HTTPError):
                await client.post(self.notify_url, json=body)

    def app(self) -> Starlette:
        async def create(request: Request) -> Response:
            if not self._authorized(request):
                return _error(401, "invalid_credentials", "Basic auth with the shop id and secret key")
            key = request.headers.get("idempotence-key", "")
            if not key:
                return _error(400, "invalid_request", "Idempotence-Key header is required")
            if key in self.by_key:
                return JSONResponse(self.payments[self.by_key[key]])
            body = await request.json()
            self.requests.append({"idempotence_key": key, "body": body})
            receipt = body.get("receipt") or {}
            customer = receipt.get("customer") or {}
            items = receipt.get("items") or []
            confirmation = body.get("confirmation") or {}
            if not (customer.get("email") or customer.get("phone")):
                return _error(400, "invalid_request", "receipt.customer needs an email or a phone")
            if not items or any("vat_code" not in item for item in items):
                return _error(400, "invalid_request", "receipt.items with vat_code are required")
            if confirmation.get("type") != "redirect" or not confirmation.get("return_url"):
                return _error(400, "invalid_request", "confirmation {type: redirect, return_url} is required")
            payment_id = str(uuid.uuid4())
            self.payments[payment_id] = {
                "id": payment_id,
                "status": "pending",
                "paid": False,
                "amount": body["amount"],
                "description": body.get("description", ""),
                "confirmation": {
                    "type": "redirect",
                    "return_url": confirmation["return_url"],
                    "confirmation_url": f"{self.url}/pay/{payment_id}",
                },
                "metadata": body.get("metadata") or {},
                "created_at": datetime.now(UTC).isoformat(),
                "test": True,
                "refundable": False,
            }
            self.by_key[key] = payment_id
            return JSONResponse(self.payments[payment_id])

        async def read(request: Request) -> Response:
            if not self._authorized(request):
                return _error(401, "invalid_credentials", "Basic auth with the shop id and secret key")
            payment = self.payments.get(request.path_params["payment_id"])
            if payment is None:
                return _error(404, "not_found", "Payment not found")
            return JSONResponse(payment)

        async def pay_page(request: Request) -> Response:
            payment = self.payments.get(request.path_params["payment_id"])
            if payment is None:
                return HTMLResponse("<h1>Payment not found</h1>", status_code=404)
            amount = f"{payment['amount']['value']} {payment['amount']['currency']}"
            action = f"/pay/{payment['id']}"
            page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Test payment</title></head>
<body style="font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem">
<main><h1>Test payment</h1><p>{html.escape(payment["description"])}</p><p><strong>{html.escape(amount)}</strong></p>
<p>Status: <span id="status">{html.escape(payment["status"])}</span></p>
<form method="post" action="{action}/succeed"><button type="submit">Pay</button></form>
<form method="post" action="{action}/cancel"><button type="submit">Cancel payment</button></form>
</main></body></html>"""
            return HTMLResponse(page)

        def finish(status: str) -> Any:
            async def endpoint(request: Request) -> Response:
                payment_id = request.path_params["payment_id"]
                if payment_id not in self.payments:
                    return HTMLResponse("<h1>Payment not found</h1>", status_code=404)
                self.settle(payment_id, status)
                await self.notify(payment_id)
                return RedirectResponse(self.payments[payment_id]["confirmation"]["return_url"], status_code=303)

            return endpoint

        return Starlette(
            routes=[
                Route("/v3/payments", create, methods=["POST"]),
                Route("/v3/payments/{payment_id}", read),
                Route("/pay/{payment_id}", pay_page),
                Route("/pay/{payment_id}/succeed", finish("succeeded"), methods=["POST"]),
                Route("/pay/{payment_id}/cancel", finish("canceled"), methods=["POST"]),
                Route("/health", lambda request: JSONResponse({"status": "ok"})),
            ]
        )


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--shop-id", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--notify-url", default=None)
    args = parser.parse_args()
    provider = FakePaymentProvider(args.shop_id, args.secret_key, notify_url=args.notify_url)
    provider.url = f"http://{args.host}:{args.port}"
    uvicorn.run(provider.app(), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
