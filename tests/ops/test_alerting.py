"""The alerting that `make test-ops` ships besides promtool's own checks: every alert links a runbook
section that exists, asks only for series the services export, Prometheus loads the rules and sends
to the compose Alertmanager, and the Alertmanager config rendered at start mails the operator."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.test_monitoring import PROMETHEUS_SERIES, SERVICE_SERIES, exported_series, metric_selectors

ROOT = Path(__file__).resolve().parents[2]
ALERTS = ROOT / "monitoring" / "prometheus" / "alerts.yml"
ALERTMANAGER = ROOT / "monitoring" / "alertmanager" / "alertmanager.yml"
RUNBOOK = ROOT / "docs" / "runbook.md"
REQUIRED = {
    "ServiceDown",
    "HighServerErrorRatio",
    "SlowRouteGroup",
    "OutboxBacklogOld",
    "DeadLetterQueueNotEmpty",
    "ConsumerRedeliveries",
    "BookingFailures",
    "NotificationSendFailures",
}


def rules() -> list[dict[str, Any]]:
    return [rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]]


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", markdown, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


class TestRules:
    def test_every_required_signal_has_an_alert(self) -> None:
        assert {rule["alert"] for rule in rules()} >= REQUIRED

    @pytest.mark.parametrize("rule", rules(), ids=lambda rule: rule["alert"])
    def test_links_a_runbook_section_that_exists(self, rule: dict[str, Any]) -> None:
        link = rule["annotations"]["runbook_url"]
        path, _, anchor = link.partition("#")
        assert path == "docs/runbook.md"
        assert anchor in anchors(RUNBOOK.read_text()), f"{rule['alert']}: no section #{anchor} in the runbook"
        assert rule["labels"]["severity"] in {"page", "ticket"}

    @pytest.mark.parametrize("rule", rules(), ids=lambda rule: rule["alert"])
    def test_asks_only_for_series_the_services_export(self, rule: dict[str, Any]) -> None:
        series = {**exported_series(), **SERVICE_SERIES}
        expr = re.sub(r"label_replace\((.*?),\s*\"[^\"]*\".*?\)", r"\1", rule["expr"], flags=re.DOTALL)
        selectors = metric_selectors(expr)
        assert selectors, rule["expr"]
        for name, matchers in selectors:
            if name in PROMETHEUS_SERIES:
                continue
            assert name in series, f"{rule['alert']}: {name} is not exported"
            for label in re.findall(r"(\w+)\s*[=!]~?", matchers):
                assert label in series[name], f"{rule['alert']}: {name} has no label {label}"


class TestPrometheusAndAlertmanager:
    def test_prometheus_loads_the_mounted_rules_and_sends_to_alertmanager(self, compose: dict[str, Any]) -> None:
        config = yaml.safe_load((ROOT / "monitoring" / "prometheus" / "prometheus.yml").read_text())
        mounts = dict(v.split(":")[1::-1] for v in compose["services"]["prometheus"]["volumes"])
        for rule_file in config["rule_files"]:
            assert ROOT / mounts[rule_file].removeprefix("./") == ALERTS
        targets = [t for am in config["alerting"]["alertmanagers"] for c in am["static_configs"] for t in c["targets"]]
        assert targets == ["alertmanager:9093"]
        assert "alertmanager" in compose["services"]

    def render(self, compose: dict[str, Any], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
        """Alertmanager's entrypoint, run here: it renders the config, then fails to exec the binary."""
        service = compose["services"]["alertmanager"]
        script = service["entrypoint"][2].replace("$$", "$")
        template = next(v.split(":")[0] for v in service["volumes"] if v.endswith("alertmanager.tmpl.yml:ro"))
        script = script.replace("/etc/alertmanager/alertmanager.tmpl.yml", str(ROOT / template.removeprefix("./")))
        full = {"PATH": "/usr/bin:/bin", "ALERTMANAGER_RENDER_DIR": str(tmp_path), "ALERT_SMTP_REQUIRE_TLS": "true"}
        return subprocess.run(["/bin/sh", "-c", script], env={**full, **env}, capture_output=True, text=True)

    def test_refuses_to_start_without_a_recipient(self, compose: dict[str, Any], tmp_path: Path) -> None:
        result = self.render(compose, tmp_path, ALERT_EMAIL_TO="")
        assert "set ALERT_EMAIL_TO" in result.stderr
        assert not (tmp_path / "alertmanager.yml").exists()

    def test_renders_an_email_receiver_for_every_alert(self, compose: dict[str, Any], tmp_path: Path) -> None:
        result = self.render(
            compose,
            tmp_path,
            ALERT_EMAIL_TO="owner@studio.example",
            ALERT_EMAIL_FROM="alerts@studio.example",
            ALERT_SMTP_SMARTHOST="smtp.studio.example:587",
            ALERT_SMTP_USERNAME="alerts",
            ALERT_SMTP_PASSWORD="s3cret",
        )
        assert "/bin/alertmanager" in result.stderr, "it hands over to Alertmanager once rendered"
        config = yaml.safe_load((tmp_path / "alertmanager.yml").read_text())
        assert "${" not in (tmp_path / "alertmanager.yml").read_text()
        assert config["global"]["smtp_smarthost"] == "smtp.studio.example:587"
        assert config["global"]["smtp_require_tls"] is True
        assert (tmp_path / "smtp_password").read_text() == "s3cret"
        assert (tmp_path / "smtp_password").stat().st_mode & 0o077 == 0
        receivers = {r["name"]: r for r in config["receivers"]}
        routes = [config["route"], *config["route"].get("routes", [])]
        for route in routes:
            assert receivers[route.get("receiver", config["route"]["receiver"])]["email_configs"][0]["to"] == (
                "owner@studio.example"
            )
