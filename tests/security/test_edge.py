"""What nginx and the upload path refuse or add, on the chaos platform (tests/chaos/harness.py)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

NGINX_BODY_LIMIT = 10 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# An ELF executable dressed up as a PDF: the name and the declared type lie, the bytes do not.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


@pytest.mark.parametrize("path", ["/", "/api/me", "/api/no-such-route", "/_health/lessons/ready"])
def test_security_headers_on_every_kind_of_answer(chaos_platform: Any, path: str) -> None:
    """The web app, an API error from the BFF and a health probe all carry the edge headers once."""
    response = httpx.get(f"{chaos_platform.base_url}{path}", timeout=30)
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "object-src 'none'" in headers["content-security-policy"]
    assert headers.get_list("x-content-type-options") == ["nosniff"]
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert "server" not in headers or "nginx/" not in headers["server"], "no version disclosed"
    assert "strict-transport-security" not in headers, "HSTS only behind TLS"


def test_api_errors_are_problems_not_html(chaos_platform: Any) -> None:
    chaos_platform.require("bff")
    response = httpx.get(f"{chaos_platform.base_url}/api/me", timeout=30)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"]


@pytest.mark.parametrize("path", ["/api/auth/login", "/api/admin/students", "/tg/webhook"])
def test_oversized_bodies_are_refused_at_nginx(chaos_platform: Any, path: str) -> None:
    response = httpx.post(
        f"{chaos_platform.base_url}{path}",
        content=b"x" * (NGINX_BODY_LIMIT + 1),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413


class TestStudentDocuments:
    @pytest.fixture
    def owner(self, chaos_platform: Any) -> tuple[str, dict[str, str]]:
        student = uuid.uuid4()
        created = httpx.post(
            f"{chaos_platform.url('students')}/students",
            headers=chaos_platform.headers("admin"),
            json={
                "id": str(student),
                "first_name": "Upload",
                "last_name": "Probe",
                "email": f"upload-{student.hex[:8]}@chaos.example",
            },
            timeout=30,
        )
        assert created.status_code == 201, created.text
        profile = created.json()["id"]
        return profile, chaos_platform.headers("student", profile)

    def upload(
        self, platform: Any, owner: tuple[str, dict[str, str]], name: str, content: bytes, content_type: str
    ) -> httpx.Response:
        profile, headers = owner
        return httpx.post(
            f"{platform.url('students')}/students/{profile}/documents",
            headers=headers,
            files={"file": (name, content, content_type)},
            timeout=60,
        )

    def listed(self, platform: Any, owner: tuple[str, dict[str, str]]) -> list[Any]:
        profile, headers = owner
        response = httpx.get(f"{platform.url('students')}/students/{profile}/documents", headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        return list(response.json())

    def test_a_real_image_is_accepted(self, chaos_platform: Any, owner: tuple[str, dict[str, str]]) -> None:
        response = self.upload(chaos_platform, owner, "scan.png", PNG, "image/png")
        assert response.status_code == 201, response.text
        assert [d["id"] for d in self.listed(chaos_platform, owner)] == [response.json()["id"]]

    def test_a_disguised_executable_is_refused(self, chaos_platform: Any, owner: tuple[str, dict[str, str]]) -> None:
        response = self.upload(chaos_platform, owner, "homework.pdf", ELF, "application/pdf")
        assert response.status_code == 415, response.text
        assert response.json()["code"] == "document_type_not_allowed"
        assert self.listed(chaos_platform, owner) == []

    def test_an_oversized_document_is_refused(self, chaos_platform: Any, owner: tuple[str, dict[str, str]]) -> None:
        big = b"%PDF-1.7\n" + b"0" * NGINX_BODY_LIMIT
        response = self.upload(chaos_platform, owner, "big.pdf", big, "application/pdf")
        assert response.status_code == 413, response.text
        assert response.json()["code"] == "document_too_large"
        assert self.listed(chaos_platform, owner) == []
