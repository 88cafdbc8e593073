"""Make-up routes: the policy (admins set it, everyone reads it) and paying a lesson with a credit."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from ..session.dependencies import AdminCaller, AnyCaller, StudentCaller
from . import service as makeup_service
from .schemas import MakeupCredit, MakeupCredits, MakeupCreditUse, MakeupPolicy, MakeupPolicyUpdate

router = APIRouter(prefix="/api", tags=["makeups"])


@router.get("/makeup-policy", response_model=MakeupPolicy)
async def makeup_policy(caller: AnyCaller) -> MakeupPolicy:
    """What an excused absence gives back: the lesson stays in the package, or a make-up credit."""
    return await makeup_service.get_policy(caller)


@router.put("/admin/makeup-policy", response_model=MakeupPolicy)
async def set_makeup_policy(data: MakeupPolicyUpdate, caller: AdminCaller) -> MakeupPolicy:
    """Set the make-up policy; it applies to absences settled from now on."""
    return await makeup_service.set_policy(caller, data.model_dump(mode="json"))


@router.get("/student/makeup-credits", response_model=MakeupCredits)
async def student_makeup_credits(caller: StudentCaller) -> MakeupCredits:
    """The student's excused absences and what each gave back, with the credits left to use."""
    return await makeup_service.list_credits(caller, caller.user_id)


@router.post("/student/makeup-credits/use", response_model=MakeupCredit)
async def use_student_makeup_credit(data: MakeupCreditUse, caller: StudentCaller) -> MakeupCredit:
    """Pay one of the student's upcoming lessons with a make-up credit; 409 `makeup_credit_unavailable`
    when none is left, 409 `lesson_not_for_makeup` when the lesson is not theirs or not upcoming."""
    return await makeup_service.use_credit(caller, caller.user_id, str(data.lesson_id))


@router.get("/admin/students/{student_id}/makeup-credits", response_model=MakeupCredits)
async def admin_makeup_credits(student_id: UUID, caller: AdminCaller) -> MakeupCredits:
    """A student's make-up credits (the desk's view)."""
    return await makeup_service.list_credits(caller, str(student_id))


@router.post("/admin/students/{student_id}/makeup-credits/use", response_model=MakeupCredit)
async def use_admin_makeup_credit(student_id: UUID, data: MakeupCreditUse, caller: AdminCaller) -> MakeupCredit:
    """The desk pays a student's upcoming lesson with one of their make-up credits."""
    return await makeup_service.use_credit(caller, str(student_id), str(data.lesson_id))
