"""How fast ``itool data generate`` builds and writes data (no model involved).

    .venv/bin/python benchmarks/data_generate_speed.py [--n 10000] [--seed 7]

Times the pool import, sample generation (with schema checks and complexity) and
writing ToolACE JSONL through the formats writer, in one process. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from itool.data.formats import write_samples
    from itool.data.generate import generate, load_pool

    pool = load_pool()
    t1 = time.perf_counter()
    samples = generate(args.n, args.seed)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.jsonl"
        write_samples(samples, path, "toolace")
        size = path.stat().st_size
    t3 = time.perf_counter()
    print(f"pool: {len(pool.functions)} functions, {len(pool.by_domain)} domains, "
          f"{len(pool.chains)} chains (import {t1 - t0:.2f} s)")
    print(f"generate {args.n} samples: {t2 - t1:.2f} s ({args.n / (t2 - t1):,.0f} samples/s)")
    print(f"write ToolACE JSONL: {t3 - t2:.2f} s ({size / 1e6:.1f} MB)")
    print(f"total: {t3 - t0:.2f} s")


if __name__ == "__main__":
    main()
