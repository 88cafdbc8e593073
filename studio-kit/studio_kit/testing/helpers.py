"""Building blocks for tests on the real PostgreSQL, Redis and RabbitMQ."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

import asyncpg
import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from sqlalchemy import URL, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement


class JWTSigner:
    """A stand-in for auth-service's keys: signs tokens and serves its JWKS on loopback."""

    def __init__(self, issuer: str = "studio-auth", audience: str = "studio") -> None:
        self.issuer = issuer
        self.audience = audience
        self.kid = uuid.uuid4().hex[:16]
        self.private_key = Ed25519PrivateKey.generate()
        self._jwks: dict[str, Any] = {"keys": [self.public_jwk()]}
        self._server: ThreadingHTTPServer | None = None
        self.requests = 0

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update(kid=self.kid, use="sig", alg="EdDSA")
        return jwk

    def token(
        self,
        role: str,
        sub: str | uuid.UUID | None = None,
        *,
        scopes: Iterable[str] = (),
        sid: str | None = None,
        expires_in: timedelta = timedelta(minutes=10),
        **claims: Any,
    ) -> str:
        now = datetime.now(UTC)
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": str(sub or uuid.uuid4()),
            "role": role,
            "sid": sid or uuid.uuid4().hex,
            "iat": now,
            "nbf": now,
            "exp": now + expires_in,
        }
        if scopes:
            payload["scope"] = " ".join(scopes)
        payload.update(claims)
        return jwt.encode(payload, self.private_key, algorithm="EdDSA", headers={"kid": self.kid})

    def headers(self, role: str, sub: str | uuid.UUID | None = None, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, sub, **kwargs)}"}

    @property
    def jwks_url(self) -> str:
        assert self._server is not None, "call start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/.well-known/jwks.json"

    def start(self) -> None:
        signer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                signer.requests += 1
                body = json.dumps(signer._jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _admin_dsn(url: URL) -> str:
    return url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


async def drop_database(url: URL) -> None:
    connection = await asyncpg.connect(_admin_dsn(url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    finally:
        await connection.close()


async def prepare_database(url: URL, service_dir: Path | None) -> None:
    """Create the database afresh and migrate it to head with the service's Alembic scripts."""
    await drop_database(url)
    connection = await asyncpg.connect(_admin_dsn(url))
    try:
        await connection.execute(f'CREATE DATABASE "{url.database}"')
    finally:
        await connection.close()
    if service_dir is None:
        return
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "alembic",
        "-x",
        f"url={url.render_as_string(hide_password=False)}",
        "upgrade",
        "head",
        cwd=str(service_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"migrations failed in {service_dir}:\n{output.decode()}")


async def truncate_all(engine: AsyncEngine, attempts: int = 5) -> None:
    """Empty every table but Alembic's, so each test starts from a clean migrated schema.

    The app's own background work (a relay, a consumer) may hold a row lock on one table while the
    TRUNCATE holds another: PostgreSQL then aborts one side as a deadlock. When the TRUNCATE is the
    one aborted it is simply run again."""
    for attempt in range(1, attempts + 1):
        try:
            await _truncate_once(engine)
            return
        except DBAPIError as exc:
            if "deadlock detected" not in str(exc) or attempt == attempts:
                raise
            await asyncio.sleep(0.05 * attempt)


async def _truncate_once(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        tables = (
            (
                await connection.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                    )
                )
            )
            .scalars()
            .all()
        )
        if tables:
            names = ", ".join(f'"{name}"' for name in tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


async def generic_plan(engine: AsyncEngine, statement: ClauseElement, values: dict[str, Any]) -> str:
    """EXPLAIN of a statement as PostgreSQL plans it for any parameters (ADR 0276).

    asyncpg prepares every statement, and after five runs PostgreSQL may keep one generic plan for
    all parameter values. Such a plan cannot use a partial index whose predicate names constants
    when the statement sends them as parameters; `studio_kit.db.inline` writes them into the SQL.
    A test asserts the index name is in the plan this returns."""
    async with engine.connect() as connection:
        compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
        names = cast(SQLCompiler, compiled).positiontup or []
        parameters = ", ".join(f"'{values[name]}'" for name in names)
        await connection.execute(text("SET plan_cache_mode = force_generic_plan"))
        await connection.exec_driver_sql(f"PREPARE probe AS {compiled}")
        try:
            rows = await connection.exec_driver_sql(
                f"EXPLAIN EXECUTE probe({parameters})" if parameters else "EXPLAIN EXECUTE probe"
            )
            return "\n".join(str(row[0]) for row in rows)
        finally:
            await connection.exec_driver_sql("DEALLOCATE probe")
            await connection.rollback()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def run_server(app: FastAPI, port: int | None = None, *, lifespan: bool = True) -> AsyncIterator[str]:
    """Serve the app with a real uvicorn on loopback (for tests that need real HTTP)."""
    port = port or free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        lifespan="on" if lifespan else "off",
        access_log=False,
        # Longer than any client's idle keep-alive (aiohttp keeps 15 s): otherwise, on a loaded
        # machine, a client reuses a connection the server has just closed and gets a reset.
        timeout_keep_alive=60,
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 20
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("server stopped during start-up")
        if time.monotonic() > deadline:
            raise TimeoutError("server did not start")
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
