"""docs/events.md is the contract between publishers and consumers. These tests hold the code to
it: every event a service consumes or publishes is in the catalogue with that service named, and
every field a consumer reads from `data` is a field the catalogue says the publisher sends."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "docs" / "events.md"
SERVICES = ["auth", "bff", "calendary", "groups", "lessons", "notifications", "students", "teachers", "tg-bot"]
ROW = re.compile(
    r"^\| `(?P<type>[a-z_]+\.[a-z_]+)` \| (?P<publisher>[^|]+) \| (?P<consumers>[^|]+) \| (?P<fields>[^|]+) \|"
)
FIELD = re.compile(r"\b([a-z][a-z_]*)\b")
# Reads of the event's payload in a handler: data["x"], data.get("x"), event.data["x"], event.data.get("x").
DATA_READ = re.compile(r"""\bdata(?:\[\s*["'](\w+)["']\s*\]|\.get\(\s*["'](\w+)["'])""")
# outbox.add(session, "type", ...) with the type written out in the call.
# A consumer's own copy of the contract: SomeModel.model_validate(event.data).
VALIDATED_MODEL = re.compile(r"(\w+)\.model_validate\(\s*event\.data")
PUBLISH = re.compile(r"""outbox\.add\(\s*session,\s*["']([a-z_]+\.[a-z_]+)["']""")
WORDS_NOT_FIELDS = {
    "or",
    "null",
    "and",
    "with",
    "the",
    "a",
    "is",
    "of",
    "first",
    "password",
    "self",
    "registration",
    "login",
    "oauth",
    "status",
    "nested",
}


def load_catalogue() -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for line in CATALOGUE.read_text().splitlines():
        match = ROW.match(line)
        if not match:
            continue
        field_text = match["fields"].split("(")[0] if "`" not in match["fields"].split("(")[0] else match["fields"]
        fields = set()
        for code in re.findall(r"`([^`]+)`", field_text):
            fields |= set(FIELD.findall(code))
        events[match["type"]] = {
            "publisher": match["publisher"].strip(),
            "consumers": {c.strip() for c in re.sub(r"\([^)]*\)", "", match["consumers"]).split(",")},
            "fields": fields,
        }
    return events


CATALOGUE_EVENTS = load_catalogue()


def handlers_of(service: str) -> dict[str, Any]:
    module = importlib.import_module(f"{service.replace('-', '_')}_service.events.handlers")
    for name in ("HANDLER_FUNCTIONS", "HANDLERS"):
        handlers = getattr(module, name, None)
        if isinstance(handlers, dict):
            return handlers
    raise AssertionError(f"{service}-service has no HANDLERS mapping")


def test_catalogue_parses() -> None:
    assert len(CATALOGUE_EVENTS) >= 18
    assert CATALOGUE_EVENTS["lesson.completed"]["publisher"] == "lessons"
    assert {"lesson_id", "attendance", "teacher_id"} <= CATALOGUE_EVENTS["lesson.completed"]["fields"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_consumed_event_is_catalogued_with_this_consumer(service: str) -> None:
    for event_type in handlers_of(service):
        assert event_type in CATALOGUE_EVENTS, f"{service} consumes {event_type}, which docs/events.md lacks"
        consumers = CATALOGUE_EVENTS[event_type]["consumers"]
        assert service in consumers, f"docs/events.md does not list {service} as a consumer of {event_type}"


@pytest.mark.parametrize("service", SERVICES)
def test_consumers_read_only_catalogued_fields(service: str) -> None:
    for event_type, handler in handlers_of(service).items():
        source = inspect.getsource(handler)
        read = {a or b for a, b in DATA_READ.findall(source)}
        for model_name in VALIDATED_MODEL.findall(source):
            model = handler.__globals__[model_name]
            read |= {name for name, field in model.model_fields.items() if field.is_required()}
        unknown = read - CATALOGUE_EVENTS[event_type]["fields"]
        assert not unknown, (
            f"{service}'s handler of {event_type} reads {sorted(unknown)} that the publisher does not send"
        )


@pytest.mark.parametrize("service", SERVICES)
def test_every_published_event_is_catalogued_with_this_publisher(service: str) -> None:
    package = REPO / f"{service}-service" / f"{service.replace('-', '_')}_service"
    published = {m for path in package.rglob("*.py") for m in PUBLISH.findall(path.read_text())}
    for event_type in published:
        assert event_type in CATALOGUE_EVENTS, f"{service} publishes {event_type}, which docs/events.md lacks"
        assert CATALOGUE_EVENTS[event_type]["publisher"].startswith(service), (
            f"docs/events.md names {CATALOGUE_EVENTS[event_type]['publisher']} as publisher of {event_type}"
        )


def test_every_catalogued_event_has_a_publisher_in_code() -> None:
    sources = "\n".join(p.read_text() for p in REPO.glob("*-service/*_service/**/*.py"))
    missing = [event for event in CATALOGUE_EVENTS if f'"{event}"' not in sources]
    assert not missing, f"catalogued but never named in code: {missing}"
