"""Lead rules: one open lead per phone, a linked student profile, and the admin funnel."""

import uuid

import phonenumbers
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..events.published import LeadCreated, publish
from ..students import repository as student_repository
from ..students import service as student_service
from ..students.schemas import Page
from . import repository as lead_repository
from .errors import LeadAlreadyOpen, LeadNotFound
from .models import Lead
from .schemas import LeadFilter, LeadRead, LeadUpdate, TrialRequested

# Funnel steps that also move the linked profile forward (never backward).
_STUDENT_STATUS_FOR_LEAD = {"trial_scheduled": ("trial", {"lead"}), "won": ("active", {"lead", "trial"})}


def normalize_phone(raw: str, region: str) -> str:
    """E.164 when the number parses; otherwise its digits, so duplicates still meet."""
    try:
        number = phonenumbers.parse(raw, region)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return "".join(ch for ch in raw if ch.isdigit() or ch == "+")[:32]


async def receive_trial_request(session: AsyncSession, data: TrialRequested, region: str) -> Lead:
    """Create a lead, or refresh the open lead with the same phone, and link a student profile."""
    if data.request_id and (known := await lead_repository.get_lead_by_request(session, data.request_id)):
        return known
    phone = normalize_phone(data.phone, region)
    lead = await lead_repository.get_open_lead_by_phone(session, phone)
    details = {
        "name": data.name,
        "is_child": data.is_child,
        "level": data.level,
        "goal": data.goal,
        "preferred_slot": data.preferred_slot,
        "time_of_day": data.time_of_day,
        "language": data.language,
        "telegram_user_id": data.telegram_user_id,
        "telegram_chat_id": data.telegram_chat_id,
    }
    created = lead is None
    if lead is None:
        lead = Lead(phone=phone, request_id=data.request_id, status="new", source="telegram", **details)
        await lead_repository.add_lead(session, lead)
    else:
        for field, value in details.items():
            if value is not None:
                setattr(lead, field, value)
    if lead.student_id is None:
        student = await student_repository.get_student_by_phone(session, phone)
        if student is None:
            student = await student_service.create_lead_student(session, name=data.name, phone=phone)
        lead.student_id = student.id
    await session.flush()
    if created:
        # Admins are alerted once per lead, not once per request (issue 18).
        await publish(
            session,
            LeadCreated(
                lead_id=lead.id,
                student_id=lead.student_id,
                name=lead.name,
                phone=lead.phone,
                is_child=lead.is_child,
                level=lead.level,
                goal=lead.goal,
                preferred_slot=lead.preferred_slot,
                time_of_day=lead.time_of_day,
                language=lead.language,
                source=lead.source,
            ),
        )
    return lead


async def list_leads(session: AsyncSession, filters: LeadFilter) -> Page[LeadRead]:
    """Leads, newest first, optionally by funnel status."""
    leads, total = await lead_repository.list_leads(session, filters)
    return Page[LeadRead](
        items=[LeadRead.model_validate(lead) for lead in leads], total=total, page=filters.page, size=filters.size
    )


async def update_lead(session: AsyncSession, lead_id: uuid.UUID, data: LeadUpdate) -> Lead:
    """Move a lead through the funnel; the linked profile follows trial and won."""
    lead = await lead_repository.get_lead(session, lead_id)
    if lead is None:
        raise LeadNotFound()
    lead.status = data.status
    if data.note is not None:
        lead.note = data.note
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise LeadAlreadyOpen() from exc
    step = _STUDENT_STATUS_FOR_LEAD.get(data.status)
    if step and lead.student_id:
        student = await student_repository.get_student(session, lead.student_id)
        new_status, from_statuses = step
        if student is not None and student.status in from_statuses:
            student.status = new_status
            await session.flush()
    await session.refresh(lead)
    return lead
