"""Backups that restore: one timestamped, compressed set per run, and a restore that checks it first.

A set (`<dir>/studio-backup-<UTC stamp>.tar.gz`) holds:

    manifest.json             what is inside: sha256 of every other file, each database's Alembic head
    db/<service>.dump         every service database, `pg_dump --format=custom`
    jwt-keys/*.pem            auth-service's signing keys (tokens and the JWKS survive a restore)
    rabbitmq/definitions.json this platform's exchange, queues and bindings (rabbitmqctl export_definitions)
    documents.tar             students-service's documents store (uploaded files)

`restore` refuses a set whose files do not match the manifest's checksums, that lacks a file or
carries one the manifest does not list, or whose databases' Alembic heads differ from the code's
migrations (restore with the release that made the set). Then it drops and recreates every
database, restores the dumps, puts keys and documents back and imports the broker definitions.

Two targets, one code path:
    --mode local    (default) `make up`'s state: scripts/local.py's settings (STUDIO_DB_SUFFIX,
                    STUDIO_LOCAL_DIR, STUDIO_PG*, ...); the platform must be stopped to restore.
    --mode compose  `docker compose`: pg_dump/pg_restore inside each `<name>-db` container, keys and
                    documents through their volumes, rabbitmqctl in the rabbitmq container.

Environment:
    STUDIO_BACKUP_DIR            where sets are written (default <repo>/backups)
    STUDIO_BACKUP_KEEP           how many sets to keep in that dir; older ones are deleted (default 14, 0 keeps all)
    STUDIO_BACKUP_COPY_COMMAND   a shell command run after each successful backup with the set's
                                 path as $1, for the off-machine copy (e.g. `rsync -a "$1" host:/srv/studio/`)
    STUDIO_RABBITMQCTL           how to call rabbitmqctl in local mode (default `rabbitmqctl`)

Usage: backup.py [--mode local|compose] backup | restore SET | verify SET
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent
FORMAT = 1
SET_PATTERN = re.compile(r"^studio-backup-\d{8}T\d{6}Z\.tar\.gz$")
CHUNK = 1 << 20


def load_local_runner() -> ModuleType:
    """scripts/local.py (not a package): the service table and the local settings."""
    name = "studio_local_runner"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "local.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


LOCAL = load_local_runner()
DB_SERVICES = [s for s in LOCAL.SERVICES if s.has_db]


class BackupError(RuntimeError):
    """A refusal or failure with a message meant for the operator."""


def run(command: list[str], *, stdin: Any = None, stdout: Any = None, env: dict[str, str] | None = None) -> bytes:
    result = subprocess.run(command, stdin=stdin, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if result.returncode != 0:
        raise BackupError(f"{shlex.join(command)} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout or b""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def code_head(service: Any) -> str:
    """The Alembic head of the service's migrations in this checkout."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(AlembicConfig(str(service.folder / "alembic.ini"))).get_heads()
    return ",".join(sorted(heads))


def tar_directory(source: Path, target: Path) -> None:
    with tarfile.open(target, "w") as archive:
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(source)), recursive=False)


def untar_directory(source: Path, target: Path) -> None:
    with tarfile.open(source) as archive:
        archive.extractall(target, filter="data")


class Target(Protocol):
    """Where the platform's state lives: one implementation per way of running it."""

    def describe(self) -> dict[str, Any]: ...
    def database(self, service: Any) -> str: ...
    def ensure_stopped(self) -> None: ...
    def dump(self, service: Any, target: Path) -> None: ...
    def head(self, service: Any) -> str: ...
    def restore(self, service: Any, dump: Path) -> None: ...
    def export_keys(self, target: Path) -> None: ...
    def import_keys(self, source: Path) -> None: ...
    def export_documents(self, target: Path) -> None: ...
    def import_documents(self, source: Path) -> None: ...
    def export_definitions(self) -> dict[str, Any]: ...
    def import_definitions(self, source: Path) -> None: ...


def platform_definitions(everything: dict[str, Any], exchange: str, queue_prefix: str) -> dict[str, Any]:
    """Only this platform's part of a broker's definitions (a broker may serve several)."""
    names = "|".join(re.escape(f"{s.name}-service") for s in LOCAL.SERVICES)
    ours = re.compile(rf"^{re.escape(queue_prefix)}({names})(\.retry|\.dlq)?$")
    queues = [q for q in everything.get("queues", []) if ours.match(q["name"])]
    queue_names = {q["name"] for q in queues}
    return {
        "exchanges": [e for e in everything.get("exchanges", []) if e["name"] == exchange],
        "queues": queues,
        "bindings": [
            b
            for b in everything.get("bindings", [])
            if b["source"] == exchange and b["destination_type"] == "queue" and b["destination"] in queue_names
        ],
    }


