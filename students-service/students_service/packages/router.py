"""HTTP routes for packages (абонементы)."""

import uuid

from fastapi import APIRouter, Response

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from ..ledger.dependencies import OptionalKey, PolicyDep
from ..students.dependencies import AdminStudent, OwnStudent
from . import service as package_service
from .schemas import FreezeRequest, PackageCreate, PackageRead, PackageStatus

router = APIRouter(tags=["packages"])


@router.post("/students/{student_id}/packages", status_code=201, response_model=PackageRead)
async def sell_package(
    data: PackageCreate,
    student: AdminStudent,
    session: SessionDep,
    policy: PolicyDep,
    settings: SettingsDep,
    key: OptionalKey,
    user: AdminUser,
    response: Response,
) -> PackageRead:
    """Sell a package to a student; an Idempotency-Key makes a retry safe."""
    sale = await package_service.sell_package(
        session,
        student.id,
        data,
        key=key,
        actor=user.subject,
        policy=policy,
        timezone=settings.students_studio_timezone,
    )
    if sale.replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    else:
        summary = {**data.model_dump(mode="json"), "package_id": str(sale.package.id)}
        await audit.record(session, user, "package.sold", ("student", student.id), summary)
    return package_service.to_read(sale.package, package_service.today_in(settings.students_studio_timezone))


@router.get("/students/{student_id}/packages", response_model=list[PackageRead])
async def list_packages(
    student: OwnStudent, session: SessionDep, settings: SettingsDep, status: PackageStatus | None = None
) -> list[PackageRead]:
    """The student's packages with lessons left and status (only those in `status` when given)."""
    return await package_service.list_packages(session, student, settings.students_studio_timezone, status)


@router.post("/packages/{package_id}/freeze", response_model=PackageRead)
async def freeze_package(
    package_id: uuid.UUID, data: FreezeRequest, session: SessionDep, settings: SettingsDep, user: AdminUser
) -> PackageRead:
    """Freeze a package until a date; validity is extended by the frozen days."""
    package = await package_service.freeze_package(session, package_id, data.until, settings.students_studio_timezone)
    summary = {"package_id": str(package.id), "until": data.until.isoformat()}
    await audit.record(session, user, "package.frozen", ("student", package.student_id), summary)
    return package


@router.post("/packages/{package_id}/unfreeze", response_model=PackageRead)
async def unfreeze_package(
    package_id: uuid.UUID, session: SessionDep, settings: SettingsDep, user: AdminUser
) -> PackageRead:
    """End a freeze now; unused frozen days are taken back from the validity."""
    package = await package_service.unfreeze_package(session, package_id, settings.students_studio_timezone)
    summary = {"package_id": str(package.id)}
    await audit.record(session, user, "package.unfrozen", ("student", package.student_id), summary)
    return package
