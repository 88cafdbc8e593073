"""Local mode (no Docker) for `make up`: settings, env files, databases, nginx and the Procfile.

Every knob is an environment variable, so a second platform (the smoke test) can run beside
`make up` on other ports, databases, Redis and exchange:

    STUDIO_LOCAL_DIR      state dir (default <repo>/.local): secrets, keys, env files, logs
    STUDIO_PORT_OFFSET    added to every port (default 0: nginx 8080, services 8010-8018)
    STUDIO_BIND           nginx listen address (default 127.0.0.1)
    STUDIO_DB_SUFFIX      appended to every database name (e.g. _smoke)
    STUDIO_PGHOST/PGPORT/PGUSER/PGPASSWORD      PostgreSQL (default 127.0.0.1:5432, postgres, trust)
    STUDIO_REDIS_HOST/REDIS_PORT/REDIS_DB_BASE  Redis; service i uses db BASE+i (default 0)
    STUDIO_RABBITMQ_URL   default amqp://guest:guest@127.0.0.1:5672/
    STUDIO_EVENTS_EXCHANGE, STUDIO_EVENTS_QUEUE_PREFIX, STUDIO_EVENTS_QUEUE_EXPIRES_MS
    STUDIO_ADMIN_EMAIL, STUDIO_ADMIN_PASSWORD    first admin (password generated when unset)
    BOT_TOKEN, TELEGRAM_API_URL, PUBLIC_URL, BOT_MODE, LOG_LEVEL   passed to the services as-is

Usage: local.py prepare | databases create|drop | migrate | wait [SECONDS] | announce | show
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Service:
    name: str  # folder is f"{name}-service"
    port: int  # local port before STUDIO_PORT_OFFSET (DESIGN §2)
    has_db: bool

    @property
    def package(self) -> str:
        return f"{self.name.replace('-', '_')}_service"

    @property
    def folder(self) -> Path:
        return REPO / f"{self.name}-service"

    @property
    def env_prefix(self) -> str:
        return self.name.replace("-", "_").upper()


SERVICES = (
    Service("bff", 8010, has_db=False),
    Service("auth", 8011, has_db=True),
    Service("calendary", 8012, has_db=True),
    Service("groups", 8013, has_db=True),
    Service("lessons", 8014, has_db=True),
    Service("notifications", 8015, has_db=True),
    Service("students", 8016, has_db=True),
    Service("teachers", 8017, has_db=True),
    Service("tg-bot", 8018, has_db=False),
)
NGINX_PORT = 8080
PASS_THROUGH = ("BOT_TOKEN", "TELEGRAM_API_URL", "PUBLIC_URL", "BOT_MODE")


class Config:
    """What the environment asks for; one place that knows every default."""

    def __init__(self, env: dict[str, str]) -> None:
        get = env.get
        self.env = env
        self.local_dir = Path(get("STUDIO_LOCAL_DIR") or REPO / ".local").resolve()
        self.offset = int(get("STUDIO_PORT_OFFSET") or 0)
        self.bind = get("STUDIO_BIND") or "127.0.0.1"
        self.db_suffix = get("STUDIO_DB_SUFFIX") or ""
        self.pg_host = get("STUDIO_PGHOST") or "127.0.0.1"
        self.pg_port = int(get("STUDIO_PGPORT") or 5432)
        self.pg_user = get("STUDIO_PGUSER") or "postgres"
        self.pg_password = get("STUDIO_PGPASSWORD") or ""
        self.redis_host = get("STUDIO_REDIS_HOST") or "127.0.0.1"
        self.redis_port = int(get("STUDIO_REDIS_PORT") or 6379)
        self.redis_db_base = int(get("STUDIO_REDIS_DB_BASE") or 0)
        self.rabbitmq_url = get("STUDIO_RABBITMQ_URL") or "amqp://guest:guest@127.0.0.1:5672/"
        self.admin_email = get("STUDIO_ADMIN_EMAIL") or "admin@example.com"
        self.log_level = get("LOG_LEVEL") or "INFO"
        self.events = {
            "EVENTS_EXCHANGE": get("STUDIO_EVENTS_EXCHANGE"),
            "EVENTS_QUEUE_PREFIX": get("STUDIO_EVENTS_QUEUE_PREFIX"),
            "EVENTS_QUEUE_EXPIRES_MS": get("STUDIO_EVENTS_QUEUE_EXPIRES_MS"),
        }
        if not re.fullmatch(r"[a-z0-9_]*", self.db_suffix):
            sys.exit(f"STUDIO_DB_SUFFIX must match [a-z0-9_]*, got {self.db_suffix!r}")
        if self.redis_db_base + len(SERVICES) > 16:
            sys.exit("STUDIO_REDIS_DB_BASE leaves too few of Redis's 16 databases")

    @property
    def http_port(self) -> int:
        return NGINX_PORT + self.offset

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "127.0.0.1") else self.bind  # noqa: S104
        return f"http://{host}:{self.http_port}"

    def port(self, service: Service) -> int:
        return service.port + self.offset

    def url(self, service: Service) -> str:
        return f"http://127.0.0.1:{self.port(service)}"

    def database(self, service: Service) -> str:
        return f"{service.name}_db{self.db_suffix}"

    def env_file(self, service: Service) -> Path:
        return self.local_dir / "env" / f"{service.name}.env"


# --- secrets and keys, generated once and reused --------------------------------------------


def load_secrets(cfg: Config) -> dict[str, str]:
    path = cfg.local_dir / "secrets.json"
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    wanted = ["admin_password", "telegram_webhook_secret"]
    wanted += [f"secret_key.{s.name}" for s in SERVICES] + [f"client.{s.name}" for s in SERVICES]
    missing = [key for key in wanted if key not in stored]
    if missing:
        stored.update({key: secrets.token_urlsafe(24) for key in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")
    if cfg.env.get("STUDIO_ADMIN_PASSWORD"):
        stored["admin_password"] = cfg.env["STUDIO_ADMIN_PASSWORD"]
    return stored


def ensure_jwt_key(cfg: Config) -> Path:
    keys_dir = cfg.local_dir / "jwt-keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    if not any(keys_dir.glob("*.pem")):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        key_file = keys_dir / f"local-{time.strftime('%Y%m%d')}.pem"
        key_file.touch(mode=0o600)
        key_file.write_bytes(pem)
    return keys_dir


# --- per-service environment -----------------------------------------------------------------


def service_env(cfg: Config, service: Service, stored: dict[str, str]) -> dict[str, str]:
    by_name = {s.name: s for s in SERVICES}
    env = {
        "ENVIRONMENT": "dev",
        "LOG_LEVEL": cfg.log_level,
        "SECRET_KEY": stored[f"secret_key.{service.name}"],
        "RABBITMQ_URL": cfg.rabbitmq_url,
        "REDIS_URL": f"redis://{cfg.redis_host}:{cfg.redis_port}/{cfg.redis_db_base + SERVICES.index(service)}",
        "AUTH_JWKS_URL": f"{cfg.url(by_name['auth'])}/.well-known/jwks.json",
        "SERVICE_CLIENT_ID": f"{service.name}-service",
        "SERVICE_CLIENT_SECRET": stored[f"client.{service.name}"],
    }
    env.update({f"{s.env_prefix}_SERVICE_URL": cfg.url(s) for s in SERVICES})
    env.update({key: value for key, value in cfg.events.items() if value})
    if service.has_db:
        env.update(
            DB_HOST=cfg.pg_host,
            DB_PORT=str(cfg.pg_port),
            POSTGRES_DB=cfg.database(service),
            POSTGRES_USER=cfg.pg_user,
            POSTGRES_PASSWORD=cfg.pg_password,
        )
    if service.name == "auth":
        env.update(
            ACCESS_TOKEN_EXPIRE_MINUTES="15",
            JWT_KEYS_DIR=str(cfg.local_dir / "jwt-keys"),
            AUTH_BOOTSTRAP_ADMIN_EMAIL=cfg.admin_email,
            AUTH_BOOTSTRAP_ADMIN_PASSWORD=stored["admin_password"],
            AUTH_SERVICE_CLIENTS=",".join(
                f"{s.name}-service:{stored[f'client.{s.name}']}:{SERVICE_SCOPES}" for s in SERVICES
            ),
            TELEGRAM_BOT_TOKEN=cfg.env.get("BOT_TOKEN", ""),
        )
    if service.name == "notifications":
        env.update(
            EMAIL_FILE_DIR=str(cfg.local_dir / "mail"),
            EMAIL_FROM="studio@example.com",
            SMTP_HOST="",
            SMS_BACKEND="log",
        )
    if service.name == "bff":
        env["SESSION_COOKIE_SECURE"] = "false"
    if service.name == "tg-bot":
        env.update(
            TELEGRAM_WEBHOOK_SECRET=stored["telegram_webhook_secret"],
            WEBAPP_URL=f"{cfg.base_url}/",
            BOT_MODE="webhook",
        )
        env.update({key: cfg.env[key] for key in PASS_THROUGH if cfg.env.get(key)})
    return env


# Scopes each service client may ask auth-service for (client-credentials grant).
SERVICE_SCOPES = "internal"


def write_env_file(path: Path, env: dict[str, str]) -> None:
    # Single-quoted values read the same in bash (`set -a; . file`) and in python-dotenv.
    lines = [f"{key}={shlex.quote(value) if value else ''}" for key, value in env.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text("# Generated by scripts/local.py for local mode; edits are overwritten.\n" + "\n".join(lines) + "\n")


# --- nginx and Procfile ----------------------------------------------------------------------


def render_nginx(cfg: Config) -> Path:
    prefix = cfg.local_dir / "nginx"
    for sub in ("tmp", "logs"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    snippets = prefix / "snippets"
    if not snippets.is_symlink():
        snippets.symlink_to(REPO / "nginx" / "snippets")
    values = {
        # As root, workers would run as nobody and could not read a checkout under /root.
        "USER_DIRECTIVE": "user root;" if os.geteuid() == 0 else "",
        "PREFIX": str(prefix),
        "BIND": cfg.bind,
        "HTTP_PORT": str(cfg.http_port),
        "BFF_PORT": str(cfg.port(SERVICES[0])),
        "TG_BOT_PORT": str(cfg.port(SERVICES[-1])),
        "STATIC_ROOT": str(REPO / "frontend-service" / "dist"),
        "HEALTH_UPSTREAMS": "\n".join(f"        {s.name} 127.0.0.1:{cfg.port(s)};" for s in SERVICES),
    }
    template = (REPO / "nginx" / "local.conf.template").read_text()
    conf = prefix / "nginx.conf"
    conf.write_text(render(template, values))
    return conf


def render(template: str, values: dict[str, str]) -> str:
    """Fill ${UPPER_CASE} placeholders; nginx's own $variables are lower case and left alone."""

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise KeyError(f"no value for ${{{match.group(1)}}} in the nginx template")
        return values[match.group(1)]

    return re.sub(r"\$\{([A-Z][A-Z0-9_]*)\}", fill, template)


