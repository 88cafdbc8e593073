"""The package catalogue: templates edited by the admin, seen by students, sold at the desk."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio

TEMPLATE = {"name": "Eight lessons", "lessons": 8, "valid_days": 60, "price_minor": 1_200_000}


async def create_template(studio: Studio, **fields: Any) -> dict[str, Any]:
    response = await studio.client.post("/package-templates", json={**TEMPLATE, **fields}, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestTemplates:
    async def test_admin_creates_edits_and_archives_students_see_only_on_sale(self, studio: Studio) -> None:
        cheap = await create_template(studio, name="Four lessons", lessons=4, price_minor=650_000)
        dear = await create_template(studio)
        student = studio.student_headers(uuid.uuid4())

        listed = await studio.client.get("/package-templates", headers=student)
        assert [t["name"] for t in listed.json()] == ["Four lessons", "Eight lessons"]
        assert listed.json()[0]["currency"] == "RUB"
        assert listed.json()[0]["archived"] is False

        edited = await studio.client.patch(
            f"/package-templates/{dear['id']}", json={"price_minor": 1_100_000}, headers=studio.admin
        )
        assert edited.status_code == 200
        assert edited.json()["price_minor"] == 1_100_000
        archived = await studio.client.patch(
            f"/package-templates/{cheap['id']}", json={"archived": True}, headers=studio.admin
        )
        assert archived.json()["archived"] is True

        on_sale = await studio.client.get("/package-templates", headers=student)
        assert [t["id"] for t in on_sale.json()] == [dear["id"]]
        everything = await studio.client.get("/package-templates?include_archived=true", headers=studio.admin)
        assert {t["id"] for t in everything.json()} == {cheap["id"], dear["id"]}
        # A student asking for archived ones still sees only what is on sale.
        asked = await studio.client.get("/package-templates?include_archived=true", headers=student)
        assert [t["id"] for t in asked.json()] == [dear["id"]]

    async def test_only_an_admin_edits_and_bad_input_changes_nothing(self, studio: Studio) -> None:
        student = studio.student_headers(uuid.uuid4())
        refused = await studio.client.post("/package-templates", json=TEMPLATE, headers=student)
        assert refused.status_code == 403
        for bad in ({"lessons": 0}, {"valid_days": 0}, {"price_minor": -1}, {"name": ""}, {"name": "a\nb"}):
            response = await studio.client.post("/package-templates", json={**TEMPLATE, **bad}, headers=studio.admin)
            assert response.status_code == 422, bad
            assert response.headers["content-type"].startswith("application/problem+json")
        assert (await studio.client.get("/package-templates", headers=studio.admin)).json() == []
        missing = await studio.client.patch(
            f"/package-templates/{uuid.uuid4()}", json={"lessons": 2}, headers=studio.admin
        )
        assert missing.status_code == 404
        assert missing.json()["code"] == "package_template_not_found"


class TestSellTemplate:
    async def test_sale_records_package_purchase_and_payment_once_per_key(self, studio: Studio) -> None:
        template = await create_template(studio)
        student = await studio.create_student(email="buyer@example.com")
        headers = {**studio.admin, "Idempotency-Key": "desk-sale-0001"}
        body = {"template_id": template["id"], "payment_method": "card"}

        first = await studio.client.post(f"/students/{student['id']}/template-sales", json=body, headers=headers)
        assert first.status_code == 201, first.text
        package = first.json()
        assert (package["lessons_total"], package["price_minor"], package["status"]) == (8, 1_200_000, "active")
        again = await studio.client.post(f"/students/{student['id']}/template-sales", json=body, headers=headers)
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == package["id"]

        ledger = await studio.ledger(student["id"])
        kinds = sorted((e["kind"], e["amount_minor"]) for e in ledger["entries"])
        assert kinds == [("package_purchase", -1_200_000), ("payment", 1_200_000)]
        assert ledger["balance"]["amount_minor"] == 0
        assert [p["id"] for p in await studio.packages(student["id"])] == [package["id"]]
        assert len(await studio.outbox("payment.recorded")) == 1

    async def test_archived_template_is_not_sold(self, studio: Studio) -> None:
        template = await create_template(studio)
        await studio.client.patch(f"/package-templates/{template['id']}", json={"archived": True}, headers=studio.admin)
        student = await studio.create_student()
        response = await studio.client.post(
            f"/students/{student['id']}/template-sales",
            json={"template_id": template["id"], "payment_method": "cash"},
            headers={**studio.admin, "Idempotency-Key": "desk-sale-0002"},
        )
        assert response.status_code == 409
        assert response.json()["code"] == "package_template_archived"
        assert await studio.packages(student["id"]) == []
        assert (await studio.ledger(student["id"]))["entries"] == []
