"""The function pool: one module per domain, each with ``FUNCTIONS`` and, where two
functions naturally feed each other, ``CHAINS``. A module whose requests an assistant
could answer without tools (arithmetic) says ``NEEDS_TOOL = False``; single
functions may say otherwise with ``fn(..., needs_tool=...)``.

The list of modules is fixed here (not discovered from the file system) so that the
pool, and therefore every generated file, is the same everywhere.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache

from itool.data.generate.dsl import Chain, Function

DOMAINS = (
    "travel",
    "finance",
    "weather",
    "maths",
    "geography",
    "health",
    "ecommerce",
    "calendar",
    "files",
    "media",
    "sports",
    "science",
    "education",
    "food",
    "real_estate",
    "transport",
    "hr",
    "messaging",
    "devops",
    "games",
    "news",
    "smart_home",
    "automotive",
    "social",
)


# Functions of different domains that can serve the same request. The generator never
# offers one as an unfitting tool (irrelevance) or as a distractor for the other.
SIMILAR = (
    ("play_music", "play_music_in_rooms"),
    ("geo.nearby_places", "find_pharmacy"),
    ("geo.nearby_places", "Restaurant Finder"),
    ("geo.nearby_places", "find_attractions"),
    ("buy_tickets", "buy_match_tickets"),
    ("search_events", "team_fixtures"),
    ("contacts.lookup", "hr.find_employee"),
    ("trackOrder", "trackFoodDelivery"),
    ("Income Tax Estimator", "payroll.net_salary"),
    ("Loan Payment Calculator", "mortgage.affordability"),
    ("vehicle.lock_doors", "lock_door"),
    ("create_event", "schedule_interview"),
    ("enroll_student", "training.enroll"),
)


@dataclass
class Pool:
    functions: list[Function]
    chains: list[Chain]
    similar: tuple[tuple[str, str], ...] = ()
    by_name: dict[str, Function] = field(default_factory=dict)
    by_domain: dict[str, list[Function]] = field(default_factory=dict)
    alike: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for f in self.functions:
            if f.name in self.by_name:
                raise ValueError(f"function {f.name!r} is declared twice in the pool")
            self.by_name[f.name] = f
            self.by_domain.setdefault(f.domain, []).append(f)
        for c in self.chains:
            for name in (c.first, c.second):
                if name not in self.by_name:
                    raise ValueError(f"chain refers to unknown function {name!r}")
        for a, b in self.similar:
            for name in (a, b):
                if name not in self.by_name:
                    raise ValueError(f"SIMILAR refers to unknown function {name!r}")
            self.alike.setdefault(a, set()).add(b)
            self.alike.setdefault(b, set()).add(a)

    def fits_apart(self, a: Function, b: Function) -> bool:
        """Whether a request for ``a`` could not be served by ``b`` (other domain, not
        declared similar)."""
        return a.domain != b.domain and b.name not in self.alike.get(a.name, ())


@lru_cache(maxsize=1)
def load_pool() -> Pool:
    """Every domain's functions and chains, in the fixed order of ``DOMAINS``."""
    functions: list[Function] = []
    chains: list[Chain] = []
    for domain in DOMAINS:
        module = importlib.import_module(f"{__name__}.{domain}")
        for f in module.FUNCTIONS:
            f.domain = domain
            if f.needs_tool is None:
                f.needs_tool = getattr(module, "NEEDS_TOOL", True)
            functions.append(f)
        chains.extend(getattr(module, "CHAINS", ()))
    return Pool(functions, chains, SIMILAR)
