"""itool's own training data: a pool of functions designed for this project, turned
into ToolACE-style samples of every category (see :mod:`.engine`).

``generate(n, seed)`` returns samples; ``itool data generate`` writes them.
"""

from itool.data.generate.engine import CATEGORIES, DEFAULT_MIX, Shapes, generate, parse_mix, split_dev
from itool.data.generate.pool import load_pool
from itool.data.generate.validate import check_call

__all__ = ["CATEGORIES", "DEFAULT_MIX", "check_call", "generate", "load_pool", "parse_mix", "Shapes",
           "split_dev"]
