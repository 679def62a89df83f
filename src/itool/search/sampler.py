"""Batched sampling for tree search, with the prompt encoded once per tree.

Every expansion of a tree continues the same prompt (system prompt, tool
documentation, conversation) from a different partial response. With tool
documentation in it the prompt is long and prefill dominates, so the sampler keeps
the prompt's KV cache and reuses it: an expansion then encodes only its response
prefix. Requests from different trees share one batch: their cached prompts are
left-padded to a common length, their prefixes fed in one forward pass, and the
cache is repeated ``n`` times for the ``n`` continuations of each request.

Layout of one batch row (``.`` = padding, masked out; positions count real tokens)::

    [ . . prompt[:-1] (cached) | . . prompt[-1] prefix (this forward) | sampled ... ]

Sampling is done here rather than by ``generate`` for two reasons: ``generate`` has
no way to start from a padded, per-row cache, and each row draws from its own
generator seeded from its request, so a request's draws do not depend on where it sits
in a batch (only floating-point noise in the logits differs between batch shapes).
``reuse_prompt=False`` encodes prompt and prefix from scratch for every request (the
baseline the benchmark measures against); greedy outputs are the same.

Models with sliding-window attention layers (Gemma 3) always encode from scratch: such
a layer keeps only the last window's keys of the prompt, and it windows by position in
the cache, which the padding between a cached prompt and its prefix would shift.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch
from transformers.cache_utils import DynamicLayer

from itool.model.kv_cache import cache_argument, returned_cache
from itool.search.mcts import Continuation, derive_seed


@dataclass(frozen=True)
class SampleRequest:
    """Continue ``prompt_ids`` + the tokens of ``prefix`` for at most
    ``max_new_tokens`` tokens; ``seed`` makes the draws reproducible."""

    prompt_ids: tuple[int, ...]
    prefix: str
    seed: int
    max_new_tokens: int


@dataclass
class SamplerStats:
    """Work done so far: tokens run through the model to encode prompts and prefixes,
    tokens sampled, forward passes, and seconds spent in :meth:`PromptCachedSampler.sample`."""

    encoded_tokens: int = 0
    generated_tokens: int = 0
    forward_passes: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


@dataclass
class _Row:
    request: int
    generator: torch.Generator
    budget: int
    tokens: list[int] = field(default_factory=list)
    logprobs: list[float] = field(default_factory=list)
    finished: bool = False


def stop_token_ids(model, tokenizer) -> set[int]:
    """End-of-sequence ids from the tokenizer and the model's generation config."""
    ids = set()
    for value in (tokenizer.eos_token_id, getattr(model.generation_config, "eos_token_id", None)):
        if isinstance(value, int):
            ids.add(value)
        elif value:
            ids.update(int(v) for v in value)
    return ids


def windowed(cache) -> bool:
    """Whether any layer of a ``DynamicCache`` keeps only a sliding window of keys."""
    return any(getattr(layer, "is_sliding", False) for layer in cache.layers)


def has_sliding_layers(model) -> bool:
    """Whether any attention layer of ``model`` is windowed (as its cache would be built)."""
    from transformers import DynamicCache

    return windowed(DynamicCache(config=model.config))


