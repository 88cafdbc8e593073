"""Catalogue rules: templates are edited or archived, never deleted (sold packages keep their
own copy of lessons, validity and price), and a sale makes a package from the template."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..ledger import service as ledger_service
from ..ledger.service import MoneyPolicy
from ..packages import service as package_service
from ..packages.schemas import PackageCreate
from . import repository as template_repository
from .errors import TemplateArchived, TemplateNotFound
from .models import PackageTemplate
from .schemas import TemplateCreate, TemplateRead, TemplateUpdate


def to_read(template: PackageTemplate) -> TemplateRead:
    return TemplateRead(
        id=template.id,
        name=template.name,
        kind=template.kind,
        lessons=template.lessons,
        valid_days=template.valid_days,
        price_minor=template.price_minor,
        currency=template.currency,
        archived=template.archived_at is not None,
        created_at=template.created_at,
    )


async def list_templates(session: AsyncSession, *, include_archived: bool) -> list[TemplateRead]:
    """The catalogue, cheapest first (archived ones only for the admin's editor)."""
    return [to_read(t) for t in await template_repository.list_templates(session, include_archived=include_archived)]


async def create_template(session: AsyncSession, data: TemplateCreate, policy: MoneyPolicy) -> PackageTemplate:
    """Add a package to the catalogue."""
    template = PackageTemplate(**data.model_dump(), currency=policy.currency)
    return await template_repository.add_template(session, template)


async def get_template(session: AsyncSession, template_id: uuid.UUID) -> PackageTemplate:
    template = await template_repository.get_template(session, template_id)
    if template is None:
        raise TemplateNotFound()
    return template


async def get_template_on_sale(session: AsyncSession, template_id: uuid.UUID) -> PackageTemplate:
    """A template a student may still buy."""
    template = await get_template(session, template_id)
    if template.archived_at is not None:
        raise TemplateArchived()
    return template


async def update_template(session: AsyncSession, template_id: uuid.UUID, data: TemplateUpdate) -> PackageTemplate:
    """Edit or (un)archive a template; packages already sold keep what they were sold with."""
    template = await get_template(session, template_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    archived = changes.pop("archived", None)
    for field, value in changes.items():
        setattr(template, field, value)
    if archived is True and template.archived_at is None:
        template.archived_at = utcnow()
    elif archived is False:
        template.archived_at = None
    await session.flush()
    return template


def package_from(
    template: PackageTemplate, timezone: str, payment_method: str, *, price_minor: int | None = None
) -> PackageCreate:
    """The package a template makes when sold today: valid for `valid_days` days including today
    (at the price the student paid, when it was paid online before an edit of the template)."""
    today = package_service.today_in(timezone)
    return PackageCreate(
        lessons=template.lessons,
        price_minor=template.price_minor if price_minor is None else price_minor,
        valid_from=today,
        valid_until=today + timedelta(days=template.valid_days - 1),
        kind=template.kind,
        payment_method=payment_method,
    )


async def sell_template(
    session: AsyncSession,
    student_id: uuid.UUID,
    template_id: uuid.UUID,
    payment_method: str,
    *,
    key: str | None,
    actor: str,
    policy: MoneyPolicy,
    timezone: str,
) -> package_service.Sale:
    """Sell a catalogue package: the package, its purchase and the payment, once per key."""
    # What was asked (not the dates it made), so a retry tomorrow still replays today's sale.
    body = {"template_id": str(template_id), "payment_method": payment_method}
    request_fingerprint = ledger_service.fingerprint("template_sale", student_id, body)
    if (existing := await package_service.replay_sale(session, key, request_fingerprint)) is not None:
        return package_service.Sale(existing, replayed=True)
    template = await get_template_on_sale(session, template_id)
    return await package_service.sell_package(
        session,
        student_id,
        package_from(template, timezone, payment_method),
        key=key,
        actor=actor,
        policy=policy,
        timezone=timezone,
        label=template.name,
        request_fingerprint=request_fingerprint,
    )
