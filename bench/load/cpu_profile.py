"""CPU seconds of every platform process during a load level, and py-spy flame graphs per service.

Processes are found in /proc (Linux only): each service's `studio_kit.serve` process by its port,
nginx's master and workers by the bench's state dir in their command line, the private Redis by
its port, and the PostgreSQL backends serving the bench's databases (`pg_stat_activity`, read at
the start and the end of the level; a backend that ends during the level loses its share, so the
PostgreSQL figure is a lower bound). The shared RabbitMQ serves everybody on the machine and is not
attributed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PY_SPY = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")  # requirements-dev.txt


def _cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far (0 when it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def platform_processes(service_ports: dict[str, int], local_dir: Path, redis_port: int | None) -> dict[str, list[int]]:
    """Name -> pids of the bench platform's own processes."""
    found: dict[str, list[int]] = {}
    by_port = {str(port): name for name, port in service_ports.items()}
    for pid in _pids():
        argv = _cmdline(pid)
        if not argv:
            continue
        if "studio_kit.serve" in argv and "--port" in argv:
            port = argv[argv.index("--port") + 1]
            if port in by_port:
                found.setdefault(by_port[port], []).append(pid)
        elif argv[0].startswith("nginx") and any(str(local_dir) in part for part in argv):
            found.setdefault("nginx", []).append(pid)
        elif redis_port is not None and argv[0].startswith("redis-server") and f":{redis_port}" in " ".join(argv):
            found.setdefault("redis", []).append(pid)
    # nginx workers carry no path in their command line: they are the master's children
    masters = set(found.get("nginx", []))
    for pid in _pids():
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid in masters and pid not in masters:
            found["nginx"].append(pid)
    return found


def postgres_backends(db_suffix: str) -> list[int]:
    sql = f"SELECT pid FROM pg_stat_activity WHERE datname LIKE '%{db_suffix}'"  # noqa: S608 - our own suffix
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAXc", sql]
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout  # noqa: S603
    return [int(line) for line in out.split() if line.strip().isdigit()]


@dataclass
class CpuSample:
    """CPU seconds per process group over one level."""

    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


@contextlib.contextmanager
def measure_cpu(processes: dict[str, list[int]], db_suffix: str) -> Iterator[CpuSample]:
    sample = CpuSample()
    before = {name: {pid: cpu_seconds(pid) for pid in pids} for name, pids in processes.items()}
    pg_before = {pid: cpu_seconds(pid) for pid in postgres_backends(db_suffix)}
    try:
        yield sample
    finally:
        for name, pids in before.items():
            sample.seconds[name] = sum(max(0.0, cpu_seconds(pid) - start) for pid, start in pids.items())
        pg_after = postgres_backends(db_suffix)
        # backends born during the level count from zero (their whole life lies inside it)
        sample.seconds["postgres"] = sum(max(0.0, cpu_seconds(pid) - pg_before.get(pid, 0.0)) for pid in pg_after)


@contextlib.contextmanager
def flame_graphs(
    processes: dict[str, list[int]], out_dir: Path, label: str, seconds: float, *, raw: bool = False
) -> Iterator[None]:
    """py-spy (non-blocking sampling, 100 Hz) on every Python service for the level's duration: an
    SVG flame graph each, or with `raw` the collapsed stacks (text; `bench/load/top_frames.py` sums
    them by function)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    spies = []
    for name, pids in sorted(processes.items()):
        if name in {"nginx", "redis"}:
            continue
        for pid in pids:
            target = out_dir / f"{label}-{name}.{'txt' if raw else 'svg'}"
            command = [
                PY_SPY,
                "record",
                "--nonblocking",
                "--rate",
                "100",
                "--duration",
                str(int(seconds)),
                "--format",
                "raw" if raw else "flamegraph",
                "--pid",
                str(pid),
                "--output",
                str(target),
            ]
            spies.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # noqa: S603
    try:
        yield
    finally:
        for spy in spies:
            try:
                spy.wait(seconds + 30)
            except subprocess.TimeoutExpired:
                spy.terminate()
