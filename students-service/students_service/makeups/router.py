"""HTTP routes of the make-up policy and a student's make-up credits."""

from fastapi import APIRouter

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..database import audit
from ..students.dependencies import OwnStudent
from . import service as makeup_service
from .schemas import CreditList, CreditRead, CreditUse, PolicyRead, PolicyUpdate

router = APIRouter(tags=["makeups"])


@router.get("/makeup-policy", response_model=PolicyRead)
async def get_policy(session: SessionDep, _: CurrentUser) -> PolicyRead:
    """What an excused absence gives back (students see it next to their credits)."""
    return await makeup_service.get_policy(session)


@router.put("/makeup-policy", response_model=PolicyRead)
async def set_policy(data: PolicyUpdate, session: SessionDep, user: AdminUser) -> PolicyRead:
    """Set the policy; it applies to absences settled from now on."""
    policy = await makeup_service.set_policy(session, data, user.subject)
    await audit.record(session, user, "makeup_policy.updated", ("makeup_policy", 1), data.model_dump(mode="json"))
    return policy


@router.get("/students/{student_id}/makeup-credits", response_model=CreditList)
async def list_credits(student: OwnStudent, session: SessionDep) -> CreditList:
    """Every excused absence and what it gave back, newest first, with the credits left to use."""
    return await makeup_service.list_credits(session, student.id)


@router.post("/students/{student_id}/makeup-credits/use", response_model=CreditRead)
async def use_credit(data: CreditUse, student: OwnStudent, session: SessionDep) -> CreditRead:
    """Pay a booked lesson with a make-up credit (idempotent per lesson); 409 when none is left."""
    return await makeup_service.use_credit(session, student.id, data.lesson_id)
