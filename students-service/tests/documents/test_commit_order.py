"""Files follow the database (issue 18): a document's file is kept or deleted only after the row's
change committed, shown with a real failure at COMMIT (a deferred constraint trigger)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from conftest import Studio

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def fail_at_commit(event: str) -> list[str]:
    return [
        "CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$",
        f"CREATE CONSTRAINT TRIGGER test_fail_commit AFTER {event} ON document "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit()",
    ]


HEAL = ["DROP TRIGGER test_fail_commit ON document", "DROP FUNCTION test_fail_commit()"]


async def run_sql(studio: Studio, statements: list[str]) -> None:
    async with studio.app.state.database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


async def test_an_upload_whose_commit_fails_leaves_no_file(studio: Studio, service_settings: Any) -> None:
    root = Path(service_settings.students_documents_dir)
    student = await studio.create_student()
    before = stored_files(root)
    await run_sql(studio, fail_at_commit("INSERT"))
    try:
        failed = await studio.client.post(
            f"/students/{student['id']}/documents",
            files={"file": ("contract.pdf", PDF, "application/octet-stream")},
            headers=studio.admin,
        )
    finally:
        await run_sql(studio, HEAL)
    assert failed.status_code >= 500
    assert (await studio.client.get(f"/students/{student['id']}/documents", headers=studio.admin)).json() == []
    assert stored_files(root) == before


async def test_a_delete_whose_commit_fails_keeps_the_file(studio: Studio) -> None:
    student = await studio.create_student()
    sid = student["id"]
    created = await studio.client.post(
        f"/students/{sid}/documents",
        files={"file": ("contract.pdf", PDF, "application/octet-stream")},
        headers=studio.admin,
    )
    assert created.status_code == 201, created.text
    document = created.json()
    await run_sql(studio, fail_at_commit("DELETE"))
    try:
        failed = await studio.client.delete(f"/students/{sid}/documents/{document['id']}", headers=studio.admin)
    finally:
        await run_sql(studio, HEAL)
    assert failed.status_code >= 500
    download = await studio.client.get(f"/students/{sid}/documents/{document['id']}", headers=studio.admin)
    assert download.status_code == 200
    assert download.content == PDF
