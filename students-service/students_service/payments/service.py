"""Online payment rules. The provider is the only source of truth about money it collected: a
notification only names a payment, whose state is then read back from the provider's API; the
payment row is locked while it is applied, so the package and the balance move exactly once
whatever the number, order or concurrency of notifications and status checks."""

import logging
import uuid
from dataclasses import dataclass

import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..catalogue import service as template_service
from ..config import Settings
from ..ledger import service as ledger_service
from ..ledger.errors import IdempotencyKeyReused
from ..ledger.service import MoneyPolicy
from ..packages import service as package_service
from ..students.models import Student
from . import repository as payment_repository
from .errors import OnlinePaymentNotFound, PaymentsNotConfigured, ReceiptContactMissing
from .models import OnlinePayment
from .provider import PaymentProvider, PaymentRequest, ProviderPayment, ReceiptItem, YooKassaProvider
from .schemas import CheckoutCreate, ProviderNotification

log = logging.getLogger(__name__)
# Derives the payment's id (and the provider's Idempotence-Key) from the student's key, so a
# retry after a lost answer asks the provider for the same payment instead of a second one.
CHECKOUT_NAMESPACE = uuid.UUID("7f1c53c2-4d1e-4d0b-9a55-3f0e8f5d2a61")


def provider_from(settings: Settings) -> PaymentProvider | None:
    """The configured provider, or None when the studio has not set one up."""
    secret = settings.students_payments_secret_key.get_secret_value() if settings.students_payments_secret_key else ""
    if not (settings.students_payments_api_url and settings.students_payments_shop_id and secret):
        return None
    return YooKassaProvider(
        settings.students_payments_provider,
        settings.students_payments_api_url,
        settings.students_payments_shop_id,
        secret,
        settings.students_payments_timeout_seconds,
    )


@dataclass(frozen=True)
class Checkout:
    payment: OnlinePayment
    replayed: bool


async def _replay(session: AsyncSession, student_id: uuid.UUID, key: str, request_fingerprint: str) -> Checkout | None:
    existing = await payment_repository.get_by_key(session, student_id, key)
    if existing is None:
        return None
    if existing.request_fingerprint != request_fingerprint:
        raise IdempotencyKeyReused()
    return Checkout(existing, replayed=True)


async def start_checkout(
    session: AsyncSession,
    student: Student,
    data: CheckoutCreate,
    *,
    key: str,
    provider: PaymentProvider | None,
    policy: MoneyPolicy,
    vat_code: int,
) -> Checkout:
    """Create the payment at the provider for a catalogue package; the same key replays it."""
    if provider is None:
        raise PaymentsNotConfigured()
    request_fingerprint = ledger_service.fingerprint("checkout", student.id, {"template_id": str(data.template_id)})
    if (replayed := await _replay(session, student.id, key, request_fingerprint)) is not None:
        return replayed
    template = await template_service.get_template_on_sale(session, data.template_id)
    if not (student.email or student.phone):
        raise ReceiptContactMissing()
    payment_id = uuid.uuid5(CHECKOUT_NAMESPACE, f"{student.id}:{key}")
    description = f"{template.name}: {template.lessons} lessons"[:200]
    payment = OnlinePayment(
        id=payment_id,
        student_id=student.id,
        template_id=template.id,
        provider=provider.name,
        status="pending",
        amount_minor=template.price_minor,
        currency=policy.currency,
        description=description,
        idempotency_key=key,
        request_fingerprint=request_fingerprint,
    )
    try:
        # A parallel request with the same key waits here on the unique key until the first commits.
        async with session.begin_nested():
            await payment_repository.add_payment(session, payment)
    except IntegrityError:
        if (replayed := await _replay(session, student.id, key, request_fingerprint)) is None:
            raise
        return replayed
    remote = await provider.create_payment(
        PaymentRequest(
            idempotence_key=str(payment_id),
            amount_minor=template.price_minor,
            currency=policy.currency,
            description=description,
            return_url=str(httpx.URL(str(data.return_url)).copy_add_param("payment_id", str(payment_id))),
            items=[ReceiptItem(description=description, amount_minor=template.price_minor, vat_code=vat_code)],
            customer_email=student.email,
            customer_phone=None if student.email else student.phone,
            metadata={"payment_id": str(payment_id), "student_id": str(student.id)},
        )
    )
    payment.provider_payment_id = remote.id
    payment.confirmation_url = remote.confirmation_url
    await session.flush()
    return Checkout(payment, replayed=False)


async def _apply(
    session: AsyncSession, payment: OnlinePayment, remote: ProviderPayment, policy: MoneyPolicy, timezone: str
) -> str:
    """Bring a locked payment to the provider's state; the package is made at most once."""
    if payment.status != "pending":
        return "unchanged"
    if remote.status == "canceled":
        payment.status = "canceled"
        payment.settled_at = utcnow()
        await session.flush()
        return "canceled"
    if remote.status != "succeeded":
        return "unchanged"
    if (remote.amount_minor, remote.currency) != (payment.amount_minor, payment.currency):
        log.error("online payment %s: the provider reports another amount; nothing credited", payment.id)
        return "unchanged"
    template = await template_service.get_template(session, payment.template_id)
    sale = await package_service.sell_package(
        session,
        payment.student_id,
        template_service.package_from(template, timezone, "online", price_minor=payment.amount_minor),
        key=f"online-payment:{payment.id}",
        actor=f"provider:{payment.provider}",
        policy=policy,
        timezone=timezone,
        label=template.name,
        request_fingerprint=ledger_service.fingerprint("online_payment", payment.student_id, {"id": str(payment.id)}),
    )
    payment.status = "succeeded"
    payment.package_id = sale.package.id
    payment.settled_at = utcnow()
    await session.flush()
    return "credited"


async def handle_notification(
    session: AsyncSession,
    provider_name: str,
    notification: ProviderNotification,
    *,
    provider: PaymentProvider | None,
    policy: MoneyPolicy,
    timezone: str,
) -> str:
    """Apply a provider's notification after reading the payment back from the provider."""
    if provider is None or provider.name != provider_name:
        raise PaymentsNotConfigured()
    remote = await provider.get_payment(notification.object.id)
    if remote is None:
        log.warning(
            "notification %s for payment %s unknown to the provider: ignored",
            notification.event,
            notification.object.id,
        )
        return "unknown"
    payment = await payment_repository.lock_by_provider_id(session, provider.name, remote.id)
    if payment is None:
        log.warning("notification for provider payment %s that no checkout created: ignored", remote.id)
        return "unknown"
    return await _apply(session, payment, remote, policy, timezone)


async def get_payment(
    session: AsyncSession,
    student: Student,
    payment_id: uuid.UUID,
    *,
    provider: PaymentProvider | None,
    policy: MoneyPolicy,
    timezone: str,
) -> OnlinePayment:
    """The payment's state; a pending one is checked with the provider first (a late notification
    must not keep a student who has paid waiting)."""
    payment = await payment_repository.get_payment(session, payment_id)
    if payment is None or payment.student_id != student.id:
        raise OnlinePaymentNotFound()
    if payment.status != "pending" or provider is None or payment.provider_payment_id is None:
        return payment
    remote = await provider.get_payment(payment.provider_payment_id)
    locked = await payment_repository.lock_payment(session, payment_id)
    assert locked is not None
    if remote is not None:
        await _apply(session, locked, remote, policy, timezone)
    return locked
