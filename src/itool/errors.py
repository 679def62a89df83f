"""Errors that mean "the user gave us something wrong", as opposed to bugs.

The CLI prints these as one clear line and exits non-zero; anything else is a bug
and keeps its traceback.
"""


class UserError(Exception):
    """Bad input from the user: a missing file, a malformed record, a bad option."""


class DataError(UserError):
    """One or more bad records in a data file.

    ``problems`` holds ``(location, reason)`` pairs, where location is
    ``FILE:RECORD`` (record = line number for JSONL, index for a JSON list).
    """

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{where}: {why}" for where, why in problems))
