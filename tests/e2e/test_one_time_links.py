"""One-time links stay out of every log (issue 18): the invitation, reset and verification tokens
ride in the URL fragment of the e-mailed link, the web app POSTs them, and after all three flows
have run through nginx, the BFF and auth-service, no log file of the platform holds any of them."""

from __future__ import annotations

import email
import email.policy
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.demo import ADMIN_EMAIL
from tests.support.platform import Platform

from .conftest import E2E_PASSWORD, Browser, eventually

LINK = re.compile(r"https?://\S+/(?:invite|reset-password|verify-email)\S*")


def mailed_link(platform: Platform, to: str, screen: str, since: float) -> str:
    """The newest link to `screen` mailed to `to` after `since`."""

    def probe() -> str | None:
        for path in sorted(platform.mail_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.stat().st_mtime < since:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if to not in str(message["To"]):
                continue
            body = message.get_body(preferencelist=("plain",))
            for link in LINK.findall(body.get_content() if body is not None else ""):
                if urlsplit(link).path == f"/{screen}":
                    return str(link)
        return None

    return eventually(probe, f"the {screen} e-mail to {to}")


def open_link(browser: Browser, link: str) -> str:
    """What a browser does with the link: load the page (the fragment stays in the browser) and
    hand the token to the screen. Returns the token."""
    parts = urlsplit(link)
    assert parts.query == "", link
    assert parts.fragment, f"the token must ride in the fragment: {link}"
    page = browser.get(parts.path, headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text[:200]
    assert '<div id="app">' in page.text, "the web app's page, which reads the fragment itself"
    return parts.fragment


def log_files(platform: Platform) -> list[Path]:
    """Every file the platform writes under its state dir except the caught e-mails themselves:
    the runner's log (nginx's access log and every service's output) and nginx's own logs."""
    mail = platform.mail_dir.resolve()
    return [
        path
        for path in platform.local_dir.rglob("*")
        if path.is_file() and not path.is_symlink() and mail not in path.resolve().parents
    ]


def test_invitation_reset_and_verification_tokens_reach_no_log(demo_studio: Platform, browser: Browser) -> None:
    tag = uuid.uuid4().hex[:8]
    since = time.time() - 1
    tokens: dict[str, str] = {}

    # An invitation from the admin, accepted by the invitee.
    admin = Browser(demo_studio.base_url)
    admin.login(ADMIN_EMAIL)
    invitee = f"links-invite-{tag}@example.com"
    invited = admin.post(
        "/api/admin/students", json={"email": invitee, "first_name": "Ivy", "last_name": f"Link{tag}", "invite": True}
    )
    assert invited.status_code == 201, invited.text
    admin.close()
    tokens["invitation"] = open_link(browser, mailed_link(demo_studio, invitee, "invite", since))
    accepted = browser.post(
        "/api/auth/invitations/accept", json={"token": tokens["invitation"], "password": E2E_PASSWORD}
    )
    assert accepted.status_code == 200, accepted.text

    # A self-registration, confirmed from its verification e-mail.
    visitor = Browser(demo_studio.base_url)
    newcomer = f"links-register-{tag}@example.com"
    registered = visitor.post(
        "/api/auth/register",
        json={"email": newcomer, "password": E2E_PASSWORD, "first_name": "Rex", "last_name": f"Link{tag}"},
    )
    assert registered.status_code == 201, registered.text
    tokens["verification"] = open_link(visitor, mailed_link(demo_studio, newcomer, "verify-email", since))
    verified = visitor.post("/api/auth/verify-email", json={"token": tokens["verification"]})
    assert verified.status_code == 200, verified.text
    assert verified.json()["email_verified"] is True

    # A forgotten password, reset from its e-mail.
    requested = visitor.post("/api/auth/password-reset/request", json={"email": newcomer})
    assert requested.status_code == 202, requested.text
    tokens["reset"] = open_link(visitor, mailed_link(demo_studio, newcomer, "reset-password", since))
    reset = visitor.post(
        "/api/auth/password-reset/confirm", json={"token": tokens["reset"], "password": "links-new-pass-1"}
    )
    assert reset.status_code == 204, reset.text
    visitor.close()

    time.sleep(1)  # the runner's log is written line by line through honcho
    files = log_files(demo_studio)
    runner_log = demo_studio.log.read_text(errors="replace")
    # The logs are really there and really hold these requests (so the search below means something).
    assert '"path":"/invite"' in runner_log, "nginx's access log (in the runner's log) shows the page load"
    assert '"path":"/api/auth/password-reset/confirm"' in runner_log
    leaks = {
        f"{what} in {path.relative_to(demo_studio.local_dir)}"
        for path in files
        for what, token in tokens.items()
        if token.encode() in path.read_bytes()
    }
    assert leaks == set()
