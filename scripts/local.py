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
    STUDIO_ADMIN_EMAIL, STUDIO_ADMIN_PASSWORD    first admin (default: the demo admin of API.md)
    BOT_TOKEN, TELEGRAM_API_URL, PUBLIC_URL, BOT_MODE, LOG_LEVEL   passed to the services as-is
    STUDIO_SKIP_SEED      skip the demo seed
    STUDIO_SMTP_HOST/SMTP_PORT  send mail over SMTP there instead of writing .eml files (tests' catcher)
    STUDIO_PAYMENTS_API_URL/PAYMENTS_SHOP_ID/PAYMENTS_SECRET_KEY  a real payment provider (YooKassa
                          API v3); unset: the loopback fake (scripts/fake_payment_provider.py) on 8070

Demo-seed hook: scripts/seed-demo.sh, if present, runs after every service is ready (on every
`make up`, so it must be idempotent), from the repository root with STUDIO_LOCAL_DIR (env files
in env/<service>.env) and STUDIO_BASE_URL (nginx) exported and the venv first on PATH.

Usage: local.py prepare | databases create|drop | migrate | nginx | wait [SECONDS] | announce | show
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
import urllib.request
from concurrent.futures import ThreadPoolExecutor
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
# The loopback fake payment provider of the demo (before STUDIO_PORT_OFFSET).
PAYMENTS_PORT = 8070
PAYMENTS_SHOP_ID = "demo-shop"
PASS_THROUGH = ("BOT_TOKEN", "TELEGRAM_API_URL", "PUBLIC_URL", "BOT_MODE")
# The demo studio's logins (shared/API.md); the platform refuses this password outside dev.
DEMO_LOGINS = ("admin@demo.studio", "teacher@demo.studio", "student@demo.studio")
DEMO_PASSWORD = "demo-studio-2026"
# What each service client may ask auth-service for (client-credentials): exactly the internal
# endpoints it calls (least privilege; the scope names are the ones the services' routers check).
CLIENT_SCOPES_BY_SERVICE = {
    "bff": "auth:read auth:users:write students:read students:write notifications:write",
    "lessons": "calendary:book calendary:read groups:read",
    "tg-bot": "auth:telegram-link auth:read calendary:read lessons:feedback lessons:read lessons:trial-hold",
    "notifications": "students:read",
}


def client_scopes(service_name: str) -> str:
    """Scopes of `<name>-service`'s client; a service that calls nobody gets a read scope of its own."""
    return CLIENT_SCOPES_BY_SERVICE.get(service_name, f"{service_name}:read")


# Every scope any client holds (tests mint tokens with it).
CLIENT_SCOPES = " ".join(sorted({scope for scopes in CLIENT_SCOPES_BY_SERVICE.values() for scope in scopes.split()}))


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
        self.admin_email = get("STUDIO_ADMIN_EMAIL") or DEMO_LOGINS[0]
        self.admin_password = get("STUDIO_ADMIN_PASSWORD") or DEMO_PASSWORD
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
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "127.0.0.1") else self.bind
        return f"http://{host}:{self.http_port}"

    @property
    def fake_payments(self) -> bool:
        """No real provider configured: run the loopback one, whose pay page needs no money."""
        return not self.env.get("STUDIO_PAYMENTS_API_URL")

    @property
    def payments_port(self) -> int:
        return PAYMENTS_PORT + self.offset

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
    wanted = ["telegram_webhook_secret", "payments_fake_secret"]
    wanted += [f"client.{s.name}" for s in SERVICES]
    missing = [key for key in wanted if key not in stored]
    if missing:
        stored.update({key: secrets.token_urlsafe(24) for key in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")
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
            AUTH_BOOTSTRAP_ADMIN_PASSWORD=cfg.admin_password,
            # Local mode is the demo studio: its admin password is the documented demo one.
            AUTH_BOOTSTRAP_ADMIN_MUST_CHANGE_PASSWORD="false",
            AUTH_SERVICE_CLIENTS=",".join(
                f"{s.name}-service:{stored[f'client.{s.name}']}:{client_scopes(s.name)}" for s in SERVICES
            ),
            PUBLIC_WEB_URL=cfg.base_url,
            TELEGRAM_BOT_TOKEN=cfg.env.get("BOT_TOKEN", ""),
        )
    if service.name == "notifications":
        smtp_host = cfg.env.get("STUDIO_SMTP_HOST", "")
        env.update(
            # Mail goes to .eml files a person can open, or to an SMTP relay when one is given.
            EMAIL_FILE_DIR="" if smtp_host else str(cfg.local_dir / "mail"),
            EMAIL_FROM="studio@example.com",
            SMTP_HOST=smtp_host,
            SMTP_PORT=cfg.env.get("STUDIO_SMTP_PORT", "25"),
            SMS_BACKEND="log",
            NOTIFICATIONS_APP_URL=cfg.base_url,
            NOTIFICATIONS_ADMIN_EMAILS=cfg.admin_email,
        )
    if service.name == "students":
        env["STUDENTS_DOCUMENTS_DIR"] = str(cfg.local_dir / "documents")
        if cfg.fake_payments:
            env.update(
                STUDENTS_PAYMENTS_API_URL=f"http://127.0.0.1:{cfg.payments_port}",
                STUDENTS_PAYMENTS_SHOP_ID=PAYMENTS_SHOP_ID,
                STUDENTS_PAYMENTS_SECRET_KEY=stored["payments_fake_secret"],
            )
        else:
            env.update(
                STUDENTS_PAYMENTS_API_URL=cfg.env["STUDIO_PAYMENTS_API_URL"],
                STUDENTS_PAYMENTS_SHOP_ID=cfg.env.get("STUDIO_PAYMENTS_SHOP_ID", ""),
                STUDENTS_PAYMENTS_SECRET_KEY=cfg.env.get("STUDIO_PAYMENTS_SECRET_KEY", ""),
            )
    if service.name == "calendary":
        env["CALENDARY_FEED_BASE_URL"] = cfg.base_url
    if service.name == "bff":
        env["SESSION_COOKIE_SECURE"] = "false"
        # The origin OAuth providers send the browser back to: the one auth-service allows
        # (PUBLIC_WEB_URL above), or SSO cannot even start (localhost is not 127.0.0.1).
        env["PUBLIC_URL"] = cfg.base_url
    if service.name == "tg-bot":
        env.update(
            TELEGRAM_WEBHOOK_SECRET=stored["telegram_webhook_secret"],
            WEBAPP_URL=f"{cfg.base_url}/",
            BOT_MODE="webhook",
        )
        env.update({key: cfg.env[key] for key in PASS_THROUGH if cfg.env.get(key)})
    return env


def write_env_file(path: Path, env: dict[str, str]) -> None:
    # Single-quoted values read the same in bash (`set -a; . file`) and in python-dotenv.
    lines = [f"{key}={shlex.quote(value) if value else ''}" for key, value in env.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(
        "# Generated by scripts/local.py for local mode; edits are overwritten.\n" + "\n".join(lines) + "\n"
    )


# --- nginx and Procfile ----------------------------------------------------------------------


def render_nginx(cfg: Config) -> Path:
    prefix = cfg.local_dir / "nginx"
    for sub in ("tmp", "logs"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    snippets = prefix / "snippets"  # beside nginx.conf, so `include snippets/...` works as in compose
    snippets.unlink(missing_ok=True)
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


def write_procfile(cfg: Config, conf: Path, stored: dict[str, str]) -> Path:
    python = sys.executable
    with_env = REPO / "scripts" / "with-env.sh"
    lines = []
    for s in SERVICES:
        command = [str(with_env), str(cfg.env_file(s)), str(s.folder), python, "-m", "studio_kit.serve"]
        command += [s.package, "--host", "127.0.0.1", "--port", str(cfg.port(s))]
        lines.append(f"{s.name}: {shlex.join(command)}")
    nginx = ["nginx", "-g", "daemon off;", "-p", f"{conf.parent}/", "-c", str(conf)]
    lines.append(f"nginx: {shlex.join(nginx)}")
    if cfg.fake_payments:
        payments = [python, str(REPO / "scripts" / "fake_payment_provider.py"), "--port", str(cfg.payments_port)]
        # `=` form: a token_urlsafe secret may start with "-", which argparse would take for an option.
        payments += ["--shop-id", PAYMENTS_SHOP_ID, f"--secret-key={stored['payments_fake_secret']}"]
        payments += ["--notify-url", f"{cfg.base_url}/api/payments/webhooks/yookassa"]
        lines.append(f"payments: {shlex.join(payments)}")
    lines.append(f"ready: {shlex.join([python, str(Path(__file__).resolve()), 'announce'])}")
    procfile = cfg.local_dir / "Procfile"
    procfile.write_text("\n".join(lines) + "\n")
    (cfg.local_dir / "honcho.env").write_text("PYTHONUNBUFFERED=1\n")
    return procfile


def check_ports_free(cfg: Config) -> None:
    wanted = [("nginx", cfg.bind, cfg.http_port)] + [(s.name, "127.0.0.1", cfg.port(s)) for s in SERVICES]
    if cfg.fake_payments:
        wanted.append(("fake payment provider", "127.0.0.1", cfg.payments_port))
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
    for folder in ("mail", "logs", "documents"):
        (cfg.local_dir / folder).mkdir(parents=True, exist_ok=True)
    for s in SERVICES:
        write_env_file(cfg.env_file(s), service_env(cfg, s, stored))
    write_procfile(cfg, render_nginx(cfg), stored)


# --- databases and migrations ----------------------------------------------------------------


def psql(cfg: Config, sql: str) -> str:
    env = {**os.environ, "PGPASSWORD": cfg.pg_password} if cfg.pg_password else None
    command = ["psql", "-h", cfg.pg_host, "-p", str(cfg.pg_port), "-U", cfg.pg_user, "-d", "postgres"]
    result = subprocess.run([*command, "-v", "ON_ERROR_STOP=1", "-tAc", sql], env=env, capture_output=True, text=True)
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
    """`alembic upgrade head` for every database, as many at a time as there are cores."""
    stored = load_secrets(cfg)

    def upgrade(service: Service) -> tuple[Service, subprocess.CompletedProcess[str]]:
        env = {**os.environ, **service_env(cfg, service, stored)}
        command = [sys.executable, "-m", "alembic", "upgrade", "head"]
        return service, subprocess.run(command, cwd=service.folder, env=env, capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for service, result in pool.map(upgrade, [s for s in SERVICES if s.has_db]):
            if result.returncode != 0:
                sys.exit(f"migrations failed for {service.folder.name}:\n{result.stdout}{result.stderr}")
            print(f"migrated {cfg.database(service)}", flush=True)


# --- readiness -------------------------------------------------------------------------------


def not_ready(cfg: Config) -> list[str]:
    down = []
    for s in SERVICES:
        # Ask nginx only once the service listens, so start-up does not flood nginx's error log.
        try:
            socket.create_connection(("127.0.0.1", cfg.port(s)), timeout=1).close()
            with urllib.request.urlopen(f"{cfg.base_url}/_health/{s.name}/ready", timeout=3):
                pass
        except OSError:  # URLError and HTTPError (a 503) included
            down.append(s.name)
    return down


def not_ready_after(cfg: Config, timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while (down := not_ready(cfg)) and time.monotonic() < deadline:
        time.sleep(1)
    return down


def seed_demo(cfg: Config, seed: Path) -> str:
    """The demo-seed hook (see the module docstring); returns "ok" or what went wrong."""
    print("seeding the demo studio", flush=True)
    env = {
        **os.environ,
        "STUDIO_LOCAL_DIR": str(cfg.local_dir),
        "STUDIO_BASE_URL": cfg.base_url,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    code = subprocess.run([str(seed)], cwd=REPO, env=env, check=False).returncode
    return "ok" if code == 0 else f"demo seed failed (exit code {code})"


def announce(cfg: Config) -> None:
    """Procfile entry: wait for every service, seed, print the URL, then idle (honcho stops all
    processes when one exits). Writes the outcome to <local dir>/ready for up-detached.sh."""
    seed = REPO / "scripts" / "seed-demo.sh"
    seeding = seed.exists() and not cfg.env.get("STUDIO_SKIP_SEED")
    down = not_ready_after(cfg, 300)
    outcome = f"not ready: {', '.join(down)}" if down else seed_demo(cfg, seed) if seeding else "ok"
    if outcome == "ok":
        logins = ", ".join(DEMO_LOGINS) if seeding else cfg.admin_email
        password = DEMO_PASSWORD if seeding else cfg.admin_password
        print(
            f"\n  Studio is up: {cfg.base_url}/\n  Logins: {logins} (password {password})"
            "\n  Stop: Ctrl+C or `make down`\n",
            flush=True,
        )
    else:
        print(f"\n  {outcome}\n", flush=True)
    (cfg.local_dir / "ready").write_text(outcome + "\n")
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
            down = not_ready_after(cfg, float(rest[0]) if rest else 120)
            sys.exit(f"not ready: {', '.join(down)}" if down else 0)
        case ["nginx"]:
            print(render_nginx(cfg))
        case ["announce"]:
            announce(cfg)
        case ["show"]:
            print(json.dumps({"local_dir": str(cfg.local_dir), "url": cfg.base_url}))
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
