"""A private platform for the failure and security sweeps, started like `make up` but with every
process owned by the test, so one of them (or RabbitMQ, Redis, a database) can be stopped and
brought back while the others keep running.

Why not scripts/up.sh: honcho stops every process as soon as one exits, which is exactly what a
"notifications-service killed mid-stream" scenario needs to avoid. The steps are otherwise the
runner's own (scripts/local.py prepare, databases create, migrate, the Procfile's command lines).

Isolation from everyone else on the machine: port offset 23000 (see PORT_OFFSET), `_chaos` databases, a private
redis-server and a private RabbitMQ node on free ports (stopping the shared broker would break the
other engineers' test runs), exchange `studio.events.chaos`, queue prefix `chaos.`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization

REPO = Path(__file__).resolve().parents[2]
# Not 30000: its ports (38010-38080) lie inside Linux's ephemeral range (32768-60999), where any
# outgoing connection on the machine may hold one as its source port and block the bind.
# 23000 gives 31010-31080, below that range and clear of the smoke test (10000) and `make up` (0).
PORT_OFFSET = int(os.environ.get("STUDIO_CHAOS_PORT_OFFSET", "23000"))
DB_SUFFIX = os.environ.get("STUDIO_CHAOS_DB_SUFFIX", "_chaos")
START_TIMEOUT_S = 240
RABBITMQ_BIN = Path("/usr/lib/rabbitmq/bin")
EDGE_SERVICES = ("bff", "tg-bot")
CORE_SERVICES = ("auth", "calendary", "groups", "lessons", "notifications", "students", "teachers")


def load_local_runner() -> ModuleType:
    name = "studio_local_runner"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def wait_until(condition: Any, timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


class PrivateRedis:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.workdir),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_until(lambda: listening(self.port), 10, "redis-server")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None
        wait_until(lambda: not listening(self.port), 10, "redis-server to stop")


class PrivateRabbitMQ:
    """A throw-away RabbitMQ node (own node name, ports, data dir and cookie)."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.node = f"chaos{os.getpid()}@localhost"
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "rabbitmq.conf").write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n")
        (workdir / "enabled_plugins").write_text("[].\n")
        (workdir / "rabbitmq-env.conf").write_text("")
        cookie = workdir / ".erlang.cookie"
        cookie.write_text(uuid.uuid4().hex.upper())
        cookie.chmod(0o400)
        self.env = {
            **os.environ,
            "HOME": str(workdir),  # where the Erlang cookie is looked up, by the node and by rabbitmqctl
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_CONFIG_FILE": str(workdir / "rabbitmq"),
            "RABBITMQ_CONF_ENV_FILE": str(workdir / "rabbitmq-env.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(workdir / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(workdir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(workdir / "log"),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        command = [str(RABBITMQ_BIN / "rabbitmqctl"), "-n", self.node, *args]
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=timeout, check=False)

    def await_startup(self, timeout: float = 90) -> None:
        # await_startup fails at once until the node answers at all, hence the loop (DESIGN §12).
        deadline = time.monotonic() + timeout
        while self.ctl("-q", "await_startup", "--timeout", "30").returncode != 0:
            if time.monotonic() > deadline:
                raise TimeoutError("the private RabbitMQ node did not start")
            time.sleep(1)
        wait_until(lambda: listening(self.port), 30, "RabbitMQ's AMQP listener")

    def start(self) -> None:
        subprocess.run([str(RABBITMQ_BIN / "rabbitmq-server"), "-detached"], env=self.env, check=True)
        self.await_startup()

    def stop_app(self) -> None:
        result = self.ctl("stop_app")
        assert result.returncode == 0, result.stderr

    def start_app(self) -> None:
        result = self.ctl("start_app")
        assert result.returncode == 0, result.stderr
        self.await_startup()

    def queue_depths(self) -> dict[str, int]:
        result = self.ctl("-q", "list_queues", "name", "messages", "--no-table-headers")
        depths = {}
        for line in result.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                depths[parts[0]] = int(parts[1])
        return depths

    def stop(self) -> None:
        self.ctl("stop")


@dataclass
class Process:
    name: str
    command: list[str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0


@dataclass
class Platform:
    """The running chaos platform: start/stop single processes, databases, Redis and RabbitMQ."""

    workdir: Path
    runner: ModuleType = field(default_factory=load_local_runner)

    def __post_init__(self) -> None:
        self.redis = PrivateRedis(self.workdir)
        self.rabbitmq = PrivateRabbitMQ(self.workdir / "rabbitmq")
        inherited = {k: v for k, v in os.environ.items() if k not in self.runner.PASS_THROUGH}
        self.env: dict[str, str] = {
            **inherited,
            "STUDIO_LOCAL_DIR": str(self.workdir / "local"),
            "STUDIO_PORT_OFFSET": str(PORT_OFFSET),
            "STUDIO_DB_SUFFIX": DB_SUFFIX,
            "STUDIO_REDIS_PORT": str(self.redis.port),
            "STUDIO_RABBITMQ_URL": self.rabbitmq.url,
            "STUDIO_EVENTS_EXCHANGE": "studio.events.chaos",
            "STUDIO_EVENTS_QUEUE_PREFIX": "chaos.",
            "STUDIO_SKIP_SEED": "1",
            "LOG_LEVEL": "WARNING",
        }
        self.cfg = self.runner.Config(self.env)
        self.processes: dict[str, Process] = {}
        self.broken: dict[str, str] = {}
        self.services = {s.name: s for s in self.runner.SERVICES}
        self._signing_key: Any = None
        self._kid: str | None = None

    # --- lifecycle ------------------------------------------------------------------------------

    def local(self, *args: str) -> None:
        command = [sys.executable, str(REPO / "scripts" / "local.py"), *args]
        result = subprocess.run(command, env=self.env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"local.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"

    def start(self) -> None:
        self.redis.start()
        self.rabbitmq.start()
        self.local("prepare")
        self.local("databases", "create")
        self.local("migrate")
        logs = self.cfg.local_dir / "logs"
        for line in (self.cfg.local_dir / "Procfile").read_text().splitlines():
            name, _, command = line.partition(": ")
            if name == "ready":  # the announcer would seed and print; readiness is checked here
                continue
            self.processes[name] = Process(name, shlex.split(command), logs / f"{name}.log")
        for process in self.processes.values():
            self.start_process(process.name)
        self.wait_ready(START_TIMEOUT_S, CORE_SERVICES)
        # The edge services are still being finished by other engineers: a broken one is recorded
        # and fails only the tests that need it (see `require`), with its log excerpt.
        for name in EDGE_SERVICES:
            try:
                self.wait_ready(60, [name])
            except AssertionError as exc:
                self.broken[name] = str(exc)

    def require(self, *names: str) -> None:
        """Fail the calling test precisely when a service it needs did not start."""
        for name in names:
            if name in self.broken:
                raise AssertionError(f"{name}-service is not running on the chaos platform:\n{self.broken[name]}")

    def start_process(self, name: str) -> None:
        process = self.processes[name]
        assert process.popen is None or process.popen.poll() is not None, f"{name} is running"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with process.log.open("ab") as log:
            process.popen = subprocess.Popen(
                process.command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        process.starts += 1

    def kill_process(self, name: str, sig: int = signal.SIGKILL) -> int:
        """Kill one process we started (by its own pid), returns the pid."""
        process = self.processes[name]
        assert process.popen is not None, f"{name} was never started"
        assert process.popen.poll() is None, f"{name} is not running"
        pid = process.popen.pid
        os.killpg(pid, sig)
        process.popen.wait(30)
        return pid

    def pid_listening_on(self, port: int) -> int | None:
        out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, check=False).stdout
        marker = "pid="
        if marker not in out:
            return None
        return int(out.split(marker, 1)[1].split(",", 1)[0])

    def not_ready(self, names: Iterable[str] | None = None) -> list[str]:
        down = []
        for name in names or self.services:
            try:
                response = httpx.get(f"{self.url(name)}/health/ready", timeout=3)
                if response.status_code != 200:
                    down.append(name)
            except httpx.HTTPError:
                down.append(name)
        return down

    def wait_ready(self, timeout: float, names: Iterable[str] | None = None) -> None:
        wanted = list(names or self.services)
        deadline = time.monotonic() + timeout
        while down := self.not_ready(wanted):
            crashed = [n for n in down if n in self.processes and self.processes[n].popen.poll() is not None]  # type: ignore[union-attr]
            for name in list(crashed):
                # Another program's outgoing connection may briefly hold a port; it frees itself.
                if "address already in use" in self.log_excerpt(name, lines=3) and self.processes[name].starts < 5:
                    time.sleep(2)
                    self.start_process(name)
                    crashed.remove(name)
            if crashed or time.monotonic() > deadline:
                raise AssertionError(f"not ready: {down}; crashed: {crashed}\n{self.log_excerpt(*(crashed or down))}")
            time.sleep(1)

    def log_excerpt(self, *names: str, lines: int = 30) -> str:
        parts = []
        for name in names:
            log = self.processes[name].log if name in self.processes else None
            text = log.read_text(errors="replace").splitlines() if log and log.exists() else ["(no log)"]
            parts.append(f"--- {name} ---\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.popen is not None and process.popen.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.popen.pid, signal.SIGTERM)
        for process in self.processes.values():
            if process.popen is not None:
                try:
                    process.popen.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.popen.pid, signal.SIGKILL)
                    process.popen.wait(10)
        for name in self.services:
            if self.services[name].has_db:
                with contextlib.suppress(AssertionError):
                    self.allow_connections(name, True)
        with contextlib.suppress(AssertionError):
            self.local("databases", "drop")
        self.rabbitmq.stop()
        self.redis.stop()

    # --- addresses ------------------------------------------------------------------------------

    def url(self, name: str) -> str:
        return str(self.cfg.url(self.services[name]))

    @property
    def base_url(self) -> str:
        return str(self.cfg.base_url)

    def database(self, name: str) -> str:
        return str(self.cfg.database(self.services[name]))

    # --- PostgreSQL -----------------------------------------------------------------------------

    def psql(self, sql: str, database: str = "postgres") -> list[list[str]]:
        command = [
            "psql",
            "-h",
            self.cfg.pg_host,
            "-p",
            str(self.cfg.pg_port),
            "-U",
            self.cfg.pg_user,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-tAF",
            "\t",
            "-c",
            sql,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def scalar(self, service: str, sql: str) -> str:
        rows = self.psql(sql, self.database(service))
        return rows[0][0] if rows else ""

    def allow_connections(self, service: str, allow: bool) -> None:
        """A database "stops" for its service: no new connections, the open ones terminated."""
        name = self.database(service)  # [a-z0-9_] only (checked by the runner's Config)
        self.psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {"true" if allow else "false"}')
        if not allow:
            self.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")

    # --- tokens ---------------------------------------------------------------------------------

    def _key(self) -> tuple[Any, str]:
        """auth-service's own signing key (local mode keeps it in the state dir) and its kid."""
        if self._kid is None:
            pem = sorted((self.cfg.local_dir / "jwt-keys").glob("*.pem"))[-1]
            key = serialization.load_pem_private_key(pem.read_bytes(), password=None)
            public = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(key.public_key()))  # type: ignore[arg-type]
            jwks = httpx.get(f"{self.url('auth')}/.well-known/jwks.json", timeout=10).json()
            kid = next(k["kid"] for k in jwks["keys"] if k.get("x") == public["x"])
            self._signing_key, self._kid = key, kid
        assert self._kid is not None
        return self._signing_key, self._kid

    def token(self, role: str, sub: str | uuid.UUID | None = None, *, scopes: Iterable[str] = ()) -> str:
        key, kid = self._key()
        now = datetime.now(UTC)
        payload: dict[str, Any] = {
            "iss": "studio-auth",
            "aud": "studio",
            "sub": str(sub or uuid.uuid4()),
            "role": role,
            "sid": uuid.uuid4().hex,
            "iat": now,
            "nbf": now,
            "exp": now + timedelta(minutes=30),
        }
        if scopes:
            payload["scope"] = " ".join(scopes)
        return jwt.encode(payload, key, algorithm="EdDSA", headers={"kid": kid})

    def headers(self, role: str, sub: str | uuid.UUID | None = None, *, scopes: Iterable[str] = ()) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, sub, scopes=scopes)}"}

    def service_headers(self, caller: str = "chaos") -> dict[str, str]:
        extra = ["calendary:book", "lessons:feedback", "students:read", "students:write", "notifications:write"]
        scopes = [*self.runner.CLIENT_SCOPES.split(), *extra]
        return self.headers("service", f"service:{caller}", scopes=scopes)


_shared: dict[str, Any] = {"platform": None, "users": 0}


@contextlib.contextmanager
def shared_platform(workdir: Path) -> Iterator[Platform]:
    """One platform for tests/chaos and tests/security in the same session (it takes a minute to
    start); whoever releases it last stops it."""
    if _shared["platform"] is None:
        platform = Platform(workdir)
        try:
            platform.start()
        except BaseException:
            platform.stop()
            raise
        _shared["platform"] = platform
    _shared["users"] += 1
    try:
        yield _shared["platform"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            _shared["platform"].stop()
            _shared["platform"] = None


class Studio:
    """Business set-up for the scenarios, through the services' public and internal APIs."""

    def __init__(self, platform: Platform) -> None:
        self.p = platform
        self.admin = platform.headers("admin")
        self.retries = 0

    def teacher(self) -> uuid.UUID:
        """A teacher (own id, so every scenario has a calendar of its own) free all day, every day."""
        teacher_id = uuid.uuid4()
        rules = [{"weekday": day, "start_time": "00:00", "end_time": "23:30"} for day in range(7)]
        response = httpx.put(
            f"{self.p.url('calendary')}/teachers/{teacher_id}/availability",
            json={"timezone": "UTC", "rules": rules},
            headers=self.admin,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        self.recipient(teacher_id, "teacher")
        return teacher_id

    def recipient(self, user_id: uuid.UUID, role: str) -> None:
        body = {
            "email": f"{role}-{user_id.hex[:12]}@chaos.example",
            "role": role,
            "language": "en",
            "timezone": "UTC",
            "first_name": role.title(),
            "last_name": user_id.hex[:6],
        }
        response = httpx.put(
            f"{self.p.url('notifications')}/internal/recipients/{user_id}",
            json=body,
            headers=self.p.service_headers(),
            timeout=30,
        )
        assert response.status_code == 200, response.text

    def students(self, count: int) -> list[uuid.UUID]:
        ids = [uuid.uuid4() for _ in range(count)]
        for student_id in ids:
            self.recipient(student_id, "student")
        return ids

    @staticmethod
    def slots(count: int, days_ahead: int = 3) -> list[datetime]:
        """Distinct hour slots from `days_ahead` days on, more than 24 h away (both reminders due)."""
        first = (datetime.now(UTC) + timedelta(days=days_ahead)).replace(hour=1, minute=0, second=0, microsecond=0)
        return [first + timedelta(days=i // 20, hours=i % 20) for i in range(count)]

    def book(
        self, teacher_id: uuid.UUID, student_id: uuid.UUID, starts_at: datetime, *, retry_unavailable: bool = True
    ) -> httpx.Response:
        body = {
            "teacher_id": str(teacher_id),
            "starts_at": starts_at.isoformat(),
            "duration_minutes": 60,
            "kind": "individual",
        }
        headers = {**self.p.headers("student", student_id), "Idempotency-Key": f"chaos-{uuid.uuid4().hex}"}
        # A retry with the same key is the client's answer to a dropped connection: it replays.
        # So does a 503: on a loaded machine auth-service can be slower than the kit's 5 s token
        # timeout, and a 503 `service_unavailable` promises that nothing was booked.
        response = None
        for _ in range(4):
            try:
                response = httpx.post(f"{self.p.url('lessons')}/lessons", json=body, headers=headers, timeout=60)
            except httpx.TransportError:
                time.sleep(1)
                continue
            if not (retry_unavailable and response.status_code == 503):
                return response
            self.retries += 1
            time.sleep(1)
        assert response is not None, "lessons-service did not answer"
        return response

    # --- what the scenarios count ----------------------------------------------------------------

    def delivery(self, lesson_ids: list[str]) -> dict[str, Any]:
        """Per lesson: outbox rows, their publication, the notification inbox, messages and reminders."""
        ids = ",".join(f"'{i}'" for i in lesson_ids)
        outbox = self.p.psql(
            "SELECT id, published_at IS NOT NULL FROM outbox_message "
            f"WHERE type = 'lesson.scheduled' AND payload->'data'->>'lesson_id' IN ({ids})",
            self.p.database("lessons"),
        )
        event_ids = ",".join(f"'{row[0]}'" for row in outbox) or "NULL"
        inbox = self.p.scalar("notifications", f"SELECT count(*) FROM inbox_message WHERE event_id IN ({event_ids})")
        keys = ",".join(f"'lesson.scheduled:{i}'" for i in lesson_ids)
        messages = self.p.psql(
            f"SELECT id, dedup_key, status, attempts FROM notification WHERE dedup_key IN ({keys})",
            self.p.database("notifications"),
        )
        reminders = dict(
            self.p.psql(
                f"SELECT lesson_id, count(*) FROM reminder WHERE lesson_id IN ({ids}) GROUP BY 1",
                self.p.database("notifications"),
            )
        )
        per_lesson = dict.fromkeys(lesson_ids, 0)
        for message in messages:
            per_lesson[message[1].removeprefix("lesson.scheduled:")] += 1
        mail_dir = self.p.cfg.local_dir / "mail"
        return {
            "lessons": len(lesson_ids),
            "outbox": len(outbox),
            "published": sum(1 for _, published in outbox if published == "t"),
            "inbox": int(inbox),
            "messages": len(messages),
            "messages_per_lesson": sorted(set(per_lesson.values())),
            "sent": sum(1 for m in messages if m[2] == "sent"),
            "max_attempts": max((int(m[3]) for m in messages), default=0),
            "emails": sum(1 for m in messages if (mail_dir / f"{m[0]}.eml").exists()),
            "reminders_per_lesson": sorted({int(reminders.get(i, 0)) for i in lesson_ids}),
        }

    def wait_delivered(self, lesson_ids: list[str], timeout: float = 90) -> dict[str, Any]:
        """Poll until each lesson has its two confirmations sent and four reminders, or time out."""
        expected = len(lesson_ids)
        deadline = time.monotonic() + timeout
        while True:
            counts = self.delivery(lesson_ids)
            if counts["inbox"] == expected and counts["sent"] == 2 * expected and counts["reminders_per_lesson"] == [4]:
                return counts
            if time.monotonic() > deadline:
                return counts
            time.sleep(1)
