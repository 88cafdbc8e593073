"""HTTP routes of the ledger: statement, payments, refunds, adjustments."""

from fastapi import APIRouter, Response

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..database import audit
from ..students.dependencies import AdminStudent, OwnStudent
from ..students.schemas import Money
from . import service as ledger_service
from .dependencies import OptionalKey, PolicyDep, RequiredKey
from .schemas import AdjustmentCreate, EntryRead, LedgerRead, PaymentCreate, RefundCreate

router = APIRouter(prefix="/students/{student_id}", tags=["ledger"])


def _respond(recorded: ledger_service.Recorded, response: Response) -> EntryRead:
    if recorded.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return EntryRead.model_validate(recorded.entry)


@router.get("/ledger", response_model=LedgerRead)
async def get_ledger(student: OwnStudent, session: SessionDep, policy: PolicyDep) -> LedgerRead:
    """The student's statement: every entry and the balance they add up to."""
    return await ledger_service.get_ledger(session, student, policy.currency)


@router.get("/balance", response_model=Money)
async def get_balance(student: OwnStudent, session: SessionDep, policy: PolicyDep) -> Money:
    """The student's balance alone (what a dashboard shows), without the entries."""
    return await ledger_service.get_balance(session, student, policy.currency)


@router.post("/payments", status_code=201, response_model=EntryRead)
async def record_payment(
    data: PaymentCreate,
    student: AdminStudent,
    session: SessionDep,
    policy: PolicyDep,
    key: RequiredKey,
    user: AdminUser,
    response: Response,
) -> EntryRead:
    """Record a payment; the same Idempotency-Key replays the same entry."""
    recorded = await ledger_service.record_payment(session, student.id, data, key, user.subject, policy)
    if not recorded.replayed:
        summary = {**data.model_dump(mode="json"), "entry_id": str(recorded.entry.id)}
        await audit.record(session, user, "payment.recorded", ("student", student.id), summary)
    return _respond(recorded, response)


@router.post("/refunds", status_code=201, response_model=EntryRead)
async def record_refund(
    data: RefundCreate,
    student: AdminStudent,
    session: SessionDep,
    policy: PolicyDep,
    key: OptionalKey,
    user: AdminUser,
    response: Response,
) -> EntryRead:
    """Record money returned to the student."""
    recorded = await ledger_service.record_refund(session, student.id, data, key, user.subject, policy)
    if not recorded.replayed:
        summary = {**data.model_dump(mode="json"), "entry_id": str(recorded.entry.id)}
        await audit.record(session, user, "refund.recorded", ("student", student.id), summary)
    return _respond(recorded, response)


@router.post("/adjustments", status_code=201, response_model=EntryRead)
async def record_adjustment(
    data: AdjustmentCreate,
    student: AdminStudent,
    session: SessionDep,
    policy: PolicyDep,
    key: OptionalKey,
    user: AdminUser,
    response: Response,
) -> EntryRead:
    """Correct the balance with a signed, explained entry."""
    recorded = await ledger_service.record_adjustment(session, student.id, data, key, user.subject, policy)
    if not recorded.replayed:
        summary = {**data.model_dump(mode="json"), "entry_id": str(recorded.entry.id)}
        await audit.record(session, user, "adjustment.recorded", ("student", student.id), summary)
    return _respond(recorded, response)
