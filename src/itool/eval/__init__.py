"""Evaluation on BFCL (Berkeley Function Calling Leaderboard).

``values`` holds BFCL's per-argument matching rules (shared with ``itool.reward``),
``decode`` reads raw model text the way BFCL's prompting handler does, ``checker`` is
BFCL's AST checker, ``bfcl_data`` finds the installed BFCL files, and ``bfcl`` runs a
whole evaluation over predictions.
"""
