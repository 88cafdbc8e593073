"""The `monitoring` compose profile: Prometheus scrapes every service, and the Grafana dashboard only
asks for metrics and label values the services really export (promtool is not available here, so
the Prometheus config and the PromQL are checked in Python against the kit's own registry)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from studio_kit.observability import Metrics, health_router

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "monitoring"
PROMETHEUS_CONFIG = MONITORING / "prometheus" / "prometheus.yml"
DASHBOARD = MONITORING / "grafana" / "dashboards" / "studio.json"
DATASOURCES = MONITORING / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
DASHBOARD_PROVIDERS = MONITORING / "grafana" / "provisioning" / "dashboards" / "studio.yml"
CONSUMER_SOURCE = ROOT / "studio-kit" / "studio_kit" / "messaging" / "consumer.py"
# Series Prometheus itself attaches to every scrape, not exported by the services.
PROMETHEUS_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
# Series one service exports on the kit's registry, with their labels (each tested in its service:
# notifications-service/tests/notifications/test_metrics.py).
SERVICE_SERIES = {"notification_deliveries": {"service", "channel", "status"}}
# Words of PromQL that look like metric names in an expression.
PROMQL_WORDS = {
    "sum",
    "max",
    "min",
    "avg",
    "count",
    "by",
    "without",
    "rate",
    "increase",
    "irate",
    "topk",
    "bottomk",
    "histogram_quantile",
    "label_values",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "offset",
    "bool",
    "clamp_min",
    "clamp_max",
    "abs",
    "delta",
    "deriv",
    "time",
    "vector",
    "scalar",
}


def load_local_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("studio_local_runner_monitoring", ROOT / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


SERVICES = load_local_runner().SERVICES


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text())


def queries(dashboard: dict[str, Any]) -> list[tuple[str, str]]:
    """(panel title, PromQL) for every query of every panel and of the template variables."""
    found = [(panel["title"], target["expr"]) for panel in dashboard["panels"] for target in panel.get("targets", [])]
    found += [(f"variable {v['name']}", v["definition"]) for v in dashboard["templating"]["list"]]
    return found


def exported_series() -> dict[str, set[str]]:
    """Series names the kit's /metrics exposes, with their label names, after one use of each metric."""
    metrics = Metrics("probe-service")
    metrics.requests.labels("probe-service", "GET", "/probe", "200").inc()
    metrics.latency.labels("probe-service", "GET", "/probe").observe(0.01)
    metrics.outbox_lag.labels("probe-service").set(1)
    metrics.outbox_published.labels("probe-service").inc()
    metrics.consumer_processed.labels("probe-service", "probe.happened", "applied").inc()
    metrics.outbox_oldest_age.labels("probe-service").set(1)
    metrics.dead_letters.labels("probe-service").set(0)
    from prometheus_client import generate_latest

    series: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(generate_latest(metrics.registry).decode()):
        for sample in family.samples:
            series.setdefault(sample.name, set()).update(sample.labels)
    return series


def metric_selectors(expr: str) -> list[tuple[str, str]]:
    """(metric name, label matchers) of every selector in a PromQL expression."""
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    # label_values(metric, label): the second argument is a label name, not a series.
    without_strings = re.sub(r"label_values\(\s*([^,()]+),[^)]*\)", r"\1", without_strings)
    without_groupings = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", without_strings)
    names = [
        match.group(1)
        for match in re.finditer(r"(?<![\w$])([a-zA-Z_:][\w:]*)\s*(?=[{\[\s),]|$)", without_groupings)
        if match.group(1) not in PROMQL_WORDS and not match.group(1).startswith("__")
    ]
    selectors = []
    for name in names:
        matchers = re.search(rf"(?<![\w$]){re.escape(name)}\s*\{{([^}}]*)\}}", expr)
        selectors.append((name, matchers.group(1) if matchers else ""))
    return selectors


