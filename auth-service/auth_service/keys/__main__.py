"""Create a signing key for rotation: `python -m auth_service.keys DIR` writes DIR/<UTC time>.pem.

The newest file signs after the next (rolling) restart; keep the older file until every token it
signed has expired (ACCESS_TOKEN_EXPIRE_MINUTES), then delete it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .service import load_key, write_new_key


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path, help="JWT_KEYS_DIR")
    args = parser.parse_args(argv)
    path = write_new_key(args.directory)
    key = load_key(path.read_bytes(), loaded_from=path.name, modified_at=path.stat().st_mtime)
    sys.stdout.write(f"{path} kid={key.kid}\n")


if __name__ == "__main__":
    main()
