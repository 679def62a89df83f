"""Batched sampling from a causal language model.

:class:`GenerationBackend` is what the rest of itool sees: prompts (text) in, ``n``
completions per prompt out, each with its text, token ids and per-token log-probs.
:class:`TransformersBackend` implements it with a plain decoding loop over a
transformers model instead of ``model.generate`` because

* ``n > 1`` samples of a prompt share one prefill: the prompt is encoded once and its
  KV cache repeated ``n`` times (``generate`` would encode it ``n`` times);
* log-probs are computed step by step and the logits dropped, where ``generate`` would
  keep the full-vocabulary logits of every step;
* rows that finish (end of turn, stop string) leave the batch at once;
* encoding a prompt (:meth:`TransformersBackend.prefill`) is separate from decoding
  continuations (:meth:`TransformersBackend.decode`), so that a caller can later keep
  and reuse prompt caches (tree search over one prompt).

Prompts are sorted by length and batched with left padding; positions come from the
attention mask so padded rows see the same positions as unpadded ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import torch

from itool.model.kv_cache import cache_argument, returned_cache


@dataclass
class SamplingParams:
    """How to sample.

    ``temperature=0`` means greedy decoding (``top_p`` is then ignored). ``stop``
    strings end a completion; the returned text stops before the first one, while
    ``token_ids``/``logprobs`` keep the token that completed it. ``seed`` makes
    sampling reproducible for the same prompts and batch layout.
    """

    n: int = 1
    max_new_tokens: int = 128
    temperature: float = 1.0
    top_p: float = 1.0
    stop: Sequence[str] = ()
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError("n must be at least 1")
        if self.max_new_tokens < 1:
            raise ValueError("max_new_tokens must be at least 1")
        if self.temperature < 0:
            raise ValueError("temperature must be >= 0")
        if not 0 < self.top_p <= 1:
            raise ValueError("top_p must be in (0, 1]")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


@dataclass
class Completion:
    """One sampled continuation.

    ``logprobs[i]`` is the log-probability of ``token_ids[i]`` under the model's own
    distribution (before temperature and top-p), so values are comparable across
    sampling settings. ``finish_reason`` is ``"stop"`` (end-of-sequence token or a stop
    string) or ``"length"`` (``max_new_tokens`` reached).
    """

    text: str
    token_ids: list[int] = field(default_factory=list)
    logprobs: list[float] = field(default_factory=list)
    finish_reason: str = "length"


class GenerationBackend(Protocol):
    """Anything that can sample completions for a batch of prompts."""

    def generate(self, prompts: Sequence[str], params: SamplingParams) -> list[list[Completion]]:
        """For each prompt, ``params.n`` completions, in prompt order."""
        ...


@dataclass
class PromptState:
    """A batch of encoded prompts, ready to decode from: the KV cache, the attention
    mask so far, each row's next position, and the logits for its next token."""

    cache: object
    attention_mask: torch.Tensor
    next_position: torch.Tensor
    next_logits: torch.Tensor

    def repeat(self, n: int) -> PromptState:
        """Each row repeated ``n`` times in place (row i becomes rows i*n..i*n+n-1)."""
        if n > 1:
            self.cache.batch_repeat_interleave(n)
            self.attention_mask = self.attention_mask.repeat_interleave(n, dim=0)
            self.next_position = self.next_position.repeat_interleave(n, dim=0)
            self.next_logits = self.next_logits.repeat_interleave(n, dim=0)
        return self

    def keep(self, rows: torch.Tensor) -> None:
        """Drop every row not in ``rows`` (finished continuations)."""
        self.cache.batch_select_indices(rows)
        self.attention_mask = self.attention_mask[rows]
        self.next_position = self.next_position[rows]
        self.next_logits = self.next_logits[rows]


