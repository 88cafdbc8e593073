"""docs/events.md is the contract between publishers and consumers. These tests hold the typed event
models to it:

- every model in a service's `events/published.py` has exactly the catalogue's fields (nested ones
  too) and names that service as publisher;
- every model in a service's `events/consumed.py` reads only fields the catalogue lists (and the
  publisher's model has), and the catalogue names that service as consumer;
- every handler is registered for a consumed model; nothing passes a dict to `outbox.add`.

Models are found by module path (`*-service/*_service/events/published.py` and `consumed.py`), so a
service that adds those files is checked without touching this test."""

from __future__ import annotations

import ast
import importlib
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from studio_kit.audit import AuditRecorded
from studio_kit.messaging import EventHandlers

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "docs" / "events.md"
ROW = re.compile(
    r"^\| `(?P<type>[a-z_]+\.[a-z_]+)` \| (?P<publisher>[^|]+) \| (?P<consumers>[^|]+) \| (?P<fields>[^|]+) \|"
)

# A field spec: field name → the spec of its nested object (a list of objects counts as one), or None.
Spec = dict[str, "Spec | None"]


# --- the catalogue --------------------------------------------------------------------------------


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[{"
        depth -= char in "]}"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in [*parts, current] if part.strip()]


def parse_fields(text: str) -> Spec:
    """`a, b[], c: [{d, e}], f: {g, h} or null, i or j` → {a, b, c: {d, e}, f: {g, h}, i, j}."""
    spec: Spec = {}
    for item in _split_top_level(text):
        name, _, rest = item.partition(":")
        nested = None
        if "{" in rest:
            nested = parse_fields(rest[rest.index("{") + 1 : rest.rindex("}")])
        for alternative in name.split(" or "):
            spec[alternative.strip().removesuffix("[]")] = nested
    return spec


def _names(column: str) -> set[str]:
    names = {name.strip() for name in re.sub(r"\([^)]*\)", "", column).split(",")}
    return names - {"", "none yet"}


@dataclass(frozen=True)
class Row:
    publishers: set[str]
    consumers: set[str]
    fields: Spec


def load_catalogue() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for line in CATALOGUE.read_text().splitlines():
        if match := ROW.match(line):
            first_code = re.search(r"`([^`]+)`", match["fields"])
            assert first_code, f"{match['type']}: the fields column starts with the fields in backticks"
            rows[match["type"]] = Row(
                _names(match["publisher"]), _names(match["consumers"]), parse_fields(first_code[1])
            )
    return rows


CATALOGUE_ROWS = load_catalogue()


# --- the models -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    service: str
    event_type: str
    cls: type[BaseModel]

    def __str__(self) -> str:
        return f"{self.service}:{self.cls.__name__}"


def _service_of(path: Path) -> str:
    return path.relative_to(REPO).parts[0].removesuffix("-service")


def _module_of(path: Path) -> types.ModuleType:
    return importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts[1:]))


def discover(kind: str) -> list[Model]:
    """Every event model in `*-service/*_service/events/<kind>.py`: classes with an `event_type`,
    or listed in the module's `EVENT_TYPES` mapping (model → type)."""
    models: list[Model] = []
    for path in sorted(REPO.glob(f"*-service/*_service/events/{kind}.py")):
        module, service = _module_of(path), _service_of(path)
        mapping: dict[Any, str] = getattr(module, "EVENT_TYPES", {})
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, BaseModel)) or value.__module__ != module.__name__:
                continue
            event_type = getattr(value, "event_type", None) or mapping.get(value)
            if isinstance(event_type, str):
                models.append(Model(service, event_type, value))
    return models


# The audit trail's event is published by the kit on behalf of the services that record staff writes.
PUBLISHED = [*discover("published"), Model("studio_kit", AuditRecorded.event_type, AuditRecorded)]
CONSUMED = discover("consumed")
PUBLISHED_BY_TYPE = {model.event_type: model for model in PUBLISHED}


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        if (found := _nested_model(argument)) is not None:
            return found
    return None


def model_spec(cls: type[BaseModel]) -> Spec:
    spec: Spec = {}
    for name, field in cls.model_fields.items():
        nested = _nested_model(field.annotation)
        spec[name] = model_spec(nested) if nested is not None else None
    return spec


def differences(model: Spec, catalogue: Spec, *, subset: bool, path: str = "") -> list[str]:
    """What breaks the contract: fields the catalogue lacks, and (unless `subset`) fields it lists
    that the model lacks; nested objects compared the same way."""
    problems = [f"{path}{name} is not in the catalogue" for name in model.keys() - catalogue.keys()]
    if not subset:
        problems += [f"{path}{name} is missing" for name in catalogue.keys() - model.keys()]
    for name in model.keys() & catalogue.keys():
        inner, listed = model[name], catalogue[name]
        if inner is not None and listed is not None:
            problems += differences(inner, listed, subset=subset, path=f"{path}{name}.")
    return problems


# --- tests ----------------------------------------------------------------------------------------


