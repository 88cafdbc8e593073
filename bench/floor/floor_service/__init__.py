"""The smallest service the kit builds: what one hop costs before any domain work (bench/floor)."""
