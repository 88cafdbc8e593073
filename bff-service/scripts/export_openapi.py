"""Export the BFF's OpenAPI document, and optionally the frontend's TypeScript types made from it.

    python bff-service/scripts/export_openapi.py                       # JSON to stdout
    python bff-service/scripts/export_openapi.py --json openapi.json   # JSON to a file
    python bff-service/scripts/export_openapi.py --typescript frontend-service/src/api/schema.d.ts

No server starts: the app is built and asked for its schema. The TypeScript comes from
openapi-typescript installed in frontend-service (a devDependency there)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SERVICE_DIR = Path(__file__).resolve().parents[1]
REPOSITORY = SERVICE_DIR.parent
FRONTEND_DIR = REPOSITORY / "frontend-service"
GENERATOR = FRONTEND_DIR / "node_modules" / ".bin" / "openapi-typescript"


def openapi_document() -> dict[str, Any]:
    sys.path[:0] = [str(SERVICE_DIR), str(REPOSITORY / "studio-kit")]
    from bff_service.config import Settings
    from bff_service.main import create_app

    # Only the schema is wanted: test settings need no secrets and open no connections.
    app = create_app(Settings(_env_file=None, environment="test", log_level="WARNING"))
    return app.openapi()


def openapi_json() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_typescript(target: Path) -> None:
    """Run openapi-typescript on the current document and write the result to `target`."""
    if not GENERATOR.exists():
        raise SystemExit(
            f"{GENERATOR} is missing: run `npm ci` in frontend-service (openapi-typescript is a devDependency)"
        )
    with tempfile.TemporaryDirectory() as workdir:
        source = Path(workdir) / "openapi.json"
        output = Path(workdir) / "schema.d.ts"
        source.write_text(openapi_json(), encoding="utf-8")
        subprocess.run(  # noqa: S603 - fixed executable inside the repository
            [str(GENERATOR), str(source), "--output", str(output)],
            check=True,
            cwd=FRONTEND_DIR,
            stdout=subprocess.DEVNULL,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the OpenAPI JSON here instead of stdout")
    parser.add_argument("--typescript", type=Path, help="write the TypeScript types here")
    args = parser.parse_args()
    if args.typescript:
        write_typescript(args.typescript)
    if args.json:
        args.json.write_text(openapi_json(), encoding="utf-8")
    if not args.typescript and not args.json:
        sys.stdout.write(openapi_json())


if __name__ == "__main__":
    main()
