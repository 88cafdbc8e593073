"""The OpenAPI document: every API.md endpoint is there, typed, and the frontend's generated
TypeScript types are not stale."""

import subprocess
import sys
from pathlib import Path

from fastapi import FastAPI

from .platform import REPOSITORY, SERVICE_DIR

SCHEMA_TS = REPOSITORY / "frontend-service" / "src" / "api" / "schema.d.ts"
EXPORT = SERVICE_DIR / "scripts" / "export_openapi.py"
# The public contract (docs API.md): method and path of every endpoint the web app relies on.
API_MD = {
    ("post", "/api/auth/login"),
    ("post", "/api/auth/logout"),
    ("post", "/api/auth/register"),
    ("post", "/api/auth/telegram/miniapp"),
    ("get", "/api/me"),
    ("get", "/api/student/dashboard"),
    ("get", "/api/teachers"),
    ("get", "/api/booking/slots"),
    ("post", "/api/booking"),
    ("get", "/api/student/lessons"),
    ("post", "/api/lessons/{lesson_id}/cancel"),
    ("get", "/api/student/ledger"),
    ("get", "/api/teacher/dashboard"),
    ("get", "/api/teacher/schedule"),
    ("put", "/api/teacher/availability"),
    ("post", "/api/teacher/time-off"),
    ("get", "/api/lessons/{lesson_id}"),
    ("put", "/api/lessons/{lesson_id}/attendance"),
    ("post", "/api/lessons/{lesson_id}/complete"),
    ("get", "/api/teacher/payroll"),
    ("get", "/api/admin/dashboard"),
    ("get", "/api/admin/students"),
    ("post", "/api/admin/students"),
    ("get", "/api/admin/students/{student_id}"),
    ("patch", "/api/admin/students/{student_id}"),
    ("post", "/api/admin/students/{student_id}/payments"),
    ("post", "/api/admin/students/{student_id}/packages"),
    ("get", "/api/admin/teachers"),
    ("post", "/api/admin/teachers"),
    ("get", "/api/admin/groups"),
    ("post", "/api/admin/groups"),
    ("post", "/api/admin/groups/{group_id}/members"),
    ("post", "/api/admin/groups/{group_id}/members/{student_id}/move"),
    ("get", "/api/admin/leads"),
    ("patch", "/api/admin/leads/{lead_id}"),
    ("get", "/api/admin/notifications"),
}


class TestOpenApi:
    def test_every_contract_endpoint_is_published_with_a_typed_answer(self, app: FastAPI) -> None:
        document = app.openapi()
        published = {(method, path) for path, item in document["paths"].items() for method in item}
        assert API_MD - published == set()
        for method, path in API_MD:
            operation = document["paths"][path][method]
            answers = {code: answer for code, answer in operation["responses"].items() if code.startswith("2")}
            assert answers, (method, path)
            for code, answer in answers.items():
                if code == "204":
                    continue
                schema = answer["content"]["application/json"]["schema"]
                assert schema != {}, f"{method} {path} answers an untyped body"

    def test_operation_ids_are_readable(self, app: FastAPI) -> None:
        ids = [op["operationId"] for item in app.openapi()["paths"].values() for op in item.values()]
        assert "student_dashboard" in ids
        assert len(ids) == len(set(ids))

    def test_committed_typescript_types_are_current(self, tmp_path: Path) -> None:
        """Fails when a change to the API was not followed by
        `python bff-service/scripts/export_openapi.py --typescript frontend-service/src/api/schema.d.ts`."""
        fresh = tmp_path / "schema.d.ts"
        subprocess.run([sys.executable, str(EXPORT), "--typescript", str(fresh)], check=True)
        assert SCHEMA_TS.exists(), f"{SCHEMA_TS} is missing"
        assert fresh.read_text() == SCHEMA_TS.read_text(), (
            "frontend-service/src/api/schema.d.ts is stale: run "
            "`.venv/bin/python bff-service/scripts/export_openapi.py --typescript frontend-service/src/api/schema.d.ts`"
        )