def write_procfile(cfg: Config, conf: Path) -> Path:
    python = sys.executable
    with_env = REPO / "scripts" / "with-env.sh"
    lines = []
    for s in SERVICES:
        command = [str(with_env), str(cfg.env_file(s)), str(s.folder), python, "-m", "studio_kit.serve"]
        command += [s.package, "--host", "127.0.0.1", "--port", str(cfg.port(s))]
        lines.append(f"{s.name}: {shlex.join(command)}")
    nginx = ["nginx", "-g", "daemon off;", "-p", f"{conf.parent}/", "-c", str(conf)]
    lines.append(f"nginx: {shlex.join(nginx)}")
    lines.append(f"ready: {shlex.join([python, str(Path(__file__).resolve()), 'announce'])}")
    procfile = cfg.local_dir / "Procfile"
    procfile.write_text("\n".join(lines) + "\n")
    (cfg.local_dir / "honcho.env").write_text("PYTHONUNBUFFERED=1\n")
    return procfile


def check_ports_free(cfg: Config) -> None:
    wanted = [("nginx", cfg.bind, cfg.http_port)] + [(s.name, "127.0.0.1", cfg.port(s)) for s in SERVICES]
    for name, host, port in wanted:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                sys.exit(
                    f"port {port} ({name}) is already in use: is another `make up` running? "
                    "(`make down`, or set STUDIO_PORT_OFFSET)"
                )


