"""HTTP routes of online payments: checkout, its status, and the provider's notifications."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from studio_kit.auth import Principal, require_service
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..ledger.dependencies import PolicyDep, RequiredKey
from ..students.dependencies import OwnStudent
from . import service as payment_service
from .dependencies import ProviderDep
from .schemas import CheckoutCreate, CheckoutRead, NotificationOutcome, OnlinePaymentRead, ProviderNotification

router = APIRouter(tags=["payments"])
# The BFF relays the provider's notifications (the provider has no token of ours).
WebhookRelay = Annotated[Principal, Depends(require_service("students:write"))]


@router.post("/students/{student_id}/checkout", status_code=201, response_model=CheckoutRead)
async def start_checkout(
    data: CheckoutCreate,
    student: OwnStudent,
    session: SessionDep,
    policy: PolicyDep,
    settings: SettingsDep,
    provider: ProviderDep,
    key: RequiredKey,
    response: Response,
) -> CheckoutRead:
    """Start paying for a catalogue package online; the same Idempotency-Key replays the payment."""
    checkout = await payment_service.start_checkout(
        session,
        student,
        data,
        key=key,
        provider=provider,
        policy=policy,
        vat_code=settings.students_payments_vat_code,
    )
    if checkout.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    payment = checkout.payment
    return CheckoutRead(payment_id=payment.id, confirmation_url=payment.confirmation_url or "", status=payment.status)


@router.get("/students/{student_id}/online-payments/{payment_id}", response_model=OnlinePaymentRead)
async def get_online_payment(
    payment_id: uuid.UUID,
    student: OwnStudent,
    session: SessionDep,
    policy: PolicyDep,
    settings: SettingsDep,
    provider: ProviderDep,
) -> OnlinePaymentRead:
    """The payment's state (a pending one is checked with the provider first)."""
    payment = await payment_service.get_payment(
        session, student, payment_id, provider=provider, policy=policy, timezone=settings.students_studio_timezone
    )
    return OnlinePaymentRead.model_validate(payment)


@router.post("/payments/webhooks/{provider_name}", response_model=NotificationOutcome)
async def receive_notification(
    provider_name: Annotated[str, Path(pattern=r"^[a-z][a-z0-9_-]{1,29}$")],
    data: ProviderNotification,
    session: SessionDep,
    policy: PolicyDep,
    settings: SettingsDep,
    provider: ProviderDep,
    _: WebhookRelay,
) -> NotificationOutcome:
    """A provider's notification: trusted only as far as the provider's API confirms it."""
    outcome = await payment_service.handle_notification(
        session, provider_name, data, provider=provider, policy=policy, timezone=settings.students_studio_timezone
    )
    return NotificationOutcome(outcome=outcome)
