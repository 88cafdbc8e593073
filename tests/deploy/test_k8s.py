"""The Kubernetes manifests render with kustomize and validate against the Kubernetes schemas."""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
BIN = Path(sys.executable).parent
PY_SERVICES = ["auth", "bff", "calendary", "groups", "lessons", "notifications", "students", "teachers", "tg-bot"]


def render(target: str) -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl", path=str(BIN)) or "kubectl"
    output = subprocess.run(
        [kubectl, "kustomize", str(K8S / target)], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    return [doc for doc in yaml.safe_load_all(output) if doc]


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return render("overlays/production")


@pytest.mark.parametrize("target", ["base", "overlays/production"])
def test_manifests_validate_against_kubernetes_schemas(target: str, tmp_path: Path) -> None:
    rendered = tmp_path / "rendered.yaml"
    rendered.write_text(yaml.safe_dump_all(render(target)))
    validator = shutil.which("kubernetes-validate", path=str(BIN)) or "kubernetes-validate"
    result = subprocess.run(
        [validator, "--strict", "--quiet", str(rendered)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def by_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def test_every_service_has_probes_resources_and_runs_as_non_root(production: list[dict[str, Any]]) -> None:
    deployments = by_kind(production, "Deployment")
    assert set(deployments) == {f"{s}-service" for s in PY_SERVICES} | {"frontend-service"}
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert deployment["spec"]["replicas"] == 2, name
        for container in pod["containers"]:
            assert container["livenessProbe"], name
            assert container["readinessProbe"], name
            assert container["resources"]["limits"], name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name
            if name != "frontend-service":
                assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
                assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"


def test_autoscaling_disruption_budgets_and_migrations(production: list[dict[str, Any]]) -> None:
    assert set(by_kind(production, "HorizontalPodAutoscaler")) == {
        "bff-service",
        "lessons-service",
        "calendary-service",
    }
    assert len(by_kind(production, "PodDisruptionBudget")) == len(PY_SERVICES) + 1
    jobs = by_kind(production, "Job")
    assert set(jobs) == {f"{s}-service-migrate" for s in PY_SERVICES if s not in ("bff", "tg-bot")}


def test_ingress_has_the_nginx_routes(production: list[dict[str, Any]]) -> None:
    ingress = by_kind(production, "Ingress")["studio"]
    paths = {p["path"]: p["backend"]["service"]["name"] for p in ingress["spec"]["rules"][0]["http"]["paths"]}
    assert paths == {"/api/": "bff-service", "/tg/": "tg-bot-service", "/": "frontend-service"}


def test_no_secret_value_is_committed(production: list[dict[str, Any]]) -> None:
    secrets = by_kind(production, "Secret")
    assert len(secrets) == len(PY_SERVICES)
    for name, secret in secrets.items():
        assert all(value == "" for value in secret.get("stringData", {}).values()), name
        assert "data" not in secret, name


def container_env(deployment: dict[str, Any]) -> dict[str, Any]:
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    return {item["name"]: item.get("value", item.get("valueFrom")) for item in container.get("env", [])}


def test_the_client_address_reaches_auth_service(production: list[dict[str, Any]]) -> None:
    """ingress -> BFF -> auth-service: each hop believes the previous one's X-Forwarded-For, so the
    per-address login lock counts browsers, not the BFF."""
    deployments = by_kind(production, "Deployment")
    pod_cidr = {"configMapKeyRef": {"name": "studio-config", "key": "STUDIO_POD_CIDR"}}
    assert container_env(deployments["bff-service"])["FORWARDED_ALLOW_IPS"] == pod_cidr
    assert container_env(deployments["auth-service"])["TRUSTED_PROXIES"] == pod_cidr
    config = by_kind(production, "ConfigMap")["studio-config"]["data"]
    assert config["STUDIO_POD_CIDR"]


def test_ingress_has_the_edge_headers_and_auth_limits_of_nginx(production: list[dict[str, Any]]) -> None:
    ingresses = by_kind(production, "Ingress")
    nginx_headers = (ROOT / "nginx" / "snippets" / "security-headers.conf").read_text()
    csp = next(line for line in nginx_headers.splitlines() if line.startswith("add_header Content-Security-Policy"))
    for ingress in ingresses.values():
        snippet = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/configuration-snippet"]
        assert csp in snippet
        assert 'add_header X-Content-Type-Options "nosniff" always;' in snippet
    auth = ingresses["studio-auth"]
    assert auth["metadata"]["annotations"]["nginx.ingress.kubernetes.io/limit-rps"] == "5"
    paths = {p["path"]: p["backend"]["service"]["name"] for p in auth["spec"]["rules"][0]["http"]["paths"]}
    assert paths == {"/api/auth/": "bff-service"}


def test_online_payment_settings_reach_students_service(production: list[dict[str, Any]]) -> None:
    """Every STUDENTS_PAYMENTS_* setting the adapter reads is set on the Deployment or in its Secret
    (credentials only in the Secret, blank), so an operator fills values instead of editing manifests."""
    config = (ROOT / "students-service" / "students_service" / "config.py").read_text()
    names = {name.upper() for name in re.findall(r"^\s+(students_payments_\w+):", config, re.MULTILINE)}
    deployment = by_kind(production, "Deployment")["students-service"]
    secret = by_kind(production, "Secret")["students-service-secrets"]["stringData"]
    env = container_env(deployment)
    defaulted = {"STUDENTS_PAYMENTS_TIMEOUT_SECONDS"}  # a tunable with a safe default, like the other limits
    assert names - defaulted <= set(env) | set(secret), names - set(env) - set(secret)
    assert {"STUDENTS_PAYMENTS_SHOP_ID", "STUDENTS_PAYMENTS_SECRET_KEY"} <= set(secret)
    assert not {"STUDENTS_PAYMENTS_SHOP_ID", "STUDENTS_PAYMENTS_SECRET_KEY"} & set(env)
    assert env["STUDENTS_PAYMENTS_API_URL"] == ""
