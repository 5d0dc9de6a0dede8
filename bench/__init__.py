"""clerkbot's benchmarks: `python -m bench` from the repository root (`make bench`).

Not installed with clerkbot: they measure the product from outside and assert nothing.
"""

from __future__ import annotations

from pathlib import Path

#: The repository: the benchmarks' child processes import `bench` and `testing` from here.
ROOT = Path(__file__).resolve().parents[1]
