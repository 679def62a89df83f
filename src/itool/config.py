"""Configuration as plain data: dataclasses with documented fields, YAML files, flags.

A config is an ordinary dataclass whose fields are declared with :func:`option` (a
default and a help text). From that one declaration this module derives everything a
user touches:

- :func:`load_config` reads a YAML file (after the files it ``extends``, see
  :func:`config_layers`), rejects unknown keys and wrong types with an error that names
  the file and the key, and applies command-line overrides on top;
- :func:`dump_config` writes the resolved config back to YAML, each key preceded by its
  help text, so a run directory documents itself and can be re-run with ``--config``;
- :func:`add_config_flags` exposes every field as a flag (``lr`` -> ``--lr``,
  ``max_length`` -> ``--max-length``; nested sections as ``--warmup.lr``), and
  :func:`config_overrides` collects the flags the user actually gave.

Supported field types: ``bool``, ``int``, ``float``, ``str``, ``list[...]`` of those,
``X | None``, and nested config dataclasses (sections). Allowed values go in
``option(..., choices=...)``.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import difflib
import textwrap
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from itool.errors import UserError

C = TypeVar("C")

_FLAG_PREFIX = "config__"  # argparse dest prefix; keeps config flags apart from others


def option(default: Any, help: str, *, choices: typing.Iterable[Any] | None = None,
           bookkeeping: bool = False) -> Any:
    """Declare a config field: its default, what it means, and (optionally) the values
    it may take. Mutable defaults (lists, nested configs) are copied per instance.
    ``bookkeeping`` marks an option that changes how a run is logged or saved, not what
    it produces (how often to checkpoint), so a resumed run does not redo the work
    when only such an option changed."""
    metadata: dict[str, Any] = {"help": help}
    if choices is not None:
        metadata["choices"] = tuple(choices)
    if bookkeeping:
        metadata["bookkeeping"] = True
    if isinstance(default, (list, dict)) or dataclasses.is_dataclass(default):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def field_help(cls: type, name: str) -> str:
    """The help text of one field (empty when it was declared without :func:`option`)."""
    return next(f.metadata.get("help", "") for f in dataclasses.fields(cls) if f.name == name)


# -- types ---------------------------------------------------------------------------


def _field_types(cls: type) -> list[tuple[dataclasses.Field, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


def _split_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (tp, False)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0], True
        raise TypeError(f"unsupported config type {tp!r}: only 'X | None' unions are allowed")
    return tp, False


_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


def _coerce(value: Any, tp: Any) -> Any:
    """Check ``value`` against the declared type and return it in that type.

    Raises ``ValueError`` with the reason. Integers are accepted where a float is
    expected, and so are numeric strings, because YAML reads ``1e-5`` (no dot) as a
    string."""
    tp, optional = _split_optional(tp)
    if value is None:
        if optional:
            return None
        raise ValueError(f"expected {_describe(tp)}, got null")
    if typing.get_origin(tp) is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {value!r}")
        return [_coerce(v, item_tp) for v in value]
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
    elif tp is str:
        if isinstance(value, str):
            return value
    else:
        raise TypeError(f"unsupported config type {tp!r}")
    raise ValueError(f"expected {_describe(tp)}, got {value!r}")


def _describe(tp: Any) -> str:
    tp, optional = _split_optional(tp)
    if typing.get_origin(tp) is list:
        text = f"a list of {_describe(typing.get_args(tp)[0])}s"
    else:
        text = _TYPE_NAMES.get(tp, str(tp))
    return text + (" or null" if optional else "")


# -- building and reading ------------------------------------------------------------


def from_dict(cls: type[C], data: dict[str, Any], source: str, base: C | None = None) -> C:
    """Build a ``cls`` from a mapping, starting from ``base`` (or the defaults).

    Every problem raises :class:`UserError` naming ``source`` (a file path, or
    "command line") and the dotted key."""
    return _from_dict(cls, data, source, base, prefix="")


def _from_dict(cls: type[C], data: Any, source: str, base: C | None, prefix: str) -> C:
    section = prefix.rstrip(".") or "the top level"
    if not isinstance(data, dict):
        raise UserError(f"{source}: {section} must be a mapping of keys to values, got {data!r}")
    known = {f.name: (f, tp) for f, tp in _field_types(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{prefix}{key}"
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UserError(
                f"{source}: unknown key {where!r}{hint}; known keys in {section}: "
                + ", ".join(known)
            )
        f, tp = known[key]
        if dataclasses.is_dataclass(tp):
            inner_base = getattr(base, key) if base is not None else None
            values[key] = _from_dict(tp, value, source, inner_base, prefix=f"{where}.")
            continue
        try:
            value = _coerce(value, tp)
        except ValueError as err:
            raise UserError(f"{source}: {where}: {err}") from None
        choices = f.metadata.get("choices")
        if choices is not None and value not in choices:
            allowed = ", ".join(map(str, choices))
            raise UserError(f"{source}: {where}: {value!r} is not one of {allowed}")
        values[key] = value
    try:
        if base is None:
            return cls(**values)
        return dataclasses.replace(base, **values)
    except ValueError as err:  # a config's own __post_init__ check
        raise UserError(f"{source}: {err}") from None


def to_dict(cfg: Any) -> dict[str, Any]:
    """The config as plain data (nested sections as nested dicts)."""
    return dataclasses.asdict(cfg)


def load_config(
    cls: type[C], path: str | Path | None = None, overrides: dict[str, Any] | None = None
) -> C:
    """Defaults, then the YAML file at ``path`` (if any), then ``overrides`` (usually
    from :func:`config_overrides`), each validated."""
    cfg = cls()
    if path is not None:
        for layer, data in config_layers(path):
            cfg = from_dict(cls, data, str(layer), base=cfg)
    if overrides:
        cfg = from_dict(cls, overrides, "command line", base=cfg)
    return cfg


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot read config file {path}: {err.strerror or err}") from None
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise UserError(f"{path}: not valid YAML: {err}") from None


def config_layers(path: str | Path, chain: tuple[Path, ...] = ()) -> list[tuple[Path, Any]]:
    """The YAML file at ``path`` and the files it ``extends``, base first, each as
    ``(file, data)`` to apply in turn.

    ``extends: OTHER.yaml`` (relative to the file) makes a config a list of changes to
    another one, so a variant of an experiment states only what it changes and cannot
    drift from the rest of its base."""
    path = Path(path)
    if path.resolve() in chain:
        cycle = " -> ".join(str(p) for p in (*chain, path.resolve()))
        raise UserError(f"{path}: config files extend each other in a cycle: {cycle}")
    data = _read_yaml(path)
    if not isinstance(data, dict) or "extends" not in data:
        return [(path, data)]  # from_dict names what is wrong with a non-mapping
    data = dict(data)
    parent = data.pop("extends")
    if not isinstance(parent, str):
        raise UserError(f"{path}: extends must be the path of another config file, "
                        f"not {parent!r}")
    base = path.parent / parent
    if not base.is_file():
        raise UserError(f"{path}: extends {parent}, but there is no file {base}")
    return [*config_layers(base, (*chain, path.resolve())), (path, data)]


def dump_config(cfg: Any, path: str | Path | None = None) -> str:
    """Write the resolved config as YAML, each key under a comment with its help text;
    returns the text (and writes it to ``path`` when given). Loading the file again
    gives an equal config."""
    text = "\n".join(_dump_lines(cfg, indent="")) + "\n"
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    return text


def _dump_lines(cfg: Any, indent: str) -> list[str]:
    lines: list[str] = []
    for f in dataclasses.fields(cfg):
        value = getattr(cfg, f.name)
        for help_line in _wrap(f.metadata.get("help", "")):
            lines.append(f"{indent}# {help_line}")
        if dataclasses.is_dataclass(value):
            lines.append(f"{indent}{f.name}:")
            lines.extend(_dump_lines(value, indent + "  "))
        else:
            lines.append(f"{indent}{f.name}: {_yaml_value(value)}")
    return lines


def _yaml_value(value: Any) -> str:
    """One value in YAML flow style, on one line (dumped inside a one-item list, whose
    brackets are then dropped, so that scalars get YAML's quoting rules)."""
    return yaml.safe_dump([value], default_flow_style=True, width=10**9).strip()[1:-1]


def _wrap(text: str, width: int = 88) -> list[str]:
    return textwrap.wrap(text, width) if text else []


def find_config(name_or_path: str) -> Path:
    """A config file given by path, or by the name of a preset shipped with itool
    (``src/itool/configs/<name>.yaml``)."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    presets = resources.files("itool") / "configs"
    candidate = presets / f"{name_or_path}.yaml"
    if candidate.is_file():
        return Path(str(candidate))
    known = sorted(p.name[: -len(".yaml")] for p in presets.iterdir() if p.name.endswith(".yaml"))
    raise UserError(
        f"config {name_or_path!r} is neither a file nor a preset (presets: {', '.join(known)})"
    )


# -- command line --------------------------------------------------------------------


def add_config_flags(
    parser: argparse.ArgumentParser, cls: type, prefix: str = "", title: str | None = None
) -> None:
    """Add one flag per field of ``cls`` (recursing into sections). Flags default to
    "not given", so that only what the user typed overrides the config file."""
    group = parser.add_argument_group(
        title or f"{prefix.rstrip('.') or cls.__name__} fields (override --config)"
    )
    for f, tp in _field_types(cls):
        name = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(tp):
            add_config_flags(parser, tp, prefix=f"{name}.")
            continue
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        help_text = f"{f.metadata.get('help', '')} (default: {default!r})".replace("%", "%%")
        kwargs: dict[str, Any] = {
            "dest": _FLAG_PREFIX + name, "default": argparse.SUPPRESS, "help": help_text
        }
        inner, _ = _split_optional(tp)
        if inner is bool:
            kwargs["action"] = argparse.BooleanOptionalAction
        else:
            if typing.get_origin(inner) is list:
                kwargs["nargs"] = "+"
            kwargs["type"] = str if inner is str or inner == list[str] else _yaml_scalar
            choices = f.metadata.get("choices")
            kwargs["metavar"] = "{" + ",".join(map(str, choices)) + "}" if choices else f.name.upper()
        group.add_argument(f"--{name.replace('_', '-')}", **kwargs)


def _yaml_scalar(text: str) -> Any:
    """Read a flag value the way YAML reads it (``10`` -> 10, ``null`` -> None), so that
    flags and files go through the same validation."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def config_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The config flags present in ``args``, as a nested dict for :func:`load_config`."""
    out: dict[str, Any] = {}
    for dest, value in vars(args).items():
        if not dest.startswith(_FLAG_PREFIX):
            continue
        *sections, key = dest[len(_FLAG_PREFIX):].split(".")
        target = out
        for section in sections:
            target = target.setdefault(section, {})
        if value == "null":  # str flags skip YAML parsing; "null" still means None
            value = None
        target[key] = value
    return out
