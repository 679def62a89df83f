"""``itool data generate``: write built-in training data to a file."""

from __future__ import annotations

import argparse
import sys
import time

from itool.data.formats import WRITABLE_FORMATS, write_samples
from itool.data.generate.engine import CATEGORIES, DEFAULT_MIX, Shapes, generate, parse_mix, split_dev
from itool.errors import UserError


def add_generate(commands: argparse._SubParsersAction) -> None:
    """Add ``generate`` to the ``data`` subcommands."""
    mix = ",".join(f"{k}={v}" for k, v in DEFAULT_MIX.items())
    parser = commands.add_parser(
        "generate",
        help="generate tool-calling training data from the built-in function pool",
        description=(
            "Generate ToolACE-style samples (categories: " + ", ".join(CATEGORIES) + ") from "
            "itool's own pool of functions. Deterministic: the same arguments write the same "
            "bytes. --n counts train and dev together; the dev split is disjoint from train "
            "by query."
        ),
    )
    parser.add_argument("--n", type=int, required=True, help="number of samples")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="output file (.jsonl for JSONL, otherwise a JSON list)")
    parser.add_argument("--format", default="toolace", choices=WRITABLE_FORMATS,
                        help="output format (default: toolace)")
    parser.add_argument("--mix", default=None, metavar="CAT=W,...",
                        help=f"category weights; unlisted categories get 0 (default: {mix})")
    parser.add_argument("--dev-out", default=None, metavar="DEV", help="also write a dev split here")
    parser.add_argument("--dev-fraction", type=float, default=0.1,
                        help="share of samples that go to --dev-out (default: 0.1)")
    defaults = Shapes()
    parser.add_argument("--parallel-varied", type=float, default=defaults.parallel_varied,
                        metavar="SHARE",
                        help="share of parallel samples written as separate requests whose calls "
                        f"differ in several values (default: {defaults.parallel_varied})")
    parser.add_argument("--repeat-function", type=float, default=defaults.repeat_function,
                        metavar="SHARE",
                        help="share of parallel_multiple samples that call their first function "
                        f"twice (default: {defaults.repeat_function})")
    parser.set_defaults(func=generate_command)


def generate_command(args: argparse.Namespace) -> int:
    if args.n <= 0:
        raise UserError(f"--n must be positive, got {args.n}")
    try:
        mix = parse_mix(args.mix) if args.mix is not None else None
    except ValueError as err:
        raise UserError(f"--mix: {err}") from None
    if args.dev_out is not None and not 0.0 < args.dev_fraction < 1.0:
        raise UserError(f"--dev-fraction must be between 0 and 1, got {args.dev_fraction}")
    try:
        shapes = Shapes(args.parallel_varied, args.repeat_function)
    except ValueError as err:
        raise UserError("--" + str(err).replace("_", "-", 1)) from None
    start = time.perf_counter()
    samples = generate(args.n, args.seed, mix, progress=sys.stderr.isatty(), shapes=shapes)
    train, dev = (samples, []) if args.dev_out is None else split_dev(samples, args.dev_fraction, args.seed)
    write_samples(train, args.out, args.format)
    message = f"{args.out}: wrote {len(train)} {args.format} samples"
    if args.dev_out is not None:
        write_samples(dev, args.dev_out, args.format)
        message += f"; {args.dev_out}: {len(dev)} dev samples"
    print(f"{message} (seed {args.seed}, {time.perf_counter() - start:.1f} s)")
    return 0