def prepare(cfg: Config) -> None:
    missing = [s.folder.name for s in SERVICES if not (s.folder / "pyproject.toml").exists()]
    if missing:
        sys.exit(f"service folders missing: {', '.join(missing)}")
    check_ports_free(cfg)
    stored = load_secrets(cfg)
    ensure_jwt_key(cfg)
    (cfg.local_dir / "mail").mkdir(parents=True, exist_ok=True)
    (cfg.local_dir / "logs").mkdir(parents=True, exist_ok=True)
    for s in SERVICES:
        write_env_file(cfg.env_file(s), service_env(cfg, s, stored))
    write_procfile(cfg, render_nginx(cfg))


# --- databases and migrations ----------------------------------------------------------------


def psql(cfg: Config, sql: str) -> str:
    env = {**os.environ, "PGPASSWORD": cfg.pg_password} if cfg.pg_password else None
    command = ["psql", "-h", cfg.pg_host, "-p", str(cfg.pg_port), "-U", cfg.pg_user, "-d", "postgres"]
    result = subprocess.run(
        [*command, "-v", "ON_ERROR_STOP=1", "-tAc", sql], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"psql failed: {result.stderr.strip()}")
    return result.stdout.strip()


def databases(cfg: Config, action: str) -> None:
    for s in SERVICES:
        if not s.has_db:
            continue
        name = cfg.database(s)  # [a-z0-9_] only (checked in Config), safe to splice into SQL
        exists = psql(cfg, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
        if action == "create" and not exists:
            psql(cfg, f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
        elif action == "drop" and exists:
            psql(cfg, f'DROP DATABASE "{name}" WITH (FORCE)')
            print(f"dropped database {name}")


def migrate(cfg: Config) -> None:
    stored = load_secrets(cfg)
    for s in SERVICES:
        if not s.has_db:
            continue
        print(f"migrating {cfg.database(s)}", flush=True)
        env = {**os.environ, **service_env(cfg, s, stored)}
        command = [sys.executable, "-m", "alembic", "upgrade", "head"]
        if subprocess.run(command, cwd=s.folder, env=env, check=False).returncode != 0:
            sys.exit(f"migrations failed for {s.folder.name}")


# --- readiness -------------------------------------------------------------------------------


def not_ready(cfg: Config) -> list[str]:
    down = []
    for s in SERVICES:
        try:
            with urllib.request.urlopen(f"{cfg.base_url}/_health/{s.name}/ready", timeout=3):
                pass
        except (urllib.error.URLError, OSError):
            down.append(s.name)
    return down


def wait(cfg: Config, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while down := not_ready(cfg):
        if time.monotonic() > deadline:
            print(f"not ready after {timeout:.0f}s: {', '.join(down)}", flush=True)
            return False
        time.sleep(1)
    return True


def announce(cfg: Config) -> None:
    """Procfile entry: print the URL once everything is ready, then idle (honcho stops all on exit)."""
    if wait(cfg, 300):
        admin = f"{cfg.admin_email} / {load_secrets(cfg)['admin_password']}"
        print(f"\n  Studio is up: {cfg.base_url}/\n  Admin login: {admin}\n  Stop: Ctrl+C or `make down`\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


def main(argv: list[str]) -> None:
    cfg = Config(dict(os.environ))
    match argv:
        case ["prepare"]:
            prepare(cfg)
        case ["databases", ("create" | "drop") as action]:
            databases(cfg, action)
        case ["migrate"]:
            migrate(cfg)
        case ["wait", *rest]:
            sys.exit(0 if wait(cfg, float(rest[0]) if rest else 120) else 1)
        case ["announce"]:
            announce(cfg)
        case ["show"]:
            print(json.dumps({"local_dir": str(cfg.local_dir), "url": cfg.base_url}))
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
