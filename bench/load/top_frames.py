"""Sum py-spy's collapsed stacks (`bench.py --flame-raw`) by function: where a service's samples go.

    .venv/bin/python bench/load/top_frames.py bench/profiles/x/booking-4vu-lessons.txt --top 40
    .venv/bin/python bench/load/top_frames.py FILE --match studio_kit   # inclusive share of frames matching

Each line of a raw profile is `frame;frame;...;frame COUNT`. "self" counts samples whose innermost
frame is the function, "total" samples whose stack contains it anywhere (once per stack).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_LOCATION = re.compile(r" \((?:.*/)?(?P<path>(?:site-packages/)?[^()]*?):\d+\)$")


def _short(frame: str) -> str:
    """`handle (…/site-packages/starlette/routing.py:123)` → `handle (starlette/routing.py)`."""
    match = _LOCATION.search(frame)
    if match is None:
        return frame
    path = frame[match.start() + 2 : -1].rsplit(":", 1)[0]
    for marker in ("site-packages/", "-service/", "studio-kit/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{frame[: match.start()]} ({path})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--match", action="append", default=[], help="also print the inclusive share of frames containing this text"
    )
    args = parser.parse_args()
    self_counts: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    samples = 0
    for path in args.files:
        for line in path.read_text().splitlines():
            stack, _, count_text = line.rpartition(" ")
            if not stack or not count_text.isdigit():
                continue
            count = int(count_text)
            frames = [_short(frame) for frame in stack.split(";")]
            samples += count
            self_counts[frames[-1]] += count
            for frame in set(frames):
                totals[frame] += count
            for text in args.match:
                if any(text in frame for frame in frames):
                    matched[text] += count
    print(f"{samples} samples")
    print("\n-- total (inclusive) --")
    for frame, count in totals.most_common(args.top):
        print(f"{100 * count / samples:5.1f}%  {frame}")
    print("\n-- self --")
    for frame, count in self_counts.most_common(args.top):
        print(f"{100 * count / samples:5.1f}%  {frame}")
    for text in args.match:
        print(f"\nframes containing {text!r}: {100 * matched[text] / samples:.1f}%")


if __name__ == "__main__":
    main()
