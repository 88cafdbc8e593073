"""Lead rules: one open lead per phone, a linked student profile, and the admin funnel."""

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox
from ..events.published import LeadCreated
from ..students import repository as student_repository
from ..students import service as student_service
from ..students.schemas import Page
from . import repository as lead_repository
from .errors import LeadAlreadyConverted, LeadAlreadyOpen, LeadNotFound
from .models import Lead
from .schemas import (
    FunnelPeriod,
    LeadConvert,
    LeadCreate,
    LeadFilter,
    LeadRead,
    LeadStudentLink,
    LeadUpdate,
    TrialRequest,
)

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


async def receive_trial_request(session: AsyncSession, data: TrialRequest, region: str) -> Lead:
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
        await outbox.add(
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


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead:
    lead = await lead_repository.get_lead(session, lead_id)
    if lead is None:
        raise LeadNotFound()
    return lead


async def create_lead(session: AsyncSession, data: LeadCreate, region: str) -> Lead:
    """A request taken by phone or at the desk; 409 when an open lead already has the phone."""
    name = " ".join(part for part in (data.first_name, data.last_name) if part)
    lead = Lead(
        name=name,
        phone=normalize_phone(data.phone, region) if data.phone else None,
        email=str(data.email).lower() if data.email else None,
        note=data.comment,
        source=data.source,
        status="new",
    )
    try:
        async with session.begin_nested():
            await lead_repository.add_lead(session, lead)
    except IntegrityError as exc:
        raise LeadAlreadyOpen() from exc
    await session.refresh(lead)
    return lead


async def link_student(session: AsyncSession, lead_id: uuid.UUID, data: LeadStudentLink) -> Lead:
    """Attach the lead's student profile (repeating it is a no-op; another profile is 409)."""
    lead = await lead_repository.get_lead_for_update(session, lead_id)
    if lead is None:
        raise LeadNotFound()
    if lead.student_id not in (None, data.student_id):
        raise LeadAlreadyConverted("This lead already has another student profile.")
    if await student_repository.get_student(session, data.student_id) is None:
        raise LeadNotFound("The student to link does not exist.")
    lead.student_id = data.student_id
    await session.flush()
    await session.refresh(lead)
    return lead


async def convert_lead(session: AsyncSession, lead_id: uuid.UUID, data: LeadConvert) -> Lead:
    """The lead became a student (and has a trial booked, when given); converting twice is 409."""
    lead = await lead_repository.get_lead_for_update(session, lead_id)
    if lead is None:
        raise LeadNotFound()
    if lead.converted_at is not None:
        raise LeadAlreadyConverted()
    student = await student_repository.get_student(session, data.student_id)
    if student is None:
        raise LeadNotFound("The student to convert into does not exist.")
    lead.student_id = data.student_id
    lead.converted_at = datetime.now(UTC)
    if data.trial_lesson_id is not None:
        lead.trial_lesson_id = data.trial_lesson_id
        lead.trial_at = data.trial_at
        lead.status = "trial_scheduled"
        if student.status == "lead":
            student.status = "trial"
    elif lead.status == "new":
        lead.status = "contacted"
    await session.flush()
    await session.refresh(lead)
    return lead


async def record_trial_outcome(session: AsyncSession, student_id: uuid.UUID, attended: bool) -> None:
    """A completed trial moves the student's lead: attended → offer a package; absent → follow up."""
    for lead in await lead_repository.leads_of_student(session, student_id, ("new", "contacted", "trial_scheduled")):
        lead.status = "trial_done" if attended else "follow_up"
    await session.flush()


async def record_payment(session: AsyncSession, student_id: uuid.UUID) -> None:
    """A payment makes the student's lead a paying one (won)."""
    await lead_repository.mark_paid(session, student_id, datetime.now(UTC))


def _period_start(day: date, unit: str) -> date:
    return day - timedelta(days=day.weekday()) if unit == "week" else day.replace(day=1)


async def conversion(session: AsyncSession, unit: str, periods: int, zone: str) -> list[FunnelPeriod]:
    """Requests → trials → paying students per week or month of the request, oldest first, with
    empty periods included."""
    today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    first = _period_start(today, unit)
    for _ in range(periods - 1):
        first = _period_start(first - timedelta(days=1), unit)
    since = datetime.combine(first, datetime.min.time(), ZoneInfo(zone))
    counted = {row[0].date(): row[1:] for row in await lead_repository.funnel(session, unit, since, zone)}
    result: list[FunnelPeriod] = []
    start = first
    while start <= today:
        requests, trials, paying = counted.get(start, (0, 0, 0))
        result.append(FunnelPeriod(period_start=start, requests=requests, trials=trials, paying=paying))
        start = start + timedelta(days=7) if unit == "week" else (start + timedelta(days=32)).replace(day=1)
    return result