class PromptCachedSampler:
    """Sample continuations of (prompt, prefix) pairs from a Hugging Face causal LM.

    ``cache_size`` prompts' KV caches are kept (least recently used dropped); make it
    at least the number of trees searched together. ``reuse_prompt`` is turned off for
    a model with sliding-window layers (see the module docs).
    """

    def __init__(self, model, tokenizer, reuse_prompt: bool = True, cache_size: int = 64):
        self.model = model
        self.tokenizer = tokenizer
        self.reuse_prompt = reuse_prompt and not has_sliding_layers(model)
        self.cache_size = cache_size
        self.stop_ids = stop_token_ids(model, tokenizer)
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self.stats = SamplerStats()
        self._prompts: OrderedDict[tuple[int, ...], list[tuple[torch.Tensor, torch.Tensor]]]
        self._prompts = OrderedDict()

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def prefix_ids(self, prefix: str) -> list[int]:
        return self.tokenizer.encode(prefix, add_special_tokens=False) if prefix else []

    @torch.no_grad()
    def sample(self, requests: Sequence[SampleRequest], n: int = 1, temperature: float = 1.0,
               top_p: float = 1.0) -> list[list[Continuation]]:
        """``n`` continuations per request; ``temperature=0`` is greedy. Each
        continuation carries its tokens' log-probabilities under the model
        (temperature 1, before top-p) and where each token ends in its text."""
        if not requests:
            return []
        started = time.perf_counter()
        logits, cache, mask, positions = self._prefill(requests)
        make_room(cache, max(r.max_new_tokens for r in requests))
        rows = [
            _Row(request=i, budget=max(1, r.max_new_tokens),
                 generator=torch.Generator().manual_seed(derive_seed(r.seed, j) % 2**63))
            for i, r in enumerate(requests) for j in range(n)
        ]
        if n > 1:
            cache.batch_repeat_interleave(n)
            logits = logits.repeat_interleave(n, dim=0)
            mask = mask.repeat_interleave(n, dim=0)
            positions = positions.repeat_interleave(n, dim=0)
        active = list(range(len(rows)))
        while True:
            tokens, logprobs = self._pick(logits, [rows[i] for i in active], temperature, top_p)
            keep = []
            for slot, (i, token, logprob) in enumerate(zip(active, tokens, logprobs, strict=True)):
                row = rows[i]
                if token in self.stop_ids:
                    row.finished = True
                    continue
                row.tokens.append(token)
                row.logprobs.append(logprob)
                self.stats.generated_tokens += 1
                if len(row.tokens) < row.budget:
                    keep.append(slot)
            if not keep:
                break
            if len(keep) < len(active):
                index = torch.tensor(keep, device=mask.device)
                cache.batch_select_indices(index)
                mask, positions = mask[index], positions[index]
                tokens = [tokens[s] for s in keep]
                active = [active[s] for s in keep]
            mask = torch.cat([mask, mask.new_ones(len(active), 1)], dim=1)
            out = self.model(
                input_ids=torch.tensor(tokens, device=mask.device).unsqueeze(1),
                attention_mask=mask,
                position_ids=positions.unsqueeze(1),
                **cache_argument(self.model, cache),
                use_cache=True,
            )
            self.stats.forward_passes += 1
            cache, logits = returned_cache(out), out.logits[:, -1, :]
            positions = positions + 1
        results: list[list[Continuation]] = [[] for _ in requests]
        for row in rows:
            results[row.request].append(self._continuation(row))
        self.stats.seconds += time.perf_counter() - started
        return results

    def _prefill(self, requests: Sequence[SampleRequest]):
        """Encode what each request needs and return the logits of its next token,
        the batch KV cache, the attention mask and each row's next position."""
        from transformers import DynamicCache

        device = self.device
        if self.reuse_prompt:
            cached = [self._prompt_cache(r.prompt_ids) for r in requests]
            segments = [[r.prompt_ids[-1], *self.prefix_ids(r.prefix)] for r in requests]
            past_lengths = [len(r.prompt_ids) - 1 for r in requests]
        else:
            cached = [None] * len(requests)
            segments = [[*r.prompt_ids, *self.prefix_ids(r.prefix)] for r in requests]
            past_lengths = [0] * len(requests)
        past = max(past_lengths)
        width = max(len(s) for s in segments)
        batch = len(requests)
        mask = torch.zeros(batch, past + width, dtype=torch.long, device=device)
        input_ids = torch.full((batch, width), self.pad_id, dtype=torch.long, device=device)
        position_ids = torch.zeros(batch, width, dtype=torch.long, device=device)
        for i, (segment, length) in enumerate(zip(segments, past_lengths, strict=True)):
            mask[i, past - length:past] = 1
            mask[i, past + width - len(segment):] = 1
            input_ids[i, width - len(segment):] = torch.tensor(segment, device=device)
            position_ids[i, width - len(segment):] = torch.arange(
                length, length + len(segment), device=device)
        cache = DynamicCache(config=self.model.config)
        if past:
            cache = DynamicCache(
                ddp_cache_data=_pad_left(cached, past_lengths, past), config=self.model.config
            )
        out = self.model(input_ids=input_ids, attention_mask=mask, position_ids=position_ids,
                         **cache_argument(self.model, cache), use_cache=True, logits_to_keep=1)
        self.stats.forward_passes += 1
        self.stats.encoded_tokens += sum(len(s) for s in segments)
        next_positions = torch.tensor(
            [length + len(s) for s, length in zip(segments, past_lengths, strict=True)],
            device=device)
        return out.logits[:, -1, :], returned_cache(out), mask, next_positions

    def _prompt_cache(self, prompt_ids: tuple[int, ...]):
        """Per-layer (keys, values) of ``prompt_ids[:-1]``, computed once and kept."""
        if prompt_ids in self._prompts:
            self._prompts.move_to_end(prompt_ids)
            return self._prompts[prompt_ids]
        head = torch.tensor([prompt_ids[:-1]], device=self.device)
        out = self.model(input_ids=head, use_cache=True, logits_to_keep=1)
        self.stats.forward_passes += 1
        self.stats.encoded_tokens += head.shape[1]
        layers = [(layer.keys, layer.values) for layer in returned_cache(out).layers]
        self._prompts[prompt_ids] = layers
        while len(self._prompts) > self.cache_size:
            self._prompts.popitem(last=False)
        return layers

    def _pick(self, logits: torch.Tensor, rows: list[_Row], temperature: float,
              top_p: float) -> tuple[list[int], list[float]]:
        """Next token per row (greedy, or temperature/top-p sampling with the row's
        own generator) and its log-probability under the unmodified model."""
        logits = logits.float()
        logprobs = torch.log_softmax(logits, dim=-1)
        if temperature <= 0:
            chosen = logits.argmax(dim=-1)
        else:
            probs, order = _nucleus(torch.softmax(logits / temperature, dim=-1), top_p)
            cumulative = probs.cumsum(dim=-1)
            draws = torch.stack([torch.rand((), generator=row.generator) for row in rows])
            draws = (draws.to(cumulative.device) * cumulative[:, -1]).unsqueeze(1)
            picks = torch.searchsorted(cumulative, draws).clamp(max=probs.shape[1] - 1)
            chosen = picks.squeeze(1) if order is None else order.gather(1, picks).squeeze(1)
        token_logprobs = logprobs.gather(1, chosen.unsqueeze(1)).squeeze(1)
        return chosen.tolist(), token_logprobs.tolist()

    def _continuation(self, row: _Row) -> Continuation:
        decode = self.tokenizer.decode
        text = decode(row.tokens, clean_up_tokenization_spaces=False)
        ends, last = [], 0
        for i in range(1, len(row.tokens) + 1):
            last = min(max(last, len(decode(row.tokens[:i], clean_up_tokenization_spaces=False))),
                       len(text))
            ends.append(last)
        return Continuation(text=text, token_logprobs=row.logprobs, token_ends=ends,
                            finished=row.finished)