class TestComposeProfile:
    def test_validates_with_docker_compose(self, tmp_path: Path) -> None:
        shutil.copy(ROOT / "docker-compose.yml", tmp_path)
        for folder in ("frontend-service", "nginx"):
            (tmp_path / folder).mkdir()
        made = subprocess.run(
            [sys.executable, ROOT / "scripts" / "compose-env.py", tmp_path], capture_output=True, text=True
        )
        assert made.returncode == 0, made.stderr
        result = subprocess.run(
            ["docker-compose", "--profile", "monitoring", "config"], cwd=tmp_path, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        services = yaml.safe_load(result.stdout)["services"]
        assert {"prometheus", "grafana", "alertmanager"} <= set(services)

    def test_prometheus_and_grafana_only_run_with_the_profile_and_publish_nothing(
        self, compose: dict[str, Any]
    ) -> None:
        monitoring = {name for name, spec in compose["services"].items() if "monitoring" in spec.get("profiles", [])}
        assert monitoring == {"prometheus", "grafana", "alertmanager"}
        for name in monitoring:
            assert "ports" not in compose["services"][name], f"{name} must stay off the host by default"
        assert {"prometheus-data", "grafana-data", "alertmanager-data"} <= set(compose["volumes"])

    def test_mounted_config_files_exist(self, compose: dict[str, Any]) -> None:
        for name in ("prometheus", "grafana", "alertmanager"):
            for volume in compose["services"][name]["volumes"]:
                source = volume.split(":")[0]
                if source.startswith("./"):
                    assert (ROOT / source).exists(), f"{name} mounts missing {source}"
        prometheus = compose["services"]["prometheus"]
        assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus["command"]
        assert "./monitoring/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in prometheus["volumes"]

    @pytest.mark.parametrize("password", ["", "a-real-password"])
    def test_grafana_refuses_to_start_without_an_admin_password(self, compose: dict[str, Any], password: str) -> None:
        entrypoint = compose["services"]["grafana"]["entrypoint"]
        script = entrypoint[2].replace("$$", "$")  # compose's escape for a literal dollar
        env = {"PATH": "/usr/bin:/bin", "GF_SECURITY_ADMIN_PASSWORD": password}
        result = subprocess.run([*entrypoint[:2], script], env=env, capture_output=True, text=True)
        refused = "set GRAFANA_ADMIN_PASSWORD" in result.stderr
        assert refused == (password == ""), result.stderr
        if password:
            assert "/run.sh" in result.stderr, "with a password it hands over to Grafana's own entrypoint"


class TestPrometheus:
    def test_scrapes_every_service_metrics_endpoint(self) -> None:
        config = yaml.safe_load(PROMETHEUS_CONFIG.read_text())
        jobs = {job["job_name"]: job for job in config["scrape_configs"]}
        services = jobs["studio-services"]
        assert services.get("metrics_path", "/metrics") == "/metrics"
        assert services.get("scheme", "http") == "http"
        targets = [t for group in services["static_configs"] for t in group["targets"]]
        assert sorted(targets) == sorted(f"{s.name}-service:8000" for s in SERVICES)

    def test_intervals_are_durations_and_timeout_fits_the_interval(self) -> None:
        config = yaml.safe_load(PROMETHEUS_CONFIG.read_text())
        seconds = {}
        for key in ("scrape_interval", "scrape_timeout", "evaluation_interval"):
            match = re.fullmatch(r"(\d+)s", config["global"][key])
            assert match, f"{key} must be a Prometheus duration"
            seconds[key] = int(match.group(1))
        assert seconds["scrape_timeout"] <= seconds["scrape_interval"]

    def test_scrape_targets_are_the_compose_services_on_their_container_port(self, compose: dict[str, Any]) -> None:
        config = yaml.safe_load(PROMETHEUS_CONFIG.read_text())
        for group in next(j for j in config["scrape_configs"] if j["job_name"] == "studio-services")["static_configs"]:
            for target in group["targets"]:
                host, port = target.split(":")
                assert host in compose["services"], target
                assert port == "8000", "every service listens on 8000 inside its container"

    def test_the_kit_serves_metrics_at_the_scraped_path(self) -> None:
        config = yaml.safe_load(PROMETHEUS_CONFIG.read_text())
        paths = {job.get("metrics_path", "/metrics") for job in config["scrape_configs"]}
        served = {getattr(route, "path", None) for route in health_router({}, Metrics("probe-service")).routes}
        assert paths <= served

    def test_every_service_labels_its_metrics_with_its_compose_name(self, service_module: ModuleType) -> None:
        settings_class = service_module.Settings
        assert settings_class.model_fields["service_name"].default in {f"{s.name}-service" for s in SERVICES}


@pytest.fixture(params=SERVICES, ids=[s.name for s in SERVICES])
def service_module(request: pytest.FixtureRequest) -> ModuleType:
    return importlib.import_module(f"{request.param.package}.config")


class TestGrafana:
    def test_datasource_is_the_compose_prometheus(self) -> None:
        datasource = yaml.safe_load(DATASOURCES.read_text())["datasources"][0]
        assert datasource["type"] == "prometheus"
        assert datasource["url"] == "http://prometheus:9090"

    def test_provider_loads_the_mounted_dashboard_folder(self, compose: dict[str, Any]) -> None:
        provider = yaml.safe_load(DASHBOARD_PROVIDERS.read_text())["providers"][0]
        mounts = {v.split(":")[1]: v.split(":")[0] for v in compose["services"]["grafana"]["volumes"]}
        assert ROOT / mounts[provider["options"]["path"]] == DASHBOARD.parent

    def test_panels_use_the_provisioned_datasource_and_do_not_overlap(self, dashboard: dict[str, Any]) -> None:
        uid = yaml.safe_load(DATASOURCES.read_text())["datasources"][0]["uid"]
        ids = [panel["id"] for panel in dashboard["panels"]]
        assert len(ids) == len(set(ids))
        cells: set[tuple[int, int]] = set()
        for panel in dashboard["panels"]:
            if panel["type"] != "row":
                assert panel["datasource"]["uid"] == uid, panel["title"]
                assert panel["targets"], panel["title"]
            grid = panel["gridPos"]
            assert grid["x"] + grid["w"] <= 24, panel["title"]
            area = {
                (x, y) for x in range(grid["x"], grid["x"] + grid["w"]) for y in range(grid["y"], grid["y"] + grid["h"])
            }
            assert not area & cells, f"{panel['title']} overlaps another panel"
            cells |= area

    def test_every_query_asks_for_series_and_labels_the_kit_exports(self, dashboard: dict[str, Any]) -> None:
        series = {**exported_series(), **SERVICE_SERIES}
        for title, expr in queries(dashboard):
            selectors = metric_selectors(expr)
            assert selectors, f"{title}: no metric in {expr!r}"
            for name, matchers in selectors:
                if name in PROMETHEUS_SERIES:
                    continue
                assert name in series, f"{title}: {name} is not exported by studio_kit.observability"
                for label in re.findall(r"(\w+)\s*[=!]~?", matchers):
                    assert label in series[name], f"{title}: {name} has no label {label}"

    def test_the_required_views_are_there(self, dashboard: dict[str, Any]) -> None:
        exprs = " ".join(expr for _, expr in queries(dashboard))
        titles = " ".join(panel["title"] for panel in dashboard["panels"]).lower()
        for word in ("request rate", "p50", "p95", "error", "outbox lag", "consumer failures", "booking rate"):
            assert word in titles, word
        assert "histogram_quantile(0.5," in exprs
        assert "histogram_quantile(0.95," in exprs
        assert 'status=~"5.."' in exprs
        assert "outbox_pending_events" in exprs
        assert 'outcome=~"dead|retry"' in exprs
        assert 'service="lessons-service", route="/lessons", method="POST", status="201"' in exprs

    def test_consumer_outcomes_in_queries_are_the_ones_the_kit_counts(self, dashboard: dict[str, Any]) -> None:
        tree = ast.parse(CONSUMER_SOURCE.read_text())
        counted = {
            node.args[1].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "_count"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
        }
        assert {"dead", "retry"} <= counted
        for _, expr in queries(dashboard):
            for alternatives in re.findall(r'outcome=~"([^"]+)"', expr):
                assert set(alternatives.split("|")) <= counted, alternatives

    async def test_booking_panel_selects_the_series_lessons_service_writes(self, dashboard: dict[str, Any]) -> None:
        """A real lessons-service app labels a POST /lessons exactly as the booking panel selects it."""
        from lessons_service.config import Settings
        from lessons_service.main import create_app

        settings = Settings(
            _env_file=None,
            environment="test",
            auth_jwks_url="http://127.0.0.1:9/.well-known/jwks.json",
        )
        app = create_app(settings)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lessons") as client:
            refused = await client.post("/lessons", json={})  # no token: 401, but the route is matched
            exposition = (await client.get("/metrics")).text
        assert refused.status_code == 401
        samples = [
            sample.labels
            for family in text_string_to_metric_families(exposition)
            for sample in family.samples
            if sample.name == "http_requests_total"
        ]
        booking = next(
            expr
            for panel in dashboard["panels"]
            if panel["title"].startswith("Booking rate")
            for expr in [panel["targets"][0]["expr"]]
        )
        wanted = dict(re.findall(r'(\w+)="([^"$]*)"', booking))
        assert wanted.pop("status") == "201"
        assert any(labels.items() >= {**wanted, "status": "401"}.items() for labels in samples), samples

    def test_service_label_values_are_the_services_names(self, dashboard: dict[str, Any]) -> None:
        names = {
            importlib.import_module(f"{s.package}.config").Settings.model_fields["service_name"].default
            for s in SERVICES
        }
        for _, expr in queries(dashboard):
            for value in re.findall(r'service="([^"]+)"', expr):
                assert value in names, value


class TestPromqlParsing:
    """The checks above are only as good as the selector parser; it must find what is there."""

    def test_finds_metrics_and_matchers(self) -> None:
        expr = (
            "histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket"
            '{service=~"$service"}[5m])))'
        )
        assert metric_selectors(expr) == [("http_request_duration_seconds_bucket", 'service=~"$service"')]

    def test_ignores_label_names_in_groupings_and_strings(self) -> None:
        expr = 'sum by (service, outcome) (rate(consumer_events_total{outcome=~"dead|retry"}[1m])) or up'
        assert [name for name, _ in metric_selectors(expr)] == ["consumer_events_total", "up"]
        assert metric_selectors("label_values(http_requests_total, service)") == [("http_requests_total", "")]

    def test_a_misspelt_metric_is_not_exported(self) -> None:
        assert "http_request_total" not in exported_series()
        assert "http_requests_total" in exported_series()
