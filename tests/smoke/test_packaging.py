"""What `docker compose up --build` and `make up` are built from: the compose file, the
Dockerfiles, the example env files and both nginx configs, checked with the real tools."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILES = sorted(REPO.glob("*-service/Dockerfile"))
ENV_EXAMPLES = sorted(REPO.glob("*-service/.env.example"))
# A name holding a credential; a flag about one (MUST_CHANGE_PASSWORD) is not a secret.
SECRET_NAME = re.compile(r"^(?!.*MUST_CHANGE_PASSWORD$).*(SECRET|PASSWORD|TOKEN$|CLIENTS$)")


def run(command: list[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def lay_out_compose_project(target: Path) -> None:
    """What a user does before `docker compose up`: scripts/compose-env.py writes every .env."""
    shutil.copy(COMPOSE_FILE, target)
    for folder in ("frontend-service", "nginx"):
        (target / folder).mkdir()
    result = run([sys.executable, REPO / "scripts" / "compose-env.py", target])
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def generated_services(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """docker-compose's own view of every service, with the generated .env files merged in."""
    project = tmp_path_factory.mktemp("compose-project")
    lay_out_compose_project(project)
    result = run(
        ["docker-compose", "--profile", "tunnel", "--profile", "mail", "--profile", "monitoring", "config"], cwd=project
    )
    assert result.returncode == 0, result.stderr
    services: dict[str, Any] = yaml.safe_load(result.stdout)["services"]
    return services


