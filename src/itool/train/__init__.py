"""Training: warmup SFT (``sft``) and preference optimisation (``preference``) through
TRL, their shared options (``options``), the run-and-export step (``runner``), and
the ``itool warmup`` / ``itool optimize`` commands (``cli``)."""
