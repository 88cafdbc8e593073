"""The kit's stop-aware periodic loop: intervals, drains, backoff after failures, wake-ups, stop."""

import asyncio
import itertools
import time

import pytest

from studio_kit.loops import run_until_stopped, sleep_unless_stopped


async def test_runs_every_interval_until_stopped() -> None:
    stop = asyncio.Event()
    calls: list[float] = []

    async def step() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            stop.set()

    await asyncio.wait_for(run_until_stopped(step, stop, interval=0.05, name="test"), timeout=5)
    assert len(calls) == 3
    assert all(later - earlier >= 0.04 for earlier, later in itertools.pairwise(calls))


async def test_a_step_that_found_more_work_runs_again_at_once() -> None:
    stop = asyncio.Event()
    backlog = [1, 2, 3, 4]
    started = time.monotonic()

    async def step() -> bool:
        backlog.pop()
        if not backlog:
            stop.set()
        return bool(backlog)

    await asyncio.wait_for(run_until_stopped(step, stop, interval=10, name="drain", first_run=True), timeout=5)
    assert not backlog
    assert time.monotonic() - started < 1  # never waited the 10 s interval between drains


async def test_failures_back_off_then_a_success_returns_to_the_interval(caplog: pytest.LogCaptureFixture) -> None:
    stop = asyncio.Event()
    outcomes = [RuntimeError("db down"), RuntimeError("db down"), None, None]
    times: list[float] = []

    async def step() -> None:
        times.append(time.monotonic())
        outcome = outcomes.pop(0)
        if not outcomes:
            stop.set()
        if outcome is not None:
            raise outcome

    await asyncio.wait_for(
        run_until_stopped(step, stop, interval=0.3, name="flaky", backoff=(0.01, 0.02), first_run=True), timeout=5
    )
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps[0] < 0.2
    assert gaps[1] < 0.2
    assert gaps[2] >= 0.25  # back to the interval after a success
    assert sum("flaky failed" in record.getMessage() for record in caplog.records) == 2


async def test_an_error_outside_retry_on_ends_the_loop() -> None:
    stop = asyncio.Event()

    async def step() -> None:
        raise KeyError("a bug, not an outage")

    with pytest.raises(KeyError):
        await run_until_stopped(step, stop, interval=0.01, name="strict", retry_on=(OSError,), first_run=True)


async def test_wake_cuts_the_wait_short_and_stop_ends_it_at_once() -> None:
    stop, wake = asyncio.Event(), asyncio.Event()
    ran = asyncio.Event()

    async def step() -> None:
        ran.set()

    loop = asyncio.create_task(run_until_stopped(step, stop, interval=60, name="woken", wake=wake))
    await asyncio.sleep(0.05)
    assert not ran.is_set()
    wake.set()
    await asyncio.wait_for(ran.wait(), timeout=2)
    stop.set()
    await asyncio.wait_for(loop, timeout=2)


async def test_sleep_unless_stopped_reports_the_stop() -> None:
    stop = asyncio.Event()
    assert await sleep_unless_stopped(stop, 0.01) is False
    stop.set()
    started = time.monotonic()
    assert await sleep_unless_stopped(stop, 30) is True
    assert time.monotonic() - started < 0.5