class TransformersBackend:
    """:class:`GenerationBackend` over a transformers causal LM on any device.

    ``batch_size`` counts decoded rows: with ``n`` samples per prompt a batch holds
    ``max(1, batch_size // n)`` prompts.
    """

    def __init__(self, model, tokenizer, batch_size: int = 8, progress: bool = True):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.progress = progress
        self.pad_id = tokenizer.pad_token_id
        if self.pad_id is None:
            self.pad_id = tokenizer.eos_token_id
        self.stop_ids = _stop_token_ids(model, tokenizer)

    @classmethod
    def from_pretrained(
        cls, name_or_path: str, dtype="auto", device: str = "auto", **kwargs
    ) -> TransformersBackend:
        """Load a model by name (see :func:`itool.model.load.load_model`)."""
        from itool.model.load import load_model

        model, tokenizer = load_model(name_or_path, dtype=dtype, device=device)
        return cls(model, tokenizer, **kwargs)

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def encode(self, prompts: Sequence[str]) -> list[list[int]]:
        """Token ids of prompts as they are (chat-template text already holds its
        special tokens, so none are added)."""
        return [self.tokenizer(p, add_special_tokens=False)["input_ids"] for p in prompts]

    def generate(self, prompts: Sequence[str], params: SamplingParams,
                 done: dict[int, list[Completion]] | None = None,
                 on_batch: Callable[[list[int], list[list[Completion]]], None] | None = None,
                 ) -> list[list[Completion]]:
        """For each prompt, ``params.n`` completions, in prompt order.

        For resuming a long generation: a batch whose prompts (by index) are all in
        ``done`` takes their completions from there instead of being decoded, and
        ``on_batch(indices, completions)`` sees every batch decoded. The batches are
        laid out the same either way, so a resumed greedy run gives the outputs of
        an uninterrupted one."""
        from tqdm import tqdm

        done = done or {}
        encoded = self.encode(prompts)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]), reverse=True)
        per_batch = max(1, self.batch_size // params.n)
        generator = _generator(params.seed, self.device)
        results: list[list[Completion]] = [[] for _ in prompts]
        with tqdm(
            total=len(prompts),
            desc="generating",
            unit="prompt",
            disable=not self.progress or len(prompts) <= per_batch,
        ) as bar:
            for start in range(0, len(order), per_batch):
                batch = order[start : start + per_batch]
                if all(i in done for i in batch):
                    for index in batch:
                        results[index] = done[index]
                    bar.update(len(batch))
                    continue
                state = self.prefill([encoded[i] for i in batch]).repeat(params.n)
                completions = self.decode(state, params, generator)
                for k, index in enumerate(batch):
                    results[index] = completions[k * params.n : (k + 1) * params.n]
                if on_batch is not None:
                    on_batch(batch, [results[i] for i in batch])
                bar.update(len(batch))
        return results

    @torch.inference_mode()
    def prefill(self, prompt_ids: Sequence[Sequence[int]]) -> PromptState:
        """Encode left-padded prompts in one forward pass and keep the cache."""
        from transformers import DynamicCache

        if any(len(ids) == 0 for ids in prompt_ids):
            raise ValueError("cannot generate from an empty prompt")
        width = max(len(ids) for ids in prompt_ids)
        input_ids = torch.full((len(prompt_ids), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(prompt_ids), width), dtype=torch.long)
        for row, ids in enumerate(prompt_ids):
            input_ids[row, width - len(ids) :] = torch.tensor(ids, dtype=torch.long)
            mask[row, width - len(ids) :] = 1
        input_ids, mask = input_ids.to(self.device), mask.to(self.device)
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        cache = DynamicCache(config=self.model.config)
        out = self.model(
            input_ids=input_ids,
            attention_mask=mask,
            position_ids=positions,
            **cache_argument(self.model, cache),
            use_cache=True,
            logits_to_keep=1,
        )
        return PromptState(
            cache=returned_cache(out),
            attention_mask=mask,
            next_position=positions[:, -1] + 1,
            next_logits=out.logits[:, -1, :].float(),
        )

    @torch.inference_mode()
    def decode(
        self,
        state: PromptState,
        params: SamplingParams,
        generator: torch.Generator | None = None,
    ) -> list[Completion]:
        """Sample one continuation per row of ``state`` (consumed: its cache grows)."""
        rows = state.next_logits.shape[0]
        tokens: list[list[int]] = [[] for _ in range(rows)]
        logprobs: list[list[float]] = [[] for _ in range(rows)]
        finished: dict[int, str] = {}
        active = list(range(rows))  # original row of each row still in the batch
        stop_ids = torch.tensor(sorted(self.stop_ids), device=self.device)
        for step in range(params.max_new_tokens):
            log_dist = torch.log_softmax(state.next_logits, dim=-1)
            chosen = _choose(state.next_logits, params, generator)
            chosen_logprob = log_dist.gather(-1, chosen[:, None])[:, 0]
            is_stop_id = torch.isin(chosen, stop_ids).tolist()
            keep = []
            for k, (row, token, logprob) in enumerate(
                zip(active, chosen.tolist(), chosen_logprob.tolist(), strict=True)
            ):
                tokens[row].append(token)
                logprobs[row].append(logprob)
                if is_stop_id[k] or self._hits_stop_string(tokens[row], params.stop):
                    finished[row] = "stop"
                else:
                    keep.append(k)
            if not keep or step == params.max_new_tokens - 1:
                break
            if len(keep) < len(active):
                index = torch.tensor(keep, device=self.device)
                state.keep(index)
                chosen = chosen[index]
                active = [active[k] for k in keep]
            state.attention_mask = torch.cat(
                [state.attention_mask, state.attention_mask.new_ones((len(active), 1))], dim=1
            )
            out = self.model(
                input_ids=chosen[:, None],
                attention_mask=state.attention_mask,
                position_ids=state.next_position[:, None],
                **cache_argument(self.model, state.cache),
                use_cache=True,
            )
            state.cache = returned_cache(out)
            state.next_position = state.next_position + 1
            state.next_logits = out.logits[:, -1, :].float()
        return [
            self._completion(tokens[row], logprobs[row], finished.get(row, "length"), params)
            for row in range(rows)
        ]

    def _hits_stop_string(self, ids: list[int], stop: Sequence[str]) -> bool:
        if not stop:
            return False
        # A stop string ends within the last few tokens; decode only a short tail.
        tail = self.tokenizer.decode(ids[-16:], skip_special_tokens=False)
        return any(s in tail for s in stop)

    def _completion(
        self, ids: list[int], logprobs: list[float], reason: str, params: SamplingParams
    ) -> Completion:
        text_ids = ids[:-1] if ids and ids[-1] in self.stop_ids else ids
        text = self.tokenizer.decode(text_ids, skip_special_tokens=False)
        cut = min((text.find(s) for s in params.stop if s in text), default=-1)
        if cut >= 0:
            text = text[:cut]
        return Completion(text=text, token_ids=ids, logprobs=logprobs, finish_reason=reason)


def _choose(logits: torch.Tensor, params: SamplingParams, generator) -> torch.Tensor:
    """The next token of each row: argmax, or a sample after temperature and top-p."""
    if params.greedy:
        return logits.argmax(dim=-1)
    probs = torch.softmax(logits / params.temperature, dim=-1)
    if params.top_p < 1:
        sorted_probs, sorted_ids = probs.sort(dim=-1, descending=True)
        # Keep the smallest prefix whose mass reaches top_p (always the top token).
        outside = sorted_probs.cumsum(-1) - sorted_probs >= params.top_p
        sorted_probs = sorted_probs.masked_fill(outside, 0.0)
        probs = torch.zeros_like(probs).scatter(-1, sorted_ids, sorted_probs)
    return torch.multinomial(probs, 1, generator=generator)[:, 0]


def _generator(seed: int | None, device: torch.device) -> torch.Generator | None:
    if seed is None:
        return None
    generator = torch.Generator(device=device)
    generator.manual_seed(seed)
    return generator


def _stop_token_ids(model, tokenizer) -> set[int]:
    """Ids that end a turn: the tokenizer's end-of-sequence token and whatever the
    model's generation config lists (chat models often add an end-of-turn token)."""
    ids: set[int] = set()
    for value in (tokenizer.eos_token_id, getattr(model.generation_config, "eos_token_id", None)):
        if isinstance(value, int):
            ids.add(value)
        elif value:
            ids.update(int(v) for v in value)
    if not ids:
        raise ValueError("the model has no end-of-sequence token to stop at")
    return ids
