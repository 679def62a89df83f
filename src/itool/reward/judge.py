"""An optional LLM judge for the reward (off by default).

As in the original iTool code, a language model (the policy itself or another model)
reads the target and the response and picks a grade, (A) excellent, (B) acceptable,
(C) fair or (D) poor; the probabilities it puts on the four letters give an expected
grade value that is blended into ``q`` (see :func:`itool.reward.assess_responses`).

A judge is anything with ``option_logprobs(prompts) -> [{"A": lp, "B": lp, "C": lp,
"D": lp}, ...]``: the next-token log-probabilities of the four letters after each
prompt. :class:`TransformersJudge` does that with one forward pass of a Hugging Face
causal LM.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from itool.records import GRADES, Sample
from itool.reward.grading import canonical_text

OPTIONS = ("A", "B", "C", "D")  # in the order of GRADES: excellent .. poor

_INSTRUCTIONS = """You grade the reply of a function-calling assistant against a reference reply.

User request: {request}
Reference reply: {reference}
Assistant's reply: {response}

Compare which functions are called, how many arguments each call has, the argument \
names, the argument values and their types, and whether the reply means the same as \
the reference.
(A) Excellent: right on every point.
(B) Acceptable: small differences that do not change what the reply does.
(C) Fair: wrong values or types; the call would fail or do the wrong thing.
(D) Poor: wrong function, wrong number of calls, unreadable, a call where a text \
reply was right, or a text reply where a call was needed.
Answer with one letter."""

ANSWER_PREFIX = "The grade is ("
MAX_FIELD_CHARS = 1500  # keeps a runaway response from filling the judge's context


class Judge(Protocol):
    def option_logprobs(self, prompts: list[str]) -> list[dict[str, float]]: ...


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FIELD_CHARS else text[:MAX_FIELD_CHARS] + " ..."


def judge_prompt(sample: Sample, response: str) -> str:
    """The grading question for one response (the last user turn as the request)."""
    request = next((m.content for m in reversed(sample.messages) if m.role == "user"), "")
    reference = (canonical_text(sample.target_calls) if sample.expects_call
                 else sample.target if isinstance(sample.target, str) else "")
    return _INSTRUCTIONS.format(request=_clip(request), reference=_clip(reference),
                                response=_clip(response.strip()))


def grade_probabilities(logprobs: dict[str, float]) -> dict[str, float]:
    """The judge's distribution over grades: its letter probabilities renormalised
    over the four options (A -> excellent, ..., D -> poor)."""
    top = max(logprobs[o] for o in OPTIONS)
    weights = [math.exp(logprobs[o] - top) for o in OPTIONS]
    total = sum(weights)
    return {grade: w / total for grade, w in zip(GRADES, weights, strict=True)}


class TransformersJudge:
    """A judge backed by a transformers causal LM and its tokenizer.

    Each prompt is wrapped in the tokenizer's chat template (when it has one) as a
    user turn, followed by the start of the answer ``"The grade is ("``, so that the
    next token is the letter. One batched forward pass (left padding) per
    ``batch_size`` prompts reads the log-probabilities of the letter tokens at the
    last position.
    """

    def __init__(self, model: Any, tokenizer: Any, batch_size: int = 8):
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.option_ids = [self._single_token(o) for o in OPTIONS]

    def _single_token(self, text: str) -> int:
        ids = self.tokenizer.encode(text, add_special_tokens=False)
        if len(ids) != 1:
            raise ValueError(f"the judge's tokenizer splits {text!r} into {len(ids)} tokens; "
                             "option letters must be single tokens")
        return ids[0]

    def render(self, prompt: str) -> str:
        if getattr(self.tokenizer, "chat_template", None):
            head = self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}], tokenize=False,
                add_generation_prompt=True)
        else:
            head = prompt + "\n"
        return head + ANSWER_PREFIX

    def option_logprobs(self, prompts: list[str]) -> list[dict[str, float]]:
        import torch

        out: list[dict[str, float]] = []
        pad_id = self.tokenizer.pad_token_id
        if pad_id is None:
            pad_id = self.tokenizer.eos_token_id
        device = next(self.model.parameters()).device
        for start in range(0, len(prompts), self.batch_size):
            texts = [self.render(p) for p in prompts[start:start + self.batch_size]]
            encoded = [self.tokenizer.encode(t, add_special_tokens=False) for t in texts]
            width = max(len(ids) for ids in encoded)
            input_ids = torch.tensor([[pad_id] * (width - len(ids)) + ids for ids in encoded],
                                     device=device)
            mask = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in encoded],
                                device=device)
            positions = (mask.cumsum(-1) - 1).clamp(min=0)
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids, attention_mask=mask,
                                    position_ids=positions, logits_to_keep=1).logits[:, -1, :]
            logprobs = torch.log_softmax(logits.float(), dim=-1)[:, self.option_ids]
            out.extend(dict(zip(OPTIONS, row.tolist(), strict=True)) for row in logprobs)
        return out