class TestComposeFile:
    def test_matches_the_compose_specification(self) -> None:
        result = run([VENV_BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec", COMPOSE_FILE])
        assert result.returncode == 0, result.stdout + result.stderr

    def test_generated_credentials_match_across_services(self, generated_services: dict[str, Any]) -> None:
        services = generated_services
        auth_clients = services["auth-service"]["environment"]["AUTH_SERVICE_CLIENTS"]
        for name, spec in services.items():
            if name.endswith("-service") and (secret := spec.get("environment", {}).get("SERVICE_CLIENT_SECRET")):
                assert f"{name}:{secret}:" in auth_clients, f"{name} could not log in at auth-service"
        assert (
            services["auth-db"]["environment"]["POSTGRES_PASSWORD"]
            == (services["auth-service"]["environment"]["POSTGRES_PASSWORD"])
        )

    def test_services_accept_the_generated_settings_in_production(
        self, generated_services: dict[str, Any], service: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        environment = generated_services[f"{service.name}-service"]["environment"]
        assert environment["ENVIRONMENT"] == "production"
        for key, value in environment.items():
            monkeypatch.setenv(key, str(value))
        settings_class = importlib.import_module(f"{service.package}.config").Settings
        settings = settings_class(_env_file=None)  # refuses blank or placeholder secrets
        assert settings.environment == "production"

    def test_refuses_to_start_without_a_rabbitmq_password(self, tmp_path: Path) -> None:
        lay_out_compose_project(tmp_path)
        root_env = tmp_path / ".env"
        root_env.write_text(re.sub(r"(?m)^RABBITMQ_PASSWORD=.*$", "RABBITMQ_PASSWORD=", root_env.read_text()))
        result = run(["docker-compose", "config", "-q"], cwd=tmp_path)
        assert result.returncode != 0
        assert "set RABBITMQ_PASSWORD" in result.stderr

    def test_each_service_has_its_own_rabbitmq_user_limited_to_its_events(
        self, tmp_path: Path, generated_services: dict[str, Any]
    ) -> None:
        lay_out_compose_project(tmp_path)
        definitions = json.loads((tmp_path / "rabbitmq" / "definitions.json").read_text())
        topic = {item["user"]: item for item in definitions["topic_permissions"]}
        plain = {item["user"]: item for item in definitions["permissions"]}
        # Routing keys on the events exchange: what docs/events.md says each one publishes / consumes.
        assert re.fullmatch(topic["lessons-service"]["write"], "lesson.completed")
        assert not re.fullmatch(topic["lessons-service"]["write"], "payment.recorded")
        assert re.fullmatch(topic["students-service"]["read"], "lesson.completed")
        assert not re.fullmatch(topic["auth-service"]["read"], "lesson.completed")
        # An event with several publishers (the audit trail) may be published by each of them.
        for publisher in ("groups-service", "students-service", "teachers-service"):
            assert re.fullmatch(topic[publisher]["write"], "audit.recorded"), publisher
        assert re.fullmatch(topic["notifications-service"]["read"], "audit.recorded")
        # Queues: only its own.
        assert re.fullmatch(plain["bff-service"]["read"], "bff-service")
        assert re.fullmatch(plain["bff-service"]["read"], "bff-service.dlq")
        assert not re.fullmatch(plain["bff-service"]["read"], "notifications-service")
        assert plain["auth-service"]["read"] == "^$", "auth-service consumes nothing"
        for name, spec in generated_services.items():
            if name.endswith("-service") and name != "frontend-service":
                assert spec["environment"]["RABBITMQ_URL"].startswith(f"amqp://{name}:"), name

    def test_online_payment_settings_reach_students_service(self, generated_services: dict[str, Any]) -> None:
        # Every STUDENTS_PAYMENTS_* setting the adapter reads is in the container's environment, and
        # the credentials stay blank until the operator fills them (checkout then answers 503).
        config = (REPO / "students-service" / "students_service" / "config.py").read_text()
        names = {name.upper() for name in re.findall(r"^\s+(students_payments_\w+):", config, re.MULTILINE)}
        assert {"STUDENTS_PAYMENTS_API_URL", "STUDENTS_PAYMENTS_SHOP_ID", "STUDENTS_PAYMENTS_SECRET_KEY"} <= names
        environment = generated_services["students-service"]["environment"]
        assert names <= set(environment), names - set(environment)
        assert not environment["STUDENTS_PAYMENTS_SECRET_KEY"]

    def test_only_nginx_publishes_a_port_by_default(self, compose: dict[str, Any]) -> None:
        published = [name for name, svc in compose["services"].items() if svc.get("ports") and not svc.get("profiles")]
        assert published == ["nginx"]

    def test_python_service_builds_from_the_repo_root(self, compose: dict[str, Any], service: Any) -> None:
        spec = compose["services"][f"{service.name}-service"]
        assert spec["build"]["context"] == "."
        assert (REPO / spec["build"]["dockerfile"]) == service.folder / "Dockerfile"
        assert spec["env_file"] == f"./{service.name}-service/.env"
        assert spec["environment"]["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD:?")  # Redis needs a password
        assert "@redis:6379/" in spec["environment"]["REDIS_URL"]
        for dependency in ("rabbitmq", "redis"):
            assert spec["depends_on"][dependency]["condition"] == "service_healthy"

    def test_each_database_has_its_own_healthy_postgres(self, compose: dict[str, Any], db_service: Any) -> None:
        service = db_service
        db = compose["services"][f"{service.name}-db"]
        assert db["image"] == "postgres:16-alpine"
        assert "pg_isready" in " ".join(db["healthcheck"]["test"])
        assert db["volumes"] == [f"{service.name}-db-data:/var/lib/postgresql/data"]
        service_spec = compose["services"][f"{service.name}-service"]
        assert service_spec["depends_on"][f"{service.name}-db"]["condition"] == "service_healthy"

    def test_redis_databases_are_distinct(self, compose: dict[str, Any], local_runner: ModuleType) -> None:
        names = [f"{s.name}-service" for s in local_runner.SERVICES]
        urls = {compose["services"][name]["environment"]["REDIS_URL"] for name in names}
        assert len(urls) == len(names)

    def test_auth_keys_job_creates_one_signing_key(self, compose: dict[str, Any], tmp_path: Path) -> None:
        script = compose["services"]["auth-keys"]["command"][2].replace("/var/lib/studio/jwt-keys", str(tmp_path))
        for _ in range(2):  # every `docker compose up` runs it; the second run must keep the key
            result = run([sys.executable, "-c", script], cwd=REPO / "auth-service")
            assert result.returncode == 0, result.stderr
        keys = list(tmp_path.glob("*.pem"))
        assert len(keys) == 1
        assert b"PRIVATE KEY" in keys[0].read_bytes()

    def test_optional_services_sit_behind_their_profiles(self, compose: dict[str, Any]) -> None:
        assert compose["services"]["cloudpub"]["profiles"] == ["tunnel"]
        assert compose["services"]["mailpit"]["profiles"] == ["mail"]
        assert compose["services"]["prometheus"]["profiles"] == ["monitoring"]
        assert compose["services"]["grafana"]["profiles"] == ["monitoring"]


class TestEnvExamples:
    @pytest.mark.parametrize("path", [REPO / ".env.example", *ENV_EXAMPLES], ids=lambda p: str(p.relative_to(REPO)))
    def test_every_variable_has_a_comment_and_no_secret_value(self, path: Path) -> None:
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if not line or line.startswith("#"):
                continue
            name, _, value = line.partition("=")
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), f"{path.name}:{number + 1}: {line!r}"
            assert number > 0, f"{path.name} must start with a comment"
            assert lines[number - 1].startswith("#"), f"{name} has no comment line above it"
            if SECRET_NAME.search(name):
                assert value == "", f"{name} must be blank in an example file"

    def test_database_settings_point_at_the_service_own_container(self, db_service: Any) -> None:
        text = (db_service.folder / ".env.example").read_text()
        assert f"DB_HOST={db_service.name}-db\n" in text
        assert f"POSTGRES_DB={db_service.name}_db\n" in text


class TestDockerfiles:
    @pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.parent.name)
    def test_passes_hadolint(self, path: Path) -> None:
        result = run([VENV_BIN / "hadolint", "--no-color", path])
        assert result.returncode == 0, result.stdout + result.stderr

    def test_python_image_runs_unprivileged_with_a_health_check(self, service: Any) -> None:
        text = (service.folder / "Dockerfile").read_text()
        assert text.count("FROM python:3.11-slim") == 2, "builder and runtime stages"
        assert re.search(r"^USER (?!0|root)\S+", text, re.MULTILINE)
        assert re.search(r"^HEALTHCHECK .*\n.*/health/live", text, re.MULTILINE)
        assert "EXPOSE 8000" in text
        assert f"WORKDIR /app/{service.name}-service" in text
        cmd = f'CMD ["python", "-m", "studio_kit.serve", "{service.package}", "--host", "0.0.0.0", "--port", "8000"'
        assert cmd in text
        assert ('"--migrate"' in text) == service.has_db

    def test_package_files_reach_the_image(self, service: Any) -> None:
        """The image installs a wheel: files other than .py get in only as declared package data."""
        package_dir = service.folder / service.package
        data_files = {
            path
            for path in package_dir.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
        }
        pyproject = tomllib.loads((service.folder / "pyproject.toml").read_text())
        patterns = pyproject.get("tool", {}).get("setuptools", {}).get("package-data", {}).get(service.package, [])
        declared = {path for pattern in patterns for path in package_dir.glob(pattern)}
        missing = sorted(str(path.relative_to(service.folder)) for path in data_files - declared)
        assert not missing, f"add [tool.setuptools.package-data] to {service.folder.name}/pyproject.toml: {missing}"


class TestNginx:
    def test_compose_config_passes_nginx_t(self, tmp_path: Path) -> None:
        result = run(["nginx", "-t", "-p", f"{tmp_path}/", "-c", REPO / "nginx" / "nginx.conf"])
        assert result.returncode == 0, result.stderr

    def test_local_template_renders_a_config_that_passes_nginx_t(self, tmp_path: Path) -> None:
        env = {**os.environ, "STUDIO_LOCAL_DIR": str(tmp_path), "STUDIO_PORT_OFFSET": "20000"}
        rendered = run([VENV_BIN / "python", REPO / "scripts" / "local.py", "nginx"], env=env)
        assert rendered.returncode == 0, rendered.stderr
        conf = Path(rendered.stdout.strip())
        text = conf.read_text()
        assert "listen 127.0.0.1:28080;" in text
        assert "${" not in text
        result = run(["nginx", "-t", "-p", f"{conf.parent}/", "-c", conf])
        assert result.returncode == 0, result.stderr

    def test_both_configs_share_routes_and_headers(self) -> None:
        for name in ("nginx.conf", "local.conf.template"):
            text = (REPO / "nginx" / name).read_text()
            assert "include snippets/routes.conf;" in text
            assert "include snippets/security-headers.conf;" in text
            assert "include snippets/http.conf;" in text
