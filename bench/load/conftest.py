"""bench/load is a folder of scripts, not a package: let its tests import them as the scripts do."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
