"""Run configs that ``extends`` another: a variant lists only what it changes."""

from __future__ import annotations

import pytest

from itool.errors import UserError
from itool.loop.config import RunConfig, resolve_run_config


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_that_extends_another_changes_only_its_own_keys(tmp_path):
    write(tmp_path / "base.yaml", "seed: 7\nmax_rounds: 4\nsearch:\n  k: 5\n  depth: 2\n")
    variant = write(tmp_path / "variants/more.yaml",
                    "extends: ../base.yaml\nmax_rounds: 6\nsearch:\n  k: 2\n")
    config = resolve_run_config(variant)
    assert (config.seed, config.max_rounds) == (7, 6)
    # a section merges key by key: depth comes from the base, k from the variant
    assert (config.search.k, config.search.depth) == (2, 2)
    assert config.warmup == RunConfig().warmup


def test_extends_chains_and_command_line_flags_still_win(tmp_path):
    write(tmp_path / "a.yaml", "seed: 1\nmin_pairs: 3\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\nseed: 2\n")
    c = write(tmp_path / "c.yaml", "extends: b.yaml\nmax_rounds: 9\n")
    config = resolve_run_config(c, overrides={"max_rounds": 1})
    assert (config.seed, config.min_pairs, config.max_rounds) == (2, 3, 1)


def test_a_missing_base_names_the_file_that_extends_it(tmp_path):
    variant = write(tmp_path / "v.yaml", "extends: nowhere.yaml\n")
    with pytest.raises(UserError, match=r"v\.yaml: extends nowhere\.yaml, but there is no file"):
        resolve_run_config(variant)


def test_a_cycle_of_extends_is_a_user_error(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    b = write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(UserError, match="cycle"):
        resolve_run_config(b)


def test_extends_must_name_a_file_and_bad_keys_name_their_own_layer(tmp_path):
    odd = write(tmp_path / "odd.yaml", "extends: [a.yaml]\n")
    with pytest.raises(UserError, match=r"odd\.yaml: extends must be the path"):
        resolve_run_config(odd)
    write(tmp_path / "base.yaml", "sead: 1\n")
    variant = write(tmp_path / "variant.yaml", "extends: base.yaml\n")
    with pytest.raises(UserError, match=r"base\.yaml: unknown key 'sead'"):
        resolve_run_config(variant)
