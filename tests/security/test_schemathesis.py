"""Property-based sweep of every Python service's OpenAPI (schemathesis): generated requests must
never get a 5xx, and every answer a route documents must match its documented schema.

Each service is swept twice: with an admin token (every public route) and with a service token
holding every scope (every route, /internal included). `STUDIO_SWEEP_EXAMPLES` sets the examples
per operation: `make test` uses a small budget to keep its wall time, `make test-sweep` runs 30."""

from __future__ import annotations

import copy
import os
import random
import zlib
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis.specs.openapi.checks import response_schema_conformance

SERVICES = ("auth", "calendary", "groups", "lessons", "notifications", "students", "teachers", "bff", "tg-bot")
# Examples per operation; the default keeps `make test` near its budget on two shared cores.
EXAMPLES_PER_ROUTE = int(os.environ.get("STUDIO_SWEEP_EXAMPLES", "10"))
SKIP = ("/health/", "/metrics")


@pytest.mark.parametrize("caller", ["admin", "service"])
@pytest.mark.parametrize("service", SERVICES)
def test_generated_requests_never_break_a_service(chaos_platform: Any, service: str, caller: str) -> None:
    platform = chaos_platform
    platform.require(service)
    base_url = platform.url(service)
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    headers = platform.headers("admin") if caller == "admin" else platform.service_headers()
    failures: dict[str, str] = {}
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith(SKIP) or (caller == "admin" and operation.path.startswith("/internal/")):
            continue
        operations += 1
        sweep = make_sweep(base_url, headers, operation)
        try:
            sweep()
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis reports a FailureGroup
            failures[f"{operation.method.upper()} {operation.path}"] = str(exc)[:600]
    assert operations > 0
    assert failures == {}, "\n\n".join(f"{route}: {error}" for route, error in failures.items())


def no_server_error(ctx: Any, response: Any, case: Any) -> bool:
    """No 5xx, except a documented 503 `*_not_configured`: a feature this deployment has not set up
    (local mode has no VAPID key and no bot token: `bot_disabled`); a deployment state, not a fault."""
    if response.status_code < 500:
        return True
    try:
        code = str(response.json().get("code", ""))
    except ValueError:
        code = ""
    if response.status_code == 503 and (code.endswith("_not_configured") or code == "bot_disabled"):
        return True
    raise AssertionError(f"{response.status_code} from {case.method} {case.formatted_path}: {response.text[:300]}")


def make_sweep(base_url: str, headers: dict[str, str], operation: Any) -> Any:
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy())
    def sweep(case: Any) -> None:
        case.call_and_validate(
            base_url=base_url, headers=headers, timeout=30, checks=[no_server_error, response_schema_conformance]
        )
        # The same request with values a generated case rarely carries: a NUL in one string at a
        # time (PostgreSQL refuses it; the other fields stay valid so it gets that far) and an
        # enormous number in every integer query parameter (an OFFSET past bigint).
        for hostile in _hostile_variants(case):
            hostile.call_and_validate(base_url=base_url, headers=headers, timeout=30, checks=[no_server_error])

    return sweep


def _hostile_variants(case: Any, per_case: int = 2) -> list[Any]:
    query = dict(case.query or {})
    huge = {name: 2**60 for name, value in query.items() if isinstance(value, int) and not isinstance(value, bool)}
    body = case.body if isinstance(case.body, (dict, list)) else None
    leaves = [("query", path) for path in _string_paths(query)] + [("body", path) for path in _string_paths(body)]
    # Which strings get the NUL: a deterministic pick, so a failure reproduces.
    picker = random.Random(zlib.crc32(repr((case.operation.label, query, body)).encode()))
    variants = []
    for where, path in picker.sample(leaves, min(per_case, len(leaves))):
        variant = case.derive(query={**query, **huge} if where == "body" else _with_nul(query, path))
        if body is not None:
            variant.body = _with_nul(body, path) if where == "body" else copy.deepcopy(body)
        variants.append(variant)
    if huge and not leaves:
        variants.append(case.derive(query={**query, **huge}))
    return variants


def _string_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _string_paths(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _string_paths(item, (*path, index))]
    return []


def _with_nul(value: Any, path: tuple[Any, ...]) -> Any:
    value = copy.deepcopy(value)
    *parents, last = path
    target = value
    for key in parents:
        target = target[key]
    text = target[last]
    target[last] = text[: len(text) // 2] + "\x00" + text[len(text) // 2 + 1 :]
    return value
