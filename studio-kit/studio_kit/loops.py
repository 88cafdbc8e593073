"""One stop-aware background loop for every periodic job (sweepers, reconcilers, dispatchers).

    async def run_sweeper(app: FastAPI, stop: asyncio.Event) -> None:
        await run_until_stopped(lambda: sweep_once(app), stop,
                                interval=settings.sweep_seconds, name="hold sweeper")

The step runs every `interval` seconds until `stop` is set; a step that returns True found more
work and runs again at once (a drain); a step that raises is logged and retried after a growing
delay (`backoff`, then its last value), and the next success returns to the normal interval.
`wake` (an asyncio.Event, e.g. from `studio_kit.wakeup`) cuts a wait short when work arrives.
`first_run` says whether the first step runs at once or after the first interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

logger = logging.getLogger("studio_kit.loops")

DEFAULT_BACKOFF: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)


async def sleep_unless_stopped(stop: asyncio.Event, seconds: float, wake: asyncio.Event | None = None) -> bool:
    """Wait up to `seconds`; True when `stop` was set meanwhile. A set `wake` ends the wait early
    (and is cleared, so the next wait waits again)."""
    if stop.is_set():
        return True
    waiters = {asyncio.ensure_future(stop.wait())}
    if wake is not None:
        waiters.add(asyncio.ensure_future(wake.wait()))
    try:
        await asyncio.wait(waiters, timeout=max(seconds, 0.0), return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
    if wake is not None:
        wake.clear()
    return stop.is_set()


async def run_until_stopped(
    step: Callable[[], Awaitable[bool | None]],
    stop: asyncio.Event,
    *,
    interval: float,
    name: str,
    backoff: Sequence[float] = DEFAULT_BACKOFF,
    wake: asyncio.Event | None = None,
    first_run: bool = False,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> None:
    """Run `step` periodically until `stop` is set (see the module's docstring)."""
    if not backoff:
        raise ValueError("backoff needs at least one delay")
    failures = 0
    delay = 0.0 if first_run else interval
    while not await sleep_unless_stopped(stop, delay, wake):
        try:
            more = await step()
        except retry_on as exc:
            delay = backoff[min(failures, len(backoff) - 1)]
            failures += 1
            logger.warning("%s failed (attempt %d), retrying in %.1f s: %s", name, failures, delay, exc)
            continue
        failures = 0
        delay = 0.0 if more else interval
