"""Models: loading and caching (``load``), prompts (``prompt``), sampling (``generate``)."""