class RoomyLayer(DynamicLayer):
    """Keys and values of one layer in buffers with room for the tokens still to be
    sampled. A ``DynamicLayer`` concatenates at every step, copying the whole cache
    (prompt included) once per token, which at batch size × prompt length costs as
    much as the forward pass itself; here a new token is written into the room.
    ``keys``/``values`` are views of the filled part."""

    is_croppable = False

    def __init__(self, keys: torch.Tensor, values: torch.Tensor, room: int):
        super().__init__()
        self.dtype, self.device = keys.dtype, keys.device
        batch, heads, length, _ = keys.shape
        self._keys = keys.new_empty(batch, heads, length + room, keys.shape[3])
        self._values = values.new_empty(batch, heads, length + room, values.shape[3])
        self._keys[:, :, :length] = keys
        self._values[:, :, :length] = values
        self.length = length
        self.is_initialized = True
        self._expose()

    def _expose(self) -> None:
        self.keys = self._keys[:, :, :self.length]
        self.values = self._values[:, :, :self.length]

    def update(self, keys: torch.Tensor, values: torch.Tensor, *args, **kwargs):
        end = self.length + keys.shape[2]
        if end > self._keys.shape[2]:
            raise RuntimeError("RoomyLayer: more tokens than the room made for them")
        self._keys[:, :, self.length:end] = keys
        self._values[:, :, self.length:end] = values
        self.length = end
        self._expose()
        return self.keys, self.values

    def get_seq_length(self) -> int:
        return self.length

    def get_mask_sizes(self, query_length: int) -> tuple[int, int]:
        return self.length + query_length, 0

    def get_max_length(self) -> int:
        return -1

    def batch_repeat_interleave(self, repeats: int) -> None:
        self._keys = self._keys.repeat_interleave(repeats, dim=0)
        self._values = self._values.repeat_interleave(repeats, dim=0)
        self._expose()

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        self._keys = self._keys[indices]
        self._values = self._values[indices]
        self._expose()


def make_room(cache, tokens: int) -> None:
    """Swap the layers of a ``DynamicCache`` for :class:`RoomyLayer` s with room for
    ``tokens`` more tokens (models with sliding-window layers keep theirs)."""
    if not windowed(cache):
        cache.layers = [RoomyLayer(layer.keys, layer.values, tokens) for layer in cache.layers]


def _nucleus(probs: torch.Tensor, top_p: float, head: int = 256):
    """The smallest set of most likely tokens whose mass reaches ``top_p``, as
    (probabilities with the rest zeroed, token ids of those columns); ``None`` ids
    mean the columns are the vocabulary itself (``top_p`` = 1). Sorting 50k entries
    per step is slow, so the nucleus is looked for among the ``head`` most likely
    tokens first, and the whole vocabulary sorted only when it is not in there."""
    if top_p >= 1.0:
        return probs, None
    if probs.shape[1] > head:
        top, order = probs.topk(head, dim=-1)
        if bool((top.sum(dim=-1) >= top_p).all()):
            return _cut_tail(top, top_p), order
    top, order = probs.sort(dim=-1, descending=True)
    return _cut_tail(top, top_p), order


def _cut_tail(sorted_probs: torch.Tensor, top_p: float) -> torch.Tensor:
    outside = (sorted_probs.cumsum(dim=-1) - sorted_probs) >= top_p
    return sorted_probs.masked_fill(outside, 0.0)


def _pad_left(cached, lengths: list[int], width: int):
    """Stack per-request (keys, values) layers into batch tensors, each request's
    positions right-aligned in ``width`` slots (the rest zeros, masked out)."""
    layers = []
    for layer in range(len(cached[0])):
        keys0, values0 = cached[0][layer]
        shape = (len(cached), keys0.shape[1], width, keys0.shape[3])
        keys = keys0.new_zeros(shape)
        values = values0.new_zeros((len(cached), values0.shape[1], width, values0.shape[3]))
        for i, (entry, length) in enumerate(zip(cached, lengths, strict=True)):
            if length:
                keys[i, :, width - length:] = entry[layer][0][0]
                values[i, :, width - length:] = entry[layer][1][0]
        layers.append((keys, values))
    return layers
