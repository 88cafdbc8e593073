"""The demo studio as scripts/seed_demo.py seeds it (loaded by path: scripts/ is not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _load_seed() -> ModuleType:
    name = "studio_demo_seed"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "seed_demo.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


SEED = _load_seed()
DEMO_PASSWORD: str = SEED.DEMO_PASSWORD
ADMIN_EMAIL: str = SEED.ADMIN_EMAIL
DEMO_TEACHER_EMAIL: str = SEED.DEMO_TEACHER_EMAIL
DEMO_STUDENT_EMAIL: str = SEED.DEMO_STUDENT_EMAIL
demo_id = SEED.demo_id