class LocalTarget:
    """`make up`: one PostgreSQL server, state in STUDIO_LOCAL_DIR, the broker on this machine."""

    def __init__(self, env: dict[str, str]) -> None:
        self.cfg = LOCAL.Config(env)
        self.env = env
        self.rabbitmqctl = shlex.split(env.get("STUDIO_RABBITMQCTL") or "rabbitmqctl")
        self.exchange = env.get("STUDIO_EVENTS_EXCHANGE") or "studio.events"
        self.queue_prefix = env.get("STUDIO_EVENTS_QUEUE_PREFIX") or ""

    def describe(self) -> dict[str, Any]:
        return {"mode": "local", "db_suffix": self.cfg.db_suffix, "events_exchange": self.exchange}

    def database(self, service: Any) -> str:
        return str(self.cfg.database(service))

    def pg(self, tool: str) -> list[str]:
        return [tool, "-h", self.cfg.pg_host, "-p", str(self.cfg.pg_port), "-U", self.cfg.pg_user]

    @property
    def pg_env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.cfg.pg_password} if self.cfg.pg_password else dict(os.environ)

    def ensure_stopped(self) -> None:
        for service in LOCAL.SERVICES:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.cfg.port(service))) == 0:
                    raise BackupError(
                        f"{service.name}-service still answers on port {self.cfg.port(service)}: "
                        "stop the platform first (`make down`)"
                    )

    def dump(self, service: Any, target: Path) -> None:
        command = [*self.pg("pg_dump"), "--format=custom", "--file", str(target), self.database(service)]
        run(command, env=self.pg_env)

    def sql(self, database: str, statement: str) -> str:
        command = [*self.pg("psql"), "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", statement]
        return run(command, env=self.pg_env).decode().strip()

    def head(self, service: Any) -> str:
        rows = self.sql(self.database(service), "SELECT version_num FROM alembic_version ORDER BY 1")
        return ",".join(rows.split())

    def restore(self, service: Any, dump: Path) -> None:
        name = self.database(service)  # [a-z0-9_] only (scripts/local.py checks the suffix)
        self.sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.sql("postgres", f'CREATE DATABASE "{name}"')
        command = [*self.pg("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", name, str(dump)]
        run(command, env=self.pg_env)

    @property
    def keys_dir(self) -> Path:
        return Path(self.cfg.local_dir) / "jwt-keys"

    @property
    def documents_dir(self) -> Path:
        return Path(self.cfg.local_dir) / "documents"

    def export_keys(self, target: Path) -> None:
        pems = sorted(self.keys_dir.glob("*.pem"))
        if not pems:
            raise BackupError(f"no JWT signing key in {self.keys_dir}: is this the platform's state dir?")
        target.mkdir(parents=True)
        for pem in pems:
            shutil.copy2(pem, target / pem.name)

    def import_keys(self, source: Path) -> None:
        self.keys_dir.mkdir(parents=True, exist_ok=True)
        for old in self.keys_dir.glob("*.pem"):
            old.unlink()
        for pem in sorted(source.glob("*.pem")):
            copied = self.keys_dir / pem.name
            shutil.copy2(pem, copied)
            copied.chmod(0o600)

    def export_documents(self, target: Path) -> None:
        tar_directory(self.documents_dir, target)

    def import_documents(self, source: Path) -> None:
        shutil.rmtree(self.documents_dir, ignore_errors=True)
        self.documents_dir.mkdir(parents=True)
        untar_directory(source, self.documents_dir)

    def export_definitions(self) -> dict[str, Any]:
        everything = json.loads(run([*self.rabbitmqctl, "export_definitions", "-"]))
        return platform_definitions(everything, self.exchange, self.queue_prefix)

    def import_definitions(self, source: Path) -> None:
        # From stdin: the broker node (another user) may not read this process's temporary files.
        with source.open("rb") as definitions:
            run([*self.rabbitmqctl, "import_definitions"], stdin=definitions)


class ComposeTarget:
    """`docker compose`: a PostgreSQL container per database (`<name>-db`), named volumes."""

    KEYS = "/var/lib/studio/jwt-keys"
    DOCUMENTS = "/var/lib/studio/documents"
    APP_SERVICES = [f"{s.name}-service" for s in LOCAL.SERVICES]

    def __init__(self, env: dict[str, str]) -> None:
        self.compose = shlex.split(env.get("STUDIO_COMPOSE") or "docker compose")
        self.exchange = "studio.events"

    def describe(self) -> dict[str, Any]:
        return {"mode": "compose", "events_exchange": self.exchange}

    def database(self, service: Any) -> str:
        return f"{service.name}-db"

    def exec(self, container: str, script: str, **kwargs: Any) -> bytes:
        return run([*self.compose, "exec", "-T", container, "sh", "-c", script], **kwargs)

    def one_off(self, service: str, script: str, **kwargs: Any) -> bytes:
        """A throw-away container of `service` (its volumes mounted) while the service is stopped."""
        command = [*self.compose, "run", "--rm", "--no-deps", "-T", "--entrypoint", "sh", service, "-c", script]
        return run(command, **kwargs)

    def ensure_stopped(self) -> None:
        running = run([*self.compose, "ps", "--services", "--filter", "status=running"]).decode().split()
        still = sorted(set(running) & set(self.APP_SERVICES))
        if still:
            raise BackupError(f"stop the services first (`docker compose stop {' '.join(still)}`)")

    def dump(self, service: Any, target: Path) -> None:
        with target.open("wb") as out:
            self.exec(
                self.database(service),
                'pg_dump -U "$POSTGRES_USER" --format=custom "$POSTGRES_DB"',
                stdout=out,
            )

    def head(self, service: Any) -> str:
        script = 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "SELECT version_num FROM alembic_version ORDER BY 1"'
        return ",".join(self.exec(self.database(service), script).decode().split())

    def restore(self, service: Any, dump: Path) -> None:
        container = self.database(service)
        recreate = 'dropdb -U "$POSTGRES_USER" --if-exists --force "$POSTGRES_DB"'
        self.exec(container, f'{recreate} && createdb -U "$POSTGRES_USER" "$POSTGRES_DB"')
        with dump.open("rb") as source:
            self.exec(
                container,
                'pg_restore -U "$POSTGRES_USER" --no-owner --exit-on-error -d "$POSTGRES_DB"',
                stdin=source,
            )

    def export_keys(self, target: Path) -> None:
        # auth-service may be running (a backup does not stop anything): read through exec.
        archive = self.exec("auth-service", f"tar -C {self.KEYS} -cf - .")
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as keys:
            keys.extractall(target, filter="data")
        if not any(target.glob("*.pem")):
            raise BackupError("no JWT signing key on the auth-jwt-keys volume")

    def import_keys(self, source: Path) -> None:
        with tempfile.TemporaryFile() as archive:
            with tarfile.open(fileobj=archive, mode="w") as keys:
                for pem in sorted(source.glob("*.pem")):
                    keys.add(pem, arcname=pem.name)
            archive.seek(0)
            self.one_off("auth-service", f"rm -f {self.KEYS}/*.pem && tar -C {self.KEYS} -xf -", stdin=archive)

    def export_documents(self, target: Path) -> None:
        with target.open("wb") as out:
            self.exec("students-service", f"tar -C {self.DOCUMENTS} -cf - .", stdout=out)

    def import_documents(self, source: Path) -> None:
        with source.open("rb") as archive:
            script = f"find {self.DOCUMENTS} -mindepth 1 -delete && tar -C {self.DOCUMENTS} -xf -"
            self.one_off("students-service", script, stdin=archive)

    def export_definitions(self) -> dict[str, Any]:
        everything = json.loads(self.exec("rabbitmq", "rabbitmqctl export_definitions -"))
        return platform_definitions(everything, self.exchange, "")

    def import_definitions(self, source: Path) -> None:
        with source.open("rb") as definitions:
            self.exec("rabbitmq", "rabbitmqctl import_definitions", stdin=definitions)


def make_target(mode: str, env: dict[str, str]) -> Target:
    return LocalTarget(env) if mode == "local" else ComposeTarget(env)


# --- backup -------------------------------------------------------------------------------------


def backup(target: Target, directory: Path, keep: int, copy_command: str = "") -> Path:
    """Write one set; returns its path. Nothing half-written is left behind on failure."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"studio-backup-{stamp}.tar.gz"
    if final.exists():
        raise BackupError(f"{final} already exists (two backups in one second?)")
    with tempfile.TemporaryDirectory(prefix="studio-backup-") as work_dir:
        work = Path(work_dir)
        (work / "db").mkdir()
        databases: dict[str, Any] = {}
        for service in DB_SERVICES:
            dump = work / "db" / f"{service.name}.dump"
            # The head first: a migration running between the two would show as a mismatch on restore.
            head = target.head(service)
            target.dump(service, dump)
            databases[service.name] = {
                "database": target.database(service),
                "file": f"db/{service.name}.dump",
                "alembic_head": head,
            }
        target.export_keys(work / "jwt-keys")
        target.export_documents(work / "documents.tar")
        (work / "rabbitmq").mkdir()
        definitions = target.export_definitions()
        (work / "rabbitmq" / "definitions.json").write_text(json.dumps(definitions, indent=2, sort_keys=True))
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": target.describe(),
            "databases": databases,
            "files": {
                str(path.relative_to(work)): {"sha256": sha256(path), "bytes": path.stat().st_size}
                for path in sorted(work.rglob("*"))
                if path.is_file()
            },
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        partial = final.with_name(final.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            for path in sorted(work.iterdir()):
                archive.add(path, arcname=path.name)
        partial.rename(final)
    final.chmod(0o600)  # signing keys inside
    if copy_command:
        result = subprocess.run(["sh", "-c", copy_command, "studio-backup-copy", str(final)])
        if result.returncode != 0:
            raise BackupError(f"the off-machine copy (STUDIO_BACKUP_COPY_COMMAND) failed for {final}")
    prune(directory, keep)
    return final


def prune(directory: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` sets in `directory` (0 keeps all); the stamp sorts by time."""
    sets = sorted(path for path in directory.iterdir() if SET_PATTERN.match(path.name))
    doomed = sets[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- verify and restore -------------------------------------------------------------------------


@contextlib.contextmanager
def unpacked(archive: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The set unpacked in a temporary dir, with its manifest, once every check has passed."""
    if not archive.is_file():
        raise BackupError(f"no backup set at {archive}")
    with tempfile.TemporaryDirectory(prefix="studio-restore-") as work_dir:
        work = Path(work_dir)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{archive} is not a readable backup set: {exc}") from exc
        manifest_path = work / "manifest.json"
        if not manifest_path.is_file():
            raise BackupError(f"{archive} has no manifest.json")
        manifest = json.loads(manifest_path.read_text())
        check(work, manifest)
        yield work, manifest


def check(work: Path, manifest: dict[str, Any]) -> None:
    problems = []
    if manifest.get("format") != FORMAT:
        problems.append(f"manifest format {manifest.get('format')!r}, this script reads {FORMAT}")
    listed: dict[str, Any] = manifest.get("files", {})
    present = {str(p.relative_to(work)) for p in work.rglob("*") if p.is_file()} - {"manifest.json"}
    problems += [f"missing file {name}" for name in sorted(set(listed) - present)]
    problems += [f"file not in the manifest: {name}" for name in sorted(present - set(listed))]
    for name in sorted(set(listed) & present):
        if sha256(work / name) != listed[name]["sha256"]:
            problems.append(f"checksum mismatch: {name}")
    databases: dict[str, Any] = manifest.get("databases", {})
    for service in DB_SERVICES:
        entry = databases.get(service.name)
        if entry is None:
            problems.append(f"no dump of {service.name}'s database")
            continue
        wanted = code_head(service)
        if entry["alembic_head"] != wanted:
            problems.append(
                f"{service.name}: the set's migration head {entry['alembic_head']!r} is not this code's "
                f"{wanted!r} (restore with the release that made the set, then upgrade)"
            )
    if problems:
        raise BackupError("refusing this backup set:\n  " + "\n  ".join(problems))


def restore(target: Target, archive: Path) -> dict[str, Any]:
    with unpacked(archive) as (work, manifest):
        target.ensure_stopped()
        for service in DB_SERVICES:
            target.restore(service, work / manifest["databases"][service.name]["file"])
            restored = target.head(service)
            if restored != manifest["databases"][service.name]["alembic_head"]:
                raise BackupError(f"{service.name}: restored head {restored!r} differs from the manifest")
        target.import_keys(work / "jwt-keys")
        target.import_documents(work / "documents.tar")
        target.import_definitions(work / "rabbitmq" / "definitions.json")
        return manifest


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("local", "compose"), default=os.environ.get("STUDIO_BACKUP_MODE", "local"))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("backup", help="write a new set into STUDIO_BACKUP_DIR")
    for name in ("restore", "verify"):
        command = sub.add_parser(name, help=f"{name} a set (verify: the checks only)")
        command.add_argument("set", type=Path, nargs="?", help="the .tar.gz (default: the newest set)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    directory = Path(env.get("STUDIO_BACKUP_DIR") or REPO / "backups")
    target = make_target(args.mode, env)
    started = time.monotonic()
    try:
        if args.command == "backup":
            path = backup(
                target, directory, int(env.get("STUDIO_BACKUP_KEEP") or 14), env.get("STUDIO_BACKUP_COPY_COMMAND", "")
            )
            print(f"backup written: {path} ({path.stat().st_size} bytes, {time.monotonic() - started:.1f} s)")
            return 0
        archive = args.set or newest(directory)
        if args.command == "verify":
            with unpacked(archive) as (_, manifest):
                print(f"{archive}: {len(manifest['files'])} files match the manifest; migration heads match")
            return 0
        manifest = restore(target, archive)
        print(f"restored {archive} (made {manifest['created_at']}) in {time.monotonic() - started:.1f} s")
        return 0
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def newest(directory: Path) -> Path:
    sets = sorted(p for p in directory.iterdir() if SET_PATTERN.match(p.name)) if directory.is_dir() else []
    if not sets:
        raise BackupError(f"no backup set in {directory}")
    return sets[-1]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
