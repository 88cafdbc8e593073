"""Package catalogue (admin and student), online checkout, and the payment provider's webhook."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Path, Response

from ..downstream import IdempotencyKey
from ..schemas import LessonPackage
from ..session.dependencies import AdminCaller, AnonymousCallerDep, StudentCaller
from . import service as payment_service
from .schemas import (
    Checkout,
    CheckoutCreate,
    OnlinePayment,
    PackageSale,
    PackageTemplate,
    PackageTemplateCreate,
    PackageTemplateUpdate,
    WebhookOutcome,
)

router = APIRouter(tags=["payments"])


def _replayed(response: Response, replayed: bool) -> None:
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"


@router.get("/api/admin/package-templates", response_model=list[PackageTemplate])
async def list_package_templates(caller: AdminCaller, include_archived: bool = False) -> Any:
    """The studio's package catalogue, cheapest first (archived ones too when asked)."""
    return await payment_service.list_templates(caller, include_archived)


@router.post("/api/admin/package-templates", status_code=201, response_model=PackageTemplate)
async def create_package_template(data: PackageTemplateCreate, caller: AdminCaller) -> Any:
    """Add a package to the catalogue."""
    return await payment_service.create_template(caller, data.model_dump())


@router.patch("/api/admin/package-templates/{template_id}", response_model=PackageTemplate)
async def update_package_template(template_id: UUID, data: PackageTemplateUpdate, caller: AdminCaller) -> Any:
    """Edit a template or take it off sale; packages already sold keep their terms."""
    return await payment_service.update_template(caller, str(template_id), data.model_dump(exclude_unset=True))


@router.post("/api/admin/students/{student_id}/package-sales", status_code=201, response_model=LessonPackage)
async def sell_package_template(
    student_id: UUID, data: PackageSale, caller: AdminCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Sell a catalogue package paid at the desk: the package and the payment, once per key."""
    package, replayed = await payment_service.sell_template(
        caller, str(student_id), data.model_dump(mode="json"), idempotency_key
    )
    _replayed(response, replayed)
    return package


@router.get("/api/student/package-templates", response_model=list[PackageTemplate])
async def student_package_catalogue(caller: StudentCaller) -> Any:
    """The packages a student can buy."""
    return await payment_service.list_templates(caller, False)


@router.post("/api/student/packages/checkout", status_code=201, response_model=Checkout)
async def checkout_package(
    data: CheckoutCreate, caller: StudentCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Start paying for a package online: send the browser to `confirmation_url`; 503 when not set up."""
    checkout, replayed = await payment_service.start_checkout(caller, str(data.template_id), idempotency_key)
    _replayed(response, replayed)
    return checkout


@router.get("/api/student/payments/{payment_id}", response_model=OnlinePayment)
async def student_online_payment(payment_id: UUID, caller: StudentCaller) -> Any:
    """An online payment's state (checked with the provider while pending)."""
    return await payment_service.get_payment(caller, str(payment_id))


@router.post("/api/payments/webhooks/{provider}", response_model=WebhookOutcome)
async def payment_webhook(
    provider: Annotated[str, Path(pattern=r"^[a-z][a-z0-9_-]{1,29}$")],
    body: Annotated[dict[str, Any], Body()],
    caller: AnonymousCallerDep,
) -> Any:
    """The payment provider's notification (no session, no CSRF): students-service re-reads the
    payment from the provider before any money moves."""
    return await payment_service.relay_notification(caller, provider, body)
