"""A student's personal documents, passed through to students-service, which decides who may see
them: the admin, the student themself, and a teacher of theirs only while the student (or an
admin) grants it (403 `documents_not_granted` otherwise)."""

from __future__ import annotations

from typing import Any

import httpx

from ..downstream import Caller

# Headers of the stored file the browser needs; lengths and encodings are the BFF's own.
PASSED_HEADERS = ("content-type", "content-disposition", "x-content-type-options", "cache-control")


def _documents(student_id: str) -> str:
    return f"/students/{student_id}/documents"


async def list_documents(caller: Caller, student_id: str) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = await caller.get("students", _documents(student_id))
    return documents


async def download_document(caller: Caller, student_id: str, document_id: str) -> httpx.Response:
    return await caller.send("students", "GET", f"{_documents(student_id)}/{document_id}")


async def upload_document(caller: Caller, student_id: str, body: bytes, content_type: str) -> dict[str, Any]:
    response = await caller.send(
        "students", "POST", _documents(student_id), content=body, headers={"Content-Type": content_type}
    )
    document: dict[str, Any] = response.json()
    return document


async def delete_document(caller: Caller, student_id: str, document_id: str) -> None:
    await caller.delete("students", f"{_documents(student_id)}/{document_id}")


async def list_grants(caller: Caller, student_id: str) -> list[str]:
    grants: list[str] = await caller.get("students", f"/students/{student_id}/document-grants")
    return grants


async def grant(caller: Caller, student_id: str, teacher_id: str) -> None:
    await caller.put("students", f"/students/{student_id}/document-grants/{teacher_id}")


async def revoke(caller: Caller, student_id: str, teacher_id: str) -> None:
    await caller.delete("students", f"/students/{student_id}/document-grants/{teacher_id}")