def test_catalogue_parses() -> None:
    assert len(CATALOGUE_ROWS) >= 24
    completed = CATALOGUE_ROWS["lesson.completed"]
    assert completed.publishers == {"lessons"}
    assert completed.consumers == {"students", "teachers", "notifications", "bff"}
    assert completed.fields["attendance"] == {"student_id": None, "status": None, "price_minor": None}
    assert CATALOGUE_ROWS["notification.telegram_requested"].fields["buttons"] == {
        "text": None,
        "url": None,
        "callback_data": None,
    }
    assert CATALOGUE_ROWS["group.waitlist_offer_lapsed"].consumers == set()


def test_models_are_found_by_their_module_path() -> None:
    publishers = {model.service for model in PUBLISHED}
    consumers = {model.service for model in CONSUMED}
    assert {"auth", "groups", "students", "teachers", "notifications", "tg-bot", "studio_kit"} <= publishers
    assert {"students", "teachers", "notifications", "tg-bot", "bff"} <= consumers


@pytest.mark.parametrize("model", PUBLISHED, ids=str)
def test_published_model_has_exactly_the_catalogued_fields(model: Model) -> None:
    row = CATALOGUE_ROWS.get(model.event_type)
    assert row is not None, f"{model} publishes {model.event_type}, which docs/events.md lacks"
    if model.service != "studio_kit":
        assert model.service in row.publishers, f"docs/events.md does not name {model.service} as its publisher"
    assert differences(model_spec(model.cls), row.fields, subset=False) == []


@pytest.mark.parametrize("model", CONSUMED, ids=str)
def test_consumed_model_reads_only_what_the_publisher_sends(model: Model) -> None:
    row = CATALOGUE_ROWS.get(model.event_type)
    assert row is not None, f"{model} consumes {model.event_type}, which docs/events.md lacks"
    assert model.service in row.consumers, f"docs/events.md does not name {model.service} as a consumer"
    spec = model_spec(model.cls)
    assert differences(spec, row.fields, subset=True) == []
    if (published := PUBLISHED_BY_TYPE.get(model.event_type)) is not None:
        assert differences(spec, model_spec(published.cls), subset=True) == [], f"{published} sends less"


def test_every_catalogued_event_has_a_published_model() -> None:
    """Every publisher of a catalogued event has a typed model for it."""
    missing = []
    for event_type, row in CATALOGUE_ROWS.items():
        if event_type in PUBLISHED_BY_TYPE:
            continue
        missing.extend(f"{event_type} ({publisher})" for publisher in row.publishers)
    assert missing == []


HANDLER_MODULES = sorted(REPO.glob("*-service/*_service/events/handlers.py"))


@pytest.mark.parametrize("path", HANDLER_MODULES, ids=_service_of)
def test_every_handler_takes_a_consumed_model_of_a_catalogued_event(path: Path) -> None:
    service = _service_of(path)
    handlers = _module_of(path).HANDLERS
    assert isinstance(handlers, EventHandlers), f"{service}: HANDLERS is an EventHandlers table"
    models = handlers.models()
    assert set(models) == set(handlers), f"{service}: every handler declares the model it reads"
    own = {model.cls for model in CONSUMED if model.service == service}
    assert set(models.values()) <= own, f"{service}: handlers read models from its events/consumed.py"
    event_types = set(models)
    for event_type in event_types:
        assert event_type in CATALOGUE_ROWS, f"{service} consumes {event_type}, which docs/events.md lacks"
        assert service in CATALOGUE_ROWS[event_type].consumers, f"docs/events.md lacks {service} for {event_type}"


def test_every_catalogued_consumer_handles_the_event() -> None:
    """The other direction: a service the catalogue names as a consumer has a handler for the
    event. Otherwise the event may have no queue at all, and the publisher's outbox keeps it and
    tries it again for ever (issue 19: auth's `user.registered` had no consumer, and every poll of
    auth's relay offered up to 100 registrations to the broker once more)."""
    handled = {_service_of(path): set(_module_of(path).HANDLERS) for path in HANDLER_MODULES}
    missing = [
        f"{event_type} ({consumer})"
        for event_type, row in CATALOGUE_ROWS.items()
        for consumer in sorted(row.consumers)
        if event_type not in handled.get(consumer, set())
    ]
    assert missing == [], missing


def _outbox_calls(path: Path) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add"
        and isinstance(node.func.value, ast.Name | ast.Attribute)
        and (node.func.value.id if isinstance(node.func.value, ast.Name) else node.func.value.attr) == "outbox"
    ]


def test_outbox_add_gets_a_model_never_a_dict() -> None:
    """`outbox.add(session, Model(...))`: two arguments, the second a model (not a dict literal, not
    a type string with its data)."""
    offenders = []
    paths = [*REPO.glob("*-service/*_service/**/*.py"), *REPO.glob("studio-kit/studio_kit/**/*.py")]
    for path in sorted(paths):
        for call in _outbox_calls(path):
            typed = len(call.args) == 2 and not isinstance(call.args[1], ast.Dict | ast.Constant)
            if not typed or any(keyword.arg == "data" for keyword in call.keywords):
                offenders.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert offenders == []
    assert any(_outbox_calls(path) for path in paths), "the scan finds the outbox calls"
