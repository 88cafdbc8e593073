"""Stand-ins for what lives outside the machine: an SMTP relay, an SMS provider, a push service."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import http_ece
import jwt
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from studio_kit.testing.helpers import free_port


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class FakeSmtp:
    """An SMTP relay on loopback; `fail_next(n, reply)` makes the next n messages fail at DATA."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.failures_left = 0
        self.failure_reply = "451 4.3.0 Temporary failure, try again later"
        self.failed_attempts = 0
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            if self.failures_left > 0:
                self.failures_left -= 1
                self.failed_attempts += 1
                return self.failure_reply
            content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
            self.messages.append(message_from_bytes(content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def fail_next(self, count: int, reply: str | None = None) -> None:
        with self._lock:
            self.failures_left = count
            if reply:
                self.failure_reply = reply

    def reset(self) -> None:
        with self._lock:
            self.messages.clear()
            self.failures_left = 0
            self.failed_attempts = 0
            self.failure_reply = "451 4.3.0 Temporary failure, try again later"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of an e-mail."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    return text.get_content(), html.get_content()


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.fake = self  # type: ignore[attr-defined]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _SmsHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        fake: FakeSmsProvider = self.server.fake  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length", 0))
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        body = fake.answer(form)
        raw = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: Any) -> None:
        return


class FakeSmsProvider(_Server):
    """An SMS.ru-style API: checks the key, records each message, can refuse numbers."""

    API_KEY = "sms-test-key-123456"

    def __init__(self) -> None:
        self.sent: list[dict[str, str]] = []
        self.refuse_code: int | None = None
        super().__init__(_SmsHandler)

    def answer(self, form: dict[str, str]) -> dict[str, Any]:
        if form.get("api_id") != self.API_KEY:
            return {"status": "ERROR", "status_code": 200, "status_text": "Wrong api_id"}
        if self.refuse_code is not None:
            return {
                "status": "OK",
                "status_code": 100,
                "sms": {form["to"]: {"status": "ERROR", "status_code": self.refuse_code, "status_text": "refused"}},
            }
        self.sent.append(form)
        return {
            "status": "OK",
            "status_code": 100,
            "sms": {form["to"]: {"status": "OK", "status_code": 100, "sms_id": f"id-{len(self.sent)}"}},
        }

    def reset(self) -> None:
        self.sent.clear()
        self.refuse_code = None


@dataclass
class Browser:
    """A subscribed browser: its ECDH key pair and auth secret, as PushManager would create them."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def subscription(self) -> dict[str, Any]:
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {"endpoint": self.endpoint, "keys": {"p256dh": b64url(public), "auth": b64url(self.auth_secret)}}


class _PushHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        fake: FakePushService = self.server.fake  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        status, note = fake.receive(self.path, dict(self.headers), body)
        self.send_response(status)
        self.send_header("Content-Length", str(len(note)))
        self.end_headers()
        self.wfile.write(note)

    def log_message(self, format: str, *args: Any) -> None:
        return


class FakePushService(_Server):
    """A push service that accepts a message only with a valid VAPID JWT for its own origin and
    an aes128gcm body it can decrypt with the browser's keys."""

    def __init__(self) -> None:
        self.browsers: dict[str, Browser] = {}
        self.received: list[dict[str, Any]] = []
        self.rejected: list[str] = []
        self.gone: set[str] = set()
        super().__init__(_PushHandler)

    def new_browser(self) -> Browser:
        path = f"/push/{os.urandom(8).hex()}"
        browser = Browser(endpoint=f"{self.url}{path}")
        self.browsers[path] = browser
        return browser

    def receive(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        headers = {key.lower(): value for key, value in headers.items()}
        if path in self.gone:
            return 410, b"subscription expired"
        browser = self.browsers.get(urlsplit(path).path)
        if browser is None:
            return 404, b"unknown subscription"
        try:
            claims = self._check_vapid(headers.get("authorization", ""))
            if headers.get("content-encoding") != "aes128gcm":
                raise ValueError("content-encoding must be aes128gcm")
            if not headers.get("ttl"):
                raise ValueError("TTL header missing")
            plaintext = http_ece.decrypt(
                body, private_key=browser.private_key, auth_secret=browser.auth_secret, version="aes128gcm"
            )
        except Exception as exc:
            self.rejected.append(f"{type(exc).__name__}: {exc}")
            return 403, str(exc).encode()
        self.received.append({"endpoint": browser.endpoint, "claims": claims, "data": json.loads(plaintext)})
        return 201, b""

    def _check_vapid(self, authorization: str) -> dict[str, Any]:
        scheme, _, params = authorization.partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError(f"not a VAPID authorization: {authorization[:30]!r}")
        values = dict(item.strip().split("=", 1) for item in params.split(","))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(values["k"]))
        claims: dict[str, Any] = jwt.decode(
            values["t"], key=public, algorithms=["ES256"], audience=self.url, options={"require": ["exp", "aud"]}
        )
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            raise ValueError("VAPID sub must be a mailto: or https: contact")
        if claims["exp"] > time.time() + 24 * 3600:
            raise ValueError("VAPID token lives longer than 24 hours")
        return claims

    def reset(self) -> None:
        self.browsers.clear()
        self.received.clear()
        self.rejected.clear()
        self.gone.clear()


def vapid_private_key() -> tuple[str, str]:
    """A fresh VAPID key pair as (raw private key, uncompressed public key), both base64url."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return b64url(private), b64url(public)
