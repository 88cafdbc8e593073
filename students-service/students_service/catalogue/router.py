"""HTTP routes of the package catalogue: templates, and selling one to a student."""

import uuid

from fastapi import APIRouter, Response

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from ..database import audit
from ..ledger.dependencies import PolicyDep, RequiredKey
from ..packages import service as package_service
from ..packages.schemas import PackageRead
from ..students.dependencies import AdminStudent
from . import service as template_service
from .schemas import TemplateCreate, TemplateRead, TemplateSale, TemplateUpdate

router = APIRouter(tags=["catalogue"])


@router.get("/package-templates", response_model=list[TemplateRead])
async def list_templates(session: SessionDep, user: CurrentUser, include_archived: bool = False) -> list[TemplateRead]:
    """The packages on sale, cheapest first; admins may ask for archived ones too."""
    return await template_service.list_templates(session, include_archived=include_archived and user.role == "admin")


@router.post("/package-templates", status_code=201, response_model=TemplateRead)
async def create_template(
    data: TemplateCreate, session: SessionDep, policy: PolicyDep, user: AdminUser
) -> TemplateRead:
    """Add a package to the catalogue."""
    template = await template_service.create_template(session, data, policy)
    await audit.record(
        session, user, "package_template.created", ("package_template", template.id), data.model_dump(mode="json")
    )
    return template_service.to_read(template)


@router.patch("/package-templates/{template_id}", response_model=TemplateRead)
async def update_template(
    template_id: uuid.UUID, data: TemplateUpdate, session: SessionDep, user: AdminUser
) -> TemplateRead:
    """Edit a template or take it off sale (`archived: true`); sold packages do not change."""
    template = await template_service.update_template(session, template_id, data)
    summary = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "package_template.updated", ("package_template", template.id), summary)
    return template_service.to_read(template)


@router.post("/students/{student_id}/template-sales", status_code=201, response_model=PackageRead)
async def sell_template(
    data: TemplateSale,
    student: AdminStudent,
    session: SessionDep,
    policy: PolicyDep,
    settings: SettingsDep,
    key: RequiredKey,
    user: AdminUser,
    response: Response,
) -> PackageRead:
    """Sell a catalogue package paid at the desk: package, purchase and payment, once per key."""
    sale = await template_service.sell_template(
        session,
        student.id,
        data.template_id,
        data.payment_method,
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
